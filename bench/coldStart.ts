/**
 * The first Create through a fresh provider process: spawn of the dynamic-provider host (or of the
 * native plugin), its port printed, Configure, the first Check (which, in the host, deserializes
 * the provider and loads the package), the Create answered. Several fresh processes, one after the
 * other; the median is the metric.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { IDENTITY_INPUT } from "../provider/createIdentity";
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../provider/resourceTypes";
import { refOf } from "../tests/engine/harness/engine";
import type { Registration } from "../tests/engine/harness/mockProgram";
import { ProviderHost } from "../tests/engine/harness/providerHost";
import { PLUGIN_NAME } from "../scripts/buildPlugin";
import { builtPlugin } from "../tests/realEngine/harness/builtPlugin";
import { BenchContext, KEY, stackConfig } from "./context";
import { measured, median, Metric, msSince } from "./metric";

const SAMPLES = 3;

export async function measureColdStart(context: BenchContext, registrations: Registration[]): Promise<Metric[]> {
  const dynamic = await samplesOf(context, registrations, () => ProviderHost.start(context.pkg.programDir), (host) => host.configure(stackConfig(context.emulator), ["stripe:apiKey"]));
  const plugin = await builtPlugin();
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plugin-"));
  try {
    const native = await samplesOf(
      context,
      registrations,
      () => ProviderHost.startPlugin(path.join(plugin.dir, PLUGIN_NAME), cwd),
      (host) => host.configurePlugin("stripe-portal", { apiBase: context.emulator.url, apiKey: KEY }, ["apiKey"]),
      PLUGIN_PORTAL_CONFIGURATION_TYPE,
    );
    return [
      measured("cold start", "spawn to first Create answered (median), dynamic-provider host", median(dynamic.map((s) => s.totalMs)), "ms", null, { samples: dynamic }),
      measured("cold start", "spawn to first Create answered (median), native plugin", median(native.map((s) => s.totalMs)), "ms", null, { samples: native }),
    ];
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

async function samplesOf(
  context: BenchContext,
  registrations: Registration[],
  start: () => Promise<ProviderHost>,
  configure: (host: ProviderHost) => Promise<unknown>,
  type?: string,
): Promise<Sample[]> {
  context.emulator.setRateLimit(undefined);
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    // A resource of its own (a name no other part registers), so its create is not an idempotent
    // replay of another part's and each sample makes a configuration.
    const registration = registrations[i];
    const ref = refOf({ type: type ?? registration.type, name: `cold-start-${type ? "plugin" : "dynamic"}-${i}` });
    // The plugin takes the declaration itself; the dynamic host, the SDK's inputs with its provider text.
    const declared = Object.fromEntries(Object.entries(registration.inputs).filter(([key]) => !key.startsWith("__")));
    const inputs = type ? declared : { ...registration.inputs, [IDENTITY_INPUT]: ref.urn };
    const started = performance.now();
    const host = await start();
    try {
      const spawnToPortMs = msSince(started);
      let mark = performance.now();
      await configure(host);
      const configureMs = msSince(mark);
      mark = performance.now();
      const check = await host.check(ref, {}, inputs);
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
  return samples;
}

interface Sample {
  totalMs: number;
  spawnToPortMs: number;
  configureMs: number;
  firstCheckMs: number;
  createMs: number;
}
