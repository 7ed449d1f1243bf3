/**
 * A newcomer's first run is clean: the quick start (index.ts) and every example, compiled as
 * Pulumi compiles a TypeScript program and run by the real CLI against the emulator, preview and
 * deploy with no `warning:`, and their exports are what they promise (a login URL not known in
 * the preview, the URL after up).
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { Emulator, startEmulator } from "../../emulator";
import { CliRun, RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS } from "./harness/setup";

/** Per program: a stack, a preview, an up and the outputs, a few seconds each. */
jest.setTimeout(180_000);

const ROOT = path.join(__dirname, "..", "..");
const KEY = "sk_test_realEngineExamples42";
let emulator: Emulator;
const stacks: RealStack[] = [];

beforeAll(async () => {
  await prepareRealEngine();
  emulator = await startEmulator({ port: 0 });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  for (const stack of stacks) stack.remove();
});

/**
 * The program's TypeScript files, transpiled to CommonJS into the stack's folder, and the index.js
 * the program server loads: a program whose module exports are the stack's outputs, as with
 * Pulumi's Node.js language host.
 */
function installProgram(stack: RealStack, dir: string, main: string): void {
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(dir, file), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    fs.writeFileSync(path.join(stack.workDir, file.replace(/\.ts$/, ".program.js")), outputText);
  }
  stack.setProgram(`module.exports = async () => ({ ...require("./${main.replace(/\.ts$/, ".program.js")}") });\n`);
}

function warningsIn(run: CliRun): string[] {
  return `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => /warning:/i.test(line));
}

/** The stack's outputs after up. */
async function stackOutputs(stack: RealStack): Promise<Record<string, unknown>> {
  const run = await stack.must(["stack", "output", "--json"]);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

const PROGRAMS: { name: string; dir: string; outputs: (url: string) => Record<string, unknown> }[] = [
  { name: "quick start", dir: ROOT, outputs: (url) => ({ configurationId: expect.stringMatching(/^bpc_/), loginUrl: expect.stringMatching(new RegExp(`^${url}/p/login/`)) }) },
  ...fs
    .readdirSync(path.join(ROOT, "examples"))
    .sort()
    .map((example) => ({ name: `examples/${example}`, dir: path.join(ROOT, "examples", example), outputs: () => ({}) })),
];

test.each(PROGRAMS)("$name: preview and up with no warning", async ({ name, dir, outputs }) => {
  const stack = await RealStack.create({ name: name.replace(/\W+/g, "-"), program: "", config: { "stripe:apiBase": emulator.url }, secrets: { "stripe:apiKey": KEY } });
  stacks.push(stack);
  installProgram(stack, dir, "index.ts");

  const preview = await stack.preview();
  expect({ code: preview.code, warnings: warningsIn(preview) }).toEqual({ code: 0, warnings: [] });
  const up = await stack.up();
  expect({ code: up.code, warnings: warningsIn(up) }).toEqual({ code: 0, warnings: [] });
  expect(await stackOutputs(stack)).toMatchObject(outputs(emulator.url));
  const again = await stack.preview("--expect-no-changes");
  expect({ code: again.code, warnings: warningsIn(again) }).toEqual({ code: 0, warnings: [] });
});

test("the quick start's preview shows its login URL as not known yet, rather than missing", async () => {
  const stack = await RealStack.create({ name: "quickstart-outputs", program: "", config: { "stripe:apiBase": emulator.url } });
  stacks.push(stack);
  installProgram(stack, ROOT, "index.ts");
  const preview = await stack.preview();
  expect(preview.code).toBe(0);
  expect(preview.stdout).toMatch(/--outputs:--\n\s+configurationId: \[unknown\]\n\s+loginUrl\s*: \[unknown\]\n/);
});
