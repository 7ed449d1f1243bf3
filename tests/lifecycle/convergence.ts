/**
 * The provider's lifecycle run the way the engine runs it (check, create, diff; refresh = read then
 * diff), against an emulator, for proofs that a configuration plans no change after it was created
 * whatever Stripe fills in for the fields a program leaves out.
 */
import type { Emulator } from "../../emulator";
import { ConfigurationDiff, diffConfiguration } from "../../provider/diff";
import * as lifecycle from "../../provider/lifecycle";

export const EXPAND = { expand: ["features.subscription_update.products"] };

/** Points the provider at a Stripe stand-in as a stack's config would, with another `stripe:apiVersion` if given. */
export function configureProvider(apiBase: string, apiVersion?: string): void {
  const config: Record<string, string> = { "stripe:apiKey": "sk_test_convergence", "stripe:apiBase": apiBase };
  if (apiVersion) config["stripe:apiVersion"] = apiVersion;
  lifecycle.configure({ config: { get: (key: string) => config[key] } });
}

/** The requests the emulator saw since the last call: method, path, decoded body and query. */
export function seen(emulator: Emulator) {
  const requests = emulator.requests().map((r) => ({ method: r.method, path: r.path, body: r.body, query: r.query }));
  emulator.clearRequests();
  return requests;
}

/** The engine's Check of a declaration; a failure fails the test with the failures in its message. */
export async function checked(declared: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inputs, failures } = await lifecycle.check({}, declared);
  if (failures && failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  return inputs as Record<string, unknown>;
}

/**
 * What the next `pulumi preview` concludes: the diff of the stored outputs against the checked
 * declaration, with its changed paths (`lifecycle.diff` gives the engine DIFF_NONE exactly when this has none).
 */
export async function plan(outputs: Record<string, unknown>, inputs: Record<string, unknown>): Promise<ConfigurationDiff> {
  return diffConfiguration(outputs, inputs);
}

/** What one declaration went through, every entry false/empty when it converges. */
export interface Convergence {
  label: string;
  /** The changed paths `pulumi preview` shows right after the create. */
  afterCreate: string[];
  /** The requests an `up` of the unchanged program would send. */
  upSends: unknown[];
  /** The changed paths after `pulumi refresh`, then after a second refresh. */
  afterRefresh: string[];
  afterSecondRefresh: string[];
  /** The changed paths when the inputs refresh returns are declared instead: none, as they match what Stripe holds. */
  refreshInputsPlan: string[];
}

/** The requests a server received since the last call (and forgets them): an emulator's log, or a recording proxy's. */
export type SentRequests = () => unknown[];

/**
 * Creates the declaration, then plans, ups, refreshes twice and plans again.
 * @param sent the requests that reached Stripe's stand-in since the last call (an emulator: `() => seen(emulator)`)
 */
export async function convergenceOf(sent: SentRequests, label: string, declared: Record<string, unknown>): Promise<Convergence & { id: string; outputs: Record<string, unknown> }> {
  const inputs = await checked(declared);
  const created = await lifecycle.create(inputs);
  const outputs = created.outs as Record<string, unknown>;
  sent();
  const afterCreate = (await plan(outputs, inputs)).diffs;
  await lifecycle.update(created.id, outputs, inputs);
  const upSends = sent();
  const refreshed = await lifecycle.read(created.id, outputs);
  const afterRefresh = (await plan(refreshed.props as Record<string, unknown>, inputs)).diffs;
  const again = await lifecycle.read(created.id, refreshed.props as Record<string, unknown>);
  const afterSecondRefresh = (await plan(again.props as Record<string, unknown>, inputs)).diffs;
  sent();
  // `active` is the provider's own input (check adds it), not a field a program declares.
  const { active: _active, ...declaredByRefresh } = refreshed.inputs as Record<string, unknown>;
  const refreshInputsPlan = (await plan(refreshed.props as Record<string, unknown>, await checked(declaredByRefresh))).diffs;
  return { label, afterCreate, upSends, afterRefresh, afterSecondRefresh, refreshInputsPlan, id: created.id, outputs };
}

/** What every declaration should go through. */
export function converged(label: string): Convergence {
  return { label, afterCreate: [], upSends: [], afterRefresh: [], afterSecondRefresh: [], refreshInputsPlan: [] };
}
