/**
 * Runs the provider's own operations (check, create, read, update, delete: what the Pulumi engine
 * calls) against a Stripe at `apiBase`, so that the requests judged are the ones the package
 * really sends, whatever the request-building code becomes.
 */
import fc from "fast-check";
import type { Fields } from "../../provider/desiredState";
import * as lifecycle from "../../provider/lifecycle";
import { RateLimitGate } from "../../provider/rateLimitGate";
import { validConfiguration } from "../fixtures/configurationArbitraries";

/** stripe-mock takes a key of three `_`-separated parts. */
export const TEST_KEY = "sk_test_stripemock";

/** Points the provider at `apiBase`, with no pacing (the servers are local) and no retries. */
export function pointProviderAt(apiBase: string): void {
  const config: Record<string, string> = { "stripe:apiKey": TEST_KEY, "stripe:apiBase": apiBase };
  lifecycle.configure({ config: { get: (key: string) => config[key] } });
  lifecycle.useClientOptions({ gate: new RateLimitGate(), retry: { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0 } });
}

/** What `check` makes of a declaration, or the failures it prints. */
export async function checked(declaration: Fields): Promise<{ inputs?: Fields; failures: unknown[] }> {
  const result = await lifecycle.check({}, declaration);
  return { inputs: result.inputs as Fields | undefined, failures: result.failures ?? [] };
}

/** A resource as the engine keeps it. */
export interface Created {
  id: string;
  outs: Fields;
}

/** check + create, as `pulumi up` does for a new resource; throws on check failures. */
export async function createDeclared(declaration: Fields): Promise<Created> {
  const { inputs, failures } = await checked(declaration);
  if (failures.length > 0 || !inputs) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  const created = await lifecycle.create(inputs);
  return { id: created.id, outs: created.outs as Fields };
}

/** check + update, as `pulumi up` does after the program changed; the new state. */
export async function updateDeclared(resource: Created, declaration: Fields): Promise<Created> {
  const result = await lifecycle.check(resource.outs, declaration);
  if ((result.failures ?? []).length > 0) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  const updated = await lifecycle.update(resource.id, resource.outs, result.inputs as Fields);
  return { id: resource.id, outs: updated.outs as Fields };
}

/** `pulumi refresh`: the state as Stripe holds it now. */
export async function refreshed(resource: Created): Promise<Created> {
  const read = await lifecycle.read(resource.id, resource.outs);
  return { id: resource.id, outs: read.props as Fields };
}

/** `pulumi destroy` of one resource: deactivation. */
export async function destroyed(resource: Created): Promise<void> {
  await lifecycle.deleteConfiguration(resource.id, resource.outs);
}

/**
 * `count` programs generated from the schema that check passes (a program check refuses never
 * reaches Stripe), the same ones for the same seed.
 */
export async function generatedPrograms(count: number, seed: number): Promise<Fields[]> {
  const passing: Fields[] = [];
  for (const program of fc.sample(validConfiguration, { numRuns: count * 6, seed })) {
    if (passing.length === count) break;
    if ((await checked(program)).failures.length === 0) passing.push(program);
  }
  if (passing.length < count) throw new Error(`only ${passing.length} of ${count * 6} generated programs pass check`);
  return passing;
}
