/**
 * One Pulumi stack driven by the real Pulumi CLI, as a user drives it: a local file backend
 * (`pulumi login file://…`) and `PULUMI_HOME` in a temporary folder, the passphrase secrets
 * provider, the package as packed and installed from npm (tests/engine/harness/installedPackage.ts),
 * and whatever Stripe the test points the provider at (the emulator): `stripe:apiBase` for the
 * dynamic provider, `stripe-portal:apiBase` for a stack of the native plugin (`nativePlugin: true`
 * installs it from its release archive).
 *
 * A Node.js program's preview and up run it through `--client` (see programServer.cjs: the Node.js
 * language host cannot be built here); Python and Go programs are served the same way by their own
 * program servers (`previewOn`/`upOn`, pythonPrograms.ts, goPrograms.ts). A project given as
 * `project` runs through the language host it names: a YAML program through `pulumi-language-yaml`,
 * `pulumi import --out` and `pulumi package gen-sdk` through the stand-in hosts (README-languages.md).
 * Refresh, destroy, config and state commands are plain CLI commands. Every run is asynchronous, so
 * that the emulator, which answers from the test's process, keeps answering while the CLI waits on it.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cliPath, findPulumiCli, PulumiCli, QUIET_CLI_ENV } from "../../../scripts/pulumiCli";
import { installedPackage } from "../../engine/harness/installedPackage";
import { builtPlugin } from "./builtPlugin";

/** The passphrase of every test stack's secrets provider. */
export const PASSPHRASE = "real-engine-tests-passphrase";
/** The project name in the test stacks' Pulumi.yaml. */
export const PROJECT = "real-engine";

/** What one command did. */
export interface CliRun {
  command: string;
  /** Its exit code; null when a signal ended it. */
  code: number | null;
  /** The signal that ended it, or null when it exited. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface StackOptions {
  /** The stack's name (one folder per stack, so names need not differ between files). */
  name: string;
  /** The program: a CommonJS module whose `module.exports` is the program function. */
  program: string;
  /** `pulumi config set` before anything runs (plain values). */
  config?: Record<string, string>;
  /** `pulumi config set --secret` before anything runs. */
  secrets?: Record<string, string>;
  /** Pulumi.yaml's text, for a project other than a Node.js one served over `--client` (a YAML program, an import). */
  project?: string;
  /** Builds the native plugin (builtPlugin.ts) and installs it into the stack's `PULUMI_HOME` from its release archive. */
  nativePlugin?: boolean;
}

/** A temporary folder, its stack, and the CLI that drives it. */
export class RealStack {
  private constructor(
    readonly root: string,
    readonly workDir: string,
    readonly name: string,
    readonly cli: PulumiCli,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Makes the folder, logs in to its file backend, creates the stack and sets its config. */
  static async create(options: StackOptions): Promise<RealStack> {
    const [cli, installed] = await Promise.all([findPulumiCli(), installedPackage()]);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-real-engine-"));
    const workDir = path.join(root, "program");
    const home = path.join(root, "home");
    const backend = path.join(root, "state");
    for (const dir of [workDir, home, backend]) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), options.project ?? `name: ${PROJECT}\nruntime: nodejs\ndescription: A program of the real-engine tests\n`);
    fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: PROJECT, version: "0.0.0", private: true, main: "index.js" }) + "\n");
    // The dynamic-provider plugin runs `node ./node_modules/@pulumi/pulumi/cmd/dynamic-provider` in this folder.
    fs.symlinkSync(path.join(installed.programDir, "node_modules"), path.join(workDir, "node_modules"), "dir");
    // Only what the CLI needs: no Stripe variable of the machine reaches the provider.
    const env: NodeJS.ProcessEnv = {
      PATH: cliPath(cli, process.env.PATH ?? ""),
      HOME: home,
      PULUMI_HOME: path.join(home, ".pulumi"),
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      ...QUIET_CLI_ENV,
      // Plain output to assert on.
      NO_COLOR: "1",
      TERM: "dumb",
    };
    const stack = new RealStack(root, workDir, options.name, cli, env);
    stack.setProgram(options.program);
    await stack.must(["login", `file://${backend}`]);
    await stack.must(["stack", "init", options.name, "--secrets-provider", "passphrase"]);
    for (const [key, value] of Object.entries(options.config ?? {})) await stack.must(["config", "set", key, value]);
    for (const [key, value] of Object.entries(options.secrets ?? {})) await stack.must(["config", "set", "--secret", key, value]);
    if (options.nativePlugin) {
      const plugin = await builtPlugin();
      await stack.installPlugin(plugin.archive, plugin.version);
    }
    return stack;
  }

  /**
   * `pulumi plugin install resource stripe-portal <version> --file <archive>`, as a user installs
   * the native plugin from its release archive, into this stack's `PULUMI_HOME`.
   */
  async installPlugin(archive: string, version: string): Promise<void> {
    await this.must(["plugin", "install", "resource", "stripe-portal", version, "--file", archive]);
  }

  /** Adds variables to (or, with `undefined`, removes them from) the environment of the next commands. */
  setEnv(extra: NodeJS.ProcessEnv): void {
    for (const [key, value] of Object.entries(extra)) {
      if (value === undefined) delete this.env[key];
      else this.env[key] = value;
    }
  }

  /** Replaces the program (the next preview or up runs it). */
  setProgram(source: string): void {
    fs.writeFileSync(path.join(this.workDir, "index.js"), source);
  }

  /** `pulumi preview --diff`, running the program. */
  preview(...args: string[]): Promise<CliRun> {
    return this.withProgram(["preview", "--diff", ...args]);
  }

  /** `pulumi up --yes --skip-preview`, running the program. */
  up(...args: string[]): Promise<CliRun> {
    return this.withProgram(["up", "--yes", "--skip-preview", "--diff", ...args]);
  }

  /** `pulumi preview --diff` of a program another process serves at `address` (a Python or Go program). */
  previewOn(address: string, ...args: string[]): Promise<CliRun> {
    return this.run(["preview", "--diff", ...args, `--client=${address}`]);
  }

  /** `pulumi up --yes --skip-preview` of a program another process serves at `address`. */
  upOn(address: string, ...args: string[]): Promise<CliRun> {
    return this.run(["up", "--yes", "--skip-preview", "--diff", ...args, `--client=${address}`]);
  }

  /** `pulumi refresh --yes` (no program needed). */
  refresh(...args: string[]): Promise<CliRun> {
    return this.run(["refresh", "--yes", "--skip-preview", "--diff", ...args]);
  }

  /** `pulumi destroy --yes` (no program needed). */
  destroy(...args: string[]): Promise<CliRun> {
    return this.run(["destroy", "--yes", "--skip-preview", ...args]);
  }

  /** `pulumi stack export` as JSON. */
  async exportDeployment(...args: string[]): Promise<{ text: string; json: StackExport }> {
    const run = await this.must(["stack", "export", ...args]);
    return { text: run.stdout, json: JSON.parse(run.stdout) as StackExport };
  }

  /** `pulumi stack import` of a deployment. */
  async importDeployment(deployment: StackExport): Promise<CliRun> {
    const file = path.join(this.root, "import.json");
    fs.writeFileSync(file, JSON.stringify(deployment, null, 2));
    return this.must(["stack", "import", "--file", file]);
  }

  /** The stack's resources of a type, from `pulumi stack export`. */
  async resources(type = PORTAL_TYPE): Promise<StateResource[]> {
    const { json } = await this.exportDeployment();
    return (json.deployment.resources ?? []).filter((resource) => resource.type === type);
  }

  /** A command that must succeed. */
  async must(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    const run = await this.run(args, extraEnv);
    if (run.code !== 0) throw new Error(`\`${run.command}\` exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
    return run;
  }

  /** Runs the CLI in the program folder, on this stack (`--stack`, where the command takes it). */
  async run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    const stackArgs = STACKLESS.has(args[0]) || (args[0] === "stack" && args[1] === "init") ? [] : ["--stack", this.name];
    const full = [...args, ...stackArgs, "--non-interactive", "--color=never"];
    const run = await runProcess(this.cli.binary, full, this.workDir, { ...this.env, ...extraEnv }, "pulumi");
    this.runs.push(run);
    if (process.env.REAL_ENGINE_VERBOSE) process.stderr.write(`$ ${run.command}  (exit ${run.code})\n${run.stdout}${run.stderr}\n`);
    return run;
  }

  /** Every command run on this stack so far, with what it printed. */
  readonly runs: CliRun[] = [];

  /** Every file this stack's CLI wrote (home, backend, program folder), for looking for a leaked secret. */
  writtenFiles(): string[] {
    const files: string[] = [];
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isSymbolicLink()) continue;
        if (entry.isDirectory()) visit(full);
        else if (entry.isFile()) files.push(full);
      }
    };
    visit(this.root);
    return files;
  }

  /**
   * The stack's checkpoint as the file backend holds it right now, read from its file without the
   * CLI (which may be running): undefined while there is none, or while the CLI is writing it.
   */
  checkpointNow(): Checkpoint | undefined {
    try {
      return (JSON.parse(fs.readFileSync(path.join(this.root, "state", ".pulumi", "stacks", PROJECT, `${this.name}.json`), "utf8")) as { checkpoint: Checkpoint }).checkpoint;
    } catch {
      return undefined;
    }
  }

  /** Removes the temporary folder. */
  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /** Starts the program server, runs the command against it, stops the server. */
  private async withProgram(args: string[]): Promise<CliRun> {
    return (await this.startWithProgram(args)).done;
  }

  /**
   * `pulumi up --yes --skip-preview` (with `args`) started, not awaited: for a test that kills the
   * CLI or its provider host while it runs. `done` settles when the CLI has exited.
   */
  startUp(...args: string[]): Promise<RunningCli> {
    return this.startWithProgram(["up", "--yes", "--skip-preview", "--diff", ...args]);
  }

  /**
   * The processes the CLI started for this stack's program folder and still running: the
   * dynamic-provider host (`node …/dynamic-provider <engine>`, its working directory the program folder).
   */
  providerHosts(): number[] {
    return processesIn(this.workDir).filter(({ command }) => command.includes("dynamic-provider")).map(({ pid }) => pid);
  }

  private async startWithProgram(args: string[]): Promise<RunningCli> {
    const server = spawn(process.execPath, [PROGRAM_SERVER, this.workDir], { cwd: this.workDir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    let port: number;
    try {
      port = await serverPort(server);
    } catch (error) {
      server.kill("SIGTERM");
      throw error;
    }
    const running = this.start([...args, `--client=127.0.0.1:${port}`]);
    void running.done.finally(() => server.kill("SIGTERM"));
    return running;
  }

  /** Runs the CLI on this stack without waiting for it; `done` records the run like `run`'s. */
  private start(args: string[]): RunningCli {
    const full = [...args, "--stack", this.name, "--non-interactive", "--color=never"];
    const started = startProcess(this.cli.binary, full, this.workDir, this.env, "pulumi");
    const done = started.done.then((run) => {
      this.runs.push(run);
      if (process.env.REAL_ENGINE_VERBOSE) process.stderr.write(`$ ${run.command}  (exit ${run.code})\n${run.stdout}${run.stderr}\n`);
      return run;
    });
    return { pid: started.pid, done };
  }
}

/** A CLI command running. */
export interface RunningCli {
  /** The `pulumi` process. */
  pid: number;
  done: Promise<CliRun>;
}

/** Running processes whose working directory is `dir`, with their command lines (Linux /proc). */
function processesIn(dir: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`) !== dir) continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      const state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"))?.[1];
      if (state !== "Z") found.push({ pid: Number(entry), command });
    } catch {
      // The process ended meanwhile.
    }
  }
  return found;
}

/** The resource type of `PortalConfiguration` in the state. */
export const PORTAL_TYPE = "pulumi-nodejs:dynamic/stripe:PortalConfiguration";

/** A checkpoint of the file backend, as far as the tests read it. */
export interface Checkpoint {
  latest?: {
    resources?: StateResource[];
    /** The operations begun and not finished: `{ resource, type: "creating" | … }`. */
    pending_operations?: { resource: StateResource; type: string }[];
  };
}

/** `pulumi stack export`'s shape, as far as the tests read it. */
export interface StackExport {
  version: number;
  deployment: {
    manifest: Record<string, unknown>;
    secrets_providers?: { type: string; state: Record<string, unknown> };
    resources?: StateResource[];
    [key: string]: unknown;
  };
}

export interface StateResource {
  urn: string;
  custom: boolean;
  id?: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
  [key: string]: unknown;
}

const PROGRAM_SERVER = path.join(__dirname, "programServer.cjs");
/** Commands that take no `--stack`. */
const STACKLESS = new Set(["login", "logout", "version", "whoami", "plugin", "package"]);

/**
 * Runs a command to its end, its standard input closed: what it printed, its exit code or signal.
 * `name` stands for the command in `CliRun.command` (default: the executable's file name).
 */
export function runProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, name = path.basename(command)): Promise<CliRun> {
  return startProcess(command, args, cwd, env, name).done;
}

/** Starts a command, as `runProcess` runs it, without waiting for it: its pid, and `done` when it has ended. */
export function startProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, name = path.basename(command)): { pid: number; done: Promise<CliRun> } {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const done = new Promise<CliRun>((resolve) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const text = `${name} ${args.join(" ")}`;
    child.once("error", (error) => resolve({ command: text, code: null, signal: null, stdout, stderr: stderr + error.message }));
    child.once("close", (code, signal) => resolve({ command: text, code, signal, stdout, stderr }));
  });
  return { pid: child.pid ?? -1, done };
}

function serverPort(server: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^port (\d+)$/m.exec(out);
      if (match) resolve(Number(match[1]));
    });
    server.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    server.once("close", (code) => reject(new Error(`the program server exited with ${code} before listening:\n${err}`)));
  });
}
