/**
 * Upgrade: a stack state written by the previous release (its serialized `__provider` text, its
 * inputs and outputs; tests/engine/fixtures/previous-release.json) still refreshes, updates and
 * deletes with the current package installed. The configuration is first made again in the
 * emulator with the create request that release sent, and the state's id is rewritten to it.
 */
import * as os from "os";
import { Emulator, startEmulator } from "../../emulator";
import { Stack } from "./harness/engine";
import { InstalledPackage, installedPackage } from "./harness/installedPackage";
import { registered, runProgram, Struct } from "./harness/mockProgram";
import { ProviderHost } from "./harness/providerHost";
import { FIXTURE_ARGS, readReleaseFixture, recreateReleaseConfiguration, ReleaseFixture } from "./harness/releaseFixture";
import { CONFIGURATIONS, EXPAND, hostKeepsRefreshedInputs, portalProgram, SETUP_TIMEOUT_MS, takeRequests, TEST_TIMEOUT_MS, withoutMachinery } from "./harness/testing";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_engineUpgrade4242";
let pkg: InstalledPackage;
let emulator: Emulator;
let host: ProviderHost;
let fixture: ReleaseFixture;
let id = "";
const stack = new Stack();

beforeAll(async () => {
  fixture = readReleaseFixture();
  pkg = await installedPackage();
  emulator = await startEmulator({ port: 0 });
  host = await ProviderHost.start(pkg.programDir);
  stack.config = { "stripe:apiBase": emulator.url, "stripe:apiKey": KEY };

  // The configuration the previous release created, made again the same way.
  id = await recreateReleaseConfiguration(fixture, emulator.url, KEY);
  emulator.clearRequests();
  stack.state.set(fixture.urn, { urn: fixture.urn, type: fixture.type, name: fixture.name, id, inputs: fixture.inputs, outputs: fixture.outputs });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
});

test("the fixture is a previous release's state: a provider text within the limits, state carrying it", () => {
  expect(fixture.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(Buffer.byteLength(fixture.provider)).toBeLessThanOrEqual(3 * 1024);
  for (const forbidden of ["/work/", "/tmp/", os.homedir()]) expect(fixture.provider).not.toContain(forbidden);
  expect(fixture.inputs.__provider).toBe(fixture.provider);
  expect(fixture.outputs.__provider).toBe(fixture.provider);
  expect(fixture.id).not.toBe(id);
});

test("preview of the unchanged program against the previous release's state: DIFF_NONE, nothing sent", async () => {
  // That release stored default-filled inputs and no `stripeDefaults`; the current Check returns
  // the declaration only, and Diff compares it, filled with the schema's defaults, with the outputs.
  const run = await runProgram(pkg.programDir, portalProgram({ portal: FIXTURE_ARGS }), { preview: true, config: stack.config });
  const [step] = await stack.preview(host, run.registrations);
  expect(step.check!.failures).toEqual([]);
  expect(step.diff).toEqual({ changes: "DIFF_NONE", replaces: [], stables: [], diffs: [], deleteBeforeReplace: false });
  expect(takeRequests(emulator)).toEqual([]);
});

test("refresh reads with the previous release's provider and outputs", async () => {
  const [step] = await stack.refresh(host);
  expect([step.op, step.id]).toEqual(["read", id]);
  expect(takeRequests(emulator)).toEqual([{ method: "GET", path: `${CONFIGURATIONS}/${id}`, query: { expand: EXPAND }, body: {} }]);
  const held = emulator.configurations().find((c) => c.id === id)!;
  // Only what Stripe made anew differs from what the previous release stored. A read learns
  // nothing, so the state still has no `stripeDefaults`: a left-out field keeps comparing with
  // what Stripe held, since that release never sent it.
  expect(step.outputs).toEqual({
    ...fixture.outputs,
    created: held.created,
    updated: held.updated,
    loginPage: { enabled: true, url: (held.login_page as Struct).url },
    loginUrl: (held.login_page as Struct).url,
  });
  // The state keeps the previous release's provider text, and inputs that match what Stripe holds:
  // with nothing learned, every field, which are the (default-filled) inputs that release stored, now with `active`.
  expect(step.outputs!.__provider).toBe(fixture.provider);
  // (A host before 3.216 drops a refresh's inputs: the previous release's stay.)
  expect(stack.resource("portal").inputs).toEqual(hostKeepsRefreshedInputs(pkg.programDir) ? { ...fixture.inputs, active: true } : fixture.inputs);
});

test("up with the current program: Check, Diff and Update against the previous release's outputs", async () => {
  const args = { ...FIXTURE_ARGS, businessProfile: { ...(FIXTURE_ARGS.businessProfile as Struct), headline: "Manage your subscription" }, metadata: { team: "billing" } };
  const run = await runProgram(pkg.programDir, portalProgram({ portal: args }), { config: stack.config });
  const steps = await stack.up(host, run.registrations);
  expect(steps.map((s) => [s.op, s.id, s.diff?.changes])).toEqual([["update", id, "DIFF_UNKNOWN"]]);
  expect(takeRequests(emulator)).toEqual([
    {
      method: "POST",
      path: `${CONFIGURATIONS}/${id}`,
      query: {},
      body: { business_profile: { headline: "Manage your subscription" }, metadata: { release: "" }, expand: EXPAND },
    },
  ]);
  expect(withoutMachinery(steps[0].outputs)).toMatchObject({ active: true, businessProfile: { headline: "Manage your subscription" }, metadata: { team: "billing" } });
  // The update learns Stripe's answer for every field the program leaves out (the previous release learned none).
  expect(steps[0].outputs!.stripeDefaults).toEqual({
    features: {
      paymentMethodUpdate: { paymentMethodConfiguration: null },
      subscriptionCancel: { prorationBehavior: "none", cancellationReason: { feedbackOptions: [] } },
      subscriptionUpdate: { billingCycleAnchor: "unchanged", trialUpdateBehavior: "end_trial" },
    },
  });
  // The outputs now carry the current program's provider text.
  expect(steps[0].outputs!.__provider).toBe(registered(run, "portal").inputs.__provider);
});

test("the previous release's provider text still drives Update and Delete", async () => {
  const resource = stack.resource("portal");
  const news = { ...resource.inputs, name: "Renamed by the previous provider text", __provider: fixture.provider };
  const updated = await host.update(resource, id, resource.outputs, news, resource.inputs);
  expect(takeRequests(emulator)).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, query: {}, body: { name: "Renamed by the previous provider text", expand: EXPAND } }]);
  expect(updated.properties).toMatchObject({ name: "Renamed by the previous provider text", active: true, __provider: fixture.provider });
  stack.state.set(resource.urn, { ...resource, inputs: news, outputs: updated.properties });

  const steps = await stack.destroy(host);
  expect(steps.map((s) => [s.op, s.id])).toEqual([["delete", id]]);
  expect(takeRequests(emulator)).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, query: {}, body: { active: "false", expand: EXPAND } }]);
  expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: false, name: "Renamed by the previous provider text" });
  await host.stop();
  expect(host.stderr()).toBe("");
});
