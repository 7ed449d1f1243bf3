/**
 * The Go tools of the multi-language work, each built once per machine into the tool cache
 * (`${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-portal/`), under a lock so that parallel Jest
 * workers or terminals build it once, and found there afterwards:
 *
 * - `codegen` (tools/codegen): `codegen sdk` writes the Python and Go SDKs from the package schema
 *   (`npm run build:sdks`); kept in `codegen-<hash of tools/codegen>/`, so editing its sources
 *   builds a new one rather than running a stale one;
 * - stand-in language hosts: `pulumi-language-nodejs`, `-python` and `-go` links to `codegen`, which
 *   then answers the engine's code-generation calls (`pulumi import --out`, `pulumi package
 *   gen-sdk`) and nothing else. Real users' CLIs ship the real hosts; a CLI built from Go modules
 *   has none, so the tests put this folder first on the CLI's PATH;
 * - `pulumi-language-yaml` v1.25.0, Pulumi's YAML language host, which does run programs: it has a
 *   release on the Go module proxy, so `go install …@v1.25.0` builds it with its own pins.
 *
 * Where Go is missing each one fails at once with what to install; nothing is skipped.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { withDirectoryLock } from "./directoryLock";
import { buildIntoCache, lastLines, lockOptions, Log, oncePerProcess, requireGo, runGo, seconds, stderrLog } from "./goBuild";
import { isExecutable, toolCacheRoot } from "./toolCache";

const REPO_ROOT = path.resolve(__dirname, "..");
/**
 * The Go module of `codegen`. It pins the same Pulumi version as tools/pulumi (the CLI's module),
 * so that its build reuses the packages the CLI's build compiled into the Go build cache.
 */
export const CODEGEN_MODULE = path.join(REPO_ROOT, "tools", "codegen");
/** The languages `codegen` stands in for. */
export const STAND_IN_LANGUAGES = ["nodejs", "python", "go"] as const;
/** Pulumi's YAML language host, a release with its own go.mod (no `replace` lines, so `go install @version` takes it). */
export const YAML_HOST_MODULE = "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml";
/**
 * The YAML host's release, installed with the pins of its own go.mod (`go install …@v1.25.0`), not
 * in a module of ours: it does not build against the CLI's `pkg/v3` (tools/pulumi's v3.274.1).
 */
export const YAML_HOST_VERSION = "v1.25.0";

/** The `codegen` binary, built from tools/codegen into the tool cache when this source has not been yet. */
export function codegenTool(log: Log = stderrLog): Promise<string> {
  return oncePerProcess("codegen", () => buildCodegen(log));
}

/**
 * A cache folder holding `pulumi-language-nodejs`, `pulumi-language-python` and
 * `pulumi-language-go`, links to `codegen`: put it first on the CLI's PATH, or name it in
 * Pulumi.yaml (`plugins: languages: [{ name: python, path: <folder> }]`).
 */
export function standInLanguageHosts(log: Log = stderrLog): Promise<string> {
  return oncePerProcess("stand-in hosts", async () => {
    const binary = await codegenTool(log);
    const dir = path.join(path.dirname(binary), "language-hosts");
    for (const language of STAND_IN_LANGUAGES) linkOnce(path.relative(dir, binary), path.join(dir, `pulumi-language-${language}`));
    return dir;
  });
}

/** The folder holding `pulumi-language-yaml` v1.25.0, installed into the cache when missing. */
export function yamlLanguageHost(log: Log = stderrLog): Promise<string> {
  return oncePerProcess("yaml host", () => installYamlHost(log));
}

/**
 * The folder of the `codegen` built from the current tools/codegen: its key is a hash of the
 * module's Go sources, go.mod and go.sum (not of anything else there, such as a binary of a local
 * `go build`).
 */
export function codegenDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(toolCacheRoot(env), `codegen-${hashFiles(CODEGEN_MODULE, (file) => !isGoSource(file))}`);
}

function isGoSource(file: string): boolean {
  return file.endsWith(".go") || file === "go.mod" || file === "go.sum";
}

async function buildCodegen(log: Log): Promise<string> {
  const dir = codegenDir();
  const binary = path.join(dir, "codegen");
  if (isExecutable(binary)) return binary;
  const go = requireGo("codegen (tools/codegen)");
  const failed = await buildIntoCache({
    binary,
    label: "codegen",
    cwd: CODEGEN_MODULE,
    target: ".",
    announce: [
      `codegen: building tools/codegen with ${go} into ${dir}`,
      "codegen: once per source of tools/codegen; the first build on a machine compiles Pulumi's code generators (about 3 minutes on 2 cores; later ones, seconds)...",
    ],
    log,
  });
  if (failed) throw new Error(`codegen: \`go build\` in tools/codegen failed:\n${lastLines(failed.output)}`);
  return binary;
}

async function installYamlHost(log: Log): Promise<string> {
  const dir = path.join(toolCacheRoot(), `pulumi-language-yaml-${YAML_HOST_VERSION}`);
  const binary = path.join(dir, "pulumi-language-yaml");
  if (isExecutable(binary)) return dir;
  const go = requireGo(`pulumi-language-yaml ${YAML_HOST_VERSION}`);
  await withDirectoryLock(`${dir}.lock`, lockOptions(log, "pulumi-language-yaml", dir), async () => {
    if (isExecutable(binary)) return;
    // GOBIN is a folder of its own, renamed into place, so a half-installed host is never found.
    const partial = `${dir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    log(`pulumi-language-yaml: installing ${YAML_HOST_MODULE}@${YAML_HOST_VERSION} with ${go} into ${dir}`);
    log("pulumi-language-yaml: once per machine, with the versions its own go.mod pins (a few minutes on 2 cores the first time)...");
    const started = Date.now();
    const run = await runGo(["install", `${YAML_HOST_MODULE}@${YAML_HOST_VERSION}`], {
      cwd: path.dirname(dir),
      env: { GOBIN: partial },
      label: "pulumi-language-yaml",
      log,
    });
    if (!run.success) {
      fs.rmSync(partial, { recursive: true, force: true });
      throw new Error(`pulumi-language-yaml: \`go install\` failed:\n${lastLines(run.output)}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
    log(`pulumi-language-yaml: installed ${binary} in ${seconds(started)} s.`);
  });
  return dir;
}

/**
 * A short hash of every file under dir (names and contents, in a fixed order): the cache key of
 * what is built from them.
 */
export function hashFiles(dir: string, skip: (relative: string) => boolean = () => false): string {
  const hash = crypto.createHash("sha256");
  for (const relative of listFiles(dir).filter((file) => !skip(file))) {
    hash.update(`${relative}\0`);
    hash.update(fs.readFileSync(path.join(dir, relative)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Files under dir, relative, sorted; symbolic links are not followed. */
export function listFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  visit("");
  return found.sort();
}

/** Makes link point at target (a relative path), replacing whatever is there, atomically. */
function linkOnce(target: string, link: string): void {
  try {
    if (fs.readlinkSync(link) === target) return;
  } catch {
    // Missing, or not a link: made below.
  }
  fs.mkdirSync(path.dirname(link), { recursive: true });
  const partial = `${link}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });
  fs.symlinkSync(target, partial);
  fs.renameSync(partial, link);
}

if (require.main === module) {
  // `ts-node scripts/codegenTool.ts`: builds (or finds) every tool and prints where each is.
  (async () => {
    process.stdout.write(`${await codegenTool()}\n${await standInLanguageHosts()}\n${await yamlLanguageHost()}\n`);
  })().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
