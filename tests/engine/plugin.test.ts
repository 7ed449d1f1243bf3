/**
 * The native plugin over its gRPC protocol, as the engine speaks it: the executable that
 * `npm run build:plugin` writes, started from a folder that holds nothing else, and the emulator
 * as Stripe. What only the plugin face has: its own config (`stripe-portal:*`), secrets in and out,
 * a per-property detailed diff, previews, `pulumi import`'s read, the package schema, and nothing
 * on standard output but the port.
 */
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import * as fs from "fs";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as os from "os";
import * as path from "path";
import { Emulator, startEmulator } from "../../emulator";
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { generatedSources } from "../../scripts/generateSources";
import { builtPlugin } from "../realEngine/harness/builtPlugin";
import type { Struct } from "./harness/mockProgram";
import { HostError, ProviderHost, secret, SECRET_MARKER, SECRET_SIG, UNKNOWN } from "./harness/providerHost";
import { ACME, CONFIGURATIONS, EXPAND, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/testing";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_enginePlugin4242";
const PACKAGE = "stripe-portal";
const ref = (name: string) => ({ urn: `urn:pulumi:dev::shop::${PLUGIN_PORTAL_CONFIGURATION_TYPE}::${name}`, type: PLUGIN_PORTAL_CONFIGURATION_TYPE, name });

let emulator: Emulator;
let cwd: string;
let executable: string;
let host: ProviderHost;

beforeAll(async () => {
  const plugin = await builtPlugin();
  executable = path.join(plugin.dir, "pulumi-resource-stripe-portal");
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-cwd-"));
  emulator = await startEmulator({ port: 0 });
  host = await ProviderHost.startPlugin(executable, cwd);
  await host.configurePlugin(PACKAGE, { apiBase: emulator.url, apiKey: KEY }, ["apiKey"]);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
  fs.rmSync(cwd, { recursive: true, force: true });
});
beforeEach(() => emulator.clearRequests());

const requests = () => emulator.requests().map((r) => ({ method: r.method, path: r.path, body: r.body, account: r.account }));

/** CheckConfig, as the engine sends it for the provider's inputs (the harness speaks the resource calls only). */
function checkConfig(plugin: ProviderHost, news: Record<string, unknown>): Promise<Record<string, unknown>> {
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
  const request = new provproto.CheckRequest();
  request.setUrn(`urn:pulumi:dev::shop::pulumi:providers:${PACKAGE}::default`);
  request.setType(`pulumi:providers:${PACKAGE}`);
  request.setName("default");
  request.setOlds(new structproto.Struct());
  request.setNews(structproto.Struct.fromJavaScript(news as Record<string, structproto.JavaScriptValue>));
  return new Promise((resolve, reject) =>
    client.checkConfig(request, (error, response) => {
      client.close();
      if (error) reject(error);
      else resolve(response.getInputs()!.toJavaScript());
    }),
  );
}

/** The `ErrorResourceInitFailed` detail of a gRPC error, as the engine reads it: the resource it keeps. */
function initFailure(error: HostError): { message: string; id: string; properties: Struct; reasons: string[] } | undefined {
  const [bytes] = error.metadata["grpc-status-details-bin"] ?? [];
  if (bytes === undefined) return undefined;
  const status = statusproto.Status.deserializeBinary(Buffer.from(bytes, "base64"));
  const [detail] = status.getDetailsList();
  if (detail?.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") return undefined;
  const failed = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
  return { message: status.getMessage(), id: failed.getId(), properties: (failed.getProperties()?.toJavaScript() ?? {}) as Struct, reasons: failed.getReasonsList() };
}

test("it prints its port and nothing else, accepts secrets and previews, and serves the package schema written from the schema", async () => {
  expect(host.stdoutText).toBe(`${host.port}\n`);
  const other = await ProviderHost.startPlugin(executable, cwd);
  try {
    expect(await other.configurePlugin(PACKAGE, { apiBase: emulator.url })).toEqual({ acceptSecrets: true, supportsPreview: true });
    expect(await other.getSchema()).toBe(JSON.stringify(JSON.parse(generatedSources()["provider/plugin/schema.json"])));
  } finally {
    await other.stop();
  }
});

test("check: the inputs normalized, a secret input concealed again; a bad input named with its rule", async () => {
  const { inputs, failures } = await host.check(ref("portal"), {}, { ...ACME, name: secret("Secret name") });
  expect(failures).toEqual([]);
  expect(inputs.name).toEqual({ [SECRET_SIG]: SECRET_MARKER, value: "Secret name" });
  expect(inputs).not.toHaveProperty("__identity");
  const bad = await host.check(ref("bad"), {}, { businessProfile: { headline: "x".repeat(61) }, defaultReturnUrl: "acme.test/account" });
  expect(bad.failures).toEqual([
    { property: "businessProfile.headline", reason: "must be at most 60 characters; got 61" },
    { property: "defaultReturnUrl", reason: 'must be an absolute http(s) URL; got "acme.test/account"' },
  ]);
});

test("check: a failure of a secret input names the property and the rule, never the value", async () => {
  const bad = await host.check(ref("secretBad"), {}, {
    businessProfile: secret({ headline: "x".repeat(61) }),
    defaultReturnUrl: secret("acme.test/secret-account"),
    features: { customerUpdate: secret({ enabled: true, allowedUpdates: ["email", "email"] }) },
  });
  expect(bad.failures).toEqual([
    { property: "businessProfile.headline", reason: "must be at most 60 characters; got a secret value" },
    { property: "defaultReturnUrl", reason: "must be an absolute http(s) URL; got a secret value" },
    { property: "features.customerUpdate.allowedUpdates", reason: "must not repeat a secret value" },
  ]);
  expect(JSON.stringify(bad.failures)).not.toContain("secret-account");
  // The inputs answered keep each secret wrapped, as given.
  expect(bad.inputs.defaultReturnUrl).toEqual(secret("acme.test/secret-account"));
});

test("checkConfig: the key is kept as a secret even when the stack config holds it in plain text; the other settings stay as given", async () => {
  expect(await checkConfig(host, { apiKey: KEY, apiBase: emulator.url, version: "0.1.0" })).toEqual({ apiKey: secret(KEY), apiBase: emulator.url, version: "0.1.0" });
  expect(await checkConfig(host, { apiKey: secret(KEY) })).toEqual({ apiKey: secret(KEY) });
  expect(await checkConfig(host, { apiBase: emulator.url })).toEqual({ apiBase: emulator.url });
});

test("configure: a setting not known yet (a preview, the provider's arguments from other resources' outputs) is not set", async () => {
  const previewing = await ProviderHost.startPlugin(executable, cwd);
  try {
    await previewing.configurePlugin(PACKAGE, { apiBase: emulator.url, apiKey: UNKNOWN, account: UNKNOWN }, ["apiKey"]);
    const { inputs, failures } = await previewing.check(ref("previewed"), {}, ACME);
    expect(failures).toEqual([]);
    expect(inputs).not.toHaveProperty("stripeAccount");
    const error = await previewing.create(ref("previewed"), inputs).catch((e: HostError) => e);
    expect((error as HostError).details).toBe(
      "No Stripe API key is set. Set it as a secret in the stack config with `pulumi config set --secret stripe-portal:apiKey <key>`, or in the STRIPE_API_KEY environment variable.",
    );
    expect(requests()).toEqual([]);
  } finally {
    await previewing.stop();
  }
});

test("create: a preview sends nothing and leaves what Stripe fills in unknown; up sends one POST keyed by the URN; the outputs keep the secret", async () => {
  const { inputs } = await host.check(ref("portal"), {}, { ...ACME, name: secret("Secret name") });
  const preview = await host.create(ref("portal"), inputs, true);
  expect(preview).toMatchObject({ id: "", properties: { name: { [SECRET_SIG]: SECRET_MARKER, value: "Secret name" }, features: UNKNOWN, loginUrl: UNKNOWN, active: true } });
  expect(requests()).toEqual([]);

  const created = await host.create(ref("portal"), inputs);
  expect(created.id).toMatch(/^bpc_/);
  expect(created.properties.name).toEqual({ [SECRET_SIG]: SECRET_MARKER, value: "Secret name" });
  expect(created.properties).not.toHaveProperty("__identity");
  const [post] = emulator.requests();
  expect(post.idempotencyKey).toMatch(/^pulumi-stripe-portal-create-[0-9a-f]{64}$/);
  // The same create again (the engine crashed before recording it): the same configuration.
  const again = await host.create(ref("portal"), inputs);
  expect(again.id).toBe(created.id);
});

test("create with `active: false` whose deactivation fails: a partial-create failure with the id and outputs, which the engine keeps; the next update deactivates it", async () => {
  const { inputs } = await host.check(ref("unfinished"), {}, { ...ACME, name: secret("Secret name"), active: false });
  emulator.fault({ status: 400, error: { type: "invalid_request_error", message: "The configuration is locked." }, match: { method: "POST", path: `${CONFIGURATIONS}/` } });
  const error = (await host.create(ref("unfinished"), inputs).catch((e: unknown) => e)) as HostError;
  expect(error).toBeInstanceOf(HostError);
  const failure = initFailure(error);
  const id = failure?.id ?? "";
  expect(id).toMatch(/^bpc_/);
  const message =
    `Portal configuration ${id} was created, but deactivating it (\`active: false\`) failed: The configuration is locked. It is active. ` +
    "Pulumi keeps it in the state, so the next `pulumi up` finishes it; were it missing from the state, a `pulumi up` within 24 hours would get this " +
    "same configuration again (its create's idempotency key) and finish it, and `stripe-portal configurations orphans` lists it.";
  expect(error.details).toBe(message);
  expect(failure).toMatchObject({ message, reasons: [message], properties: { name: { [SECRET_SIG]: SECRET_MARKER, value: "Secret name" }, active: true } });
  expect(failure!.properties).not.toHaveProperty("__identity");
  expect(JSON.stringify({ details: error.details, failure })).not.toContain(KEY);
  expect(requests().map((r) => [r.method, r.path, (r.body as { active?: string }).active])).toEqual([
    ["POST", CONFIGURATIONS, undefined],
    ["POST", `${CONFIGURATIONS}/${id}`, "false"],
  ]);
  expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: true });

  // The next `pulumi up`: the engine holds the id and those outputs, and updates a resource whose create did not finish.
  emulator.clearRequests();
  await host.update(ref("unfinished"), id, failure!.properties, inputs, inputs);
  expect(requests()).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, body: { active: "false", expand: EXPAND }, account: null }]);
  expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: false });
});

test("diff: DIFF_NONE when nothing would change; otherwise each changed property with its kind, and the account as a replacement", async () => {
  const { inputs } = await host.check(ref("diffed"), {}, ACME);
  const created = await host.create(ref("diffed"), inputs);
  expect(await host.detailedDiff(ref("diffed"), created.id, created.properties, inputs, inputs)).toMatchObject({ changes: "DIFF_NONE", detailed: undefined });
  const { defaultReturnUrl: _removed, ...rest } = ACME;
  const changed = (await host.check(ref("diffed"), inputs, { ...rest, name: "Renamed", stripeAccount: "acct_1Moved" })).inputs;
  expect(await host.detailedDiff(ref("diffed"), created.id, created.properties, changed, inputs)).toEqual({
    changes: "DIFF_SOME",
    replaces: ["stripeAccount"],
    stables: [],
    diffs: ["name", "defaultReturnUrl", "stripeAccount"],
    deleteBeforeReplace: false,
    detailed: { name: "UPDATE", defaultReturnUrl: "DELETE", stripeAccount: "ADD_REPLACE" },
  });
  expect(requests()).toEqual([expect.objectContaining({ method: "POST", path: CONFIGURATIONS })]);
});

test("update: a preview sends nothing and shows the configuration meant; up sends only the change", async () => {
  const { inputs } = await host.check(ref("updated"), {}, ACME);
  const created = await host.create(ref("updated"), inputs);
  emulator.clearRequests();
  const news = (await host.check(ref("updated"), inputs, { ...ACME, businessProfile: { headline: "New headline", privacyPolicyUrl: "https://acme.test/privacy" } })).inputs;
  const preview = await host.update(ref("updated"), created.id, created.properties, news, inputs, true);
  expect(preview.properties).toMatchObject({ businessProfile: { headline: "New headline" }, loginUrl: created.properties.loginUrl, updated: UNKNOWN });
  expect(requests()).toEqual([]);
  const updated = await host.update(ref("updated"), created.id, created.properties, news, inputs);
  expect(updated.properties).toMatchObject({ businessProfile: { headline: "New headline" } });
  expect(requests()).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${created.id}`, body: { business_profile: { headline: "New headline" }, expand: EXPAND }, account: null }]);
});

test("read for `pulumi import`: by id, by `default`, in a connected account (`acct_.../bpc_...`); a missing one is gone; a malformed id says what it must be", async () => {
  const { inputs } = await host.check(ref("source"), {}, { ...ACME, stripeAccount: "acct_1Imported" });
  const created = await host.create(ref("source"), inputs);
  emulator.clearRequests();
  const imported = await host.read(ref("imported"), `acct_1Imported/${created.id}`, {}, {});
  expect(imported.id).toBe(created.id);
  expect(imported.inputs).toEqual({
    name: "Acme self-serve",
    businessProfile: { headline: "Manage your Acme plan", privacyPolicyUrl: "https://acme.test/privacy" },
    defaultReturnUrl: "https://acme.test/account",
    features: {
      customerUpdate: { enabled: true, allowedUpdates: ["email", "tax_id"] },
      invoiceHistory: { enabled: true },
      subscriptionCancel: { enabled: true, mode: "immediately", prorationBehavior: "create_prorations" },
    },
    loginPage: { enabled: true },
    metadata: { owner: "payments", team: "billing" },
    stripeAccount: "acct_1Imported",
  });
  expect(requests()).toEqual([{ method: "GET", path: `${CONFIGURATIONS}/${created.id}`, body: {}, account: "acct_1Imported" }]);
  // The imported declaration, checked, is what Stripe holds: no change.
  const checked = (await host.check(ref("imported"), imported.inputs!, imported.inputs!)).inputs;
  expect(await host.detailedDiff(ref("imported"), imported.id, imported.properties, checked, imported.inputs!)).toMatchObject({ changes: "DIFF_NONE" });

  const byDefault = await host.read(ref("default"), "default", {}, {});
  expect(byDefault.properties).toMatchObject({ isDefault: true });
  expect(byDefault.id).toBe(emulator.configurations().find((c) => c.is_default === true)!.id);
  // No id and no properties: the engine reports "resource does not exist".
  expect(await host.read(ref("gone"), "bpc_doesNotExist", {}, {})).toEqual({ id: "", properties: {} });
  const error = await host.read(ref("bad"), "my-portal", {}, {}).catch((e: HostError) => e);
  expect(error).toBeInstanceOf(HostError);
  expect((error as HostError).details).toBe(
    'import id "my-portal": must be a configuration id (bpc_...) or "default" (the account\'s default configuration), after "acct_.../" for a connected account\'s; `stripe-portal configurations list` lists them.',
  );
});

test("without a key, a create fails naming the plugin's config key, before anything is sent", async () => {
  const keyless = await ProviderHost.startPlugin(executable, cwd);
  try {
    await keyless.configurePlugin(PACKAGE, { apiBase: emulator.url });
    const { inputs } = await keyless.check(ref("keyless"), {}, ACME);
    const error = await keyless.create(ref("keyless"), inputs).catch((e: HostError) => e);
    expect((error as HostError).details).toBe(
      "No Stripe API key is set. Set it as a secret in the stack config with `pulumi config set --secret stripe-portal:apiKey <key>`, or in the STRIPE_API_KEY environment variable.",
    );
    expect(requests()).toEqual([]);
  } finally {
    await keyless.stop();
  }
});

test("a plugin whose engine is gone exits", async () => {
  const watched = await ProviderHost.startPlugin(executable, cwd, { enginePipe: true });
  await watched.loseEngine();
  expect(watched.running).toBe(false);
});
