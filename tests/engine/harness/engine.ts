/**
 * The part of the Pulumi engine these tests need: a stack's state (id, inputs, outputs per
 * resource) and the provider calls each command makes, in the engine's order and with the
 * engine's arguments:
 *
 *   preview  Configure; per resource Check(old inputs, new inputs), then, for a resource already
 *            in the state, Diff(id, old outputs, checked inputs). Nothing is created or updated.
 *   up       the same, then Create(checked inputs) for a new resource, Update(id, old outputs,
 *            checked inputs) when Diff says DIFF_SOME, or DIFF_UNKNOWN and the engine's own
 *            comparison of old and checked inputs finds a change (`inputsChanged`), Delete for a
 *            resource the program dropped.
 *   refresh  Configure; per resource Read(id, old outputs, old inputs).
 *   destroy  Configure; per resource Delete(id, outputs).
 *
 * The engine starts a new provider host per command; the host configures the provider once per
 * process, so a test reuses a host only for commands with the same stack config.
 */
import type { Registration, Struct } from "./mockProgram";
import { PROJECT, STACK } from "./mockProgram";
import type { CheckResult, DiffResult, ProviderHost, ResourceRef } from "./providerHost";

export interface StackResource extends ResourceRef {
  id: string;
  inputs: Struct;
  outputs: Struct;
}

export interface Step {
  name: string;
  check?: CheckResult;
  diff?: DiffResult;
  op: "create" | "update" | "same" | "delete" | "read" | "preview";
  id?: string;
  outputs?: Struct;
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

export function refOf(registration: { type: string; name: string }): ResourceRef {
  return { urn: urnOf(registration.type, registration.name), type: registration.type, name: registration.name };
}

export class Stack {
  /** The stack's state, by URN. */
  readonly state = new Map<string, StackResource>();

  /**
   * @param config the stack config (`pulumi config`), e.g. `{"stripe:apiBase": url, "stripe:apiKey": key}`
   * @param secretKeys the config keys set with `--secret`
   */
  constructor(
    public config: Record<string, string> = {},
    public secretKeys: string[] = ["stripe:apiKey"],
  ) {}

  /** The one resource of the state named `name`. */
  resource(name: string): StackResource {
    const found = [...this.state.values()].filter((r) => r.name === name);
    if (found.length !== 1) throw new Error(`No single resource "${name}" in the state`);
    return found[0];
  }

  async preview(host: ProviderHost, registrations: Registration[]): Promise<Step[]> {
    await this.configure(host);
    const steps: Step[] = [];
    for (const registration of custom(registrations)) {
      const ref = refOf(registration);
      const old = this.state.get(ref.urn);
      const check = await host.check(ref, old?.inputs ?? {}, registration.inputs);
      const step: Step = { name: ref.name, check, op: "preview" };
      if (check.failures.length === 0 && old) step.diff = await host.diff(ref, old.id, old.outputs, check.inputs, old.inputs);
      steps.push(step);
    }
    return steps;
  }

  async up(host: ProviderHost, registrations: Registration[]): Promise<Step[]> {
    await this.configure(host);
    const steps: Step[] = [];
    const registered = new Set<string>();
    for (const registration of custom(registrations)) {
      const ref = refOf(registration);
      registered.add(ref.urn);
      const old = this.state.get(ref.urn);
      const check = await host.check(ref, old?.inputs ?? {}, registration.inputs);
      if (check.failures.length > 0) {
        throw new Error(`${ref.name}: check failed: ${check.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
      }
      if (!old) {
        const created = await host.create(ref, check.inputs);
        this.state.set(ref.urn, { ...ref, id: created.id, inputs: check.inputs, outputs: created.properties });
        steps.push({ name: ref.name, check, op: "create", id: created.id, outputs: created.properties });
        continue;
      }
      const diff = await host.diff(ref, old.id, old.outputs, check.inputs, old.inputs);
      const changes = diff.changes === "DIFF_UNKNOWN" ? (inputsChanged(old.inputs, check.inputs) ? "DIFF_SOME" : "DIFF_NONE") : diff.changes;
      if (changes !== "DIFF_NONE" && diff.replaces.length > 0) throw new Error(`${ref.name}: replacement (${diff.replaces.join(", ")}) is not modelled by these tests`);
      if (changes === "DIFF_NONE") {
        this.state.set(ref.urn, { ...old, inputs: check.inputs });
        steps.push({ name: ref.name, check, diff, op: "same", id: old.id, outputs: old.outputs });
        continue;
      }
      const updated = await host.update(ref, old.id, old.outputs, check.inputs, old.inputs);
      this.state.set(ref.urn, { ...old, inputs: check.inputs, outputs: updated.properties });
      steps.push({ name: ref.name, check, diff, op: "update", id: old.id, outputs: updated.properties });
    }
    for (const old of [...this.state.values()].filter((r) => !registered.has(r.urn))) {
      await host.delete(old, old.id, old.outputs, old.inputs);
      this.state.delete(old.urn);
      steps.push({ name: old.name, op: "delete", id: old.id });
    }
    return steps;
  }

  async refresh(host: ProviderHost): Promise<Step[]> {
    await this.configure(host);
    const steps: Step[] = [];
    for (const old of [...this.state.values()]) {
      const read = await host.read(old, old.id, old.outputs, old.inputs);
      if (read.id === "") this.state.delete(old.urn);
      else this.state.set(old.urn, { ...old, id: read.id, outputs: read.properties, inputs: read.inputs ?? old.inputs });
      steps.push({ name: old.name, op: "read", id: read.id, outputs: read.properties });
    }
    return steps;
  }

  async destroy(host: ProviderHost): Promise<Step[]> {
    await this.configure(host);
    const steps: Step[] = [];
    for (const old of [...this.state.values()].reverse()) {
      await host.delete(old, old.id, old.outputs, old.inputs);
      this.state.delete(old.urn);
      steps.push({ name: old.name, op: "delete", id: old.id });
    }
    return steps;
  }

  private async configure(host: ProviderHost): Promise<void> {
    await host.configure(this.config, this.secretKeys.filter((key) => key in this.config));
  }
}

/**
 * The engine's own comparison when Diff answers DIFF_UNKNOWN (pulumi pkg/resource/deploy/step_generator.go,
 * `diffResource`: `oldInputs.Diff(newInputs).AnyChanges()`): any property added, removed or changed,
 * a null property and a missing one being alike (sdk/go/common/resource/properties_diff.go).
 */
export function inputsChanged(olds: unknown, news: unknown): boolean {
  if (isObject(olds) && isObject(news)) return changedInputKeys(olds, news).length > 0;
  if (Array.isArray(olds) && Array.isArray(news)) return olds.length !== news.length || olds.some((item, i) => inputsChanged(item, news[i]));
  return JSON.stringify(olds) !== JSON.stringify(news);
}

/** The top-level input keys the engine then reports changed (`ChangedKeys`), sorted: what `pulumi preview` lists. */
export function changedInputKeys(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].sort();
  return keys.filter((key) => inputsChanged(olds[key] ?? null, news[key] ?? null));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The registrations the engine sends to a provider (the stack resource and components have none). */
function custom(registrations: Registration[]): Registration[] {
  return registrations.filter((r) => r.custom);
}
