/**
 * The package as a user gets it: `npm run build`, `npm pack`, then `npm install <tarball>` in a
 * temporary Pulumi program directory with its own package.json (npm's cache is reused, so this
 * works offline once the dependencies were fetched once).
 *
 * The build writes to a staging copy of the package (package.json, README, the compiled `dist/`)
 * and `npm pack` runs there: the repository's own `dist/` is never touched, so that other test
 * files reading it, and other people building it, are not raced; and stale files a previous build
 * left in `dist/` do not slip into the tarball tested here.
 *
 * Building and installing take several seconds, so both are cached under the system temp
 * directory: the tarball per hash of the build's inputs, the installed program directory per
 * hash of the tarball. Every engine test file calls `installedPackage()`; the first one does the
 * work (under a lock, so parallel Jest workers wait for it) and the others reuse it. A changed
 * source file gives another hash, hence a fresh build, pack and install. Entries unused for a day
 * are removed.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withDirectoryLock } from "../../../scripts/directoryLock";

export interface InstalledPackage {
  /** The repository the package was built from. */
  repoRoot: string;
  /** The packed tarball (`pulumi-stripe-portal-<version>.tgz`). */
  tarball: string;
  /** sha256 of the tarball. */
  tarballSha256: string;
  /** The package version packed. */
  version: string;
  /** The Pulumi program directory: package.json, Pulumi.yaml, node_modules with the package installed. */
  programDir: string;
  /** Where the time went in this process (0 when the cache answered). */
  timings: { buildAndPackMs: number; installMs: number };
}

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
export const CACHE_ROOT = path.join(os.tmpdir(), "pulumi-stripe-portal-engine-tests");

/** What `npm run build` and `npm pack` read; a change to any of them means a new tarball. */
/** Files `npm pack` takes from the package root besides the build output (`files` and npm's always-included ones). */
const PACKAGE_FILES = ["package.json", "README.md", "LICENSE", "CHANGELOG.md"];
const BUILD_INPUTS = ["provider", "sdk", "emulator", "cli", "tsconfig.json", "tsconfig.build.json", ...PACKAGE_FILES];
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
/** Builds and program directories kept besides the current ones (a program directory is ~120 MB). */
const KEEP_RECENT = 2;
/** An entry used this recently may be in use by a test run in another process (running a program writes into it). */
const IN_USE_MS = 15 * 60 * 1000;
const LOCK_STALE_MS = 10 * 60 * 1000;

let memo: Promise<InstalledPackage> | undefined;

/**
 * The `@pulumi/pulumi` the test program has before the package is installed into it:
 * `PULUMI_SDK_VERSION` (`npm run test:sdk-floor` sets the range's floor), else none, and npm
 * installs the newest the range allows.
 */
export function pulumiSdkVersion(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.PULUMI_SDK_VERSION || undefined;
}

/** The built, packed and installed package; cached per process and on disk. */
export function installedPackage(): Promise<InstalledPackage> {
  memo ??= prepare();
  return memo;
}

async function prepare(): Promise<InstalledPackage> {
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  pruneStaleEntries();
  const timings = { buildAndPackMs: 0, installMs: 0 };

  const { tarball, version } = await withLock("build", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const sourceHash = hashBuildInputs();
      const buildDir = path.join(CACHE_ROOT, `build-${sourceHash.slice(0, 16)}`);
      const ready = readReady(buildDir);
      if (ready) {
        touch(buildDir);
        return ready as { tarball: string; version: string };
      }
      const started = Date.now();
      fs.rmSync(buildDir, { recursive: true, force: true });
      const stage = path.join(buildDir, "package");
      fs.mkdirSync(stage, { recursive: true });
      // The project's build, written to a staging copy of the package rather than to the shared
      // dist/, which other test files and other people's builds read and write meanwhile.
      run("npm", ["run", "build", "--", "--outDir", path.join(stage, "dist")], REPO_ROOT, "npm run build");
      for (const file of PACKAGE_FILES) {
        if (fs.existsSync(path.join(REPO_ROOT, file))) fs.copyFileSync(path.join(REPO_ROOT, file), path.join(stage, file));
      }
      const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", buildDir], stage, "npm pack")) as { filename: string; version: string }[];
      fs.rmSync(stage, { recursive: true, force: true });
      timings.buildAndPackMs += Date.now() - started;
      // Another engineer may have saved a source file while this built: build again then.
      if (hashBuildInputs() !== sourceHash) continue;
      const result = { tarball: path.join(buildDir, packed[0].filename), version: packed[0].version };
      writeReady(buildDir, result);
      return result;
    }
    throw new Error("The sources kept changing during `npm run build`; run the engine tests again.");
  });

  const tarballSha256 = createHash("sha256").update(fs.readFileSync(tarball)).digest("hex");
  // A program that already has its own `@pulumi/pulumi` (PULUMI_SDK_VERSION: the range's floor, say)
  // installs the tarball beside it, as a user's program does.
  const sdk = pulumiSdkVersion();
  const programKey = createHash("sha256").update(`${tarballSha256}\0${sdk ?? "newest"}`).digest("hex").slice(0, 16);
  const programDir = path.join(CACHE_ROOT, `program-${programKey}`);
  await withLock(`program-${programKey}`, async () => {
    if (readReady(programDir)) return;
    const started = Date.now();
    fs.rmSync(programDir, { recursive: true, force: true });
    fs.mkdirSync(programDir, { recursive: true });
    fs.writeFileSync(
      path.join(programDir, "package.json"),
      JSON.stringify({ name: "engine-test-program", version: "0.0.0", private: true, main: "index.js", ...(sdk ? { dependencies: { "@pulumi/pulumi": sdk } } : {}) }, null, 2) + "\n",
    );
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: engine-test\nruntime: nodejs\ndescription: Pulumi program of the engine tests\n");
    const localTarball = path.basename(tarball);
    fs.copyFileSync(tarball, path.join(programDir, localTarball));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${localTarball}`], programDir, "npm install of the packed tarball");
    timings.installMs = Date.now() - started;
    writeReady(programDir, { tarballSha256, sdk });
  });
  touch(programDir);

  return { repoRoot: REPO_ROOT, tarball, tarballSha256, version, programDir, timings };
}

function run(command: string, args: string[], cwd: string, what: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 5 * 60 * 1000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_loglevel: "error" },
  });
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}) in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function hashBuildInputs(): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const absolute = path.join(REPO_ROOT, relative);
    if (!fs.existsSync(absolute)) return;
    const stat = fs.statSync(absolute);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(absolute).sort()) visit(path.join(relative, entry));
      return;
    }
    hash.update(`${relative}\0${stat.size}\0`);
    hash.update(fs.readFileSync(absolute));
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

export function readReady(dir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, ".ready.json"), "utf8"));
  } catch {
    return undefined;
  }
}

export function writeReady(dir: string, value: unknown): void {
  fs.writeFileSync(path.join(dir, ".ready.json"), JSON.stringify(value));
}

function touch(dir: string): void {
  const now = new Date();
  fs.utimesSync(dir, now, now);
}

/**
 * Removes builds and program directories nobody used for a day, and all but the most recently
 * used few (sources change often while people work). Never one that is locked, nor one used in the
 * last minutes: another process's run may be using it (removing it under its feet broke that run,
 * or this prune with ENOTEMPTY while that run wrote into it).
 */
function pruneStaleEntries(): void {
  for (const kind of ["build", "program", "plugin"]) {
    const entries = fs
      .readdirSync(CACHE_ROOT)
      .filter((entry) => new RegExp(`^${kind}-[0-9a-f]{16}$`).test(entry))
      .map((entry) => ({ dir: path.join(CACHE_ROOT, entry), mtimeMs: safeMtime(path.join(CACHE_ROOT, entry)) }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    entries.forEach(({ dir, mtimeMs }, index) => {
      if (fs.existsSync(`${dir}.lock`) || fs.existsSync(path.join(CACHE_ROOT, `${path.basename(dir)}.lock`))) return;
      const age = Date.now() - mtimeMs;
      if (age < IN_USE_MS) return;
      if (index >= KEEP_RECENT || age > STALE_AFTER_MS) fs.rmSync(dir, { recursive: true, force: true });
    });
  }
}

/** Runs `work` holding a lock directory, so that parallel Jest workers build and install once. */
export function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  return withDirectoryLock(path.join(CACHE_ROOT, `${name}.lock`), { staleAfterMs: LOCK_STALE_MS, pollMs: 250 }, work);
}

function safeMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}
