/**
 * Python Pulumi programs served to the real CLI over `--client` (pythonProgramServer.py), the way
 * programServer.cjs serves Node.js ones: the CLI needs no Python language host.
 *
 * - One virtual environment per machine, `<tool cache>/python-3.272.0/`, with `pulumi==3.272.0`
 *   (the newest on PyPI; the CLI is 3.274.1, and the protocol between them is stable) and a
 *   setuptools that builds wheels by itself; made once, under a lock, from PyPI.
 * - Each SDK folder (`npm run build:sdks`'s dist/sdks/python, or any other) is pip-installed once
 *   per content into `python-3.272.0/sdks/<hash>/` with `pip install --target` (no dependencies:
 *   the environment has them), and programs get that folder on PYTHONPATH. The shared environment is
 *   never changed after it is made, so parallel Jest workers cannot race on it; pip builds from a
 *   copy of the SDK folder, never writing into it.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { hashFiles } from "../../../scripts/codegenTool";
import { lastLines, lockOptions, Log, oncePerProcess, runWithProgress, seconds, stderrLog } from "../../../scripts/goBuild";
import { withDirectoryLock } from "../../../scripts/directoryLock";
import { toolCacheRoot } from "../../../scripts/toolCache";

/** The `pulumi` Python package of the environment: the newest on PyPI. */
export const PYTHON_PULUMI_VERSION = "3.272.0";
/** From 70.1 setuptools builds wheels without the `wheel` package, so SDK installs need no build isolation (no download). */
const SETUPTOOLS = "setuptools==80.9.0";
const SERVER = path.join(__dirname, "pythonProgramServer.py");
/** Written last into a finished environment: one without it is half made and is made again. */
const READY_FILE = ".pulumi-stripe-portal-ready";

/** The folder of the virtual environment. */
export function pythonEnvironmentDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(toolCacheRoot(env), `python-${PYTHON_PULUMI_VERSION}`);
}

/** The environment's `python`, the environment made when missing (once per machine). */
export function pythonEnvironment(log: Log = stderrLog): Promise<string> {
  return oncePerProcess("python environment", () => makeEnvironment(log));
}

async function makeEnvironment(log: Log): Promise<string> {
  const dir = pythonEnvironmentDir();
  const python = path.join(dir, "bin", "python");
  const requirements = `pulumi==${PYTHON_PULUMI_VERSION} ${SETUPTOOLS}`;
  const ready = () => readText(path.join(dir, READY_FILE)) === requirements;
  if (ready()) return python;
  const basePython = requirePython();
  await withDirectoryLock(`${dir}.lock`, lockOptions(log, "python-env", dir), async () => {
    if (ready()) return;
    // A virtual environment holds its own path, so it is made in place, not renamed into it.
    fs.rmSync(dir, { recursive: true, force: true });
    log(`python-env: making a virtual environment with ${basePython} in ${dir}, with ${requirements} from PyPI (once per machine)...`);
    const started = Date.now();
    await mustRun("python3", ["-m", "venv", dir], "python-env", log);
    await mustRun(python, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", ...requirements.split(" ")], "python-env", log);
    fs.writeFileSync(path.join(dir, READY_FILE), requirements);
    log(`python-env: ready in ${seconds(started)} s.`);
  });
  return python;
}

/**
 * The folder to put on PYTHONPATH for the SDK in sdkDir (a pip-installable project), installed once
 * per content of the folder.
 */
export async function installPythonSdk(sdkDir: string, log: Log = stderrLog): Promise<string> {
  const python = await pythonEnvironment(log);
  const source = path.resolve(sdkDir);
  const target = path.join(pythonEnvironmentDir(), "sdks", hashFiles(source, isBuildLeftover));
  if (fs.existsSync(target)) return target;
  await withDirectoryLock(`${target}.lock`, lockOptions(log, "python-sdk", target), async () => {
    if (fs.existsSync(target)) return;
    const copy = `${target}.source-${process.pid}`;
    const partial = `${target}.partial-${process.pid}`;
    fs.rmSync(copy, { recursive: true, force: true });
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(source, copy, { recursive: true, filter: (file) => !isBuildLeftover(path.relative(source, file)) });
    try {
      log(`python-sdk: pip install ${source} into ${target}`);
      await mustRun(
        python,
        ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--target", partial, copy],
        "python-sdk",
        log,
      );
      fs.renameSync(partial, target);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
      fs.rmSync(partial, { recursive: true, force: true });
    }
  });
  return target;
}

/** What an in-tree build (`pip install DIR` of an older pip, `setup.py build`) leaves in an SDK folder. */
function isBuildLeftover(relative: string): boolean {
  return /(^|\/)(build|__pycache__|[^/]*\.egg-info)(\/|$)/.test(relative);
}

/** A program server running: the CLI's `--client` address, and how to stop it. */
export interface RunningProgram {
  /** `127.0.0.1:<port>`, for `pulumi up --client=<address>`. */
  address: string;
  /** What the server printed on stderr so far (the program's own prints, Python tracebacks). */
  stderr(): string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

export interface ProgramOptions {
  /** The server's environment (default: this process's); PYTHONPATH is set to the SDK's folder. */
  env?: NodeJS.ProcessEnv;
  /** Its working directory (default: the program file's folder). */
  cwd?: string;
}

/**
 * Starts pythonProgramServer.py for programFile, a Python file defining `program()` (the Pulumi
 * program: what the Automation API calls an inline program), with the SDK of sdkDir importable
 * (pip-installed once: installPythonSdk). Resolves once the server listens.
 */
export async function startPythonProgram(programFile: string, sdkDir?: string, options: ProgramOptions = {}): Promise<RunningProgram> {
  const python = await pythonEnvironment();
  const sitePackages = sdkDir === undefined ? undefined : await installPythonSdk(sdkDir);
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" };
  if (sitePackages) env.PYTHONPATH = sitePackages;
  else delete env.PYTHONPATH;
  return startProgramServer(python, [SERVER, path.resolve(programFile)], { env, cwd: options.cwd ?? path.dirname(path.resolve(programFile)) });
}

/**
 * Starts a program server (this one, or goPrograms.ts's binary) and resolves when it prints
 * `port <n>`; rejects with what it printed if it exits first.
 */
export function startProgramServer(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }): Promise<RunningProgram> {
  const server = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<void>((resolve) => server.once("close", () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    server.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^port (\d+)$/m.exec(stdout);
      if (match) resolve({ address: `127.0.0.1:${match[1]}`, stderr: () => stderr, stop });
    });
    server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    server.once("error", (error) => reject(new Error(`${command} did not start: ${error.message}`)));
    server.once("close", (code, signal) => reject(new Error(`the program server (${command}) exited with ${code ?? signal} before listening:\n${stdout}${stderr}`)));
  });
}

/** python3's version, or an error saying what to install. */
function requirePython(): string {
  const python = spawnSync("python3", ["-c", "import sys, venv; print(sys.version.split()[0])"], { encoding: "utf8" });
  if (python.error || python.status !== 0) {
    throw new Error(
      `The Python program tests need python3 (3.9 or later) with its venv module, and it does not run (${python.error?.message ?? python.stderr.trim()}). ` +
        "Install it (Debian: apt-get install python3 python3-venv; or https://www.python.org/downloads/) and run again.",
    );
  }
  return `python3 ${python.stdout.trim()}`;
}

async function mustRun(command: string, args: string[], label: string, log: Log): Promise<void> {
  const run = await runWithProgress(command, args, { cwd: toolCacheRoot(), label, log });
  if (!run.success) throw new Error(`${label}: \`${path.basename(command)} ${args.join(" ")}\` failed:\n${lastLines(run.output)}`);
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
