/**
 * Python and Go programs, with the SDKs `npm run build:sdks` generates from the package schema
 * and the native plugin installed from its release archive, driven by the real CLI against the
 * emulator: up, a no-change preview, a one-field change whose preview names that property, a
 * Dashboard edit found by refresh and corrected in place, an explicit provider with a secret key,
 * and destroy. The programs are served over `--client`, as the Automation API serves inline
 * programs, since no Python or Go language host can be had here (the CLI users install ships them);
 * everything else is the CLI's own. Stripe sees what it sees from the TypeScript program
 * (faces.test.ts): one request per change.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Emulator, startEmulator } from "../../emulator";
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { buildSdks } from "../../scripts/buildSdks";
import { encryptedSecret } from "../engine/harness/providerHost";
import { EXPAND, takeRequestsShowingId } from "../engine/harness/testing";
import { startGoProgram } from "./harness/goPrograms";
import { printed } from "./harness/programs";
import { RunningProgram, startPythonProgram } from "./harness/pythonPrograms";
import { CliRun, RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS } from "./harness/setup";

/** A Go program's first build against the SDK takes a minute or two on 2 cores with a cold cache. */
jest.setTimeout(300_000);

const DEFAULT_KEY = "sk_test_languagesDefault42";
const ACME_KEY = "sk_test_languagesAcme42";

const PYTHON = `import pulumi
import pulumi_stripe_portal as stripe_portal


def program():
    test = pulumi.Config("test")
    acme = pulumi.Config("acme")
    portal = stripe_portal.PortalConfiguration(
        "portal",
        name="Self-serve",
        business_profile={"headline": test.require("headline")},
        features={"invoice_history": {"enabled": True}, "subscription_cancel": {"enabled": True, "mode": "immediately"}},
        metadata={"team": "billing"},
    )
    provider = stripe_portal.Provider("acme", api_key=acme.require_secret("stripeKey"), api_base=acme.require("apiBase"), account="acct_1Acme")
    explicit = stripe_portal.PortalConfiguration(
        "explicit",
        name="Through acme",
        features={"invoice_history": {"enabled": True}},
        opts=pulumi.ResourceOptions(provider=provider),
    )
    pulumi.export("id", portal.id)
    pulumi.export("explicit", explicit.id)
`;

const GO = `package main

import (
	"github.com/pulumi-stripe-portal/pulumi-stripe-portal/sdk/go/stripeportal"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func program(ctx *pulumi.Context) error {
	test := config.New(ctx, "test")
	acme := config.New(ctx, "acme")
	portal, err := stripeportal.NewPortalConfiguration(ctx, "portal", &stripeportal.PortalConfigurationArgs{
		Name:            pulumi.String("Self-serve"),
		BusinessProfile: &stripeportal.BusinessProfileArgs{Headline: pulumi.String(test.Require("headline"))},
		Features: &stripeportal.FeaturesArgs{
			InvoiceHistory:     &stripeportal.InvoiceHistoryArgs{Enabled: pulumi.Bool(true)},
			SubscriptionCancel: &stripeportal.SubscriptionCancelArgs{Enabled: pulumi.Bool(true), Mode: pulumi.String("immediately")},
		},
		Metadata: pulumi.StringMap{"team": pulumi.String("billing")},
	})
	if err != nil {
		return err
	}
	provider, err := stripeportal.NewProvider(ctx, "acme", &stripeportal.ProviderArgs{
		ApiKey:  acme.RequireSecret("stripeKey"),
		ApiBase: pulumi.String(acme.Require("apiBase")),
		Account: pulumi.String("acct_1Acme"),
	})
	if err != nil {
		return err
	}
	explicit, err := stripeportal.NewPortalConfiguration(ctx, "explicit", &stripeportal.PortalConfigurationArgs{
		Name:     pulumi.String("Through acme"),
		Features: &stripeportal.FeaturesArgs{InvoiceHistory: &stripeportal.InvoiceHistoryArgs{Enabled: pulumi.Bool(true)}},
	}, pulumi.Provider(provider))
	if err != nil {
		return err
	}
	ctx.Export("id", portal.ID())
	ctx.Export("explicit", explicit.ID())
	return nil
}
`;

let root: string;
let sdks: { python: string; go: string };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-languages-"));
  const [, built] = await Promise.all([prepareRealEngine(), buildSdks({ out: path.join(root, "sdks"), log: () => undefined })]);
  sdks = { python: built.python, go: built.go };
}, SETUP_TIMEOUT_MS);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const LANGUAGES: { language: string; start: () => Promise<RunningProgram> }[] = [
  {
    language: "Python",
    start: () => {
      const file = path.join(root, "program.py");
      fs.writeFileSync(file, PYTHON);
      return startPythonProgram(file, sdks.python);
    },
  },
  { language: "Go", start: () => startGoProgram(GO, sdks.go) },
];

describe.each(LANGUAGES)("a $language program", ({ language, start }) => {
  let emulator: Emulator;
  let stack: RealStack;
  let program: RunningProgram;
  let id = "";

  /** What reached Stripe since the last call: method, path (the id as `<id>`), body, account. */
  const seen = () => takeRequestsShowingId(emulator, id);
  const up = (): Promise<CliRun> => stack.upOn(program.address);
  const preview = (...args: string[]): Promise<CliRun> => stack.previewOn(program.address, ...args);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    stack = await RealStack.create({
      name: language.toLowerCase(),
      program: "",
      config: { "stripe-portal:apiBase": emulator.url, "acme:apiBase": emulator.url, "test:headline": "Acme billing" },
      secrets: { "stripe-portal:apiKey": DEFAULT_KEY, "acme:stripeKey": ACME_KEY },
      nativePlugin: true,
    });
    program = await start();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await program?.stop();
    await emulator?.stop();
    stack?.remove();
  });

  test("up creates both configurations, each with its provider's key and account, with one POST each; a second preview shows no change", async () => {
    const run = await up();
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    [{ id = "" }] = (await stack.resources(PLUGIN_PORTAL_CONFIGURATION_TYPE)).filter((r) => r.urn.endsWith("::portal")) as { id: string }[];
    expect(seen().map((r) => [r.method, r.path, r.body.name, r.account]).sort()).toEqual([
      ["POST", "/v1/billing_portal/configurations", "Self-serve", null],
      ["POST", "/v1/billing_portal/configurations", "Through acme", "acct_1Acme"],
    ]);
    const again = await preview("--expect-no-changes");
    expect(again.code).toBe(0);
    expect(seen()).toEqual([]);
  });

  test("a one-field change: the preview names that property, old => new; up sends one POST of it", async () => {
    await stack.must(["config", "set", "test:headline", "Manage your plan"]);
    const run = await preview();
    expect(run.code).toBe(0);
    expect(printed(run, { id })).toContain(['      ~ businessProfile: {', '          ~ headline: "Acme billing" => "Manage your plan"', "        }"].join("\n"));
    expect(printed(run, { id })).toMatch(/Resources:\n\s+~ 1 to update\n\s+3 unchanged$/);
    expect((await up()).code).toBe(0);
    expect(seen()).toEqual([{ method: "POST", path: "/v1/billing_portal/configurations/<id>", body: { business_profile: { headline: "Manage your plan" }, expand: EXPAND }, account: null }]);
  });

  test("a Dashboard edit: refresh finds it, the preview shows it, up puts the declared value back in place", async () => {
    emulator.edit(id, { name: "Edited in the Dashboard" });
    expect((await stack.refresh()).code).toBe(0);
    expect(seen().map((r) => [r.method, r.account ?? "platform"]).sort()).toEqual([
      ["GET", "acct_1Acme"],
      ["GET", "platform"],
    ]);
    expect(printed(await preview(), { id })).toContain('      ~ name: "Edited in the Dashboard" => "Self-serve"');
    expect((await up()).code).toBe(0);
    expect(seen()).toEqual([{ method: "POST", path: "/v1/billing_portal/configurations/<id>", body: { name: "Self-serve", expand: EXPAND }, account: null }]);
    expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ name: "Self-serve", active: true });
  });

  test("the explicit provider's key is kept as ciphertext, and no key is in the state or the output in clear", async () => {
    const { text, json } = await stack.exportDeployment();
    for (const key of [DEFAULT_KEY, ACME_KEY]) expect(text).not.toContain(key);
    const acme = (json.deployment.resources ?? []).find((r) => r.type === "pulumi:providers:stripe-portal" && r.urn.endsWith("::acme"));
    expect(acme?.inputs?.apiKey).toEqual(encryptedSecret());
    for (const run of stack.runs) for (const key of [DEFAULT_KEY, ACME_KEY]) expect(`${run.stdout}${run.stderr}`).not.toContain(key);
  });

  test("destroy deactivates both, each in its account", async () => {
    expect((await stack.destroy()).code).toBe(0);
    expect(seen().map((r) => [r.method, r.body.active, r.account ?? "platform"]).sort()).toEqual([
      ["POST", "false", "acct_1Acme"],
      ["POST", "false", "platform"],
    ]);
  });
});
