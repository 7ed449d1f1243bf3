/**
 * `npm run demo`: the whole local run of the quick-start program, in one command.
 *
 * 1. finds the Pulumi CLI as `npm run pulumi` does (scripts/pulumiCli.ts: PULUMI_CLI, PATH, the
 *    `pulumi` npm package, else one built once from the Go module proxy), else stops at once with
 *    what was tried and how to install one;
 * 2. rebuilds dist/ when the sources are newer (the Pulumi program and the provider load the
 *    package by name, that is dist/);
 * 3. starts the Stripe emulator on a free port, keeping its configurations in .pulumi-demo/;
 * 4. runs `pulumi stack select --create dev` and `pulumi up --yes` (or `pulumi destroy --yes`) on
 *    the root program, with a file backend, passphrase and PULUMI_HOME in .pulumi-demo/, and the
 *    provider pointed at the emulator with a throwaway sk_test_ key. Where the CLI has no Node.js
 *    language host beside it (a CLI built here has none), this process serves the program to
 *    `pulumi up --client`, as the Automation API does;
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
  DEMO_API_KEY,
  DemoOptions,
  demoPaths,
  DemoPaths,
  emulatorPort,
  DemoUsageError,
  findLanguageHost,
  needsBuild,
  noCliMessage,
  parseDemoArgs,
  parseStackOutputs,
  pulumiEnvironment,
  pulumiRuns,
  runFailure,
  STRIPE_VARIABLES,
  summary,
  USAGE,
} from "./demoSteps";
import { cliPath, findPulumiCli, PulumiCli, QUIET_CLI_ENV } from "./pulumiCli";
import { isExecutable } from "./toolCache";

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

/** The CLI `npm run pulumi` runs; its search may build one (minutes, said as it goes). */
async function findCli(): Promise<PulumiCli> {
  try {
    return await findPulumiCli((line) => console.error(line));
  } catch (error) {
    throw new Stop(noCliMessage((error as Error).message));
  }
}

/**
 * Serves the root program to the CLI from this process, as the Automation API serves an inline
 * program: `pulumi up --client=<address>` asks it to run the program. The program is index.ts,
 * loaded through this process's ts-node, with the project's own `@pulumi/pulumi`.
 */
async function serveProgram(programFile: string): Promise<{ address: string; stop(): Promise<void> }> {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [PROJECT_DIR] }));
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as typeof import("@grpc/grpc-js");
  const { LanguageServer } = require(path.join(pulumiDir, "automation", "server"));
  const { LanguageRuntimeService } = require(path.join(pulumiDir, "proto", "language_grpc_pb"));
  const { grpcChannelOptions } = require(path.join(pulumiDir, "runtime", "settings"));
  const server = new grpc.Server(grpcChannelOptions);
  // `pulumi up` runs the program twice (preview, then update): each run loads it afresh. Its
  // exports are the stack's outputs, as with Pulumi's own Node.js language host.
  const program = async () => {
    delete require.cache[require.resolve(programFile)];
    return require(programFile);
  };
  server.addService(LanguageRuntimeService, new LanguageServer(program));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
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
  // The program server's address changes every run; the command is shown without it.
  const shown = args.filter((arg) => !arg.startsWith("--client="));
  console.log(`\n$ pulumi ${shown.join(" ")}`);
  const result = await run(cli.binary, args, { cwd: PROJECT_DIR, env, capture });
  if (result.error || result.code !== 0) {
    throw new Stop(`\`pulumi ${shown.join(" ")}\` failed (${runFailure({ ...result, stderr: "" })}); see its output above.`);
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
  const cli = await findCli();
  console.log(`Pulumi CLI ${cli.version} (${cli.source}): ${cli.binary}`);
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
  let programServer: { address: string; stop(): Promise<void> } | undefined;
  try {
    // The CLI's PATH puts the dynamic-provider plugin (and the CLI) first.
    const env = { ...pulumiEnvironment(process.env, paths, emulator.url), ...QUIET_CLI_ENV, PATH: cliPath(cli, process.env.PATH ?? "") };
    if (!options.destroy && !findLanguageHost(env.PATH ?? "", isExecutable)) {
      programServer = await serveProgram(path.join(PROJECT_DIR, "index.ts"));
      console.log("No Node.js language host beside this CLI: the demo serves the program to `pulumi up` itself.");
    }
    const runs = pulumiRuns(options, programServer?.address);
    await pulumi(cli, runs.select, env);
    await pulumi(cli, runs.change, env);
    await programServer?.stop();
    programServer = undefined;
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
    await programServer?.stop();
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
