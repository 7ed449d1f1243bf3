/**
 * What registering resources costs the program: a program of 200 varied configurations run under
 * Pulumi mocks by the harness (a child `node`, modules from the installed package), the size of
 * the provider text each registration carries, and how often Pulumi's closure serializer ran.
 *
 * Beside it, in the same harness and interleaved with it, the same 200 declarations as bare
 * dynamic resources (bareResource.ts): the engine receives the same inputs, so the ratio is what
 * the SDK adds to Pulumi's own cost of a dynamic resource. A third program gives the bare resource
 * every property of ours (as `undefined`, as the SDK does to get an output for each): it shows how
 * much of the difference is Pulumi's cost per output property. Each is run several times, taking
 * turns, and compared by medians, as other processes on the machine slow single runs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProgramRun, Registration, runProgram, Struct } from "../tests/engine/harness/mockProgram";
import { portalProgram } from "../tests/engine/harness/testing";
import { RESOURCE_PROPERTIES } from "../provider/schema";
import { BARE_TYPE, bareProgram } from "./bareResource";
import { BenchContext, stackConfig, TYPE } from "./context";
import { declaration } from "./declarations";
import { atMost, exactly, measured, median, Metric, msSince, round } from "./metric";

const GROUP = "serialization";
export const PROGRAM_RESOURCES = 200;
/** Runs of each program; the medians are compared. */
const SAMPLES = 5;
/** The bound: registering ours costs at most 1.5 times the bare dynamic resource. */
const RATIO_TARGET = 1.5;
const CPU_PRELOAD = path.join(__dirname, "programCpu.cjs");

interface TimedRun {
  run: ProgramRun;
  wallMs: number;
  /** CPU time of the program's process from loading the program to its exit. */
  cpuMs: number;
}

/** One run of `source` under mocks, with the CPU time its process spent (programCpu.cjs). */
async function timedRun(context: BenchContext, source: string): Promise<TimedRun> {
  const cpuFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-cpu-")), "cpu.json");
  try {
    const started = performance.now();
    const run = await runProgram(context.pkg.programDir, source, {
      config: stackConfig(context.emulator),
      env: { NODE_OPTIONS: `--require ${JSON.stringify(CPU_PRELOAD)}`, BENCH_CPU_FILE: cpuFile },
    });
    const wallMs = msSince(started);
    const { cpuMs } = JSON.parse(fs.readFileSync(cpuFile, "utf8")) as { cpuMs: number };
    return { run, wallMs, cpuMs };
  } finally {
    fs.rmSync(path.dirname(cpuFile), { recursive: true, force: true });
  }
}

/**
 * The registered inputs by resource name, without what only ours adds: the provider text, and the
 * URN its creates are keyed by (`__identity`). By name: the engine receives registrations in no
 * fixed order.
 */
function declaredInputs(registrations: Registration[]): Struct[] {
  return [...registrations].sort((a, b) => a.name.localeCompare(b.name)).map(({ name, inputs: { __provider: _provider, __identity: _identity, ...rest } }) => ({ name, ...rest }));
}

export async function measureSerialization(context: BenchContext): Promise<{ metrics: Metric[]; registrations: Registration[] }> {
  const resources = Object.fromEntries(Array.from({ length: PROGRAM_RESOURCES }, (_, i) => [`portal-${i}`, declaration(i)]));
  const programs = {
    ours: portalProgram(resources),
    bare: bareProgram(resources),
    bareWithEveryProperty: bareProgram(resources, RESOURCE_PROPERTIES),
  };
  const order = Object.keys(programs) as (keyof typeof programs)[];
  const samples: Record<keyof typeof programs, TimedRun[]> = { ours: [], bare: [], bareWithEveryProperty: [] };
  for (let i = 0; i < SAMPLES; i++) {
    // Taking turns at going first, so that a slower stretch of the machine weighs on all of them.
    for (const which of [...order.slice(i % order.length), ...order.slice(0, i % order.length)]) {
      samples[which].push(await timedRun(context, programs[which]));
    }
  }

  const registrations = samples.ours[0].run.registrations.filter((r) => r.type === TYPE);
  if (registrations.length !== PROGRAM_RESOURCES) throw new Error(`the program registered ${registrations.length} configurations, not ${PROGRAM_RESOURCES}`);
  for (const bare of [samples.bare[0], samples.bareWithEveryProperty[0]]) {
    const bareRegistrations = bare.run.registrations.filter((r) => r.type === BARE_TYPE);
    if (JSON.stringify(declaredInputs(bareRegistrations)) !== JSON.stringify(declaredInputs(registrations))) {
      throw new Error("the bare resources did not register the same inputs as the configurations: the comparison would be unfair");
    }
  }
  const providers = new Set(registrations.map((r) => r.inputs.__provider));
  const provider = registrations[0].inputs.__provider;
  if (typeof provider !== "string") throw new Error("the registration carries no provider text");

  const programMs = (runs: TimedRun[]) => median(runs.map((s) => s.run.programMs));
  const cpuMs = (runs: TimedRun[]) => median(runs.map((s) => s.cpuMs));
  const describe = (runs: TimedRun[]) => ({
    programMsSamples: runs.map((s) => round(s.run.programMs, 1)),
    cpuMsSamples: runs.map((s) => round(s.cpuMs, 1)),
    cpuMsMedian: round(cpuMs(runs), 1),
    childProcessWallMsSamples: runs.map((s) => s.wallMs),
    closureSerializationMs: runs.map((s) => round(s.run.serialization.ms, 1)),
  });
  const ours = programMs(samples.ours);
  const bare = programMs(samples.bare);
  const serializations = (runs: TimedRun[]) => runs.map((s) => s.run.serialization.calls);
  const cpuRatio = (runs: TimedRun[]) => round(cpuMs(samples.ours) / cpuMs(runs), 2);

  return {
    registrations,
    metrics: [
      measured(GROUP, "__provider size", Buffer.byteLength(provider, "utf8"), "bytes", atMost(256), {
        distinctProviderTexts: providers.size,
        note: "stored twice in each resource's state (inputs and outputs), which the engine rewrites after every step",
      }),
      measured(GROUP, `register ${PROGRAM_RESOURCES} resources under mocks (median of ${SAMPLES})`, round(ours, 1), "ms", null, {
        what: "from loading the program to the last RegisterResource (the harness's programMs)",
        ...describe(samples.ours),
      }),
      measured(GROUP, `register ${PROGRAM_RESOURCES} bare dynamic resources, same inputs (median of ${SAMPLES})`, round(bare, 1), "ms", null, {
        what: "one provider shared by all, the declarations passed as they are, this package not loaded (bench/bareResource.ts)",
        ...describe(samples.bare),
      }),
      measured(GROUP, `register ${PROGRAM_RESOURCES} bare dynamic resources with every property of ours (median of ${SAMPLES})`, round(programMs(samples.bareWithEveryProperty), 1), "ms", null, {
        what: `the same, each also given ${RESOURCE_PROPERTIES.length} properties as undefined, as the SDK does to get an output for each`,
        ...describe(samples.bareWithEveryProperty),
      }),
      measured(GROUP, "registration CPU, ours / bare dynamic resource", cpuRatio(samples.bare), "x", atMost(RATIO_TARGET), {
        oursCpuMs: round(cpuMs(samples.ours), 1),
        bareCpuMs: round(cpuMs(samples.bare), 1),
        note: "CPU time the program's process spent from loading the program to its exit, medians: other processes on the machine disturb it far less than wall-clock time",
      }),
      measured(GROUP, "registration wall-clock, ours / bare dynamic resource", round(ours / bare, 2), "x", null, {
        note: "medians of the harness's programMs, runs interleaved; swings with the machine's load",
      }),
      measured(GROUP, "registration CPU, ours / bare with every property of ours", cpuRatio(samples.bareWithEveryProperty), "x", null, {
        note: "at most 1 (ours runs no closure serializer): what ours costs beyond the bare resource is Pulumi's cost of one output per property",
      }),
      measured(GROUP, `closure serializations for ${PROGRAM_RESOURCES} resources`, Math.max(...serializations(samples.ours)), "calls", exactly(0), {
        perRun: serializations(samples.ours),
        bareDynamicResourcePerRun: serializations(samples.bare),
        note: "the provider text is a constant (provider/dynamic/providerText.ts); a bare dynamic resource serializes its provider once per program",
      }),
    ],
  };
}
