/**
 * The configurations the emulator holds, one list per mode and account (the platform or a
 * connected account named by `Stripe-Account`), oldest first. Each list lazily gets its default
 * configuration, as every Stripe account has one. Persistence is the caller's `onChange`.
 */
import type { JsonObject } from "./jsonValue";
import { cloneJson } from "./jsonValue";

/** Which data a request sees: test or live, and whose account. */
export interface Scope {
  livemode: boolean;
  /** A connected account id, or null for the platform account. */
  account: string | null;
}

/** The persisted form: every scope's configurations, keyed by `scopeKey`. */
export interface StoreSnapshot {
  version: 1;
  platformAccount: string;
  scopes: Record<string, JsonObject[]>;
}

/** `test:platform`, `live:acct_123`: one namespace per mode and account. */
export function scopeKey(scope: Scope): string {
  return `${scope.livemode ? "live" : "test"}:${scope.account ?? "platform"}`;
}

function scopeOfKey(key: string): Scope {
  const [mode, account] = key.split(":");
  return { livemode: mode === "live", account: account === "platform" ? null : account };
}

export class ConfigurationStore {
  private readonly scopes = new Map<string, JsonObject[]>();

  constructor(
    readonly platformAccount: string,
    private readonly seedDefault: (scope: Scope) => JsonObject,
    /** Persistence, if any: called after each change (then `snapshot` gives what to keep). */
    private readonly onChange?: () => void,
    initial?: StoreSnapshot,
  ) {
    for (const [key, configurations] of Object.entries(initial?.scopes ?? {})) this.scopes.set(key, cloneJson(configurations));
  }

  /** The scope's configurations, oldest first (creating its default configuration on first use). */
  all(scope: Scope): JsonObject[] {
    return this.listOf(scope).map((configuration) => cloneJson(configuration));
  }

  find(scope: Scope, id: string): JsonObject | undefined {
    const found = this.listOf(scope).find((configuration) => configuration.id === id);
    return found && cloneJson(found);
  }

  /** The first configuration in any scope that passes `test` (hosted pages carry no account or mode). */
  findAnywhere(test: (configuration: JsonObject) => boolean): { scope: Scope; configuration: JsonObject } | undefined {
    for (const [key, list] of this.scopes) {
      const found = list.find(test);
      if (found) return { scope: scopeOfKey(key), configuration: cloneJson(found) };
    }
    return undefined;
  }

  /** The scope's default configuration. */
  defaultOf(scope: Scope): JsonObject {
    return cloneJson(this.listOf(scope).find((configuration) => configuration.is_default === true) as JsonObject);
  }

  add(scope: Scope, configuration: JsonObject): void {
    this.listOf(scope).push(cloneJson(configuration));
    this.changed();
  }

  replace(scope: Scope, configuration: JsonObject): void {
    const list = this.listOf(scope);
    const index = list.findIndex((existing) => existing.id === configuration.id);
    if (index < 0) throw new Error(`No configuration ${String(configuration.id)} in ${scopeKey(scope)}`);
    list[index] = cloneJson(configuration);
    this.changed();
  }

  snapshot(): StoreSnapshot {
    return { version: 1, platformAccount: this.platformAccount, scopes: Object.fromEntries([...this.scopes].map(([key, list]) => [key, cloneJson(list)])) };
  }

  private listOf(scope: Scope): JsonObject[] {
    const key = scopeKey(scope);
    let list = this.scopes.get(key);
    if (!list) {
      list = [this.seedDefault(scope)];
      this.scopes.set(key, list);
      this.changed();
    }
    return list;
  }

  private changed(): void {
    this.onChange?.();
  }
}
