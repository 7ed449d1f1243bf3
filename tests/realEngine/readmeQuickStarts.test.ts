/**
 * The README's Python and Go quick starts, as written there, deployed with the real CLI and the
 * native plugin against the emulator: Stripe gets the same create request from each as from the
 * TypeScript quick start (index.ts, through the dynamic provider), and a second preview of each
 * shows no change.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Emulator, LoggedRequest, startEmulator } from "../../emulator";
import { buildSdks } from "../../scripts/buildSdks";
import { builtPlugin } from "./harness/builtPlugin";
import { Runtime, runUserProgram, Sdks } from "./harness/generatedPrograms";
import { RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const KEY = "sk_test_realEngineReadme42";
let root: string;
let sdks: Sdks;
let emulator: Emulator;
const stacks: RealStack[] = [];

/** The first code block of a language under a `### ` heading of the README. */
function codeUnder(heading: string, language: string): string {
  const start = README.indexOf(`\n### ${heading}\n`);
  const block = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(README.slice(start));
  if (start < 0 || !block) throw new Error(`README has no \`\`\`${language} block under "### ${heading}"`);
  return block[1];
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-readme-"));
  const [, , built] = await Promise.all([prepareRealEngine(), builtPlugin(), buildSdks({ out: path.join(root, "sdks"), log: () => undefined })]);
  sdks = built;
  emulator = await startEmulator({ port: 0 });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  for (const stack of stacks) stack.remove();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Deploys a program; the one create it sent, as the emulator decoded it. */
async function createdBy(name: string, runtime: Runtime, code: string, config: Record<string, string>, secrets: Record<string, string>, plugin: boolean): Promise<LoggedRequest["body"]> {
  const stack = await RealStack.create({ name, program: "", config, secrets });
  stacks.push(stack);
  if (plugin) {
    const built = await builtPlugin();
    await stack.installPlugin(built.archive, built.version);
  }
  emulator.clearRequests();
  const up = await runUserProgram("up", runtime, stack, code, sdks);
  expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: "" });
  const creates = emulator.requests().filter((r) => r.method === "POST");
  expect(creates).toHaveLength(1);
  emulator.clearRequests();
  expect((await runUserProgram("preview", runtime, stack, code, sdks, "--expect-no-changes")).code).toBe(0);
  expect(emulator.requests()).toEqual([]);
  return creates[0].body;
}

test("the Python and Go quick starts create the TypeScript quick start's configuration", async () => {
  const typescript = await createdBy("readme-typescript", "nodejs", fs.readFileSync(path.join(ROOT, "index.ts"), "utf8"), { "stripe:apiBase": emulator.url }, { "stripe:apiKey": KEY }, false);
  const pluginConfig = { "stripe-portal:apiBase": emulator.url };
  const pluginSecrets = { "stripe-portal:apiKey": KEY };
  expect(await createdBy("readme-python", "python", codeUnder("Python quick start", "python"), pluginConfig, pluginSecrets, true)).toEqual(typescript);
  expect(await createdBy("readme-go", "go", codeUnder("Go quick start", "go"), pluginConfig, pluginSecrets, true)).toEqual(typescript);
});
