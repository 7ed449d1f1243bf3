/**
 * Adoption (`adoptId`) and Connect accounts (`stripeAccount`, stack config `stripe:account`),
 * driven through the real dynamic-provider host of the installed package as the engine drives it.
 * The unit-level twins of these scenarios are in `tests/lifecycle/adoption.test.ts`.
 *
 * Two hosts, one per stack config: `platform` (no `stripe:account`) and `connected` (with
 * `stripe:account`). The emulator keeps configurations per account, each with its own default one.
 * The engine's replacement (create-before-delete) is driven by `replaceCreateBeforeDelete`, since
 * `Stack.up` does not model replacements.
 */
import { Emulator, startEmulator } from "../../emulator";
import { refOf, Stack, StackResource, Step } from "./harness/engine";
import { InstalledPackage, installedPackage } from "./harness/installedPackage";
import { Registration, registered, runProgram, Struct } from "./harness/mockProgram";
import { ProviderHost } from "./harness/providerHost";
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
  rejection,
  SETUP_TIMEOUT_MS,
  takeAccountRequests,
  takeRequests,
  TEST_TIMEOUT_MS,
  withoutMachinery,
} from "./harness/testing";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_engineAdoption4242";
const STACK_ACCOUNT = "acct_1StackDefault0001";
const ACCT_A = "acct_1ConnectedAaaa0001";
const ACCT_B = "acct_1ConnectedBbbb0002";
const ACCT_C = "acct_1ConnectedCccc0003";
/** The expand parameter of the list call that finds the default configuration. */
const LIST_EXPAND = EXPAND.map((path) => `data.${path}`);
const NO_DIFF = { changes: "DIFF_NONE", replaces: [], stables: [], diffs: [], deleteBeforeReplace: false };
const defaultWarning = (id: string) =>
  `warning: [runtime] Portal configuration ${id} is the account's default configuration: Stripe does not allow deactivating it, so it stays active and is only removed from the Pulumi state.`;

/** What the program declares. */
const DECLARED = ACME;

/** DECLARED in Stripe's wire names, as a script would have created it outside Pulumi. */
const { expand: _expand, ...DECLARED_WIRE } = acmeCreateBody();

const normalized = normalizedAcme;

/**
 * The outputs of a configuration holding DECLARED, whether created or adopted: an adoption resets
 * the fields the program leaves out to the schema's defaults, then learns them from Stripe's answer.
 */
const outputsOf = (extra: Struct = {}) => expectedOutputs(acmeState(), acmeStripeDefaults(), emulator.url, extra);

let pkg: InstalledPackage;
let emulator: Emulator;
/** `pulumi up` / `destroy` of a stack whose config names no account. */
let platform: ProviderHost;
/** `pulumi up` / `destroy` of a stack with `stripe:account` in its config. */
let connected: ProviderHost;
let platformConfig: Record<string, string>;
let connectedConfig: Record<string, string>;

beforeAll(async () => {
  pkg = await installedPackage();
  emulator = await startEmulator({ port: 0 });
  platformConfig = { "stripe:apiBase": emulator.url, "stripe:apiKey": KEY };
  connectedConfig = { ...platformConfig, "stripe:account": STACK_ACCOUNT };
  [platform, connected] = await Promise.all([ProviderHost.start(pkg.programDir), ProviderHost.start(pkg.programDir)]);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([platform?.stop(), connected?.stop()]);
  await emulator?.stop();
});

/** Stripe's form encoding: `a[b][0]=c`. */
function formPairs(value: unknown, prefix: string, out: [string, string][]): [string, string][] {
  if (Array.isArray(value)) value.forEach((item, index) => formPairs(item, `${prefix}[${index}]`, out));
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) formPairs(item, prefix ? `${prefix}[${key}]` : key, out);
  } else out.push([prefix, String(value)]);
  return out;
}

/** A configuration made outside Pulumi (a script, the Dashboard): one API call, whose log entry is dropped. */
async function createOutsidePulumi(wireParams: Struct): Promise<Struct> {
  const response = await fetch(`${emulator.url}${CONFIGURATIONS}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(formPairs(wireParams, "", [])).toString(),
  });
  const object = (await response.json()) as Struct;
  expect(response.status).toBe(200);
  emulator.clearRequests();
  return object;
}

async function program(config: Record<string, string>, resources: Record<string, Struct>, preview = false) {
  return runProgram(pkg.programDir, portalProgram(resources), { config, preview });
}

async function up(stack: Stack, host: ProviderHost, resources: Record<string, Struct>): Promise<Step[]> {
  return stack.up(host, (await program(stack.config, resources)).registrations);
}

/** Resolves once the host has written `text` to stderr (a write may still be in the pipe when the RPC answer arrives). */
async function stderrShows(host: ProviderHost, text: string): Promise<string> {
  for (let waited = 0; waited < 5_000 && !host.stderr().includes(text); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return host.stderr();
}

/**
 * What the engine does for a resource whose Diff says replace with `deleteBeforeReplace: false`
 * (create-before-delete): Check again with no old inputs (the defaults of a new resource), Create
 * the replacement, and, once the rest of the update is done, Delete the old one with its old
 * outputs and inputs. The state then holds the replacement under the same URN.
 */
async function replaceCreateBeforeDelete(stack: Stack, host: ProviderHost, registration: Registration): Promise<{ created: StackResource; replaced: StackResource }> {
  const ref = refOf(registration);
  const replaced = stack.state.get(ref.urn)!;
  const check = await host.check(ref, {}, registration.inputs);
  expect(check.failures).toEqual([]);
  const made = await host.create(ref, check.inputs);
  const created: StackResource = { ...ref, id: made.id, inputs: check.inputs, outputs: made.properties };
  stack.state.set(ref.urn, created);
  await host.delete(replaced, replaced.id, replaced.outputs, replaced.inputs);
  return { created, replaced };
}

// ---------------------------------------------------------------------------------------------
// Adoption, in the platform account
// ---------------------------------------------------------------------------------------------

const adoption = new Stack();
/** Made by a script, already as declared. */
let matching: Struct;
/** Made by a script, with a different name, another owner, a stray metadata key and no login page. */
let differing: Struct;
let platformDefaultId = "";

test("1. up adopting two configurations made outside Pulumi, by id: a GET each, one POST of only the differences, no new configuration", async () => {
  matching = await createOutsidePulumi(DECLARED_WIRE);
  differing = await createOutsidePulumi({
    ...DECLARED_WIRE,
    name: "Made by a script",
    login_page: { enabled: false },
    metadata: { team: "billing", owner: "ops", script: "v1" },
  });
  const before = emulator.configurations().map((c) => c.id);
  expect(before).toHaveLength(3); // the account's default configuration, and the two above

  adoption.config = platformConfig;
  const steps = await up(adoption, platform, { matching: { ...DECLARED, adoptId: matching.id }, differing: { ...DECLARED, adoptId: differing.id } });
  expect(steps.map((s) => [s.name, s.op, s.id])).toEqual([
    ["matching", "create", matching.id],
    ["differing", "create", differing.id],
  ]);
  expect(withoutMachinery(steps[0].check!.inputs)).toEqual(normalized({ adoptId: matching.id }));
  expect(takeRequests(emulator)).toEqual([
    { method: "GET", path: `${CONFIGURATIONS}/${matching.id}`, query: { expand: EXPAND }, body: {} },
    { method: "GET", path: `${CONFIGURATIONS}/${differing.id}`, query: { expand: EXPAND }, body: {} },
    {
      method: "POST",
      path: `${CONFIGURATIONS}/${differing.id}`,
      query: {},
      body: { name: "Acme self-serve", login_page: { enabled: "true" }, metadata: { owner: "payments", script: "" }, expand: EXPAND },
    },
  ]);
  expect(emulator.configurations().map((c) => c.id)).toEqual(before);

  expect(withoutMachinery(steps[0].outputs)).toEqual(
    outputsOf({ adoptId: matching.id as string, created: matching.created, updated: matching.updated, loginPage: matching.login_page }),
  );
  expect(withoutMachinery(steps[1].outputs)).toEqual(outputsOf({ adoptId: differing.id as string, created: differing.created }));
  expect(steps[0].outputs!.__provider).toBe(adoption.resource("matching").inputs.__provider);
  expect(emulator.configurations().find((c) => c.id === differing.id)).toMatchObject({
    name: "Acme self-serve",
    active: true,
    login_page: { enabled: true, url: (steps[1].outputs!.loginPage as Struct).url },
    metadata: { team: "billing", owner: "payments" },
  });
});

test('2. adopting "default": one list GET with is_default=true, one POST of the differences to the default configuration; the others are unchanged', async () => {
  const accountDefault = emulator.configurations().find((c) => c.is_default === true)!;
  platformDefaultId = accountDefault.id as string;
  const steps = await up(adoption, platform, {
    matching: { ...DECLARED, adoptId: matching.id },
    differing: { ...DECLARED, adoptId: differing.id },
    main: { ...DECLARED, adoptId: "default" },
  });
  expect(steps.map((s) => [s.name, s.op, s.id, s.diff?.changes])).toEqual([
    ["matching", "same", matching.id, "DIFF_NONE"],
    ["differing", "same", differing.id, "DIFF_NONE"],
    ["main", "create", platformDefaultId, undefined],
  ]);
  expect(takeRequests(emulator)).toEqual([
    { method: "GET", path: CONFIGURATIONS, query: { is_default: "true", limit: "1", expand: LIST_EXPAND }, body: {} },
    {
      method: "POST",
      path: `${CONFIGURATIONS}/${platformDefaultId}`,
      query: {},
      body: {
        name: "Acme self-serve",
        business_profile: { headline: "Manage your Acme plan", privacy_policy_url: "https://acme.test/privacy" },
        default_return_url: "https://acme.test/account",
        features: {
          // The default has email and address; a set is sent whole.
          customer_update: { allowed_updates: ["email", "tax_id"] },
          payment_method_update: { enabled: "false" },
          subscription_cancel: { enabled: "true", mode: "immediately", proration_behavior: "create_prorations" },
        },
        login_page: { enabled: "true" },
        metadata: { team: "billing", owner: "payments" },
        expand: EXPAND,
      },
    },
  ]);
  expect(withoutMachinery(steps[2].outputs)).toEqual(outputsOf({ adoptId: "default", isDefault: true, created: accountDefault.created }));
  expect(emulator.configurations().length).toBe(3);
  expect(emulator.configurations().find((c) => c.id === platformDefaultId)).toMatchObject({ is_default: true, active: true, name: "Acme self-serve" });
});

test("3. an adopt id changed later shows no diff (DIFF_NONE), sends nothing, and the outputs keep the adopted one", async () => {
  const before = Object.fromEntries(["matching", "differing", "main"].map((name) => [name, adoption.resource(name).outputs]));
  const steps = await up(adoption, platform, {
    matching: { ...DECLARED, adoptId: "default" },
    differing: { ...DECLARED, adoptId: "bpc_someOtherOne0000000000" },
    main: { ...DECLARED, adoptId: matching.id },
  });
  expect(steps.map((s) => [s.name, s.op, s.id])).toEqual([
    ["matching", "same", matching.id],
    ["differing", "same", differing.id],
    ["main", "same", platformDefaultId],
  ]);
  for (const step of steps) expect(step.diff).toEqual(NO_DIFF);
  expect(withoutMachinery(steps[0].check!.inputs)).toEqual(normalized({ adoptId: "default" }));
  expect(takeRequests(emulator)).toEqual([]);
  for (const name of ["matching", "differing", "main"]) expect(adoption.resource(name).outputs).toEqual(before[name]);
});

test("4. a missing adopt id: Create fails with a gRPC error naming it, after one GET; nothing is created, nothing enters the state", async () => {
  const before = emulator.configurations().map((c) => c.id);
  const run = await program(platformConfig, {
    ghost: { ...DECLARED, adoptId: "bpc_doesNotExist000000000" },
    // A configuration of the platform account, adopted in a connected account: Stripe answers 404 there.
    elsewhere: { ...DECLARED, adoptId: matching.id, stripeAccount: ACCT_A },
  });

  const ghost = new Stack(platformConfig);
  const ghostError = await rejection(ghost.up(platform, [registered(run, "ghost")]));
  expect(ghostError.code).toBe(2);
  expect(ghostError.details).toBe(
    'adoptId "bpc_doesNotExist000000000": no portal configuration with this id exists. Check the id (`stripe-portal configurations list` lists them).',
  );
  expect(Object.keys(ghostError.metadata)).not.toContain("grpc-status-details-bin");
  expect(platform.exchanges.slice(-1)[0]).toMatchObject({ method: "create", error: { code: 2, details: ghostError.details } });
  expect(ghost.state.size).toBe(0);

  const elsewhere = new Stack(platformConfig);
  const elsewhereError = await rejection(elsewhere.up(platform, [registered(run, "elsewhere")]));
  expect(elsewhereError.details).toBe(
    `adoptId "${matching.id}": no portal configuration with this id exists in account ${ACCT_A}. Check the id (\`stripe-portal configurations list\` lists them).`,
  );
  expect(elsewhere.state.size).toBe(0);

  expect(emulator.requests().map((r) => r.status)).toEqual([404, 404]);
  expect(takeAccountRequests(emulator)).toEqual([
    { method: "GET", path: `${CONFIGURATIONS}/bpc_doesNotExist000000000`, query: { expand: EXPAND }, body: {}, account: null },
    { method: "GET", path: `${CONFIGURATIONS}/${matching.id}`, query: { expand: EXPAND }, body: {}, account: ACCT_A },
  ]);
  expect(emulator.configurations().map((c) => c.id)).toEqual(before);
  expect(emulator.configurations({ account: ACCT_A }).map((c) => c.id)).not.toContain(matching.id);
});

test("5. destroy: the adopted default gets no deactivation POST and a warning on the host's stderr; the others are deactivated", async () => {
  const steps = await adoption.destroy(platform);
  expect(steps.map((s) => [s.name, s.op, s.id])).toEqual([
    ["main", "delete", platformDefaultId],
    ["differing", "delete", differing.id],
    ["matching", "delete", matching.id],
  ]);
  expect(adoption.state.size).toBe(0);
  expect(takeRequests(emulator)).toEqual([
    { method: "POST", path: `${CONFIGURATIONS}/${differing.id}`, query: {}, body: { active: "false", expand: EXPAND } },
    { method: "POST", path: `${CONFIGURATIONS}/${matching.id}`, query: {}, body: { active: "false", expand: EXPAND } },
  ]);
  expect(await stderrShows(platform, defaultWarning(platformDefaultId))).toContain(`${defaultWarning(platformDefaultId)}\n`);
  // The Delete succeeded: no gRPC error.
  expect(platform.exchanges.filter((e) => e.method === "delete").map((e) => [e.request, e.error])).toEqual([
    [expect.objectContaining({ id: platformDefaultId }), undefined],
    [expect.objectContaining({ id: differing.id }), undefined],
    [expect.objectContaining({ id: matching.id }), undefined],
  ]);
  const held = Object.fromEntries(emulator.configurations().map((c) => [c.id, c]));
  expect(held[platformDefaultId]).toMatchObject({ is_default: true, active: true, name: "Acme self-serve" });
  expect(held[differing.id as string]).toMatchObject({ active: false });
  expect(held[matching.id as string]).toMatchObject({ active: false });
});

// ---------------------------------------------------------------------------------------------
// Connect accounts
// ---------------------------------------------------------------------------------------------

const connect = new Stack();

test("6. two accounts side by side: each resource's calls carry its own Stripe-Account; each account holds only its own", async () => {
  connect.config = platformConfig;
  const steps = await up(connect, platform, {
    a: { ...DECLARED, stripeAccount: ACCT_A },
    b: { ...DECLARED, name: "B", stripeAccount: ACCT_B },
  });
  expect(steps.map((s) => [s.name, s.op])).toEqual([
    ["a", "create"],
    ["b", "create"],
  ]);
  const [a, b] = [connect.resource("a"), connect.resource("b")];
  expect(withoutMachinery(a.inputs)).toEqual(normalized({ stripeAccount: ACCT_A }));
  expect(takeAccountRequests(emulator)).toEqual([
    { method: "POST", path: CONFIGURATIONS, query: {}, body: acmeCreateBody(), account: ACCT_A },
    { method: "POST", path: CONFIGURATIONS, query: {}, body: acmeCreateBody("B"), account: ACCT_B },
  ]);
  expect(withoutMachinery(a.outputs)).toEqual(outputsOf({ stripeAccount: ACCT_A }));
  expect(withoutMachinery(b.outputs)).toEqual(outputsOf({ stripeAccount: ACCT_B, name: "B" }));

  // Each account: its own default configuration and its own resource.
  const idsOf = (account: string | null) => emulator.configurations({ account }).map((c) => c.id);
  const defaultOf = (account: string | null) => emulator.configurations({ account }).find((c) => c.is_default === true)!.id;
  expect(idsOf(ACCT_A).sort()).toEqual([a.id, defaultOf(ACCT_A)].sort());
  expect(idsOf(ACCT_B).sort()).toEqual([b.id, defaultOf(ACCT_B)].sort());
  expect(new Set([defaultOf(ACCT_A), defaultOf(ACCT_B), defaultOf(null)]).size).toBe(3);
  expect(idsOf(null)).not.toEqual(expect.arrayContaining([a.id]));
  expect(idsOf(null)).not.toEqual(expect.arrayContaining([b.id]));

  // Refresh reads each in its account; up unchanged sends nothing.
  const refreshed = await connect.refresh(platform);
  expect(refreshed.map((s) => [s.name, s.id])).toEqual([
    ["a", a.id],
    ["b", b.id],
  ]);
  expect(takeAccountRequests(emulator)).toEqual([
    { method: "GET", path: `${CONFIGURATIONS}/${a.id}`, query: { expand: EXPAND }, body: {}, account: ACCT_A },
    { method: "GET", path: `${CONFIGURATIONS}/${b.id}`, query: { expand: EXPAND }, body: {}, account: ACCT_B },
  ]);
  const again = await up(connect, platform, { a: { ...DECLARED, stripeAccount: ACCT_A }, b: { ...DECLARED, name: "B", stripeAccount: ACCT_B } });
  expect(again.map((s) => [s.name, s.op, s.diff])).toEqual([
    ["a", "same", NO_DIFF],
    ["b", "same", NO_DIFF],
  ]);
  expect(takeRequests(emulator)).toEqual([]);

  // a's id read in the other account is gone there (Stripe's 404 for another account's id): Read drops it.
  const read = await platform.read(a, a.id, { ...a.outputs, stripeAccount: ACCT_B }, a.inputs);
  // (the host puts `__provider` into any answer's properties; an empty id is what the engine reads as "gone")
  expect({ ...read, properties: withoutMachinery(read.properties) }).toEqual({ id: "", properties: {} });
  expect(emulator.requests().map((r) => [r.path, r.account, r.status])).toEqual([[`${CONFIGURATIONS}/${a.id}`, ACCT_B, 404]]);
  takeRequests(emulator);
});

test("7. a change of stripeAccount: Diff says replace stripeAccount; the engine Creates in the new account, then Deletes the old in the old account", async () => {
  const old = connect.resource("b");
  const resources = { a: { ...DECLARED, stripeAccount: ACCT_A }, b: { ...DECLARED, name: "B", stripeAccount: ACCT_C } };

  // The preview shows the replacement and sends nothing.
  const previewed = await connect.preview(platform, (await program(platformConfig, resources, true)).registrations);
  expect(previewed.map((s) => [s.name, s.diff])).toEqual([
    ["a", NO_DIFF],
    ["b", { changes: "DIFF_UNKNOWN", replaces: ["stripeAccount"], stables: [], diffs: [], deleteBeforeReplace: false }],
  ]);
  expect(takeRequests(emulator)).toEqual([]);

  // `pulumi up`: Check and Diff as in the preview, then the replacement in the engine's order.
  const run = await program(platformConfig, resources);
  const steps = await connect.preview(platform, run.registrations);
  expect(steps[1].diff!.replaces).toEqual(["stripeAccount"]);
  const { created } = await replaceCreateBeforeDelete(connect, platform, registered(run, "b"));
  expect(platform.exchanges.slice(-5).map((e) => e.method)).toEqual(["check", "diff", "check", "create", "delete"]);
  expect(platform.exchanges.slice(-3).map((e) => e.error)).toEqual([undefined, undefined, undefined]);
  expect(created.id).not.toBe(old.id);
  expect(withoutMachinery(created.inputs)).toEqual(normalized({ name: "B", stripeAccount: ACCT_C }));
  expect(withoutMachinery(created.outputs)).toEqual(outputsOf({ stripeAccount: ACCT_C, name: "B" }));
  expect(takeAccountRequests(emulator).map((r) => [r.method, r.path, r.account, r.body.active ?? r.body.name])).toEqual([
    ["POST", CONFIGURATIONS, ACCT_C, "B"],
    ["POST", `${CONFIGURATIONS}/${old.id}`, ACCT_B, "false"],
  ]);
  expect(emulator.configurations({ account: ACCT_B }).find((c) => c.id === old.id)).toMatchObject({ active: false });
  expect(emulator.configurations({ account: ACCT_C }).find((c) => c.id === created.id)).toMatchObject({ active: true, name: "B" });

  // The next up finds nothing to do.
  const again = await connect.up(platform, run.registrations);
  expect(again.map((s) => [s.name, s.op, s.id])).toEqual([
    ["a", "same", connect.resource("a").id],
    ["b", "same", created.id],
  ]);
  expect(takeRequests(emulator)).toEqual([]);

  // Destroy: each deactivation in its own account.
  const aId = connect.resource("a").id;
  await connect.destroy(platform);
  expect(takeAccountRequests(emulator)).toEqual([
    { method: "POST", path: `${CONFIGURATIONS}/${created.id}`, query: {}, body: { active: "false", expand: EXPAND }, account: ACCT_C },
    { method: "POST", path: `${CONFIGURATIONS}/${aId}`, query: {}, body: { active: "false", expand: EXPAND }, account: ACCT_A },
  ]);
});

const stackAccount = new Stack();
let stackDefaultId = "";

test("8. the stack config stripe:account is the default account: Check fills it in, every call carries it, a resource's own stripeAccount wins", async () => {
  stackAccount.config = connectedConfig;
  const accountDefault = emulator.configurations({ account: STACK_ACCOUNT }).find((c) => c.is_default === true)!;
  stackDefaultId = accountDefault.id as string;
  expect(stackDefaultId).not.toBe(platformDefaultId);
  takeRequests(emulator);

  const steps = await up(stackAccount, connected, {
    portal: DECLARED,
    own: { ...DECLARED, name: "Own", stripeAccount: ACCT_A },
    accountDefault: { ...DECLARED, adoptId: "default" },
  });
  expect(connected.exchanges[0].request).toMatchObject({ variables: connectedConfig });
  expect(steps.map((s) => [s.name, s.op, withoutMachinery(s.check!.inputs)])).toEqual([
    ["portal", "create", normalized({ stripeAccount: STACK_ACCOUNT })],
    ["own", "create", normalized({ name: "Own", stripeAccount: ACCT_A })],
    ["accountDefault", "create", normalized({ stripeAccount: STACK_ACCOUNT, adoptId: "default" })],
  ]);
  expect(steps[2].id).toBe(stackDefaultId);
  expect(takeAccountRequests(emulator).map((r) => [r.method, r.path, r.account, r.query])).toEqual([
    ["POST", CONFIGURATIONS, STACK_ACCOUNT, {}],
    ["POST", CONFIGURATIONS, ACCT_A, {}],
    ["GET", CONFIGURATIONS, STACK_ACCOUNT, { is_default: "true", limit: "1", expand: LIST_EXPAND }],
    ["POST", `${CONFIGURATIONS}/${stackDefaultId}`, STACK_ACCOUNT, {}],
  ]);
  expect(withoutMachinery(steps[0].outputs)).toEqual(outputsOf({ stripeAccount: STACK_ACCOUNT }));
  expect(withoutMachinery(steps[1].outputs)).toEqual(outputsOf({ stripeAccount: ACCT_A, name: "Own" }));
  expect(withoutMachinery(steps[2].outputs)).toEqual(
    outputsOf({ stripeAccount: STACK_ACCOUNT, adoptId: "default", isDefault: true, created: accountDefault.created }),
  );
  const stackIds = emulator.configurations({ account: STACK_ACCOUNT }).map((c) => c.id);
  expect(stackIds.sort()).toEqual([steps[0].id, stackDefaultId].sort());
  expect(emulator.configurations().map((c) => c.id)).not.toEqual(expect.arrayContaining([steps[0].id]));
  // The platform's default was not touched by this adoption.
  expect(emulator.configurations().find((c) => c.id === platformDefaultId)).toMatchObject({ is_default: true, active: true });

  expect(takeRequests(emulator)).toEqual([]);
});

test("9. destroy with stripe:account: deactivations in each resource's account; the account's adopted default stays, with a warning", async () => {
  const ids = Object.fromEntries(["portal", "own"].map((name) => [name, stackAccount.resource(name).id]));
  const steps = await stackAccount.destroy(connected);
  expect(steps.map((s) => [s.name, s.id])).toEqual([
    ["accountDefault", stackDefaultId],
    ["own", ids.own],
    ["portal", ids.portal],
  ]);
  expect(takeAccountRequests(emulator)).toEqual([
    { method: "POST", path: `${CONFIGURATIONS}/${ids.own}`, query: {}, body: { active: "false", expand: EXPAND }, account: ACCT_A },
    { method: "POST", path: `${CONFIGURATIONS}/${ids.portal}`, query: {}, body: { active: "false", expand: EXPAND }, account: STACK_ACCOUNT },
  ]);
  expect(await stderrShows(connected, defaultWarning(stackDefaultId))).toContain(`${defaultWarning(stackDefaultId)}\n`);
  expect(emulator.configurations({ account: STACK_ACCOUNT }).find((c) => c.id === stackDefaultId)).toMatchObject({ is_default: true, active: true, name: "Acme self-serve" });
});

// A configuration made while the stack config named no account (the platform's), after
// `pulumi config set stripe:account acct_...`: Diff says replace, as the docs promise.
const moved = new Stack();
let movedOld: StackResource;

test("10. setting stripe:account later moves a resource that named no account: Check fills in the stack's account, Diff says replace stripeAccount", async () => {
  moved.config = platformConfig;
  await up(moved, platform, { portal: DECLARED });
  movedOld = moved.resource("portal");
  expect(movedOld.outputs.stripeAccount).toBeUndefined();
  expect(takeAccountRequests(emulator).map((r) => [r.method, r.path, r.account])).toEqual([["POST", CONFIGURATIONS, null]]);

  moved.config = connectedConfig;
  const run = await program(connectedConfig, { portal: DECLARED });
  const [step] = await moved.preview(connected, run.registrations);
  expect(withoutMachinery(step.check!.inputs)).toEqual(normalized({ stripeAccount: STACK_ACCOUNT }));
  expect(step.diff).toEqual({ changes: "DIFF_UNKNOWN", replaces: ["stripeAccount"], stables: [], diffs: [], deleteBeforeReplace: false });
  expect(takeRequests(emulator)).toEqual([]);
});

// The stack's `stripe:account` is applied by Check only: the calls on a configuration made in the
// platform account stay in the platform account (Stripe answers 404 for another account's id,
// which Read and Delete would take as "gone").
test("11. refresh after stripe:account is set reads a platform configuration without Stripe-Account, and keeps it", async () => {
  const read = await connected.read(movedOld, movedOld.id, movedOld.outputs, movedOld.inputs);
  const seen = takeAccountRequests(emulator);
  expect(seen).toEqual([{ method: "GET", path: `${CONFIGURATIONS}/${movedOld.id}`, query: { expand: EXPAND }, body: {}, account: null }]);
  expect(read.id).toBe(movedOld.id);
});

test("12. the replacement's Delete deactivates the old configuration in the platform account", async () => {
  takeRequests(emulator);
  const run = await program(connectedConfig, { portal: DECLARED });
  const { created } = await replaceCreateBeforeDelete(moved, connected, registered(run, "portal"));
  expect(created.outputs.stripeAccount).toBe(STACK_ACCOUNT);
  const seen = takeAccountRequests(emulator);
  expect(seen.map((r) => [r.method, r.path, r.account])).toEqual([
    ["POST", CONFIGURATIONS, STACK_ACCOUNT],
    ["POST", `${CONFIGURATIONS}/${movedOld.id}`, null],
  ]);
  expect(emulator.configurations().find((c) => c.id === movedOld.id)).toMatchObject({ active: false });
});

test("the hosts wrote nothing to stderr but the two warnings (the host logs every failed Check, Diff, Read and Delete there)", async () => {
  await Promise.all([platform.stop(), connected.stop()]);
  expect({ platform: platform.stderr(), connected: connected.stderr() }).toEqual({
    platform: `${defaultWarning(platformDefaultId)}\n`,
    connected: `${defaultWarning(stackDefaultId)}\n`,
  });
});
