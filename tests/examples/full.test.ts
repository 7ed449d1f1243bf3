import { configurationSchema, SchemaNode } from "../../provider/schema";
import { checkFailures, deployToEmulator, Emulator, ProgramRun, RESOURCE_TYPE, runProgram, startEmulator } from "./harness";

let run: ProgramRun;
let emulator: Emulator;
beforeAll(async () => {
  run = await runProgram(() => import("../../examples/full"), { project: "stripe-portal-full" });
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

/** Every leaf of the schema as a path; `[]` steps into the items of a list. */
function leafPaths(node: SchemaNode, prefix: string[] = []): string[][] {
  if (node.kind === "object") return Object.entries(node.fields).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
  if (node.kind === "list" && node.items.kind === "object") return leafPaths(node.items, [...prefix, "[]"]);
  return [prefix];
}

/** Whether a value is given at the path (in at least one item, for lists). */
function given(value: unknown, path: string[]): boolean {
  if (path.length === 0) return value !== undefined && value !== null;
  const [step, ...rest] = path;
  if (step === "[]") return Array.isArray(value) && value.some((item) => given(item, rest));
  return typeof value === "object" && value !== null && given((value as Record<string, unknown>)[step], rest);
}

describe("examples/full", () => {
  it("sets every field of the schema", () => {
    const { inputs } = run.byName("full");
    const missing = leafPaths(configurationSchema).filter((path) => !given(inputs, path)).map((path) => path.join("."));
    expect(missing).toEqual([]);
  });

  it("registers one valid configuration and exports its id, login URL and features", () => {
    const portal = run.byName("full");
    expect(run.resources).toHaveLength(1);
    expect(portal.type).toBe(RESOURCE_TYPE);
    expect(portal.inputs).toMatchObject({
      name: "Everything switched on",
      features: {
        subscriptionCancel: { mode: "immediately", prorationBehavior: "create_prorations" },
        subscriptionPause: { enabled: true, duration: { type: "interval_options" } },
        subscriptionUpdate: { products: [{ product: "prod_Starter" }, { product: "prod_Team", adjustableQuantity: { enabled: true, minimum: 2, maximum: 50 } }] },
      },
      loginPage: { enabled: true },
    });
    expect(checkFailures(portal)).toEqual([]);
    expect(run.outputs).toMatchObject({ configurationId: "bpc_full", loginUrl: "https://billing.stripe.com/p/login/test_mock" });
    expect(run.outputs.features).toEqual(portal.inputs.features);
  });

  it("deploys to the emulator as declared, and a second run changes nothing", async () => {
    const [deployed] = await deployToEmulator(emulator, run.resources);
    expect(deployed.changesOnRerun).toBe(false);
    expect(deployed.outs).toMatchObject({
      features: {
        subscriptionUpdate: {
          billingCycleAnchor: "unchanged",
          trialUpdateBehavior: "continue_trial",
          scheduleAtPeriodEnd: { conditions: expect.arrayContaining([{ type: "decreasing_item_amount" }, { type: "shortening_interval" }]) },
        },
        paymentMethodUpdate: { paymentMethodConfiguration: "pmc_1ExamplePlaceholder" },
      },
      loginPage: { enabled: true, url: expect.stringMatching(/\/p\/login\//) },
    });
  });
});
