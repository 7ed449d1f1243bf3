/**
 * Go Pulumi programs served to the real CLI over `--client`, the way programServer.cjs serves
 * Node.js ones: the CLI needs no Go language host.
 *
 * A test gives the program's source: package main defining `func program(ctx *pulumi.Context)
 * error`. It is built, once per content, with goProgramServer/main.go (our LanguageRuntime server,
 * which runs the function with pulumi.RunWithContext as the Go Automation API does for inline
 * programs) into `<tool cache>/go-programs/<hash>/program`. Its go.mod is tools/codegen's (the same
 * versions as `codegen` and the Pulumi CLI, so the Go build cache compiled them already), plus the
 * generated Go SDK (`npm run build:sdks`'s dist/sdks/go) through a `replace` line. A build with a
 * warm Go build cache takes seconds (tests/realEngine/harness/README-languages.md has the figures).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { goModulePath } from "../../../scripts/buildSdks";
import { CODEGEN_MODULE, hashFiles } from "../../../scripts/codegenTool";
import { buildIntoCache, lastLines, Log, requireGo, stderrLog } from "../../../scripts/goBuild";
import { isExecutable, toolCacheRoot } from "../../../scripts/toolCache";
import { ProgramOptions, RunningProgram, startProgramServer } from "./pythonPrograms";

/** The server's source, copied beside each program's. */
export const GO_PROGRAM_SERVER = path.join(__dirname, "goProgramServer", "main.go");
/** The module path of a program's module (never imported by anything). */
const PROGRAM_MODULE = "pulumi-stripe-portal/go-program";
/** A program build not used for this long is removed when another is built. */
const UNUSED_FOR_MS = 7 * 24 * 3600_000;

/** Where built programs live. */
export function goProgramsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(toolCacheRoot(env), "go-programs");
}

/**
 * The binary serving source (package main with `func program(ctx *pulumi.Context) error`), built
 * when this source, the server, tools/codegen's go.mod and go.sum or the SDK's content are new.
 * sdkDir is a Go module (the generated SDK) the program may import.
 */
export async function buildGoProgram(source: string, sdkDir?: string, log: Log = stderrLog): Promise<string> {
  const sdk = sdkDir === undefined ? undefined : { dir: path.resolve(sdkDir), module: goModulePath(sdkDir) };
  const dir = path.join(goProgramsDir(), buildKey(source, sdk?.dir));
  const binary = path.join(dir, "program");
  if (isExecutable(binary)) return markUsed(dir, binary);
  const go = requireGo("The Go program tests' server");
  const failed = await buildIntoCache({
    binary,
    label: "go-program",
    prepare: () => {
      fs.writeFileSync(path.join(dir, "go.mod"), programGoMod(sdk));
      fs.copyFileSync(path.join(CODEGEN_MODULE, "go.sum"), path.join(dir, "go.sum"));
      fs.copyFileSync(GO_PROGRAM_SERVER, path.join(dir, "main.go"));
      fs.writeFileSync(path.join(dir, "program.go"), source);
    },
    cwd: dir,
    target: ".",
    announce: [`go-program: building a Go program with ${go} in ${dir}...`],
    log,
  });
  if (failed) throw new Error(`go-program: \`go build\` in ${dir} failed:\n${lastLines(failed.output, 40)}`);
  pruneUnused(dir);
  return markUsed(dir, binary);
}

/**
 * Starts the program server built from source (buildGoProgram) and resolves once it listens. Its
 * working directory is options.cwd (default: its build folder), its environment options.env.
 */
export async function startGoProgram(source: string, sdkDir?: string, options: ProgramOptions = {}): Promise<RunningProgram> {
  const binary = await buildGoProgram(source, sdkDir);
  return startProgramServer(binary, [], { env: options.env ?? process.env, cwd: options.cwd ?? path.dirname(binary) });
}

/** Everything the binary is made of: the program, the server, the versions, the SDK's files. */
function buildKey(source: string, sdkDir: string | undefined): string {
  const hash = crypto.createHash("sha256");
  for (const part of [
    source,
    fs.readFileSync(GO_PROGRAM_SERVER, "utf8"),
    fs.readFileSync(path.join(CODEGEN_MODULE, "go.mod"), "utf8"),
    fs.readFileSync(path.join(CODEGEN_MODULE, "go.sum"), "utf8"),
    sdkDir === undefined ? "no SDK" : hashFiles(sdkDir),
  ]) {
    hash.update(part);
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * tools/codegen's go.mod under another module path: every version `codegen` and the Pulumi CLI were
 * built with, which covers all that Pulumi's Go SDK imports (tools/codegen/sdkimports.go), plus the
 * SDK module from its folder.
 */
function programGoMod(sdk: { dir: string; module: string } | undefined): string {
  const tools = fs.readFileSync(path.join(CODEGEN_MODULE, "go.mod"), "utf8");
  let goMod = tools.replace(/^module\s+\S+/m, `module ${PROGRAM_MODULE}`);
  if (sdk) goMod += `\nrequire ${sdk.module} v0.0.0\n\nreplace ${sdk.module} => ${sdk.dir}\n`;
  return goMod;
}

/** Notes that the build in dir was used now (pruneUnused keeps it). */
function markUsed(dir: string, binary: string): string {
  const now = new Date();
  fs.utimesSync(dir, now, now);
  return binary;
}

/** Removes builds (about 40 MB each) no test used for a week, but never the one just made. */
function pruneUnused(keep: string): void {
  const root = path.dirname(keep);
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const dir = path.join(root, entry.name);
    if (!entry.isDirectory() || dir === keep || /\.(lock|partial-\d+)$/.test(entry.name)) continue;
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > UNUSED_FOR_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process removed it meanwhile.
    }
  }
}
