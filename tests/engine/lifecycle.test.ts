/**
 * One stack's life, driven through the real dynamic-provider host of the installed package, as the
 * engine drives it: preview without a key, up, up unchanged, a change with removals, drift made in
 * the Dashboard, a preview with values not known yet, destroy. The emulator is Stripe.
 */
import { Emulator, startEmulator } from "../../emulator";
import { changedInputKeys, refOf, Stack } from "./harness/engine";
import { InstalledPackage, installedPackage } from "./harness/installedPackage";
import { registered, runProgram, Struct } from "./harness/mockProgram";
import { ProviderHost, SECRET_MARKER, SECRET_SIG, UNKNOWN } from "./harness/providerHost";
import {
  ACME,
  acmeCreateBody,
  acmeState,
  acmeStripeDefaults,
  CONFIGURATIONS,
  EXPAND,
  expectedOutputs,
  normalizedAcme,
  portalProgram,
  SETUP_TIMEOUT_MS,
  hostKeepsRefreshedInputs,
  takeRequests,
  TEST_TIMEOUT_MS,
  withoutMachinery,
} from "./harness/testing";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_engineLifecycle4242";
const TYPE = "pulumi-nodejs:dynamic/stripe:PortalConfiguration";

const V1 = ACME;
/** V1 with the headline changed, `defaultReturnUrl` and `metadata.owner` removed. */
const V2: Struct = {
  name: "Acme self-serve",
  businessProfile: { headline: "Manage your Acme subscription", privacyPolicyUrl: "https://acme.test/privacy" },
  features: V1.features,
  loginPage: { enabled: true },
  metadata: { team: "billing" },
};

/** Check's inputs: the declaration, sets in canonical order, and `active`. */
const normalizedV1 = () => normalizedAcme();

function normalizedV2(): Struct {
  const { defaultReturnUrl: _removed, ...v1 } = normalizedV1();
  return { ...v1, businessProfile: { ...(v1.businessProfile as Struct), headline: "Manage your Acme subscription" }, metadata: { team: "billing" } };
}

/** What Stripe holds after V2's update: `defaultReturnUrl` reset to Stripe's null. */
function stateV2(): Struct {
  const v1 = acmeState();
  return { ...v1, businessProfile: { ...(v1.businessProfile as Struct), headline: "Manage your Acme subscription" }, defaultReturnUrl: null, metadata: { team: "billing" } };
}

/** V2 leaves `defaultReturnUrl` out too: the update that reset it taught its default (the metadata map stays declared). */
const stripeDefaultsV2 = (): Struct => ({ ...acmeStripeDefaults(), defaultReturnUrl: null });

let pkg: InstalledPackage;
let emulator: Emulator;
/** `pulumi preview` in a pull-request check: no key in the stack config nor in the environment. */
let keyless: ProviderHost;
/** `pulumi up` with the key set as a secret in the stack config. */
let keyed: ProviderHost;
const stack = new Stack();

beforeAll(async () => {
  pkg = await installedPackage();
  emulator = await startEmulator({ port: 0 });
  [keyless, keyed] = await Promise.all([ProviderHost.start(pkg.programDir), ProviderHost.start(pkg.programDir)]);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([keyless?.stop(), keyed?.stop()]);
  await emulator?.stop();
});

async function preview(resources: Record<string, Struct>) {
  stack.config = { "stripe:apiBase": emulator.url };
  const run = await runProgram(pkg.programDir, portalProgram(resources), { preview: true, config: stack.config });
  return { run, steps: await stack.preview(keyless, run.registrations) };
}

async function up(resources: Record<string, Struct>) {
  stack.config = { "stripe:apiBase": emulator.url, "stripe:apiKey": KEY };
  const run = await runProgram(pkg.programDir, portalProgram(resources), { config: stack.config });
  return { run, steps: await stack.up(keyed, run.registrations) };
}

const outputsOf = (state: Struct, stripeDefaults: Struct, extra: Struct = {}) => expectedOutputs(state, stripeDefaults, emulator.url, extra);

let id = "";
let createdOutputs: Struct = {};

test("1. preview of a new stack with no Stripe key anywhere: Check and Diff succeed, nothing is sent", async () => {
  const { run, steps } = await preview({ portal: V1 });
  const registration = registered(run, "portal");
  expect(registration.type).toBe(TYPE);

  expect(steps).toHaveLength(1);
  const [{ check, diff }] = steps;
  expect(check!.failures).toEqual([]);
  expect(withoutMachinery(check!.inputs)).toEqual(normalizedV1());
  expect(check!.inputs.__provider).toBe(registration.inputs.__provider);
  // The SDK's URN for the create's idempotency key: the engine's own, kept by Check.
  expect(registration.inputs.__identity).toBe(refOf(registration).urn);
  expect(check!.inputs.__identity).toBe(refOf(registration).urn);
  // The engine diffs only resources in the state; a diff against nothing needs no key either.
  // Something to send is DIFF_UNKNOWN: the engine then compares the old and new inputs itself.
  expect(diff).toBeUndefined();
  await expect(keyless.diff(refOf(registration), "", {}, check!.inputs, {})).resolves.toEqual({
    changes: "DIFF_UNKNOWN",
    replaces: [],
    stables: [],
    diffs: [],
    deleteBeforeReplace: false,
  });

  expect(takeRequests(emulator)).toEqual([]);
  expect(stack.state.size).toBe(0);
  expect(keyless.exchanges[0]).toEqual({
    method: "configure",
    request: { variables: { "stripe:apiBase": emulator.url }, args: { "stripe:apiBase": emulator.url } },
    response: { acceptSecrets: false, supportsPreview: false },
  });
});

test("2. up: Configure with the key as a secret, one create POST, typed outputs", async () => {
  const { steps } = await up({ portal: V1 });
  expect(steps.map((s) => s.op)).toEqual(["create"]);
  expect(keyed.exchanges.map((e) => e.method)).toEqual(["configure", "check", "create"]);
  expect(keyed.exchanges[0].request).toEqual({
    variables: { "stripe:apiBase": emulator.url, "stripe:apiKey": KEY },
    args: { "stripe:apiBase": emulator.url, "stripe:apiKey": { [SECRET_SIG]: SECRET_MARKER, value: KEY } },
  });
  id = steps[0].id!;
  expect(id).toMatch(/^bpc_[A-Za-z0-9]{24}$/);

  expect(takeRequests(emulator)).toEqual([
    {
      method: "POST",
      path: CONFIGURATIONS,
      query: {},
      body: acmeCreateBody(),
    },
  ]);

  const outputs = steps[0].outputs!;
  // Every field as Stripe holds it, and what Stripe answered for each field the program leaves out.
  expect(withoutMachinery(outputs)).toEqual(outputsOf(acmeState(), acmeStripeDefaults()));
  expect(outputs.__provider).toBe(stack.resource("portal").inputs.__provider);
  expect(typeof outputs.created).toBe("number");
  expect(Math.abs((outputs.created as number) - Date.now() / 1000)).toBeLessThan(300);
  expect(outputs.updated).toBe(outputs.created);
  // What the emulator holds is what the outputs say.
  const held = emulator.configurations().find((c) => c.id === id)!;
  expect(held).toMatchObject({ active: true, is_default: false, livemode: false, created: outputs.created, login_page: { enabled: true, url: (outputs.loginPage as Struct).url } });
  createdOutputs = outputs;
});

test("3. up again unchanged: Check, then Diff says DIFF_NONE; nothing is sent", async () => {
  const before = stack.resource("portal");
  const { steps } = await up({ portal: V1 });
  expect(steps).toHaveLength(1);
  expect(steps[0].op).toBe("same");
  expect(steps[0].check!.inputs).toEqual(before.inputs);
  expect(steps[0].diff).toEqual({ changes: "DIFF_NONE", replaces: [], stables: [], diffs: [], deleteBeforeReplace: false });
  expect(takeRequests(emulator)).toEqual([]);
  expect(stack.resource("portal").outputs).toEqual(createdOutputs);
});

test("4. a changed field and two removed ones: one update POST with the unsets; then no change", async () => {
  // The pull-request preview, still without a key, shows the change and sends nothing. Diff says
  // there is something to send (DIFF_UNKNOWN); the engine then lists what differs between the
  // stored inputs and the checked ones, both the declaration: exactly what the program changed.
  const previewed = await preview({ portal: V2 });
  expect(previewed.steps[0].check!.failures).toEqual([]);
  expect(previewed.steps[0].diff!.changes).toBe("DIFF_UNKNOWN");
  expect(previewed.steps[0].diff!.replaces).toEqual([]);
  expect(changedInputKeys(stack.resource("portal").inputs, previewed.steps[0].check!.inputs)).toEqual(["businessProfile", "defaultReturnUrl", "metadata"]);
  expect(takeRequests(emulator)).toEqual([]);

  const { steps } = await up({ portal: V2 });
  expect(steps.map((s) => [s.op, s.id])).toEqual([["update", id]]);
  expect(takeRequests(emulator)).toEqual([
    {
      method: "POST",
      path: `${CONFIGURATIONS}/${id}`,
      query: {},
      body: {
        business_profile: { headline: "Manage your Acme subscription" },
        default_return_url: "",
        metadata: { owner: "" },
        expand: EXPAND,
      },
    },
  ]);
  expect(withoutMachinery(steps[0].outputs)).toEqual(outputsOf(stateV2(), stripeDefaultsV2(), { created: createdOutputs.created, loginPage: createdOutputs.loginPage }));

  const again = await up({ portal: V2 });
  expect(again.steps.map((s) => [s.op, s.diff?.changes])).toEqual([["same", "DIFF_NONE"]]);
  expect(takeRequests(emulator)).toEqual([]);
});

test("5. a Dashboard edit and deactivation: refresh reports them, the next up restores the declared state with the same id", async () => {
  // Declared fields (the headline, the metadata) and fields V2 leaves out (the return URL, Stripe's
  // answer null when V2 reset it; the update proration, Stripe's "none" at create) are edited.
  emulator.edit(id, {
    business_profile: { headline: "Edited in the Dashboard" },
    default_return_url: "https://dashboard.test/return",
    features: { subscription_update: { proration_behavior: "always_invoice" } },
    metadata: { note: "hand-made" },
  });
  emulator.deactivate(id);

  stack.config = { "stripe:apiBase": emulator.url, "stripe:apiKey": KEY };
  const refreshed = await stack.refresh(keyed);
  expect(refreshed.map((s) => [s.op, s.id])).toEqual([["read", id]]);
  expect(takeRequests(emulator)).toEqual([{ method: "GET", path: `${CONFIGURATIONS}/${id}`, query: { expand: EXPAND }, body: {} }]);
  const edits = { headline: "Edited in the Dashboard", defaultReturnUrl: "https://dashboard.test/return", metadata: { team: "billing", note: "hand-made" } };
  const features = stateV2().features as Record<string, Struct>;
  const drifted = {
    ...stateV2(),
    businessProfile: { ...(stateV2().businessProfile as Struct), headline: edits.headline },
    defaultReturnUrl: edits.defaultReturnUrl,
    features: { ...features, subscriptionUpdate: { ...features.subscriptionUpdate, prorationBehavior: "always_invoice" } },
    metadata: edits.metadata,
  };
  // The learned defaults are carried over: a read learns nothing.
  expect(withoutMachinery(refreshed[0].outputs)).toEqual(
    outputsOf(drifted, stripeDefaultsV2(), { active: false, created: createdOutputs.created, loginPage: createdOutputs.loginPage }),
  );
  // The refreshed inputs are the declaration that matches what Stripe holds, so that `pulumi up`
  // compares like with like: the declared fields with Stripe's values, and the left-out fields
  // that moved away from what Stripe answered for them. Both sides being declarations, the
  // engine's own comparison (Diff says DIFF_UNKNOWN) then lists each edit.
  // A host before 3.216 keeps the old declaration as the inputs: Diff then says DIFF_SOME for a
  // change the declaration did not make (provider/dynamic/hostRelease.ts), and the edits are corrected alike.
  const keepsInputs = hostKeepsRefreshedInputs(pkg.programDir);
  const declaredV2 = normalizedV2();
  const declaredFeatures = declaredV2.features as Record<string, Struct>;
  expect(withoutMachinery(stack.resource("portal").inputs)).toEqual(
    keepsInputs
      ? {
          ...declaredV2,
          businessProfile: { ...(declaredV2.businessProfile as Struct), headline: edits.headline },
          defaultReturnUrl: edits.defaultReturnUrl,
          features: { ...declaredFeatures, subscriptionUpdate: { prorationBehavior: "always_invoice" } },
          metadata: edits.metadata,
          active: false,
        }
      : declaredV2,
  );
  expect(stack.resource("portal").outputs.__provider).toBe(createdOutputs.__provider);

  const refreshedInputs = stack.resource("portal").inputs;
  const { steps } = await up({ portal: V2 });
  expect(changedInputKeys(refreshedInputs, steps[0].check!.inputs)).toEqual(keepsInputs ? ["active", "businessProfile", "defaultReturnUrl", "features", "metadata"] : []);
  expect(steps.map((s) => [s.op, s.id, s.diff?.changes])).toEqual([["update", id, keepsInputs ? "DIFF_UNKNOWN" : "DIFF_SOME"]]);
  expect(takeRequests(emulator)).toEqual([
    {
      method: "POST",
      path: `${CONFIGURATIONS}/${id}`,
      query: {},
      body: {
        business_profile: { headline: "Manage your Acme subscription" },
        // Left-out fields go back to what Stripe answered for them.
        default_return_url: "",
        features: { subscription_update: { proration_behavior: "none" } },
        metadata: { note: "" },
        active: "true",
        expand: EXPAND,
      },
    },
  ]);
  expect(withoutMachinery(steps[0].outputs)).toEqual(outputsOf(stateV2(), stripeDefaultsV2(), { created: createdOutputs.created, loginPage: createdOutputs.loginPage }));
  expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: true, business_profile: { headline: "Manage your Acme subscription" }, metadata: { team: "billing" } });

  const again = await up({ portal: V2 });
  expect(again.steps.map((s) => [s.op, s.diff?.changes])).toEqual([["same", "DIFF_NONE"]]);
  expect(takeRequests(emulator)).toEqual([]);
});

test("8. preview with values not known yet in nested fields: Check and Diff succeed, nothing is sent", async () => {
  stack.config = { "stripe:apiBase": emulator.url };
  // `portal` now takes values from a new resource, whose id is not known during the preview.
  const program = `
const { PortalConfiguration } = require("pulumi-stripe-portal");
const base = new PortalConfiguration("base", { features: { invoiceHistory: { enabled: true } } });
new PortalConfiguration("portal", {
  name: "Acme self-serve",
  businessProfile: { headline: base.id.apply((id) => "Portal " + id), privacyPolicyUrl: "https://acme.test/privacy" },
  features: {
    customerUpdate: { enabled: true, allowedUpdates: ["tax_id", "email"] },
    invoiceHistory: { enabled: true },
    subscriptionCancel: { enabled: true, mode: base.id.apply(() => "immediately"), prorationBehavior: "create_prorations" },
  },
  loginPage: { enabled: true },
  metadata: { team: "billing", base: base.id },
});
`;
  const run = await runProgram(pkg.programDir, program, { preview: true, config: stack.config });
  const portal = registered(run, "portal").inputs as Record<string, Struct>;
  // The SDK sent the sentinel itself, in nested fields.
  expect(portal.businessProfile.headline).toBe(UNKNOWN);
  expect((portal.features.subscriptionCancel as Struct).mode).toBe(UNKNOWN);
  expect(portal.metadata.base).toBe(UNKNOWN);

  const steps = await stack.preview(keyless, run.registrations);
  expect(steps.map((s) => [s.name, s.check!.failures, s.diff?.changes])).toEqual([
    ["base", [], undefined],
    ["portal", [], "DIFF_UNKNOWN"],
  ]);
  const v2 = normalizedV2();
  const features = v2.features as Record<string, Struct>;
  expect(withoutMachinery(steps[1].check!.inputs)).toEqual({
    ...v2,
    businessProfile: { ...(v2.businessProfile as Struct), headline: UNKNOWN },
    features: { ...features, subscriptionCancel: { ...features.subscriptionCancel, mode: UNKNOWN } },
    metadata: { team: "billing", base: UNKNOWN },
  });
  expect(steps[1].diff!.replaces).toEqual([]);
  expect(takeRequests(emulator)).toEqual([]);
});

test("6. destroy deactivates with one POST; a second delete of an inactive configuration sends nothing", async () => {
  const portal = stack.resource("portal");
  stack.config = { "stripe:apiBase": emulator.url, "stripe:apiKey": KEY };
  const steps = await stack.destroy(keyed);
  expect(steps.map((s) => [s.op, s.id])).toEqual([["delete", id]]);
  expect(takeRequests(emulator)).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, query: {}, body: { active: "false", expand: EXPAND } }]);
  expect(stack.state.size).toBe(0);
  expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: false });

  // The state write of that destroy was lost: the resource is back; refresh reads it inactive.
  stack.state.set(portal.urn, portal);
  const refreshed = await stack.refresh(keyed);
  expect(takeRequests(emulator)).toEqual([{ method: "GET", path: `${CONFIGURATIONS}/${id}`, query: { expand: EXPAND }, body: {} }]);
  expect(refreshed[0].outputs).toMatchObject({ active: false });
  const again = await stack.destroy(keyed);
  expect(again.map((s) => [s.op, s.id])).toEqual([["delete", id]]);
  expect(takeRequests(emulator)).toEqual([]);
});

test("the hosts logged no error all along (the host logs every failed Check, Diff, Read and Delete to stderr)", async () => {
  await Promise.all([keyless.stop(), keyed.stop()]);
  expect({ keyless: keyless.stderr(), keyed: keyed.stderr() }).toEqual({ keyless: "", keyed: "" });
});
