/**
 * A Pulumi YAML program with the native plugin, run by the real CLI with the YAML language host
 * (`pulumi-language-yaml` v1.25.0, built from its Go module into the tool cache, as
 * scripts/codegenTool.ts says), against the emulator: up, a no-change preview, a one-field change
 * named in the preview, destroy. And `pulumi package get-schema` of the plugin prints the package
 * schema generated from provider/schema.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { Emulator, startEmulator } from "../../emulator";
import { generatedSources } from "../../scripts/generateSources";
import { CONFIGURATIONS, EXPAND, takeRequestsShowingId } from "../engine/harness/testing";
import { yamlLanguageHost } from "../../scripts/codegenTool";
import { builtPlugin } from "./harness/builtPlugin";
import { printed } from "./harness/programs";
import { RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_realEngineYaml42";
let emulator: Emulator;
let stack: RealStack;
let yamlHost: string;
let id = "";

/** The project file: the program itself, in YAML. */
function project(headline: string): string {
  return `name: yaml-portal
runtime: yaml
plugins:
  languages:
    - name: yaml
      path: ${yamlHost}
resources:
  portal:
    type: stripe-portal:index:PortalConfiguration
    properties:
      name: Self-serve
      businessProfile:
        headline: ${JSON.stringify(headline)}
      features:
        invoiceHistory:
          enabled: true
        subscriptionCancel:
          enabled: true
          mode: immediately
outputs:
  id: \${portal.id}
  loginUrl: \${portal.loginUrl}
`;
}

beforeAll(async () => {
  const [, host] = await Promise.all([prepareRealEngine(), yamlLanguageHost()]);
  yamlHost = host;
  emulator = await startEmulator({ port: 0 });
  stack = await RealStack.create({ name: "yaml", program: "", project: project("Acme billing"), config: { "stripe-portal:apiBase": emulator.url }, secrets: { "stripe-portal:apiKey": KEY }, nativePlugin: true });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  stack?.remove();
});

/** The requests since the last call, the id as `<id>`. */
const seen = () => takeRequestsShowingId(emulator, id);

test("up creates it with one POST, with no warning; a preview then shows no change", async () => {
  const up = await stack.run(["up", "--yes", "--skip-preview"]);
  expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: "" });
  expect(up.stdout).not.toMatch(/warning:/);
  [{ id = "" }] = (await stack.resources("stripe-portal:index:PortalConfiguration")) as { id: string }[];
  expect(seen()).toEqual([
    {
      method: "POST",
      path: CONFIGURATIONS,
      body: { name: "Self-serve", business_profile: { headline: "Acme billing" }, features: { invoice_history: { enabled: "true" }, subscription_cancel: { enabled: "true", mode: "immediately" } }, expand: EXPAND },
      account: null,
    },
  ]);
  const outputs = JSON.parse((await stack.must(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  expect(outputs).toEqual({ id, loginUrl: null });
  expect((await stack.run(["preview", "--expect-no-changes"])).code).toBe(0);
  expect(seen()).toEqual([]);
});

test("a one-field change: the preview names it; up sends one POST of it; destroy deactivates", async () => {
  fs.writeFileSync(path.join(stack.workDir, "Pulumi.yaml"), project("Manage your plan"));
  const preview = await stack.run(["preview", "--diff"]);
  expect(printed(preview, { id })).toContain(['      ~ businessProfile: {', '          ~ headline: "Acme billing" => "Manage your plan"', "        }"].join("\n"));
  expect((await stack.run(["up", "--yes", "--skip-preview"])).code).toBe(0);
  expect(seen()).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/<id>`, body: { business_profile: { headline: "Manage your plan" }, expand: EXPAND }, account: null }]);
  expect((await stack.destroy()).code).toBe(0);
  expect(seen()).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/<id>`, body: { active: "false", expand: EXPAND }, account: null }]);
});

test("pulumi package get-schema of the plugin prints the package schema generated from the schema", async () => {
  const plugin = await builtPlugin();
  const run = await stack.run(["package", "get-schema", path.join(plugin.dir, "pulumi-resource-stripe-portal")]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
  expect(JSON.parse(run.stdout)).toEqual(JSON.parse(generatedSources()["provider/plugin/schema.json"]));
});
