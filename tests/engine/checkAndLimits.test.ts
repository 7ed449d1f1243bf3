/**
 * Check of bad declarations through the real host (failures with property paths, nothing sent),
 * and the provider text every resource stores: one constant `require` the host loads, with no
 * closure serialization for a program of 200 resources.
 */
import { Emulator, startEmulator } from "../../emulator";
import { PROVIDER_TEXT } from "../../provider/dynamic/providerText";
import { refOf, Stack } from "./harness/engine";
import { InstalledPackage, installedPackage } from "./harness/installedPackage";
import { registered, runProgram } from "./harness/mockProgram";
import { ProviderHost } from "./harness/providerHost";
import { SETUP_TIMEOUT_MS, takeRequests, TEST_TIMEOUT_MS } from "./harness/testing";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_engineCheck4242";
let pkg: InstalledPackage;
let emulator: Emulator;
let host: ProviderHost;

beforeAll(async () => {
  pkg = await installedPackage();
  emulator = await startEmulator({ port: 0 });
  host = await ProviderHost.start(pkg.programDir);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
});

const BAD_PROGRAM = `
const { PortalConfiguration } = require("pulumi-stripe-portal");
new PortalConfiguration("bad", {
  businessProfile: { headline: "${"h".repeat(61)}" },
  features: {
    subscriptionCancel: { enabled: true, mode: "whenever" },
    subscriptionUpdate: { enabled: true },
  },
  featurs: { invoiceHistory: { enabled: true } },
  metadata: { "": "x", team: "" },
});
`;

test("7. bad inputs: Check returns failures with property paths; preview and up send nothing", async () => {
  // Even with a key configured: a declaration that cannot be right never reaches Stripe.
  const stack = new Stack({ "stripe:apiBase": emulator.url, "stripe:apiKey": KEY });
  const run = await runProgram(pkg.programDir, BAD_PROGRAM, { preview: true, config: stack.config });
  const steps = await stack.preview(host, run.registrations);
  expect(steps).toHaveLength(1);
  expect(steps[0].check!.failures).toEqual([
    { property: "featurs", reason: 'unknown property "featurs"; expected one of name, businessProfile, defaultReturnUrl, features, loginPage, metadata, stripeAccount, adoptId, active' },
    { property: "businessProfile.headline", reason: "must be at most 60 characters; got 61" },
    { property: "features.subscriptionCancel.mode", reason: 'must be one of at_period_end, immediately; got "whenever"' },
    { property: "metadata.", reason: "key must not be empty" },
    { property: "metadata.team", reason: "must not be empty (remove the key to delete it)" },
  ]);
  // With failures the host hands the declared inputs back unchanged.
  expect(steps[0].check!.inputs).toEqual(registered(run, "bad").inputs);
  expect(steps[0].diff).toBeUndefined();

  const upRun = await runProgram(pkg.programDir, BAD_PROGRAM, { config: stack.config });
  await expect(stack.up(host, upRun.registrations)).rejects.toThrow(
    "bad: check failed: featurs: unknown property",
  );
  expect(stack.state.size).toBe(0);
  expect(takeRequests(emulator)).toEqual([]);
});

test("7b. a cross-field rule: Check names the field and Stripe's reason", async () => {
  const stack = new Stack({ "stripe:apiBase": emulator.url });
  const run = await runProgram(
    pkg.programDir,
    `const { PortalConfiguration } = require("pulumi-stripe-portal");
new PortalConfiguration("cross", { features: { subscriptionUpdate: { enabled: true, defaultAllowedUpdates: ["price"] } } });`,
    { preview: true },
  );
  const [step] = await stack.preview(host, run.registrations);
  expect(step.check!.failures).toEqual([
    {
      property: "features.subscriptionUpdate.enabled",
      reason: "cannot be true while features.paymentMethodUpdate.enabled is false: Stripe cannot enable subscription updates while payment method update is disabled",
    },
  ]);
  expect(takeRequests(emulator)).toEqual([]);
});

test("the provider text is one `require` of the installed package's provider module, and the host loads it from the program directory", async () => {
  const run = await runProgram(pkg.programDir, `require("pulumi-stripe-portal"); new (require("pulumi-stripe-portal").PortalConfiguration)("one", {});`, {
    config: { "stripe:apiKey": KEY },
    env: { STRIPE_API_KEY: KEY },
  });
  // No path of the build machine and no key: the text is a constant, and names the package.
  expect(registered(run, "one").inputs.__provider).toBe('exports.handler = () => require("pulumi-stripe-portal/dist/provider/portalConfigurationProvider");\n');
  const stack = new Stack({ "stripe:apiBase": emulator.url });
  const [step] = await stack.preview(host, run.registrations);
  expect(step.check!.failures).toEqual([]);
  expect(refOf(registered(run, "one")).urn).toBe("urn:pulumi:dev::engine-test::pulumi-nodejs:dynamic/stripe:PortalConfiguration::one");
});

test("200 resources in one program carry the one provider text, and Pulumi's closure serializer never runs", async () => {
  const run = await runProgram(
    pkg.programDir,
    `const { PortalConfiguration } = require("pulumi-stripe-portal");
for (let i = 0; i < 200; i++) {
  new PortalConfiguration("portal-" + i, { name: "Portal " + i, metadata: { index: String(i) }, features: { invoiceHistory: { enabled: i % 2 === 0 } } });
}`,
  );
  const portals = run.registrations.filter((r) => r.type === "pulumi-nodejs:dynamic/stripe:PortalConfiguration");
  expect(portals).toHaveLength(200);
  expect(new Set(portals.map((r) => r.inputs.__provider))).toEqual(new Set([PROVIDER_TEXT]));
  expect(run.serialization.calls).toBe(0);
});

test("the host logged no error: failures are answers, not exceptions", async () => {
  await host.stop();
  expect(host.stderr()).toBe("");
});
