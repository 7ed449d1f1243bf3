/**
 * What every part of the bench shares: the package as packed and installed by the engine-test
 * harness, the Stripe emulator, and a way to start a configured dynamic-provider host.
 */
import type { Emulator } from "../emulator";
import type { InstalledPackage } from "../tests/engine/harness/installedPackage";
import { ProviderHost } from "../tests/engine/harness/providerHost";

/** A test-mode key: the client paces itself at test mode's rate (25/s). */
export const KEY = "sk_test_benchmark4242";
export const TYPE = "pulumi-nodejs:dynamic/stripe:PortalConfiguration";

export interface BenchContext {
  pkg: InstalledPackage;
  emulator: Emulator;
}

/** The stack config a `pulumi up` against the emulator sends, the key as a secret. */
export function stackConfig(emulator: Emulator): Record<string, string> {
  return { "stripe:apiBase": emulator.url, "stripe:apiKey": KEY };
}

/** Runs `work` with a fresh host (one per command, as the CLI does), always stopping it. */
export async function withHost<T>(context: BenchContext, work: (host: ProviderHost) => Promise<T>): Promise<T> {
  const host = await ProviderHost.start(context.pkg.programDir);
  try {
    return await work(host);
  } finally {
    await host.stop();
  }
}
