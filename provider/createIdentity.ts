/**
 * What identifies a configuration's create, so that sending it again after a crash is answered
 * with the configuration it made the first time instead of a second one.
 *
 * Stripe keeps a key's first answer for 24 hours and replays it for the same key
 * (SEMANTICS.md, "Idempotency"), so the create's `Idempotency-Key` is derived from the resource it
 * is for (its URN: project, stack, parent types, name), the account, what the create sends (its
 * body and API version) and, for a replacement, the configuration it replaces. A create sent again after a crash within those
 * 24 hours (`pulumi up` after `pulumi refresh`) gets the same key, hence the same configuration.
 */
import { createHash } from "crypto";
import { canonicalJson } from "./canonicalJson";
import { isRecord } from "./desiredState";
import { FormParams } from "./encodeForm";

/**
 * The input that carries the resource's URN from the dynamic resource's SDK to the provider, which
 * the dynamic-provider host does not otherwise tell it. Pulumi shows `__` inputs like any other,
 * so `identityOf` keeps it from ever changing once stored.
 */
export const IDENTITY_INPUT = "__identity";

/**
 * The identity check keeps among the inputs: the stored one, set when the resource was created
 * (a rename with an alias keeps it, so no preview shows it change); a new resource's own; none for
 * a resource created before identities existed, whose stored inputs would otherwise gain a key.
 *
 * @param olds the stored inputs: empty for a resource that is not in the state yet
 * @param news the program's inputs
 */
export function identityOf(olds: unknown, news: unknown): string | undefined {
  const stored = isRecord(olds) ? olds : {};
  const given = isRecord(news) ? news[IDENTITY_INPUT] : undefined;
  if (typeof stored[IDENTITY_INPUT] === "string") return stored[IDENTITY_INPUT] as string;
  return Object.keys(stored).length === 0 && typeof given === "string" ? given : undefined;
}

/** What a create's key is derived from. */
export interface CreateIdentity {
  /** The resource's URN as it was when it was created. */
  resource: string;
  /** The `Stripe-Account` the create is sent to, if any. */
  account?: string;
  /** The configuration this create replaces, if it is a replacement: its own create had the same key otherwise. */
  replacing?: string;
}

/**
 * The create's `Idempotency-Key`: a hash (Stripe takes at most 255 characters) of its identity and
 * of exactly what the POST sends, in a canonical order: its whole body (the parameters and
 * `expand[]`) and its `Stripe-Version`. Stripe refuses a key sent again with other parameters for
 * 24 hours, so a release that sends something else (another expand list, another pinned version)
 * must get another key, or a create retried across the upgrade would be blocked that long.
 */
export function createIdempotencyKey(identity: CreateIdentity, body: FormParams, apiVersion: string): string {
  const text = canonicalJson([identity.resource, identity.account ?? null, identity.replacing ?? null, body, apiVersion]);
  return `pulumi-stripe-portal-create-${createHash("sha256").update(text).digest("hex")}`;
}

/**
 * The configuration each resource identity held when the engine last diffed it, in this process.
 * The engine diffs a resource before replacing it, and creates its replacement in the same
 * provider process: so a create for an identity found here is a replacement, and must not get
 * the key that made the configuration it replaces (Stripe would answer with that one).
 */
const heldConfigurations = new Map<string, string>();

/** Records the configuration a resource holds, as its diff sees it. */
export function noteHeldConfiguration(identity: string | undefined, id: string): void {
  if (identity !== undefined && id !== "") heldConfigurations.set(identity, id);
}

/** The configuration a create for this identity replaces, if the engine diffed one in this process. */
export function replacedConfiguration(identity: string | undefined): string | undefined {
  return identity === undefined ? undefined : heldConfigurations.get(identity);
}
