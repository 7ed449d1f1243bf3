/**
 * The lock file installs everywhere and `engines` tells the truth about it.
 *
 * - `npm ci` refuses a lock that lacks a package some locked package depends on, on every
 *   platform, even an optional one for another platform (`@unrs/resolver-binding-win32-x64-msvc`,
 *   `@parcel/watcher-darwin-arm64`): npm leaves those out when it rewrites a lock over an existing
 *   node_modules (npm/cli#4828). So every dependency of every locked package must resolve to a
 *   locked package, as Node would find it (the nearest node_modules up the tree).
 * - `npm ci --dry-run --os=<os> --cpu=<cpu>` accepts it for macOS, Windows and Linux.
 * - `engines.node` accepts exactly the Node.js versions that every locked package accepts, so a
 *   fresh install with any Node it names prints no `EBADENGINE` warning, and it names no version
 *   for which one would.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

interface LockedPackage {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
}

interface Semver {
  satisfies(version: string, range: string): boolean;
}

const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { lockfileVersion: number; packages: Record<string, LockedPackage> };
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
// npm's own range semantics: the semver package that @pulumi/pulumi (a dependency) depends on.
const semver = require(require.resolve("semver", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] })) as Semver;

/** The lock key Node would load `name` from when required from the package at `from` ("" is the root). */
function resolveInLock(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const parent = dir.lastIndexOf("/node_modules/");
    dir = parent < 0 ? "" : dir.slice(0, parent);
  }
}

test("the lock file is npm's v3 format", () => {
  expect(lock.lockfileVersion).toBe(3);
});

test("every dependency of every locked package, optional ones of every platform included, is locked", () => {
  const missing: string[] = [];
  for (const [location, pkg] of Object.entries(lock.packages)) {
    const wanted = [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}).filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional),
      ...(location === "" ? Object.keys(pkg.devDependencies ?? {}) : []),
    ];
    for (const name of wanted) if (!resolveInLock(location, name)) missing.push(`${location || "(root)"} -> ${name}`);
  }
  expect(missing).toEqual([]);
});

test("the platform packages of other systems are locked, as optional", () => {
  const platformPackages = Object.entries(lock.packages).filter(([, pkg]) => pkg.os || pkg.cpu);
  const systems = new Set(platformPackages.flatMap(([, pkg]) => pkg.os ?? []));
  expect(["darwin", "linux", "win32"].filter((system) => !systems.has(system))).toEqual([]);
  expect(platformPackages.filter(([, pkg]) => !pkg.optional).map(([location]) => location)).toEqual([]);
});

test.each([
  ["darwin", "arm64"],
  ["darwin", "x64"],
  ["win32", "x64"],
  ["win32", "arm64"],
  ["linux", "arm64"],
  ["linux", "x64"],
])("npm ci accepts the lock on %s-%s (a dry run, as npm would install there)", (os, cpu) => {
  const result = spawnSync("npm", ["ci", "--dry-run", "--ignore-scripts", `--os=${os}`, `--cpu=${cpu}`], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_audit: "false", npm_config_fund: "false" },
  });
  expect(result.stderr.split("\n").filter((line) => /^npm (error|warn)/.test(line))).toEqual([]);
  expect(result.status).toBe(0);
}, 120_000);

test("the lock's root records the engines of package.json", () => {
  expect(lock.packages[""].engines).toEqual(manifest.engines);
});

test("engines.node names exactly the Node.js versions every locked package accepts", () => {
  const ranges = new Map<string, string[]>();
  for (const [location, pkg] of Object.entries(lock.packages)) {
    if (location === "" || !pkg.engines?.node) continue;
    ranges.set(pkg.engines.node, [...(ranges.get(pkg.engines.node) ?? []), `${location.replace(/^.*node_modules\//, "")}@${pkg.version}`]);
  }
  const probes: string[] = [];
  for (let major = 16; major <= 30; major++) for (let minor = 0; minor <= 40; minor++) probes.push(`${major}.${minor}.0`);
  const disagreements = probes.flatMap((version) => {
    const refusedBy = [...ranges].filter(([range]) => !semver.satisfies(version, range)).map(([range, packages]) => `${packages[0]} (${range})`);
    const named = semver.satisfies(version, manifest.engines.node);
    if (named && refusedBy.length > 0) return [`${version} is named by engines but refused by ${refusedBy.join(", ")}`];
    if (!named && refusedBy.length === 0) return [`${version} is accepted by every locked package but not named by engines`];
    return [];
  });
  expect(disagreements).toEqual([]);
});

test("engines names the current LTS lines, 22 and 24", () => {
  expect(semver.satisfies("22.9.0", manifest.engines.node)).toBe(true);
  expect(semver.satisfies("24.0.0", manifest.engines.node)).toBe(true);
});

test("the examples' workflows set up a current LTS line (22 or 24), which engines names", () => {
  const workflows = fs
    .readdirSync(path.join(ROOT, "examples"))
    .map((example) => path.join(ROOT, "examples", example, ".github", "workflows"))
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) => fs.readdirSync(dir).map((file) => path.join(dir, file)));
  const lines = workflows.flatMap((file) => [...fs.readFileSync(file, "utf8").matchAll(/node-version:\s*['"]?(\d+)/g)].map((match) => match[1]));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.filter((line) => !["22", "24"].includes(line) || !semver.satisfies(`${line}.9.0`, manifest.engines.node))).toEqual([]);
});
