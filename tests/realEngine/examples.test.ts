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

/** What a program's outputs are made of: its configurations' ids by resource name (from the state), and Stripe (the emulator). */
interface Deployed {
  ids: Record<string, string>;
  /** The configuration the platform account holds under `id`. */
  held(id: string): Record<string, unknown>;
}

/** The login page URL Stripe made for a configuration. */
const loginUrlOf = (configuration: Record<string, unknown>) => (configuration.login_page as { url: string }).url;

/** Each program's stack outputs after up, exactly. */
const OUTPUTS: Record<string, (deployed: Deployed) => Record<string, unknown>> = {
  "quick start": ({ ids, held }) => ({ configurationId: ids.main, loginUrl: loginUrlOf(held(ids.main)) }),
  "examples/adopt-default": ({ ids }) => ({ configurationId: ids["default-portal"], isDefault: true }),
  "examples/basic": ({ ids }) => ({ configurationId: ids.basic }),
  "examples/connect": ({ ids }) => ({ configurationIds: { acct_1BakeryExample00: ids["portal-bakery"], acct_1BikesExample000: ids["portal-bikes"] } }),
  "examples/full": ({ ids, held }) => ({ configurationId: ids.full, loginUrl: loginUrlOf(held(ids.full)), features: FULL_FEATURES }),
  "examples/pr-preview": ({ ids }) => ({ configurationId: ids["customer-portal"] }),
  "examples/session": ({ ids }) => ({ configurationId: ids["app-portal"] }),
  "examples/tiers": ({ ids }) => ({
    configurationIds: { starter: ids["portal-starter"], team: ids["portal-team"], enterprise: ids["portal-enterprise"] },
    tiersWithPlanChanges: ["starter", "team"],
  }),
};

/**
 * examples/full's `features` output: everything it declares, as Stripe holds it (sets in
 * canonical order), and for the product declared without seat limits, Stripe's default ones.
 */
const FULL_FEATURES = {
  customerUpdate: { enabled: true, allowedUpdates: ["address", "email", "name", "phone", "shipping", "tax_id"] },
  invoiceHistory: { enabled: true },
  paymentMethodUpdate: { enabled: true, paymentMethodConfiguration: "pmc_1ExamplePlaceholder" },
  subscriptionCancel: {
    enabled: true,
    mode: "immediately",
    prorationBehavior: "create_prorations",
    cancellationReason: {
      enabled: true,
      options: ["customer_service", "low_quality", "missing_features", "other", "switched_service", "too_complex", "too_expensive", "unused"],
      feedbackOptions: ["bfo_1ExamplePlaceholder"],
    },
  },
  subscriptionPause: {
    enabled: true,
    duration: {
      type: "interval_options",
      intervalOptions: [
        { interval: "month", intervalCount: 1 },
        { interval: "month", intervalCount: 3 },
      ],
    },
  },
  subscriptionUpdate: {
    enabled: true,
    defaultAllowedUpdates: ["price", "promotion_code", "quantity"],
    products: [
      { product: "prod_Starter", prices: ["price_StarterMonthly", "price_StarterYearly"], adjustableQuantity: { enabled: false, minimum: 0, maximum: null } },
      { product: "prod_Team", prices: ["price_TeamMonthly", "price_TeamYearly"], adjustableQuantity: { enabled: true, minimum: 2, maximum: 50 } },
    ],
    prorationBehavior: "create_prorations",
    billingCycleAnchor: "unchanged",
    trialUpdateBehavior: "continue_trial",
    scheduleAtPeriodEnd: { conditions: [{ type: "decreasing_item_amount" }, { type: "shortening_interval" }] },
  },
};

const PROGRAMS: { name: string; dir: string }[] = [
  { name: "quick start", dir: ROOT },
  ...fs
    .readdirSync(path.join(ROOT, "examples"))
    .sort()
    .map((example) => ({ name: `examples/${example}`, dir: path.join(ROOT, "examples", example) })),
];

test("every program has its outputs listed", () => {
  expect(PROGRAMS.map((p) => p.name).sort()).toEqual(Object.keys(OUTPUTS).sort());
});

test.each(PROGRAMS)("$name: preview and up with no warning, and its outputs", async ({ name, dir }) => {
  const stack = await RealStack.create({ name: name.replace(/\W+/g, "-"), program: "", config: { "stripe:apiBase": emulator.url }, secrets: { "stripe:apiKey": KEY } });
  stacks.push(stack);
  installProgram(stack, dir, "index.ts");

  const preview = await stack.preview();
  expect({ code: preview.code, warnings: warningsIn(preview) }).toEqual({ code: 0, warnings: [] });
  const up = await stack.up();
  expect({ code: up.code, warnings: warningsIn(up) }).toEqual({ code: 0, warnings: [] });
  const ids = Object.fromEntries((await stack.resources()).map((r) => [r.urn.split("::").pop()!, r.id!]));
  const held = (id: string) => {
    const found = emulator.configurations().find((c) => c.id === id);
    if (!found) throw new Error(`Stripe holds no configuration ${id}`);
    return found;
  };
  expect(await stackOutputs(stack)).toEqual(OUTPUTS[name]({ ids, held }));
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
