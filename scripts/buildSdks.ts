/**
 * `npm run build:sdks [-- [--schema FILE] [--out DIR]]`: the Python and Go SDKs of the package,
 * generated from its Pulumi package schema (provider/plugin/schema.json) by `codegen sdk`
 * (tools/codegen, built into the tool cache on first use: scripts/codegenTool.ts):
 *
 * - `dist/sdks/python/`: a pip-installable project (`pip install dist/sdks/python`), package
 *   `pulumi_stripe_portal`, depending on `pulumi` from PyPI;
 * - `dist/sdks/go/`: a Go module (the parent of the schema's Go importBasePath) with go.mod and
 *   go.sum, the same versions as tools/codegen; a program uses it with
 *   `require <module> v0.0.0` and `replace <module> => <path to dist/sdks/go>`.
 *
 * The output folder is removed first, so nothing of an earlier schema is left in it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { codegenTool, listFiles } from "./codegenTool";
import { lastLines, Log, runWithProgress, stderrLog } from "./goBuild";

const REPO_ROOT = path.resolve(__dirname, "..");
/** Where the provider's schema generator writes the package schema. */
export const PROJECT_SCHEMA = path.join(REPO_ROOT, "provider", "plugin", "schema.json");
/** Where the SDKs go by default: under dist/, built output, never committed. */
export const DEFAULT_OUT = path.join(REPO_ROOT, "dist", "sdks");

/** What `buildSdks` wrote, for the lines that tell a user how to use each SDK. */
export interface BuiltSdks {
  /** The pip-installable project. */
  python: string;
  /** The Go module's folder. */
  go: string;
  /** The Go module's path (its go.mod's `module` line). */
  goModule: string;
  /** The Python distribution's name and version (its pyproject.toml). */
  pythonProject: { name: string; version: string };
}

/** Generates both SDKs from schema into out (removed first). */
export async function buildSdks(options: { schema?: string; out?: string; log?: Log } = {}): Promise<BuiltSdks> {
  const schema = path.resolve(options.schema ?? PROJECT_SCHEMA);
  const out = path.resolve(options.out ?? DEFAULT_OUT);
  const log = options.log ?? stderrLog;
  if (!fs.existsSync(schema)) {
    throw new Error(`No package schema at ${schema}: \`npm run generate\` writes the project's (provider/plugin/schema.json), or name one with --schema FILE.`);
  }
  const codegen = await codegenTool(log);
  fs.rmSync(out, { recursive: true, force: true });
  const python = path.join(out, "python");
  const go = path.join(out, "go");
  const args = ["sdk", "--schema", schema, "--python", python, "--go", go];
  const run = await runWithProgress(codegen, args, { cwd: process.cwd(), label: "build:sdks", log });
  if (!run.success) throw new Error(`\`codegen ${args.join(" ")}\` failed:\n${lastLines(run.output)}`);
  return { python, go, goModule: goModulePath(go), pythonProject: pythonProject(python) };
}

/** The `module` line of dir/go.mod. */
export function goModulePath(dir: string): string {
  const goMod = fs.readFileSync(path.join(dir, "go.mod"), "utf8");
  const match = /^module\s+(\S+)/m.exec(goMod);
  if (!match) throw new Error(`${dir}/go.mod has no module line`);
  return match[1];
}

/** name and version of dir/pyproject.toml's [project] table (the generator writes each on a line of its own). */
function pythonProject(dir: string): { name: string; version: string } {
  const pyproject = fs.readFileSync(path.join(dir, "pyproject.toml"), "utf8");
  const field = (name: string) => new RegExp(`^\\s*${name}\\s*=\\s*"([^"]*)"`, "m").exec(pyproject)?.[1] ?? "?";
  return { name: field("name"), version: field("version") };
}

const USAGE = "npm run build:sdks [-- [--schema FILE] [--out DIR]] (defaults: provider/plugin/schema.json, dist/sdks)";

function parseArgs(args: string[]): { schema?: string; out?: string } {
  const options: { schema?: string; out?: string } = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--help" || args[i] === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const match = /^--(schema|out)(?:=(.*))?$/.exec(args[i]);
    if (!match) throw new Error(`unknown argument ${args[i]}; usage: ${USAGE}`);
    const value = match[2] ?? args[++i];
    if (!value) throw new Error(`--${match[1]} needs a value`);
    options[match[1] as "schema" | "out"] = value;
  }
  return options;
}

async function main(args: string[]): Promise<void> {
  const built = await buildSdks(parseArgs(args));
  const shown = (dir: string) => path.relative(process.cwd(), dir) || ".";
  process.stdout.write(
    `build:sdks: wrote ${shown(built.python)}/ (${listFiles(built.python).length} files): Python project ${built.pythonProject.name} ${built.pythonProject.version}; pip install ${shown(built.python)}\n` +
      `build:sdks: wrote ${shown(built.go)}/ (${listFiles(built.go).length} files): Go module ${built.goModule}; in a program's go.mod: replace ${built.goModule} => ${path.resolve(built.go)}\n`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`build:sdks: ${error.message}\n`);
    process.exit(1);
  });
}
