/**
 * `npm run demo`: the whole local run of the quick-start program, in one command.
 *
 * 1. finds a Pulumi CLI that runs (PULUMI_CLI, PATH, or the `pulumi` npm package), else stops at
 *    once with how to install one;
 * 2. rebuilds dist/ when the sources are newer (the Pulumi program and the provider load the
 *    package by name, that is dist/);
 * 3. starts the Stripe emulator on a free port, keeping its configurations in .pulumi-demo/;
 * 4. runs `pulumi stack select --create dev` and `pulumi up --yes` (or `pulumi destroy --yes`) on
 *    the root program, with a file backend, passphrase and PULUMI_HOME in .pulumi-demo/, and the
 *    provider pointed at the emulator with a throwaway sk_test_ key;
 * 5. prints the configuration id and the link of a portal session for a demo customer;
 * 6. stops the emulator (or, with --serve, keeps it until Ctrl-C).
 *
 * The decisions are in demoSteps.ts (pure, tested); this file only does what they say.
 */
import { spawn, type SpawnOptions } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Emulator } from "../emulator";
import {
  CliAttempt,
  cliCandidates,
  DEMO_API_KEY,
  DemoOptions,
  demoPaths,
  DemoPaths,
  emulatorPort,
  DemoUsageError,
  describeCli,
  needsBuild,
  noCliMessage,
  parseCliVersion,
  parseDemoArgs,
  parseStackOutputs,
  probeFailure,
  PulumiCli,
  pulumiEnvironment,
  pulumiRuns,
  STRIPE_VARIABLES,
  summary,
  USAGE,
} from "./demoSteps";

const PROJECT_DIR = path.resolve(__dirname, "..");
/** The sources compiled into dist/ (tsconfig.build.json), and the compiled files the Pulumi run loads. */
const SOURCE_DIRS = ["provider", "sdk", "emulator", "cli"];
const BUILT_FILES = ["dist/sdk/index.js", "dist/provider/lifecycle.js"];

/** Thrown to end the run with a message and an exit code. */
class Stop extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error?: NodeJS.ErrnoException;
}

/** Runs a process without blocking the event loop (the emulator answers from this process). */
function run(command: string, args: string[], options: SpawnOptions & { capture?: "stdout" | "all" }): Promise<RunResult> {
  return new Promise((resolve) => {
    const stdio: SpawnOptions["stdio"] =
      options.capture === "all" ? ["ignore", "pipe", "pipe"] : options.capture === "stdout" ? ["inherit", "pipe", "inherit"] : "inherit";
    const child = spawn(command, args, { ...options, stdio, shell: process.platform === "win32" && /\.cmd$/i.test(command) });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    children.running++;
    let settled = false;
    const settle = (result: RunResult) => {
      if (settled) return;
      settled = true;
      children.running--;
      resolve(result);
    };
    child.once("error", (error) => settle({ code: null, signal: null, stdout, stderr, error }));
    child.once("close", (code, signal) => settle({ code, signal, stdout, stderr }));
  });
}
/** How many child processes run now. */
const children = { running: 0 };

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function npmPackageRunner(): string | undefined {
  try {
    return require.resolve("pulumi/run.js", { paths: [PROJECT_DIR] });
  } catch {
    return undefined;
  }
}

/** The first CLI whose `pulumi version` works; the npm package may download the CLI here, into PULUMI_HOME. */
async function findCli(env: NodeJS.ProcessEnv): Promise<{ cli: PulumiCli; version: string }> {
  const attempts: CliAttempt[] = [];
  const candidates = cliCandidates(process.env, { isExecutable, npmPackageRunner, nodePath: process.execPath, platform: process.platform });
  for (const cli of candidates) {
    if (cli.source === "the pulumi npm package") console.log("Looking for the Pulumi CLI through the pulumi npm package (the first use downloads it)...");
    const result = await run(cli.command, [...cli.args, "version"], { cwd: PROJECT_DIR, env, capture: "all" });
    if (!result.error && result.code === 0) return { cli, version: parseCliVersion(result.stdout) ?? result.stdout.trim() };
    attempts.push({ cli, reason: probeFailure(result) });
  }
  throw new Stop(noCliMessage(attempts));
}

/** The Pulumi program and the provider host `require("pulumi-stripe-portal/...")`: it must be this repository. */
function checkSelfLink(): void {
  let resolved: string;
  try {
    resolved = fs.realpathSync(require.resolve("pulumi-stripe-portal/package.json", { paths: [PROJECT_DIR] }));
  } catch {
    resolved = "";
  }
  if (resolved !== fs.realpathSync(path.join(PROJECT_DIR, "package.json"))) {
    throw new Stop(
      'The package cannot load itself by name: run `npm install` first (its devDependency "pulumi-stripe-portal": "file:." links node_modules/pulumi-stripe-portal to the repository).',
    );
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

async function buildIfNeeded(options: DemoOptions): Promise<void> {
  if (options.skipBuild) return;
  const newest = Math.max(...SOURCE_DIRS.map((dir) => newestSource(path.join(PROJECT_DIR, dir))));
  const built = BUILT_FILES.map((file) => {
    const full = path.join(PROJECT_DIR, file);
    return fs.existsSync(full) ? fs.statSync(full).mtimeMs : undefined;
  });
  if (!needsBuild(newest, built)) return;
  console.log("Building dist/ (npm run build)...");
  const npm = process.env.npm_execpath;
  const result = npm
    ? await run(process.execPath, [npm, "run", "build"], { cwd: PROJECT_DIR })
    : await run(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build"], { cwd: PROJECT_DIR });
  if (result.error || result.code !== 0) throw new Stop("npm run build failed; fix the errors above and run `npm run demo` again.");
}

async function pulumi(cli: PulumiCli, args: string[], env: NodeJS.ProcessEnv, capture?: "stdout"): Promise<string> {
  console.log(`\n$ pulumi ${args.join(" ")}`);
  const result = await run(cli.command, [...cli.args, ...args], { cwd: PROJECT_DIR, env, capture });
  if (result.error || result.code !== 0) {
    throw new Stop(`\`pulumi ${args.join(" ")}\` failed (${probeFailure({ ...result, stderr: "" })}); see its output above.`);
  }
  return result.stdout;
}

async function openSession(paths: DemoPaths, emulator: Emulator, configurationId: string, customer: string): Promise<string> {
  const { createPortalSession } = await import("../sdk/portalSession");
  try {
    const session = await createPortalSession({ customer, configuration: configurationId }, { apiKey: DEMO_API_KEY, apiBase: emulator.url });
    return session.url;
  } catch (error) {
    throw new Stop(
      `Creating a portal session for ${customer} failed: ${(error as Error).message}\n` +
        `If the stack and the emulator's state no longer match, delete ${paths.demoDir} and run \`npm run demo\` again.`,
    );
  }
}

/** The emulator on the port of the last run when it is free, else on a free one (remembered for next time). */
async function startDemoEmulator(paths: DemoPaths): Promise<Emulator> {
  const { startEmulator } = await import("../emulator");
  const portFile = path.join(paths.demoDir, "emulator-port");
  const saved = emulatorPort(fs.existsSync(portFile) ? fs.readFileSync(portFile, "utf8") : undefined);
  let emulator: Emulator;
  try {
    emulator = await startEmulator({ port: saved, stateFile: paths.emulatorStateFile });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || saved === 0) throw error;
    emulator = await startEmulator({ port: 0, stateFile: paths.emulatorStateFile });
  }
  fs.writeFileSync(portFile, `${emulator.port}\n`);
  return emulator;
}

/** A path inside the project relative to it, any other absolute. */
function shortPath(file: string): string {
  const relative = path.relative(PROJECT_DIR, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function waitForCtrlC(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
}

async function main(argv: string[]): Promise<number> {
  const options = parseDemoArgs(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // The demo talks to the emulator only: Stripe settings from the shell must not reach the session call.
  for (const name of STRIPE_VARIABLES) delete process.env[name];
  const paths = demoPaths(PROJECT_DIR, options.dir);
  const { cli, version } = await findCli(pulumiEnvironment(process.env, paths));
  console.log(`Pulumi CLI ${version}: ${describeCli(cli)}`);
  checkSelfLink();
  await buildIfNeeded(options);

  fs.mkdirSync(paths.backendDir, { recursive: true });
  fs.mkdirSync(paths.pulumiHome, { recursive: true });
  const emulator = await startDemoEmulator(paths);
  console.log(`Stripe emulator on ${emulator.url} (configurations kept in ${shortPath(paths.emulatorStateFile)})`);

  // Ctrl-C reaches the Pulumi CLI too, which cancels cleanly; the emulator must keep answering until it has.
  const interrupted = () => {
    if (children.running === 0) void emulator.stop().finally(() => process.exit(130));
  };
  process.on("SIGINT", interrupted);
  try {
    const env = pulumiEnvironment(process.env, paths, emulator.url);
    const runs = pulumiRuns(options);
    await pulumi(cli, runs.select, env);
    await pulumi(cli, runs.change, env);
    if (options.destroy) {
      console.log(`\nThe demo stack is torn down: its configuration is deactivated (Stripe cannot delete one). State: ${paths.demoDir}`);
      return 0;
    }
    const outputs = parseStackOutputs(await pulumi(cli, runs.outputs, env, "stdout"));
    const sessionUrl = await openSession(paths, emulator, outputs.configurationId, options.customer);
    console.log(summary({ outputs, customer: options.customer, sessionUrl, serve: options.serve, demoDir: paths.demoDir }));
    if (options.serve) {
      process.off("SIGINT", interrupted);
      await waitForCtrlC();
    }
    return 0;
  } finally {
    process.off("SIGINT", interrupted);
    await emulator.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof DemoUsageError) {
        console.error(error.message);
        process.exit(2);
      }
      console.error(error instanceof Stop ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(error instanceof Stop ? error.exitCode : 1);
    },
  );
}
