/**
 * One implementation, two faces: the same TypeScript program through the dynamic provider
 * (`pulumi-stripe-portal`) and through the native plugin (`pulumi-stripe-portal/plugin`, installed
 * from its release archive), with the real CLI. Stripe sees the same requests from both, one for
 * each step that changes something (create, a one-field update, refresh, destroy) and none for an
 * unchanged up, and `preview --diff` names the changed property alike.
 */
import { Emulator, startEmulator } from "../../emulator";
import { CONFIGURATIONS, EXPAND, takeRequestsShowingId } from "../engine/harness/testing";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE, PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { printed } from "./harness/programs";
import { RealStack } from "./harness/realStack";
import { hostKeepsRefreshedInputs, prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_realEngineFaces42";
const DECLARED = {
  name: "Self-serve",
  businessProfile: { headline: "Acme billing" },
  features: { invoiceHistory: { enabled: true }, subscriptionCancel: { enabled: true, mode: "immediately" } },
  metadata: { team: "billing" },
};

/** DECLARED's create request, as the emulator decodes it. */
const CREATE_BODY = {
  name: "Self-serve",
  business_profile: { headline: "Acme billing" },
  features: { invoice_history: { enabled: "true" }, subscription_cancel: { enabled: "true", mode: "immediately" } },
  metadata: { team: "billing" },
  expand: EXPAND,
};

/** The preview of the correction after a Dashboard edit of the name, by face, and by whether its host keeps a refresh's inputs. */
function previewOfCorrection(face: string, keeps: boolean): string[] {
  if (face === "native plugin") {
    return [
      "Previewing update (native-plugin):",
      "  pulumi:pulumi:Stack: (same)",
      "    ~ stripe-portal:index:PortalConfiguration: (update)",
      "        [id=<id>]",
      "        [provider=<provider>]",
      '      ~ name: "Edited in the Dashboard" => "Self-serve"',
      "Resources:",
      "    ~ 1 to update",
      "    1 unchanged",
    ];
  }
  if (keeps) {
    return [
      "Previewing update (dynamic-provider):",
      "  pulumi:pulumi:Stack: (same)",
      "    ~ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (update)",
      "        [id=<id>]",
      '      ~ name: "Edited in the Dashboard" => "Self-serve"',
      "Resources:",
      "    ~ 1 to update",
      "    1 unchanged",
    ];
  }
  // The host dropped the refresh's inputs: the engine still holds the declaration as them, and shows it.
  return [
    "Previewing update (dynamic-provider):",
    "  pulumi:pulumi:Stack: (same)",
    "    ~ pulumi-nodejs:dynamic/stripe:PortalConfiguration: (update)",
    "        [id=<id>]",
    "        active         : true",
    "        businessProfile: {",
    '            headline: "Manage your plan"',
    "        }",
    "        features       : {",
    "            invoiceHistory    : {",
    "                enabled: true",
    "            }",
    "            subscriptionCancel: {",
    "                enabled: true",
    '                mode   : "immediately"',
    "            }",
    "        }",
    "        metadata       : {",
    '            team: "billing"',
    "        }",
    '        name           : "Self-serve"',
    "Resources:",
    "    ~ 1 to update",
    "    1 unchanged",
  ];
}

const FACES = [
  { face: "dynamic provider", module: "pulumi-stripe-portal", namespace: "stripe", type: DYNAMIC_PORTAL_CONFIGURATION_TYPE },
  { face: "native plugin", module: "pulumi-stripe-portal/plugin", namespace: "stripe-portal", type: PLUGIN_PORTAL_CONFIGURATION_TYPE },
] as const;

function program(module: string, args: Record<string, unknown>): string {
  return [
    `const { PortalConfiguration } = require(${JSON.stringify(module)});`,
    `module.exports = async () => ({ id: new PortalConfiguration("portal", ${JSON.stringify(args)}).id });`,
    "",
  ].join("\n");
}

beforeAll(() => prepareRealEngine(), SETUP_TIMEOUT_MS);

/** What each face made Stripe see, step by step, with ids replaced by `<id>`. */
const seenByFace: Record<string, unknown[]> = {};

describe.each(FACES)("the $face", ({ face, module, namespace, type }) => {
  let emulator: Emulator;
  let stack: RealStack;
  let id = "";
  const steps: unknown[] = [];
  /** The requests since the last step (the id as `<id>`), kept for comparing the faces. */
  const step = (name: string) => {
    const requests = takeRequestsShowingId(emulator, id);
    steps.push({ step: name, requests });
    return requests;
  };

  /** The stack's default provider as the CLI names it (`<urn>::<id>`), shown as `<provider>`: its id is a random UUID. */
  const defaultProvider = async () => {
    const { json } = await stack.exportDeployment();
    const provider = (json.deployment.resources ?? []).find((r) => r.type.startsWith("pulumi:providers:") && r.urn.includes("::default"))!;
    return `${provider.urn}::${provider.id}`;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    stack = await RealStack.create({
      name: face.replace(/\W+/g, "-"),
      program: program(module, DECLARED),
      config: { [`${namespace}:apiBase`]: emulator.url },
      secrets: { [`${namespace}:apiKey`]: KEY },
      nativePlugin: namespace === "stripe-portal",
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    seenByFace[face] = steps;
    await emulator?.stop();
    stack?.remove();
  });

  test("up creates with one POST; an unchanged up sends nothing", async () => {
    expect((await stack.up()).code).toBe(0);
    [{ id = "" }] = (await stack.resources(type)) as { id: string }[];
    expect(id).toMatch(/^bpc_/);
    expect(step("create")).toEqual([{ method: "POST", path: CONFIGURATIONS, body: CREATE_BODY, account: null }]);
    const again = await stack.preview("--expect-no-changes");
    expect(again.code).toBe(0);
    expect((await stack.up()).code).toBe(0);
    expect(step("unchanged up")).toEqual([]);
  });

  test("a one-field change: the preview names that property, old => new; up sends one POST of it", async () => {
    stack.setProgram(program(module, { ...DECLARED, businessProfile: { headline: "Manage your plan" } }));
    const preview = await stack.preview();
    expect(preview.code).toBe(0);
    expect(printed(preview, { id })).toContain(['      ~ businessProfile: {', '          ~ headline: "Acme billing" => "Manage your plan"', "        }"].join("\n"));
    expect(printed(preview, { id })).toMatch(/Resources:\n\s+~ 1 to update\n\s+1 unchanged$/);
    expect((await stack.up()).code).toBe(0);
    expect(step("one-field update")).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/<id>`, body: { business_profile: { headline: "Manage your plan" }, expand: EXPAND }, account: null }]);
  });

  test("refresh reads it with one GET; a Dashboard edit is then corrected in place", async () => {
    emulator.edit(id, { name: "Edited in the Dashboard" });
    expect((await stack.refresh()).code).toBe(0);
    expect(step("refresh")).toEqual([{ method: "GET", path: `${CONFIGURATIONS}/<id>`, body: {}, account: null }]);
    const preview = await stack.preview();
    // Under a dynamic-provider host before 3.216 (`npm run test:sdk-floor`), the refresh's inputs
    // are dropped: the update then shows the resource's inputs instead of the one edit.
    const keeps = face === "native plugin" || (await hostKeepsRefreshedInputs());
    expect(printed(preview, { id, provider: await defaultProvider() })).toBe(previewOfCorrection(face, keeps).join("\n"));
    expect((await stack.up()).code).toBe(0);
    expect(step("correction")).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/<id>`, body: { name: "Self-serve", expand: EXPAND }, account: null }]);
  });

  test("destroy deactivates with one POST", async () => {
    expect((await stack.destroy()).code).toBe(0);
    expect(step("destroy")).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/<id>`, body: { active: "false", expand: EXPAND }, account: null }]);
    expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: false });
  });
});

test("Stripe saw the same requests from both faces, step by step: 1 / 0 / 1 / 1 / 1 / 1", () => {
  const [dynamic, plugin] = FACES.map(({ face }) => seenByFace[face]);
  expect(plugin).toEqual(dynamic);
  expect((dynamic as { requests: unknown[] }[]).map((s) => s.requests.length)).toEqual([1, 0, 1, 1, 1, 1]);
});
