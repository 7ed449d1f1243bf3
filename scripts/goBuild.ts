/**
 * Go builds of the tools the tests need (the Pulumi CLI, codegen, the YAML language host, the test
 * programs), run the same way: outside any go.work, with a module's go.mod and go.sum as they are,
 * printing a line every 30 s so that a long first build is not mistaken for a hang; and what their
 * scripts share around a build (Go's presence, the cache lock, progress lines, one build into the
 * cache across processes, one per process).
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isExecutable } from "../cli/executable";
import { DirectoryLockOptions, withDirectoryLock } from "./directoryLock";

/** Where build progress goes (stderr, or a test's log). */
export type Log = (line: string) => void;

/** The default log: stderr, so that test output and script output both keep the progress lines. */
export const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);

/** A build may take this long on a cold 2-core machine before it counts as hung. */
export const BUILD_TIMEOUT_MS = 30 * 60_000;

/**
 * How long a cache lock whose holder cannot be checked (its pid file names another host sharing
 * the cache) is waited for: longer than a build may take, twice over for a holder that runs two
 * steps under one lock (the Python environment: a virtualenv, then pip).
 */
export const LOCK_STALE_MS = 2 * BUILD_TIMEOUT_MS;

/** The module whose go.mod names the Go release the project's tools need (tools/codegen's says the same). */
const TOOLS_MODULE = path.resolve(__dirname, "..", "tools", "pulumi");

/** What a build command did. */
export interface BuildRun {
  success: boolean;
  /** stdout and stderr together. */
  output: string;
}

/**
 * Runs a Go command outside any go.work, with the machine's Go settings but for `-mod` and
 * `-buildvcs`: a module's go.mod and go.sum are used as they are (`-mod=readonly`; `go install
 * …@version` takes none), and no VCS stamp is asked for (`-buildvcs=false`), which fails where git
 * is missing or the checkout belongs to another user. Both go through GOFLAGS, which Go applies
 * to the commands that know the flag.
 */
export function runGo(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; label: string; log: Log }): Promise<BuildRun> {
  const mod = args[0] === "install" && args.some((arg) => arg.includes("@")) ? [] : ["-mod=readonly"];
  const own = (process.env.GOFLAGS ?? "").split(/\s+/).filter((flag) => flag !== "" && !/^-(mod|buildvcs)(=|$)/.test(flag));
  const goFlags = [...own, ...mod, "-buildvcs=false"].join(" ");
  return runWithProgress("go", args, { ...options, env: { GOWORK: "off", GOFLAGS: goFlags, ...options.env } });
}

/**
 * Runs a build step, printing a line every 30 s so that a long first build is not mistaken for a
 * hang, and killing it after 30 minutes. `env` is added to this process's environment.
 */
export function runWithProgress(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; label: string; log: Log },
): Promise<BuildRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    const ticker = setInterval(() => options.log(`${options.label}: still working (${seconds(started)} s)...`), 30_000);
    const killer = setTimeout(() => child.kill("SIGTERM"), BUILD_TIMEOUT_MS);
    const done = (success: boolean, extra = "") => {
      clearInterval(ticker);
      clearTimeout(killer);
      resolve({ success, output: output + extra });
    };
    child.once("error", (error) => done(false, error.message));
    child.once("close", (code) => done(code === 0, code === null ? "\n(killed: it took longer than 30 minutes)" : ""));
  });
}

/** The `go` line of a module's go.mod (e.g. `1.26.6`): the oldest Go that builds it. */
export function goModGoVersion(moduleDir: string = TOOLS_MODULE): string {
  const goMod = fs.readFileSync(path.join(moduleDir, "go.mod"), "utf8");
  const match = /^go\s+(\S+)\s*$/m.exec(goMod);
  if (!match) throw new Error(`${path.join(moduleDir, "go.mod")} has no go line`);
  return match[1];
}

/** `go version`'s answer, or why `go` does not run; callers word the failure for what they build. */
export function goVersion(): { version: string } | { failure: string } {
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.error || go.status !== 0) return { failure: go.error?.message ?? go.stderr.trim() };
  return { version: go.stdout.trim() };
}

/**
 * `go version`, or an error naming what needs Go, the release the tools' go.mod asks for, and how
 * to get it.
 */
export function requireGo(what: string): string {
  const go = goVersion();
  if ("version" in go) return go.version;
  throw new Error(
    `${what} is built with Go, and \`go\` is not on PATH (${go.failure}). ` +
      `Install Go ${goModGoVersion()} or later (https://go.dev/dl/; the tools' go.mod files ask for it) and run again.`,
  );
}

/**
 * Lock options of a build in the tool cache: a holder that runs is waited for however long it
 * takes, one that cannot be checked (another host) for longer than a build may take, and the wait
 * is said.
 */
export function lockOptions(log: Log, label: string, target: string): DirectoryLockOptions {
  return {
    staleAfterMs: LOCK_STALE_MS,
    pollMs: 1000,
    onWait: () => log(`${label}: another process is building ${target}; waiting for it...`),
  };
}

/** Whole seconds since `since` (a `Date.now()`), for "built in N s" lines. */
export function seconds(since: number): number {
  return Math.round((Date.now() - since) / 1000);
}

/** The end of a failed build's output: where Go says what went wrong. */
export function lastLines(text: string, count = 20): string {
  return text.trim().split("\n").slice(-count).join("\n");
}

/** One binary of the tool cache and how `go build` makes it (`go build <flags> -o <binary> <target>` in `cwd`). */
export interface CachedGoBuild {
  binary: string;
  /** Names the build in its lock, progress and log lines. */
  label: string;
  /** Run by the lock's holder before it builds: a folder to write, a module to lay out. */
  prepare?: () => void;
  cwd: string;
  flags?: string[];
  target: string;
  /** Whether the binary is there and usable; default: it is executable. */
  ready?: () => boolean;
  /** Said before the build starts (which Go, where, how long it may take). */
  announce: string[];
  log: Log;
}

/**
 * Builds `binary` once across processes (Jest workers, two terminals): under the lock
 * `<folder>.lock` the holder checks again, builds to a partial file and renames it into place, so
 * nobody sees half a binary. Undefined when the binary is ready; the build's failed run otherwise.
 */
export async function buildIntoCache(build: CachedGoBuild): Promise<BuildRun | undefined> {
  const { binary, label, log } = build;
  const ready = build.ready ?? (() => isExecutable(binary));
  const dir = path.dirname(binary);
  let failed: BuildRun | undefined;
  await withDirectoryLock(`${dir}.lock`, lockOptions(log, label, dir), async () => {
    if (ready()) return;
    fs.mkdirSync(dir, { recursive: true });
    build.prepare?.();
    for (const line of build.announce) log(line);
    const started = Date.now();
    const partial = `${binary}.partial-${process.pid}`;
    const run = await runGo(["build", ...(build.flags ?? []), "-o", partial, build.target], { cwd: build.cwd, label, log });
    if (!run.success) {
      fs.rmSync(partial, { force: true });
      failed = run;
      return;
    }
    fs.renameSync(partial, binary);
    log(`${label}: built ${binary} in ${seconds(started)} s.`);
  });
  return failed;
}

const pending = new Map<string, Promise<string>>();

/** Runs each build (by key) once per process; a failure is not kept, so a later call tries again. */
export function oncePerProcess(key: string, build: () => Promise<string>): Promise<string> {
  let run = pending.get(key);
  if (!run) {
    run = build();
    pending.set(key, run);
    run.catch(() => pending.delete(key));
  }
  return run;
}
