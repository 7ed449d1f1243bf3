/**
 * The first Create through a fresh host: spawn of the dynamic-provider host, its port printed,
 * Configure, the first Check (which deserializes the provider and loads the package), the Create
 * answered. Several fresh hosts, one after the other; the median is the metric.
 */
import { refOf } from "../tests/engine/harness/engine";
import type { Registration } from "../tests/engine/harness/mockProgram";
import { ProviderHost } from "../tests/engine/harness/providerHost";
import { BenchContext, stackConfig } from "./context";
import { measured, median, Metric, msSince } from "./metric";

const SAMPLES = 3;

export async function measureColdStart(context: BenchContext, registrations: Registration[]): Promise<Metric[]> {
  context.emulator.setRateLimit(undefined);
  const samples: { totalMs: number; spawnToPortMs: number; configureMs: number; firstCheckMs: number; createMs: number }[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const registration = registrations[i];
    const ref = refOf(registration);
    const started = performance.now();
    const host = await ProviderHost.start(context.pkg.programDir);
    try {
      const spawnToPortMs = msSince(started);
      let mark = performance.now();
      await host.configure(stackConfig(context.emulator), ["stripe:apiKey"]);
      const configureMs = msSince(mark);
      mark = performance.now();
      const check = await host.check(ref, {}, registration.inputs);
      const firstCheckMs = msSince(mark);
      mark = performance.now();
      await host.create(ref, check.inputs);
      const createMs = msSince(mark);
      samples.push({ totalMs: msSince(started), spawnToPortMs, configureMs, firstCheckMs, createMs });
    } finally {
      await host.stop();
    }
  }
  context.emulator.clearRequests();
  return [
    measured("cold start", "spawn to first Create answered (median)", median(samples.map((s) => s.totalMs)), "ms", null, { samples }),
  ];
}
