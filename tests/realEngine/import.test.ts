/**
 * `pulumi import` with the real CLI and the native plugin: a configuration made outside Pulumi
 * (the Dashboard, a script) is read into the state, and the code Pulumi generates for it, in
 * TypeScript, Python and Go, declares exactly that configuration (fields holding Stripe's defaults
 * left out): its next preview shows no change, and its up sends nothing. The account's default
 * configuration imports too, and so does a connected account's (`acct_.../bpc_...`); in bulk,
 * `stripe-portal configurations list --import-file F` then `pulumi import --file F`.
 *
 * Pulumi generates the code through the language host of the project's runtime; none can be had
 * here, so the project names a stand-in built from Pulumi's own code generators
 * (scripts/codegenTool.ts, tests/realEngine/harness/README-languages.md). The CLI users install
 * ships the real ones.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main as stripePortal } from "../../cli/stripePortal";
import { Emulator, startEmulator } from "../../emulator";
import { createConfiguration } from "../../provider/configurationsApi";
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { StripeClient } from "../../provider/stripeClient";
import { buildSdks } from "../../scripts/buildSdks";
import { standInLanguageHosts } from "../../scripts/codegenTool";
import { Runtime, runUserProgram } from "./harness/generatedPrograms";
import { RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(300_000);

const KEY = "sk_test_realEngineImport42";
let emulator: Emulator;
let root: string;
let hosts: string;
let sdks: { python: string; go: string };
let made: string;
const stacks: RealStack[] = [];

/** A configuration made outside Pulumi: some fields set, the others at Stripe's defaults. */
const MADE_OUTSIDE = {
  name: "Made in the Dashboard",
  business_profile: { headline: "Acme billing" },
  features: {
    invoice_history: { enabled: "true" },
    payment_method_update: { enabled: "true" },
    subscription_cancel: { enabled: "true", mode: "immediately", proration_behavior: "create_prorations" },
    subscription_pause: { enabled: "true", duration: { type: "interval_options", interval_options: [{ interval: "month", interval_count: "3" }] } },
  },
  metadata: { team: "billing" },
};

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-import-"));
  const [, hostsDir, built] = await Promise.all([prepareRealEngine(), standInLanguageHosts(), buildSdks({ out: path.join(root, "sdks"), log: () => undefined })]);
  hosts = hostsDir;
  sdks = { python: built.python, go: built.go };
  emulator = await startEmulator({ port: 0 });
  const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive" });
  made = (await createConfiguration(client, MADE_OUTSIDE)).body.id;
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  for (const stack of stacks) stack.remove();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A stack whose project runs `runtime`, with the stand-in language host of it, and the plugin installed. */
async function importStack(name: string, runtime: string): Promise<RealStack> {
  const project = `name: imported\nruntime: ${runtime}\nplugins:\n  languages:\n    - name: ${runtime}\n      path: ${hosts}\n`;
  const stack = await RealStack.create({ name, program: "", project, config: { "stripe-portal:apiBase": emulator.url }, secrets: { "stripe-portal:apiKey": KEY }, nativePlugin: true });
  stacks.push(stack);
  return stack;
}

/** What Pulumi's code generators write for MADE_OUTSIDE, per runtime (protected, as `pulumi import` makes it). */
const GENERATED: Record<string, { file: string; code: string }> = {
  nodejs: {
    file: "index.ts",
    code: `import * as pulumi from "@pulumi/pulumi";
import * as stripe_portal from "pulumi-stripe-portal/plugin";

const main = new stripe_portal.PortalConfiguration("main", {
    businessProfile: {
        headline: "Acme billing",
    },
    features: {
        invoiceHistory: {
            enabled: true,
        },
        paymentMethodUpdate: {
            enabled: true,
        },
        subscriptionCancel: {
            enabled: true,
            mode: "immediately",
            prorationBehavior: "create_prorations",
        },
        subscriptionPause: {
            duration: {
                intervalOptions: [{
                    interval: "month",
                    intervalCount: 3,
                }],
                type: "interval_options",
            },
            enabled: true,
        },
    },
    metadata: {
        team: "billing",
    },
    name: "Made in the Dashboard",
}, {
    protect: true,
});
`,
  },
  python: {
    file: "__main__.py",
    code: `import pulumi
import pulumi_stripe_portal as stripe_portal

main = stripe_portal.PortalConfiguration("main",
    business_profile={
        "headline": "Acme billing",
    },
    features={
        "invoice_history": {
            "enabled": True,
        },
        "payment_method_update": {
            "enabled": True,
        },
        "subscription_cancel": {
            "enabled": True,
            "mode": "immediately",
            "proration_behavior": "create_prorations",
        },
        "subscription_pause": {
            "duration": {
                "interval_options": [{
                    "interval": "month",
                    "interval_count": 3,
                }],
                "type": "interval_options",
            },
            "enabled": True,
        },
    },
    metadata={
        "team": "billing",
    },
    name="Made in the Dashboard",
    opts = pulumi.ResourceOptions(protect=True))
`,
  },
  go: {
    file: "main.go",
    code: `package main

import (
	"github.com/pulumi-stripe-portal/pulumi-stripe-portal/sdk/go/stripeportal"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := stripeportal.NewPortalConfiguration(ctx, "main", &stripeportal.PortalConfigurationArgs{
			BusinessProfile: &stripeportal.BusinessProfileArgs{
				Headline: pulumi.String("Acme billing"),
			},
			Features: &stripeportal.FeaturesArgs{
				InvoiceHistory: &stripeportal.InvoiceHistoryArgs{
					Enabled: pulumi.Bool(true),
				},
				PaymentMethodUpdate: &stripeportal.PaymentMethodUpdateArgs{
					Enabled: pulumi.Bool(true),
				},
				SubscriptionCancel: &stripeportal.SubscriptionCancelArgs{
					Enabled:           pulumi.Bool(true),
					Mode:              pulumi.String("immediately"),
					ProrationBehavior: pulumi.String("create_prorations"),
				},
				SubscriptionPause: &stripeportal.SubscriptionPauseArgs{
					Duration: &stripeportal.PauseDurationArgs{
						IntervalOptions: stripeportal.PauseIntervalOptionArray{
							&stripeportal.PauseIntervalOptionArgs{
								Interval:      pulumi.String("month"),
								IntervalCount: pulumi.Int(3),
							},
						},
						Type: pulumi.String("interval_options"),
					},
					Enabled: pulumi.Bool(true),
				},
			},
			Metadata: pulumi.StringMap{
				"team": pulumi.String("billing"),
			},
			Name: pulumi.String("Made in the Dashboard"),
		}, pulumi.Protect(true))
		if err != nil {
			return err
		}
		return nil
	})
}
`,
  },
};

describe.each<Runtime>(["nodejs", "python", "go"])("the generated %s", (runtime) => {
  test("pulumi import reads the configuration and writes code declaring it; its preview shows no change and its up sends nothing", async () => {
    const stack = await importStack(`import-${runtime}`, runtime);
    const out = path.join(stack.workDir, GENERATED[runtime].file);
    emulator.clearRequests();
    const imported = await stack.run(["import", PLUGIN_PORTAL_CONFIGURATION_TYPE, "main", made, "--yes", "--out", out]);
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: "" });
    // Read twice: by the import's preview, then by the import itself.
    expect(emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/billing_portal/configurations/${made}`, `GET /v1/billing_portal/configurations/${made}`]);
    const [resource] = await stack.resources(PLUGIN_PORTAL_CONFIGURATION_TYPE);
    expect(resource.id).toBe(made);
    const code = fs.readFileSync(out, "utf8");
    // Exactly the fields away from Stripe's defaults, with `enabled` and the pause's type beside them.
    expect(code).toBe(GENERATED[runtime].code);

    emulator.clearRequests();
    const preview = await runUserProgram("preview", runtime, stack, fs.readFileSync(out, "utf8"), sdks, "--expect-no-changes");
    expect({ code: preview.code, stderr: preview.stderr }).toEqual({ code: 0, stderr: "" });
    const up = await runUserProgram("up", runtime, stack, fs.readFileSync(out, "utf8"), sdks);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/Resources:\n\s+2 unchanged\n/);
    expect(emulator.requests()).toEqual([]);
  });
});

test("a connected account's configuration imports by `acct_.../bpc_...`, and its code names the account", async () => {
  const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive", account: "acct_1Bakery" });
  const bakery = (await createConfiguration(client, { name: "Bakery", features: { invoice_history: { enabled: "true" } } })).body.id;
  const stack = await importStack("import-connected", "nodejs");
  const out = path.join(stack.workDir, "index.ts");
  const imported = await stack.run(["import", PLUGIN_PORTAL_CONFIGURATION_TYPE, "bakery", `acct_1Bakery/${bakery}`, "--yes", "--out", out]);
  expect(imported.code).toBe(0);
  expect((await stack.resources(PLUGIN_PORTAL_CONFIGURATION_TYPE)).map((r) => [r.id, r.outputs?.stripeAccount])).toEqual([[bakery, "acct_1Bakery"]]);
  expect(fs.readFileSync(out, "utf8")).toBe(`import * as pulumi from "@pulumi/pulumi";
import * as stripe_portal from "pulumi-stripe-portal/plugin";

const bakery = new stripe_portal.PortalConfiguration("bakery", {
    features: {
        invoiceHistory: {
            enabled: true,
        },
    },
    name: "Bakery",
    stripeAccount: "acct_1Bakery",
}, {
    protect: true,
});
`);
  emulator.clearRequests();
  expect((await runUserProgram("preview", "nodejs", stack, fs.readFileSync(out, "utf8"), sdks, "--expect-no-changes")).code).toBe(0);
  expect(emulator.requests()).toEqual([]);
});

test("in bulk: every configuration of the account, the default one included, from `configurations list --import-file`; destroying leaves the default active", async () => {
  const file = path.join(root, "import.json");
  const listed = await stripePortal(["configurations", "list", "--import-file", file], { STRIPE_API_KEY: KEY, STRIPE_API_BASE: emulator.url });
  expect(listed.code).toBe(0);
  const resources = (JSON.parse(fs.readFileSync(file, "utf8")) as { resources: { name: string; id: string }[] }).resources;
  expect(resources.map((r) => r.name).sort()).toEqual(["default-portal", "made-in-the-dashboard"]);

  const stack = await importStack("import-bulk", "nodejs");
  const out = path.join(stack.workDir, "index.ts");
  const imported = await stack.run(["import", "--file", file, "--yes", "--protect=false", "--out", out]);
  expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: "" });
  const defaultId = resources.find((r) => r.name === "default-portal")!.id;
  const state = await stack.resources(PLUGIN_PORTAL_CONFIGURATION_TYPE);
  expect(Object.fromEntries(state.map((r) => [r.id, r.outputs?.isDefault]))).toEqual({ [defaultId]: true, [made]: false });
  emulator.clearRequests();
  expect((await runUserProgram("preview", "nodejs", stack, fs.readFileSync(out, "utf8"), sdks, "--expect-no-changes")).code).toBe(0);
  expect(emulator.requests()).toEqual([]);

  const destroy = await stack.destroy();
  expect(destroy.code).toBe(0);
  expect(destroy.stderr).toBe("");
  expect(destroy.stdout).toContain(
    [
      "Diagnostics:",
      "  stripe-portal:index:PortalConfiguration (default-portal):",
      `    warning: Portal configuration ${defaultId} is the account's default configuration: Stripe does not allow deactivating it, so it stays active and is only removed from the Pulumi state.`,
      "",
    ].join("\n"),
  );
  expect(emulator.requests().filter((r) => r.method === "POST").map((r) => [r.path, r.body.active])).toEqual([[`/v1/billing_portal/configurations/${made}`, "false"]]);
  expect(emulator.configurations().find((c) => c.id === defaultId)).toMatchObject({ active: true, is_default: true });
});
