/**
 * The native plugin's key, with the real CLI: an explicit provider given a secret key works and
 * keeps it secret, and only the `stripe-portal:` config reaches the plugin and the state (the
 * dynamic provider's host gets the whole stack config: README, "Configuration").
 */
import { Emulator, startEmulator } from "../../emulator";
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { encryptedSecret } from "../engine/harness/providerHost";
import { RealStack, StateResource } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(TEST_TIMEOUT_MS);

const DEFAULT_KEY = "sk_test_pluginDefaultKey42";
const ACME_KEY = "sk_test_pluginAcmeKey42";
const UNRELATED = "unrelated-secret-value-42";
let emulator: Emulator;
let stack: RealStack;

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { PortalConfiguration, Provider } = require("pulumi-stripe-portal/plugin");
module.exports = async () => {
  const acme = new pulumi.Config("acme");
  const provider = new Provider("acme", { apiKey: acme.requireSecret("stripeKey"), apiBase: acme.require("apiBase"), account: "acct_1Acme" });
  const explicit = new PortalConfiguration("explicit", { name: "Through acme", features: { invoiceHistory: { enabled: true } } }, { provider });
  const byDefault = new PortalConfiguration("default-provider", { name: "Through the stack config", features: { invoiceHistory: { enabled: true } } });
  return { explicit: explicit.id, byDefault: byDefault.id };
};
`;

beforeAll(async () => {
  await prepareRealEngine();
  emulator = await startEmulator({ port: 0, restrictedKeys: {} });
  stack = await RealStack.create({
    name: "plugin-keys",
    program: PROGRAM,
    config: { "stripe-portal:apiBase": emulator.url, "acme:apiBase": emulator.url },
    secrets: { "stripe-portal:apiKey": DEFAULT_KEY, "acme:stripeKey": ACME_KEY, "other:password": UNRELATED },
    nativePlugin: true,
  });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  stack?.remove();
});

test("an explicit provider with a secret key and an account, beside the default provider: each creates in its own place", async () => {
  const up = await stack.up();
  expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: "" });
  const created = emulator.requests().filter((r) => r.method === "POST");
  expect(created.map((r) => [r.body.name, r.account, r.status]).sort()).toEqual([
    ["Through acme", "acct_1Acme", 200],
    ["Through the stack config", null, 200],
  ]);
  for (const output of [up.stdout, up.stderr]) for (const secret of [DEFAULT_KEY, ACME_KEY, UNRELATED]) expect(output).not.toContain(secret);
});

test("the state holds the keys only as ciphertext, and the default provider only the plugin's own config", async () => {
  const { text, json } = await stack.exportDeployment();
  for (const secret of [DEFAULT_KEY, ACME_KEY, UNRELATED]) expect(text).not.toContain(secret);
  const resources = json.deployment.resources ?? [];
  const providers = resources.filter((r) => r.type === "pulumi:providers:stripe-portal");
  // Without the engine's own bookkeeping (`__internal`).
  const inputsOf = (name: string) => {
    const { inputs = {} } = providers.find((r) => r.urn.includes(`::${name}`)) as StateResource;
    return Object.fromEntries(Object.entries(inputs).filter(([key]) => !key.startsWith("__")));
  };
  const ciphertext = encryptedSecret();
  expect(inputsOf("acme")).toEqual({ apiKey: ciphertext, apiBase: emulator.url, account: "acct_1Acme", version: expect.any(String) });
  // Only `stripe-portal:*`: no `acme:` nor `other:` config reaches the plugin's default provider.
  expect(inputsOf("default_")).toEqual({ apiKey: ciphertext, apiBase: emulator.url, version: expect.any(String) });
  const portals = resources.filter((r) => r.type === PLUGIN_PORTAL_CONFIGURATION_TYPE);
  expect(portals).toHaveLength(2);
  for (const portal of portals) expect(JSON.stringify(portal)).not.toMatch(/sk_test_/);
});

test("destroy deactivates each with its own provider", async () => {
  emulator.clearRequests();
  expect((await stack.destroy()).code).toBe(0);
  const deactivations = emulator.requests().map((r) => [r.method, r.body.active, r.account ?? "platform"]);
  expect(deactivations.sort()).toEqual([
    ["POST", "false", "acct_1Acme"],
    ["POST", "false", "platform"],
  ]);
});
