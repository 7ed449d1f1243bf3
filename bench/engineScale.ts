/**
 * The real Pulumi engine at scale: a stack of 1,000 configurations, one per connected account
 * (`stripeAccount: acct_…`), deployed by the real CLI (`npm run pulumi`'s, through the real-engine
 * tests' RealStack: file backend, passphrase secrets, the packed and installed package) against the
 * emulator enforcing Stripe's test-mode limit of 25 requests per second. Then `pulumi preview` of the
 * same program, unchanged, which must send Stripe nothing. While each command runs, the peak memory
 * of the engine (the `pulumi` process), the dynamic-provider host and the program is read from /proc.
 *
 * The file backend writes the whole state after every step (a checkpoint), so an `up` of n
 * resources writes O(n²) bytes: with 1,000 configurations (~4.3 KB of state each) that, not Stripe's
 * limit, sets the pace. So another stack, of 1,000 other accounts, is also deployed with checkpoints
 * off (`PULUMI_SKIP_CHECKPOINTS=true`, Pulumi's own switch: only the final state is written), to
 * show the pace of the provider when the engine does not wait on its state file. And the same
 * declarations are deployed as 1,000 bare dynamic resources that call nothing: the engine's own
 * floor on this machine, so the figures say how much of the time is ours; and through the native
 * plugin, beside the dynamic provider.
 */
import * as path from "path";
import { monitorEventLoopDelay } from "perf_hooks";
import { startEmulator } from "../emulator";
import { STRIPE_RATE_LIMITS } from "../provider/rateLimitGate";
import { CliRun, RealStack } from "../tests/realEngine/harness/realStack";
import { BenchContext, KEY } from "./context";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE, PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../provider/resourceTypes";
import { PLUGIN_NAME } from "../scripts/buildPlugin";
import { builtPlugin } from "../tests/realEngine/harness/builtPlugin";
import { BARE_TYPE, bareModule } from "./bareResource";
import { declaration } from "./declarations";
import { exactly, measured, median, Metric, msSince, round } from "./metric";
import { MemorySampler, sampleMemory } from "./processMemory";

const GROUP = "real engine";
export const ENGINE_RESOURCES = 1000;
const LIMIT = STRIPE_RATE_LIMITS.test;
/** One create each, at the limit: 1,000 / 25 = 40 s. */
const IDEAL_MS = (ENGINE_RESOURCES / LIMIT) * 1000;
const SAMPLE_EVERY_MS = 250;

/** The connected account of the `i`-th configuration. */
export function accountOf(i: number): string {
  return `acct_1Bench${String(i).padStart(10, "0")}`;
}

/** The bench's varied declarations, the `i`-th in account `first + i`. */
function scaleDeclarations(first: number) {
  return Array.from({ length: ENGINE_RESOURCES }, (_, i) => ({ ...declaration(i), stripeAccount: accountOf(first + i) }));
}

/** The program: the declarations as configurations (of the dynamic provider, or of `module`); no stack outputs. */
function scaleProgram(first: number, module = "pulumi-stripe-portal"): string {
  const declarations = scaleDeclarations(first);
  return [
    `const { PortalConfiguration } = require(${JSON.stringify(module)});`,
    `const declarations = ${JSON.stringify(declarations)};`,
    `module.exports = async () => {`,
    `  declarations.forEach((args, i) => new PortalConfiguration("portal-" + i, args));`,
    `};`,
    "",
  ].join("\n");
}

/** Which process of a CLI command an argument list belongs to. */
function classifier(cliBinary: string) {
  return (argv: string[]): string | undefined => {
    if (argv[0] === cliBinary || path.basename(argv[0] ?? "") === "pulumi") return "engine";
    if (argv.some((arg) => /cmd[\\/]dynamic-provider/.test(arg))) return "provider host";
    if (argv.some((arg) => arg.endsWith(`${PLUGIN_NAME}.js`))) return "plugin";
    if (argv.some((arg) => arg.endsWith("programServer.cjs"))) return "program";
    return undefined;
  };
}

const KINDS = [
  ["engine", "the engine (pulumi)"],
  ["provider host", "the provider host (node dynamic-provider)"],
  ["program", "the program (node, served to --client)"],
] as const;

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

const mb = (kb: number | undefined) => (kb === undefined ? Number.NaN : round(kb / 1024, 1));
/** The CLI's `Resources:` block on one line, e.g. `+ 1001 created Duration: 6m13s`. */
const cliSummary = (run: CliRun) => /Resources:\n((?:\s+.+\n)+)/.exec(run.stdout)?.[1].trim().replace(/\s+/g, " ");

async function newStack(context: BenchContext, name: string, program: string, namespace = "stripe"): Promise<RealStack> {
  return RealStack.create({ name, program, config: { [`${namespace}:apiBase`]: context.emulator.url }, secrets: { [`${namespace}:apiKey`]: KEY } });
}

/** Runs a CLI command, sampling its processes' memory; fails the part when the command fails. */
async function timed(stack: RealStack, command: () => Promise<CliRun>): Promise<{ run: CliRun; ms: number; memory: ReturnType<MemorySampler["stop"]> }> {
  const sampler = sampleMemory(stack.workDir, classifier(stack.cli.binary), SAMPLE_EVERY_MS);
  const started = performance.now();
  const run = await command();
  const ms = msSince(started);
  const memory = sampler.stop();
  if (run.code !== 0) throw new Error(`\`${run.command}\` exited with ${run.code}:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
  return { run, ms, memory };
}

/** `pulumi up` of the stack's 1,000 at the limit: its elapsed time, what reached the emulator, what it holds. */
async function upAtTheLimit(context: BenchContext, stack: RealStack, firstAccount: number, label: string) {
  const { emulator } = context;
  emulator.setRateLimit(LIMIT);
  emulator.clearRequests();
  // The emulator answers from this process: a busy event loop here would slow every create.
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  let up: Awaited<ReturnType<typeof timed>>;
  try {
    up = await timed(stack, () => stack.up());
  } finally {
    loopDelay.disable();
    emulator.setRateLimit(undefined);
  }
  const seen = emulator.requests();
  emulator.clearRequests();
  const accounts = new Set(seen.filter((r) => r.method === "POST" && r.status === 200).map((r) => r.account));
  // Each account's list also holds the default configuration Stripe gives every account: ours are found by name.
  const stored = Array.from(
    { length: ENGINE_RESOURCES },
    (_, i) => emulator.configurations({ account: accountOf(firstAccount + i) }).filter((c) => c.name === declaration(i).name && c.active === true).length,
  );
  const metrics = [
    measured(GROUP, `pulumi up of ${ENGINE_RESOURCES} configurations, ${LIMIT} requests/s, ${label}`, up.ms, "ms", null, {
      cliSummary: cliSummary(up.run),
      cpuSeconds: Object.fromEntries(Object.entries(up.memory).map(([kind, m]) => [kind, round(m.cpuSeconds, 1)])),
      emulatorLoopDelayMs: { p99: round(loopDelay.percentile(99) / 1e6, 1), max: round(loopDelay.max / 1e6, 1) },
      requestsSeen: seen.length,
      statuses: countBy(seen.map((r) => String(r.status))),
      distinctAccounts: accounts.size,
      parallel: "the CLI's default (--parallel 8 in v3.274)",
    }),
    measured(GROUP, `pulumi up, ${label}: elapsed / the ${IDEAL_MS / 1000} s ideal`, round(up.ms / IDEAL_MS, 2), "x", null),
    measured(GROUP, `accounts holding their configuration, ${label}`, stored.filter((n) => n === 1).length, "accounts", exactly(ENGINE_RESOURCES)),
  ];
  return { metrics, memory: up.memory };
}

/** What each configuration adds to the state that every checkpoint writes again. */
async function stateSize(stack: RealStack, type = DYNAMIC_PORTAL_CONFIGURATION_TYPE, label = "dynamic provider"): Promise<Metric> {
  const portals = await stack.resources(type);
  const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), "utf8"));
  const perResource = portals.map(bytes);
  return measured(GROUP, `state per configuration, ${label} (its resource in \`pulumi stack export\`, compact JSON)`, median(perResource), "bytes", null, {
    configurations: portals.length,
    providerTextBytes: median(portals.map((r) => bytes(r.inputs?.__provider) + bytes(r.outputs?.__provider))),
    inputsBytes: median(portals.map((r) => bytes(r.inputs))),
    outputsBytes: median(portals.map((r) => bytes(r.outputs))),
  });
}

function memoryMetrics(command: string, memory: ReturnType<MemorySampler["stop"]>): Metric[] {
  return KINDS.map(([kind, label]) =>
    measured(GROUP, `peak memory of ${label}, ${command}`, mb(memory[kind]?.peakKb), "MB", null, {
      what: `largest VmHWM of its processes, read from /proc every ${SAMPLE_EVERY_MS} ms`,
      processes: memory[kind]?.processes ?? 0,
      cpuSeconds: memory[kind] ? round(memory[kind].cpuSeconds, 1) : undefined,
    }),
  );
}

export async function measureEngineScale(shared: BenchContext): Promise<Metric[]> {
  // An emulator of its own: the bench's has answered thousands of requests by now, and the
  // emulator answers from this process, whose every pause slows the creates.
  const emulator = await startEmulator({ port: 0 });
  try {
    return await measureWith({ ...shared, emulator });
  } finally {
    await emulator.stop();
  }
}

async function measureWith(context: BenchContext): Promise<Metric[]> {
  const { emulator } = context;
  const metrics: Metric[] = [];

  // Checkpoints off first, while the emulator in this process holds little.
  const unchecked = await newStack(context, "bench-no-checkpoints", scaleProgram(ENGINE_RESOURCES));
  try {
    unchecked.setEnv({ PULUMI_SKIP_CHECKPOINTS: "true" });
    const up = await upAtTheLimit(context, unchecked, ENGINE_RESOURCES, "PULUMI_SKIP_CHECKPOINTS=true");
    metrics.push(...up.metrics, ...memoryMetrics("up with PULUMI_SKIP_CHECKPOINTS=true", up.memory));
  } finally {
    unchecked.remove();
  }

  // The engine's own floor: the same declarations as bare dynamic resources whose provider calls
  // nothing, deployed the same way (default checkpoints): what remains of ours is the provider's.
  const bare = await newStack(context, "bench-bare", bareModule(scaleDeclarations(0), "bare-"));
  let bareMs = Number.NaN;
  try {
    const up = await timed(bare, () => bare.up());
    bareMs = up.ms;
    metrics.push(
      measured(GROUP, `pulumi up of ${ENGINE_RESOURCES} bare dynamic resources that call nothing, default checkpoints (the engine's floor)`, up.ms, "ms", null, {
        cliSummary: cliSummary(up.run),
        cpuSeconds: Object.fromEntries(Object.entries(up.memory).map(([kind, m]) => [kind, round(m.cpuSeconds, 1)])),
        stateBytesPerResource: median((await bare.resources(BARE_TYPE)).map((r) => Buffer.byteLength(JSON.stringify(r), "utf8"))),
      }),
    );
  } finally {
    bare.remove();
  }

  const stack = await newStack(context, "bench", scaleProgram(0));
  try {
    const up = await upAtTheLimit(context, stack, 0, "default checkpoints");
    const oursMs = up.metrics[0].value;
    metrics.push(
      ...up.metrics,
      measured(GROUP, `pulumi up of ${ENGINE_RESOURCES}, default checkpoints: ours beyond the bare resources'`, round(oursMs - bareMs, 1), "ms", null, {
        ratio: round(oursMs / bareMs, 2),
        what: "the time our provider (Stripe's limit, its requests, its larger state) adds to what the engine takes for as many resources that do nothing",
      }),
      await stateSize(stack),
    );

    // The same program again: nothing changed, so nothing may reach Stripe.
    emulator.clearRequests();
    const preview = await timed(stack, () => stack.preview("--expect-no-changes"));
    const sent = emulator.requests().map((r) => `${r.method} ${r.path} -> ${r.status}`);
    emulator.clearRequests();
    metrics.push(
      measured(GROUP, `pulumi preview of the ${ENGINE_RESOURCES}, unchanged: requests sent`, sent.length, "requests", exactly(0), {
        cliSummary: cliSummary(preview.run),
        ...(sent.length ? { first: sent.slice(0, 5) } : {}),
      }),
      measured(GROUP, `pulumi preview of the ${ENGINE_RESOURCES}, unchanged: elapsed`, preview.ms, "ms", null),
      ...memoryMetrics("up", up.memory),
      ...memoryMetrics("preview", preview.memory),
    );
  } finally {
    stack.remove();
  }

  // The same 1,000 through the native plugin (another thousand accounts): the same up, its state.
  const plugin = await builtPlugin();
  const native = await newStack(context, "bench-plugin", scaleProgram(2 * ENGINE_RESOURCES, "pulumi-stripe-portal/plugin"), "stripe-portal");
  try {
    await native.installPlugin(plugin.archive, plugin.version);
    const up = await upAtTheLimit(context, native, 2 * ENGINE_RESOURCES, "default checkpoints, native plugin");
    metrics.push(
      ...up.metrics,
      await stateSize(native, PLUGIN_PORTAL_CONFIGURATION_TYPE, "native plugin"),
      measured(GROUP, "peak memory of the native plugin (node), up", mb(up.memory.plugin?.peakKb), "MB", null, { cpuSeconds: up.memory.plugin ? round(up.memory.plugin.cpuSeconds, 1) : undefined }),
    );
  } finally {
    native.remove();
  }
  return metrics;
}
