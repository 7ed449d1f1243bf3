/**
 * A TypeScript stack moving from the dynamic resource to the native plugin with no change on
 * Stripe, with the real CLI, the way the README ("Moving a TypeScript stack to the plugin") gives:
 * `pulumi state delete` of the dynamic resource (which leaves the configuration as it is), the
 * plugin's resource with the `import` option set to its id (`pulumi up` reads it and finds the
 * declaration already held), then the option removed. Stripe sees reads only.
 */
import { Emulator, startEmulator } from "../../emulator";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE, PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { printed } from "./harness/programs";
import { RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_realEngineMigration42";
const ARGS = {
  name: "Self-serve",
  businessProfile: { headline: "Acme billing" },
  features: { invoiceHistory: { enabled: true }, paymentMethodUpdate: { enabled: true }, subscriptionCancel: { enabled: true, mode: "at_period_end" } },
  loginPage: { enabled: true },
  metadata: { team: "billing" },
};
let emulator: Emulator;
let stack: RealStack;
let id = "";

const program = (module: string, options: Record<string, unknown> = {}) =>
  `const { PortalConfiguration } = require(${JSON.stringify(module)});\nmodule.exports = async () => ({ id: new PortalConfiguration("portal", ${JSON.stringify(ARGS)}, ${JSON.stringify(options)}).id });\n`;

beforeAll(async () => {
  await prepareRealEngine();
  emulator = await startEmulator({ port: 0 });
  stack = await RealStack.create({
    name: "migration",
    program: program("pulumi-stripe-portal"),
    config: { "stripe:apiBase": emulator.url, "stripe-portal:apiBase": emulator.url },
    secrets: { "stripe:apiKey": KEY, "stripe-portal:apiKey": KEY },
    nativePlugin: true,
  });
  expect((await stack.up()).code).toBe(0);
  [{ id = "" }] = (await stack.resources(DYNAMIC_PORTAL_CONFIGURATION_TYPE)) as { id: string }[];
  emulator.clearRequests();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  stack?.remove();
});

test("state delete, import through the plugin, no-change preview: the same configuration, never written to", async () => {
  const [dynamic] = await stack.resources(DYNAMIC_PORTAL_CONFIGURATION_TYPE);
  expect((await stack.run(["state", "delete", dynamic.urn, "--yes"])).code).toBe(0);

  stack.setProgram(program("pulumi-stripe-portal/plugin", { import: id }));
  const imported = await stack.up();
  expect(imported.code).toBe(0);
  expect(printed(imported, { id })).toMatch(/= stripe-portal:index:PortalConfiguration: \(import\)/);
  expect(printed(imported, { id })).toMatch(/= 1 imported/);

  stack.setProgram(program("pulumi-stripe-portal/plugin"));
  const after = await stack.preview("--expect-no-changes");
  expect(after.code).toBe(0);
  const up = await stack.up();
  expect(up.code).toBe(0);

  expect(await stack.resources(DYNAMIC_PORTAL_CONFIGURATION_TYPE)).toEqual([]);
  const [plugin] = await stack.resources(PLUGIN_PORTAL_CONFIGURATION_TYPE);
  expect(plugin.id).toBe(id);
  // Reads only: nothing was created, changed or deactivated.
  expect(emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/billing_portal/configurations/${id}`]);
  expect(emulator.configurations().filter((c) => c.is_default !== true)).toEqual([expect.objectContaining({ id, active: true, name: "Self-serve" })]);
});
