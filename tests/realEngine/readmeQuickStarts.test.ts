/**
 * The README's Python and Go quick starts, as written there, deployed with the real CLI and the
 * native plugin against the emulator: Stripe gets the same create request from each as from the
 * TypeScript quick start (index.ts, through the dynamic provider), exactly the one below, and a
 * second preview of each shows no change.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Emulator, startEmulator } from "../../emulator";
import { buildSdks } from "../../scripts/buildSdks";
import { CONFIGURATIONS, EXPAND, takeRequests } from "../engine/harness/testing";
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

/** The quick start's configuration (index.ts), as its create request reaches Stripe (decoded; sets in canonical order). */
const QUICK_START_CREATE = {
  method: "POST",
  path: CONFIGURATIONS,
  query: {},
  body: {
    name: "Self-serve customers",
    business_profile: { headline: "Acme billing", privacy_policy_url: "https://acme.test/privacy", terms_of_service_url: "https://acme.test/terms" },
    default_return_url: "https://acme.test/account",
    features: {
      customer_update: { enabled: "true", allowed_updates: ["email", "tax_id"] },
      invoice_history: { enabled: "true" },
      payment_method_update: { enabled: "true" },
      subscription_cancel: { enabled: "true", mode: "at_period_end", cancellation_reason: { enabled: "true", options: ["other", "too_expensive"] } },
      subscription_update: { enabled: "true", default_allowed_updates: ["price"], products: [{ product: "prod_basic", prices: ["price_monthly", "price_yearly"] }] },
    },
    login_page: { enabled: "true" },
    metadata: { team: "billing" },
    expand: EXPAND,
  },
};

/** The first code block of a language under a `### ` heading of the README. */
function codeUnder(heading: string, language: string): string {
  const start = README.indexOf(`\n### ${heading}\n`);
  const block = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(README.slice(start));
  if (start < 0 || !block) throw new Error(`README has no \`\`\`${language} block under "### ${heading}"`);
  return block[1];
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-readme-"));
  const [, built] = await Promise.all([prepareRealEngine(), buildSdks({ out: path.join(root, "sdks"), log: () => undefined })]);
  sdks = built;
  emulator = await startEmulator({ port: 0 });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  for (const stack of stacks) stack.remove();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Deploys a program and previews it again; the requests each step sent. */
async function deployed(name: string, runtime: Runtime, code: string, config: Record<string, string>, secrets: Record<string, string>, plugin: boolean) {
  const stack = await RealStack.create({ name, program: "", config, secrets, nativePlugin: plugin });
  stacks.push(stack);
  emulator.clearRequests();
  const up = await runUserProgram("up", runtime, stack, code, sdks);
  expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: "" });
  const upRequests = takeRequests(emulator);
  expect((await runUserProgram("preview", runtime, stack, code, sdks, "--expect-no-changes")).code).toBe(0);
  return { up: upRequests, preview: takeRequests(emulator) };
}

test("the TypeScript, Python and Go quick starts each create the same configuration with one request, then preview no change", async () => {
  const pluginConfig = { "stripe-portal:apiBase": emulator.url };
  const pluginSecrets = { "stripe-portal:apiKey": KEY };
  const typescript = await deployed("readme-typescript", "nodejs", fs.readFileSync(path.join(ROOT, "index.ts"), "utf8"), { "stripe:apiBase": emulator.url }, { "stripe:apiKey": KEY }, false);
  const python = await deployed("readme-python", "python", codeUnder("Python quick start", "python"), pluginConfig, pluginSecrets, true);
  const go = await deployed("readme-go", "go", codeUnder("Go quick start", "go"), pluginConfig, pluginSecrets, true);
  for (const seen of [typescript, python, go]) expect(seen).toEqual({ up: [QUICK_START_CREATE], preview: [] });
});
