/**
 * `npm run bench`: the provider's costs against the emulator, the real dynamic-provider host
 * (the engine-test harness) and the real Pulumi CLI, as a table and `bench/results.json`. Exit
 * code 0 when every target is met, 1 otherwise.
 *
 *   requests per operation   requestCounts.ts
 *   throughput               throughput.ts   (100 creates, 25 requests/s, 10 and 50 in flight)
 *   preview cost             previewCost.ts  (check + diff in process, 1,000 resources)
 *   serialization            serialization.ts (__provider size, 200 resources under mocks beside
 *                                              200 bare dynamic resources)
 *   cold start               coldStart.ts    (a fresh dynamic-provider host's, and native
 *                                              plugin's, first Create)
 *   real engine              engineScale.ts  (pulumi up and preview of 1,000, one per connected
 *                                              account, 25 requests/s; beside 1,000 bare dynamic
 *                                              resources and 1,000 through the native plugin;
 *                                              state per configuration; peak memory)
 */
import { startEmulator } from "../emulator";
import { installedPackage } from "../tests/engine/harness/installedPackage";
import { measureColdStart } from "./coldStart";
import { measureEngineScale } from "./engineScale";
import type { BenchContext } from "./context";
import { exactly, measured, Metric, msSince } from "./metric";
import { measurePreviewCost } from "./previewCost";
import { printTable, RESULTS_FILE, writeResults } from "./report";
import { measureRequestCounts } from "./requestCounts";
import { measureSerialization } from "./serialization";
import { measureThroughput, RESOURCES } from "./throughput";

async function main(): Promise<number> {
  const started = performance.now();
  const metrics: Metric[] = [];
  /** Runs one part; a part that throws becomes a failed metric, and the others still run. */
  const part = async <T>(group: string, work: () => Promise<T>): Promise<T | undefined> => {
    const partStarted = performance.now();
    process.stderr.write(`bench: ${group}...`);
    try {
      const result = await work();
      process.stderr.write(` ${Math.round(msSince(partStarted))} ms\n`);
      return result;
    } catch (error) {
      process.stderr.write(` failed\n${(error as Error).stack ?? error}\n`);
      metrics.push(measured(group, `error: ${(error as Error).message.split("\n")[0]}`, Number.NaN, "", exactly(0)));
      return undefined;
    }
  };

  const pkg = await part("pack and install the package", () => installedPackage());
  if (!pkg) return finish(metrics, started);
  const emulator = await startEmulator({ port: 0 });
  const context: BenchContext = { pkg, emulator };
  try {
    const serialization = await part("serialization", () => measureSerialization(context));
    if (serialization) metrics.push(...serialization.metrics);
    const registrations = serialization?.registrations ?? [];

    // In-process timings first, while this process holds little (the emulator's stores and the
    // hosts' exchanges grow later): garbage collections then weigh as they would in a host.
    const providerText = registrations[0]?.inputs.__provider;
    if (typeof providerText === "string") {
      const cost = await part("preview cost", () => measurePreviewCost(providerText, emulator));
      if (cost) metrics.push(...cost);
    }

    if (registrations.length > 0) {
      const cold = await part("cold start", () => measureColdStart(context, registrations));
      if (cold) metrics.push(...cold);
    }

    const counts = await part("requests per operation", () => measureRequestCounts(context));
    if (counts) metrics.push(...counts);

    if (registrations.length >= 2 * RESOURCES) {
      for (const [index, inFlight] of [10, 50].entries()) {
        const batch = registrations.slice(index * RESOURCES, (index + 1) * RESOURCES);
        const result = await part(`throughput, ${inFlight} in flight`, () => measureThroughput(context, batch, inFlight));
        if (result) metrics.push(...result);
      }
    }

    const engine = await part("real engine (several minutes)", () => measureEngineScale(context));
    if (engine) metrics.push(...engine);
  } finally {
    await emulator.stop();
  }
  return finish(metrics, started);
}

function finish(metrics: Metric[], started: number): number {
  const failed = metrics.filter((m) => m.pass === false).map((m) => `${m.group}: ${m.name}`);
  const totalMs = Math.round(msSince(started));
  writeResults(metrics, { totalMs, failed });
  console.log("");
  printTable(metrics);
  console.log("");
  console.log(`Total ${(totalMs / 1000).toFixed(1)} s; results in ${RESULTS_FILE}`);
  if (failed.length > 0) {
    console.log(`${failed.length} target(s) missed:`);
    for (const name of failed) console.log(`  - ${name}`);
    return 1;
  }
  console.log("Every target met.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
