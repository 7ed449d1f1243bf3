/**
 * Runs an example program under Pulumi's mocks and, separately, sends what it declares through
 * the provider against the emulator. One example per test file: each file has its own module
 * registry, so each program registers its resources once.
 */
import * as pulumi from "@pulumi/pulumi";
import { Emulator, startEmulator } from "../../emulator";
import { checkConfiguration } from "../../provider/check";
import * as lifecycle from "../../provider/lifecycle";

export const RESOURCE_TYPE = "pulumi-nodejs:dynamic/stripe:PortalConfiguration";

export interface Registered {
  type: string;
  name: string;
  /** The declared inputs, without the provider text and the URN. */
  inputs: Record<string, unknown>;
  /** The provider text Pulumi stores with the resource. */
  provider: unknown;
  /** The URN the SDK hands the provider for the create's idempotency key. */
  identity: unknown;
}

export interface ProgramRun {
  resources: Registered[];
  /** The stack outputs, every Output resolved. */
  outputs: Record<string, unknown>;
  byName(name: string): Registered;
}

/** What a mocked Stripe answers: the inputs, plus the outputs Stripe fills in that the examples read. */
function mockedState(inputs: Record<string, unknown>): Record<string, unknown> {
  const loginPage = inputs.loginPage as { enabled?: boolean } | undefined;
  return {
    ...inputs,
    active: true,
    isDefault: inputs.adoptId === "default",
    livemode: false,
    loginPage: { enabled: loginPage?.enabled === true, url: loginPage?.enabled ? "https://billing.stripe.com/p/login/test_mock" : null },
    loginUrl: loginPage?.enabled ? "https://billing.stripe.com/p/login/test_mock" : null,
  };
}

/** Runs a program module under mocks: `load` imports it (after the mocks are in place). */
export async function runProgram(
  load: () => Promise<Record<string, unknown>>,
  options: { project: string; stack?: string; config?: Record<string, string>; preview?: boolean },
): Promise<ProgramRun> {
  const resources: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const { __provider, __identity, ...inputs } = args.inputs as Record<string, unknown>;
        resources.push({ type: args.type, name: args.name, inputs, provider: __provider, identity: __identity });
        return { id: `bpc_${args.name.replace(/[^A-Za-z0-9]/g, "")}`, state: mockedState(inputs) };
      },
      call: (args) => args.inputs,
    },
    options.project,
    options.stack ?? "dev",
    options.preview ?? false,
  );
  pulumi.runtime.setAllConfig(options.config ?? {});
  const exports = await load();
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(exports)) {
    if (key === "__esModule" || typeof value === "function") continue;
    outputs[key] = await resolved(value);
  }
  return {
    resources,
    outputs,
    byName(name) {
      const found = resources.find((r) => r.name === name);
      if (!found) throw new Error(`no resource named ${name}; registered: ${resources.map((r) => r.name).join(", ")}`);
      return found;
    },
  };
}

/** A value with every Output inside it resolved, as `pulumi stack output` would show it. */
export function resolved(value: unknown): Promise<unknown> {
  return new Promise((resolve) => (pulumi.output(value) as pulumi.Output<unknown>).apply((v) => resolve(v)));
}

/** The provider's check on a resource's inputs: the failures Pulumi would print before anything is sent. */
export function checkFailures(resource: Registered) {
  return checkConfiguration(resource.inputs as Record<string, unknown>).failures;
}

export interface Deployed {
  id: string;
  outs: Record<string, unknown>;
  /** Whether a second `pulumi up` of the same program would change anything. */
  changesOnRerun: boolean;
}

/**
 * What `pulumi up` does with each resource, minus the engine: check, then create against the
 * emulator, then the diff a second run would make.
 */
export async function deployToEmulator(emulator: Emulator, resources: Registered[]): Promise<Deployed[]> {
  const config: Record<string, string> = { "stripe:apiKey": "sk_test_examples", "stripe:apiBase": emulator.url };
  lifecycle.configure({ config: { get: (key: string) => config[key] } });
  const deployed: Deployed[] = [];
  for (const resource of resources) {
    const checked = await lifecycle.check({}, resource.inputs as Record<string, unknown>);
    if (checked.failures && checked.failures.length > 0) throw new Error(`${resource.name}: ${JSON.stringify(checked.failures)}`);
    const created = await lifecycle.create(checked.inputs!);
    const rerun = await lifecycle.check(created.outs, resource.inputs as Record<string, unknown>);
    const diff = await lifecycle.diff(created.id, created.outs, rerun.inputs!);
    deployed.push({ id: created.id, outs: created.outs, changesOnRerun: diff.changes !== false });
  }
  return deployed;
}

export { startEmulator };
export type { Emulator };
