/**
 * `npm run pulumi -- <args>`: runs a real Pulumi CLI, the same one the real-engine tests
 * (tests/realEngine) and `npm test`'s set-up use. It is looked for, in this order:
 *
 * 1. `PULUMI_CLI`, when set (an explicit choice wins);
 * 2. `pulumi` on `PATH` (`node_modules/.bin`, where npm puts the wrapper of the `pulumi` npm
 *    package, is skipped: that one is step 3);
 * 3. the official `pulumi` npm package (a devDependency), which downloads the CLI on first use;
 *    where nothing can be downloaded it fails at once, and the search moves on;
 * 4. a CLI built from the Go module proxy, once per machine, into
 *    `${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-portal/pulumi-v3.274.1/`, from the project's
 *    own module in tools/pulumi (its go.mod and go.sum pin the version and every dependency).
 *
 * Each candidate must answer `pulumi version`. Dynamic resources also need the
 * `pulumi-resource-pulumi-nodejs` plugin (Pulumi's releases ship it next to the CLI, as a script
 * that runs `@pulumi/pulumi`'s dynamic-provider host from the program's node_modules): where the
 * CLI found has none beside it, the same script is written into the cache, and its folder goes
 * first on the CLI's `PATH`.
 *
 * `npm run pulumi -- --ensure` only finds or builds the CLI and says which (the `pretest` step).
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildIntoCache, goModGoVersion, goVersion, lastLines, Log, stderrLog } from "./goBuild";
import { isExecutable, toolCacheRoot } from "./toolCache";

export { toolCacheRoot };

/** The Pulumi release built when no CLI is installed; tools/pulumi/go.mod pins the same one. */
export const PULUMI_VERSION = "v3.274.1";
const GO_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
/** Without it a CLI built with `go build` reports an empty version, which the Automation API refuses. */
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const REPO_ROOT = path.resolve(__dirname, "..");
const TOOLS_MODULE = path.join(REPO_ROOT, "tools", "pulumi");
const PLUGIN_NAME = "pulumi-resource-pulumi-nodejs";
/** `pulumi version` answers in well under a second; the npm package's download gets a minute at most. */
const PROBE_TIMEOUT_MS = 60_000;

/** A Pulumi CLI that runs, and what its commands need in their environment. */
export interface PulumiCli {
  /** The CLI's executable. */
  binary: string;
  /** What `pulumi version` printed, e.g. `v3.274.1`. */
  version: string;
  /** Where it came from, for messages. */
  source: "PULUMI_CLI" | "PATH" | "the pulumi npm package" | "built from the Go module proxy";
  /** Holds `pulumi-resource-pulumi-nodejs` and the CLI: put first on `PATH` (see `cliPath`). */
  pluginDir: string;
}

/** Where the built CLI lives. */
export function builtCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(toolCacheRoot(env), `pulumi-${PULUMI_VERSION}`, "pulumi");
}

/** `PATH` for the CLI's processes: the CLI and the dynamic-provider plugin first. */
export function cliPath(cli: PulumiCli, pathValue = process.env.PATH ?? ""): string {
  const dirs = [cli.pluginDir, path.dirname(cli.binary)];
  return [...new Set(dirs), pathValue].filter((part) => part !== "").join(path.delimiter);
}

/**
 * Variables every CLI run of this project sets: no update check, and no plugin downloads (the only
 * plugin needed is the dynamic-provider one, which is local).
 */
export const QUIET_CLI_ENV = {
  PULUMI_SKIP_UPDATE_CHECK: "true",
  PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
} as const;

let memo: Promise<PulumiCli> | undefined;

/** The first CLI that runs, built when none does; cached per process. Throws with every place tried. */
export function findPulumiCli(log: Log = stderrLog): Promise<PulumiCli> {
  memo ??= locate(log);
  return memo;
}

async function locate(log: Log): Promise<PulumiCli> {
  const tried: string[] = [];
  const accept = (binary: string, source: PulumiCli["source"]): PulumiCli | undefined => {
    const probe = probeVersion(binary);
    if ("failure" in probe) {
      tried.push(`  ${source} (${binary}): ${probe.failure}`);
      return undefined;
    }
    return { binary, version: probe.version, source, pluginDir: pluginDirFor(binary) };
  };

  const forced = process.env.PULUMI_CLI?.trim();
  if (forced) {
    const cli = accept(path.resolve(forced), "PULUMI_CLI");
    if (cli) return cli;
    throw new Error(`PULUMI_CLI is set but does not run:\n${tried.join("\n")}\nUnset it to let the project find or build a CLI.`);
  }

  const onPath = pathCandidates(process.env.PATH ?? "");
  if (onPath.length === 0) tried.push("  pulumi on PATH: none found");
  for (const binary of onPath) {
    const cli = accept(binary, "PATH");
    if (cli) return cli;
  }

  const fromNpm = await npmPackageBinary(tried);
  if (fromNpm) {
    const cli = accept(fromNpm, "the pulumi npm package");
    if (cli) return cli;
  }

  const built = builtCliPath();
  const cached = probeVersion(built);
  if ("version" in cached && cached.version === PULUMI_VERSION) return { binary: built, version: cached.version, source: "built from the Go module proxy", pluginDir: pluginDirFor(built) };
  await buildCli(built, log, tried);
  const cli = accept(built, "built from the Go module proxy");
  if (cli) return cli;
  throw new Error(`No Pulumi CLI could be found or built:\n${tried.join("\n")}`);
}

/** Every `pulumi` on PATH, except npm's `.bin` wrappers (the npm package is tried on its own). */
function pathCandidates(pathValue: string): string[] {
  const found: string[] = [];
  for (const dir of pathValue.split(path.delimiter)) {
    if (dir === "" || /node_modules[\\/]\.bin[\\/]?$/.test(dir)) continue;
    const file = path.join(dir, "pulumi");
    if (isExecutable(file) && !found.includes(file)) found.push(file);
  }
  return found;
}

/**
 * The npm package's binary: it downloads the CLI into `$PULUMI_HOME/versions/<version>` on first
 * use. Where downloads fail (no network) it fails within a second; it gets a minute at most.
 */
async function npmPackageBinary(tried: string[]): Promise<string | undefined> {
  let resolveModule: string;
  try {
    resolveModule = require.resolve("pulumi/lib/resolve", { paths: [REPO_ROOT] });
  } catch {
    tried.push("  the pulumi npm package: not installed (run npm install)");
    return undefined;
  }
  const { resolve } = require(resolveModule) as { resolve: () => Promise<string> };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
  });
  // It says "Downloading pulumi v…" on stderr before trying: kept quiet unless the download works.
  const write = process.stderr.write;
  let said = "";
  process.stderr.write = ((chunk: string | Uint8Array) => ((said += chunk.toString()), true)) as typeof process.stderr.write;
  try {
    const binary = await Promise.race([resolve(), timeout]);
    process.stderr.write = write;
    if (said) process.stderr.write(said);
    return binary;
  } catch (error) {
    tried.push(`  the pulumi npm package: ${said.trim() ? `${said.trim()} ` : ""}${(error as Error).message}`);
    return undefined;
  } finally {
    process.stderr.write = write;
    clearTimeout(timer);
  }
}

function probeVersion(binary: string): { version: string } | { failure: string } {
  if (!isExecutable(binary)) return { failure: "not found" };
  const result = spawnSync(binary, ["version"], {
    encoding: "utf8",
    timeout: PROBE_TIMEOUT_MS,
    env: { ...process.env, ...QUIET_CLI_ENV, PULUMI_HOME: process.env.PULUMI_HOME ?? path.join(os.tmpdir(), "pulumi-stripe-portal-probe-home") },
  });
  if (result.error) return { failure: result.error.message };
  if (result.status !== 0) return { failure: `\`pulumi version\` exited with ${result.status ?? result.signal}: ${(result.stderr || result.stdout).trim()}` };
  const version = result.stdout.trim();
  if (!/^v?\d+\.\d+\.\d+/.test(version)) return { failure: `\`pulumi version\` printed "${version}", not a version` };
  return { version };
}

/**
 * `go build` of the CLI from tools/pulumi into the cache, once: parallel callers (Jest workers,
 * two terminals) wait on a lock directory and then find the binary built.
 */
async function buildCli(target: string, log: Log, tried: string[]): Promise<void> {
  const go = goVersion();
  if ("failure" in go) {
    tried.push(
      `  built from the Go module proxy: \`go\` is not on PATH (${go.failure}). Install Go ${goModGoVersion(TOOLS_MODULE)} or later ` +
        "(https://go.dev/dl/), or install the Pulumi CLI (https://www.pulumi.com/docs/install/) or set PULUMI_CLI to one.",
    );
    return;
  }
  const failed = await buildIntoCache({
    binary: target,
    label: "pulumi-cli",
    ready: () => {
      const found = probeVersion(target);
      return "version" in found && found.version === PULUMI_VERSION;
    },
    cwd: TOOLS_MODULE,
    flags: ["-ldflags", `-X ${VERSION_VARIABLE}=${PULUMI_VERSION}`],
    target: GO_PACKAGE,
    announce: [
      `pulumi-cli: building the Pulumi CLI ${PULUMI_VERSION} with ${go.version} from tools/pulumi into ${path.dirname(target)}`,
      "pulumi-cli: this happens once per machine and takes several minutes on 2 cores (the Go cache makes later builds quick)...",
    ],
    log,
  });
  if (failed) tried.push(`  built from the Go module proxy: \`go build\` in tools/pulumi failed:\n${lastLines(failed.output)}`);
}

/**
 * The folder holding `pulumi-resource-pulumi-nodejs` for this CLI: its own folder when a release put
 * the plugin there or when it is the CLI built here (the script is written beside it), else a
 * folder of the cache.
 */
function pluginDirFor(binary: string): string {
  const own = path.dirname(fs.realpathSync(binary));
  if (isExecutable(path.join(own, PLUGIN_NAME))) return own;
  const dir = own === path.dirname(builtCliPath()) ? own : path.join(toolCacheRoot(), "nodejs-dynamic-provider");
  writePluginScript(dir);
  return dir;
}

/** Pulumi's own script, run in the program's folder: the dynamic-provider host of its `@pulumi/pulumi`. */
const PLUGIN_SCRIPT = '#!/bin/sh\nexec node ./node_modules/@pulumi/pulumi/cmd/dynamic-provider "$@"\n';

function writePluginScript(dir: string): void {
  const file = path.join(dir, PLUGIN_NAME);
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === PLUGIN_SCRIPT) return;
  fs.mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, PLUGIN_SCRIPT, { mode: 0o755 });
  fs.renameSync(partial, file);
}

async function main(args: string[]): Promise<number> {
  let cli: PulumiCli;
  try {
    cli = await findPulumiCli();
  } catch (error) {
    process.stderr.write(`pulumi-cli: ${(error as Error).message}\n`);
    return 1;
  }
  if (args[0] === "--ensure") {
    process.stderr.write(`pulumi-cli: Pulumi CLI ${cli.version} (${cli.source}): ${cli.binary}\n`);
    return 0;
  }
  const child = spawn(cli.binary, args, { stdio: "inherit", env: { ...process.env, ...QUIET_CLI_ENV, PATH: cliPath(cli) } });
  return new Promise((resolve) => {
    child.once("error", (error) => {
      process.stderr.write(`pulumi-cli: ${error.message}\n`);
      resolve(1);
    });
    child.once("close", (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
