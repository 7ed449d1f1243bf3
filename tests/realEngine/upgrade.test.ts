/**
 * Upgrade with the real Pulumi CLI: a stack whose state the previous release wrote
 * (tests/engine/fixtures/previous-release.json: its provider text, inputs and outputs),
 * brought in with `pulumi stack import`, then previewed and updated with this release installed.
 * The configuration is first made again in the emulator with the create request that release sent.
 */
import { Emulator, startEmulator } from "../../emulator";
import { PROVIDER_TEXT } from "../../provider/dynamic/providerText";
import { FIXTURE_ARGS, readReleaseFixture, recreateReleaseConfiguration, ReleaseFixture } from "../engine/harness/releaseFixture";
import { CONFIGURATIONS, EXPAND, takeRequests } from "../engine/harness/testing";
import { portalProgram, printed } from "./harness/programs";
import { PORTAL_TYPE, PROJECT, RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_realEngineUpgrade42";
const STACK = "upgrade";
let emulator: Emulator;
let stack: RealStack;
let fixture: ReleaseFixture;
let id = "";

beforeAll(async () => {
  await prepareRealEngine();
  fixture = readReleaseFixture();
  emulator = await startEmulator({ port: 0 });
  stack = await RealStack.create({ name: STACK, program: portalProgram({ portal: { args: FIXTURE_ARGS } }), config: { "stripe:apiBase": emulator.url }, secrets: { "stripe:apiKey": KEY } });

  // The configuration the previous release created, made again the same way.
  id = await recreateReleaseConfiguration(fixture, emulator.url, KEY);
  takeRequests(emulator);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  stack?.remove();
});

test("stack import of the previous release's state: the engine takes it as is", async () => {
  const { json } = await stack.exportDeployment();
  const stackUrn = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
  const providerUrn = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:pulumi-nodejs::default`;
  const providerId = "3f1c2b9e-5d0a-4c47-9a51-7e2f00c0ffee";
  json.deployment.resources = [
    { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: { portal: id } },
    // The default provider as the engine records it: the stack config it was configured with.
    { urn: providerUrn, custom: true, id: providerId, type: "pulumi:providers:pulumi-nodejs", inputs: { "stripe:apiBase": emulator.url }, outputs: { "stripe:apiBase": emulator.url } },
    {
      urn: `urn:pulumi:${STACK}::${PROJECT}::${fixture.type}::${fixture.name}`,
      custom: true,
      id,
      type: fixture.type,
      inputs: fixture.inputs,
      outputs: fixture.outputs,
      parent: stackUrn,
      provider: `${providerUrn}::${providerId}`,
    },
  ];
  const imported = await stack.importDeployment(json);
  expect(imported.stdout).toContain("Import complete.");
  const [resource] = await stack.resources();
  expect(resource).toMatchObject({ id, type: PORTAL_TYPE, inputs: fixture.inputs, outputs: fixture.outputs });
  expect(resource.inputs!.__provider).toBe(fixture.provider);
});

test("preview with the program unchanged: no changes, nothing sent", async () => {
  const preview = await stack.preview("--expect-no-changes");
  expect(preview.code).toBe(0);
  expect(printed(preview)).toBe(["Previewing update (upgrade):", "  pulumi:pulumi:Stack: (same)", "Resources:", "    2 unchanged"].join("\n"));
  expect(takeRequests(emulator)).toEqual([]);
});

test("up with a change: one POST of only that change, in place; the state then holds this release's declaration", async () => {
  stack.setProgram(portalProgram({ portal: { args: { ...FIXTURE_ARGS, name: "Release fixture, upgraded" } } }));
  const up = await stack.up();
  expect(up.code).toBe(0);
  expect(up.stdout).toContain('      ~ name      : "Release fixture" => "Release fixture, upgraded"');
  // The one change of provider text, from the serializer's seven methods to this release's one
  // constant `require` (provider/dynamic/providerText.ts), shows once, beside the real change.
  expect(up.stdout).toContain("      ~ __provider:");
  expect(up.stdout).toContain(`          + ${PROVIDER_TEXT.trim()}\n`);
  expect(up.stdout).toMatch(/Resources:\n\s+~ 1 updated\n/);
  expect(takeRequests(emulator)).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, query: {}, body: { name: "Release fixture, upgraded", expand: EXPAND } }]);
  const [resource] = await stack.resources();
  expect(resource.id).toBe(id);
  // The inputs are now this release's: the declaration, without the defaults the previous release filled in.
  type Features = { subscriptionUpdate: Record<string, unknown> };
  expect((fixture.inputs.features as Features).subscriptionUpdate.billingCycleAnchor).toBe("unchanged");
  expect((resource.inputs!.features as Features).subscriptionUpdate).not.toHaveProperty("billingCycleAnchor");
  expect(Object.keys(resource.inputs!).sort()).toEqual([...Object.keys(FIXTURE_ARGS), "active", "__provider"].sort());
  expect(resource.inputs!.__provider).toBe(PROVIDER_TEXT);
  expect(resource.outputs!.__provider).toBe(PROVIDER_TEXT);
  expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ name: "Release fixture, upgraded", active: true });

  const after = await stack.preview("--expect-no-changes");
  expect(after.code).toBe(0);
  expect(takeRequests(emulator)).toEqual([]);
});
