/**
 * A create sent again (after a crash, or after a destroy within Stripe's 24 hours) is answered
 * with the configuration the first one made, never a second one; `active: false` keeps a
 * configuration deactivated. Against the emulator, which keeps idempotency keys as Stripe does.
 */
import { Emulator, startEmulator } from "../../emulator";
import { createIdempotencyKey, IDENTITY_INPUT } from "../../provider/createIdentity";
import * as dynamicProvider from "../../provider/dynamic/portalConfigurationProvider";
import { PROVIDER_KEY, PROVIDER_TEXT } from "../../provider/dynamic/providerText";
import * as lifecycle from "../../provider/lifecycle";
import { createParams } from "../../provider/requestParams";
import { configurationFields } from "../../provider/desiredState";
import { EXPAND_PATHS } from "../../provider/schema";
import { PINNED_API_VERSION } from "../../provider/settings";
import { quickStart } from "../fixtures/configurations";

const KEY = "sk_test_crash_safety_4242";
const CONFIGURATIONS = "/v1/billing_portal/configurations";
const EXPAND = { expand: ["features.subscription_update.products"] };
let emulator: Emulator;
let counter = 0;

/** The provider's settings for these tests: the emulator, the pinned version. */
function configureEmulator(): void {
  lifecycle.configure({ config: { get: (key: string) => ({ "stripe:apiKey": KEY, "stripe:apiBase": emulator.url } as Record<string, string>)[key] } });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  configureEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.clearRequests());

/** A URN no other test uses, as the SDK hands it over. */
function newUrn(): string {
  counter += 1;
  return `urn:pulumi:dev::shop::pulumi-nodejs:dynamic/stripe:PortalConfiguration::portal-${counter}`;
}

/** The inputs the engine stores for a new resource: Check's, with the SDK's URN. */
async function checked(declared: Record<string, unknown>, urn: string, olds: Record<string, unknown> = {}) {
  const { inputs, failures } = await lifecycle.check(olds, { ...declared, [IDENTITY_INPUT]: urn });
  expect(failures).toEqual([]);
  return inputs!;
}

/** What reached the emulator since the last call: method, path, body, idempotency key. */
function seen() {
  const requests = emulator.requests().map((r) => ({ method: r.method, path: r.path, body: r.body, key: r.idempotencyKey }));
  emulator.clearRequests();
  return requests;
}

const activeCount = () => emulator.configurations().filter((c) => c.active === true && c.is_default !== true).length;

/** A create's body as the POST sends it: its parameters and the expand paths. */
const sentBody = (inputs: Record<string, unknown>) => ({ ...createParams(configurationFields(inputs)), expand: EXPAND_PATHS });

describe("a create's idempotency key", () => {
  it("is derived from the URN, the account and what the POST sends, so the same create sent again makes nothing new", async () => {
    const urn = newUrn();
    const inputs = await checked(quickStart, urn);
    const before = activeCount();
    const first = await lifecycle.create(inputs);
    const [sent] = seen();
    expect(sent.key).toBe(createIdempotencyKey({ resource: urn }, sentBody(inputs), PINNED_API_VERSION));

    // The engine died before it recorded the answer; the next `pulumi up` creates again.
    const again = await lifecycle.create(inputs);
    expect(again.id).toBe(first.id);
    expect(again.outs).toEqual({ ...first.outs, updated: again.outs!.updated });
    // The replay, then one GET of what the configuration holds now: nothing to change.
    expect(seen()).toEqual([
      { method: "POST", path: CONFIGURATIONS, body: sent.body, key: sent.key },
      { method: "GET", path: `${CONFIGURATIONS}/${first.id}`, body: {}, key: null },
    ]);
    expect(activeCount()).toBe(before + 1);
  });

  it("differs for another resource, another account, other parameters, another expand list or another API version", async () => {
    const body = sentBody(quickStart);
    const version = PINNED_API_VERSION;
    const base = createIdempotencyKey({ resource: "urn:a" }, body, version);
    expect(base).toMatch(/^pulumi-stripe-portal-create-[0-9a-f]{64}$/);
    expect(createIdempotencyKey({ resource: "urn:a" }, body, version)).toBe(base);
    expect(createIdempotencyKey({ resource: "urn:b" }, body, version)).not.toBe(base);
    expect(createIdempotencyKey({ resource: "urn:a", account: "acct_1" }, body, version)).not.toBe(base);
    expect(createIdempotencyKey({ resource: "urn:a", replacing: "bpc_old" }, body, version)).not.toBe(base);
    expect(createIdempotencyKey({ resource: "urn:a" }, { ...body, name: "Other" }, version)).not.toBe(base);
    // Stripe refuses a key sent again with other parameters: a release expanding other paths, or
    // pinning another version, must not reuse the key of a create sent before the upgrade.
    expect(createIdempotencyKey({ resource: "urn:a" }, { ...body, expand: [...EXPAND_PATHS, "features.other"] }, version)).not.toBe(base);
    expect(createIdempotencyKey({ resource: "urn:a" }, body, "2025-01-27.acacia")).not.toBe(base);
    // The order of a map's keys is not a difference.
    const ab = createIdempotencyKey({ resource: "urn:a" }, { ...body, metadata: { a: "1", b: "2" } }, version);
    expect(createIdempotencyKey({ resource: "urn:a" }, { ...body, metadata: { b: "2", a: "1" } }, version)).toBe(ab);
  });

  it("covers the Stripe-Version the POST sends: another version configured, another key", async () => {
    const urn = newUrn();
    const inputs = await checked(quickStart, urn);
    const other = "2025-01-27.acacia";
    lifecycle.configure({ config: { get: (key: string) => ({ "stripe:apiKey": KEY, "stripe:apiBase": emulator.url, "stripe:apiVersion": other } as Record<string, string>)[key] } });
    try {
      await lifecycle.create(inputs);
    } finally {
      configureEmulator();
    }
    const [sent] = seen();
    expect(sent.key).toBe(createIdempotencyKey({ resource: urn }, sentBody(inputs), other));
    expect(sent.key).not.toBe(createIdempotencyKey({ resource: urn }, sentBody(inputs), PINNED_API_VERSION));
  });

  it("is random for a resource created before identities existed (no URN among its inputs)", async () => {
    const { inputs } = await lifecycle.check({ name: "legacy", active: true, __provider: "x" }, quickStart);
    expect(inputs).not.toHaveProperty(IDENTITY_INPUT);
    await lifecycle.create(inputs!);
    await lifecycle.create(inputs!);
    const keys = seen().map((r) => r.key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^pulumi-stripe-portal-[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });
});

describe("a replayed create", () => {
  it("after a destroy within 24 hours: the same configuration, reactivated", async () => {
    const urn = newUrn();
    const inputs = await checked(quickStart, urn);
    const { id, outs } = await lifecycle.create(inputs);
    await lifecycle.deleteConfiguration(id, outs!);
    expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: false });
    seen();

    const again = await lifecycle.create(inputs);
    expect(again.id).toBe(id);
    expect(again.outs).toMatchObject({ active: true });
    expect(seen().map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", CONFIGURATIONS, expect.objectContaining({ name: "Self-serve customers" })],
      ["GET", `${CONFIGURATIONS}/${id}`, {}],
      ["POST", `${CONFIGURATIONS}/${id}`, { active: "true", ...EXPAND }],
    ]);
    expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: true });
  });

  it("of a configuration edited since: brought back to the declaration in one update", async () => {
    const urn = newUrn();
    const inputs = await checked(quickStart, urn);
    const { id } = await lifecycle.create(inputs);
    emulator.edit(id, { business_profile: { headline: "Edited in the Dashboard" }, default_return_url: "" });
    seen();
    const again = await lifecycle.create(inputs);
    expect(again.id).toBe(id);
    expect(seen().slice(2)).toEqual([
      {
        method: "POST",
        path: `${CONFIGURATIONS}/${id}`,
        body: { business_profile: { headline: "Acme billing" }, default_return_url: "https://acme.test/account", ...EXPAND },
        key: expect.stringMatching(/^pulumi-stripe-portal-[0-9a-f-]{36}$/),
      },
    ]);
    expect(again.outs).toMatchObject({ businessProfile: { headline: "Acme billing" }, defaultReturnUrl: "https://acme.test/account" });
  });
});

describe("a replacement", () => {
  it("is a new configuration, though its create has the same URN and parameters: the diff names the one it replaces", async () => {
    const urn = newUrn();
    const inputs = await checked(quickStart, urn);
    const { id, outs } = await lifecycle.create(inputs);
    seen();
    // `pulumi up --replace`: the engine diffs the resource, creates the replacement, then deletes the old one.
    const news = await checked(quickStart, urn, inputs);
    await lifecycle.diff(id, outs!, news);
    const replacement = await lifecycle.create(news);
    expect(replacement.id).not.toBe(id);
    const [create] = seen();
    expect(create.key).toBe(createIdempotencyKey({ resource: urn, replacing: id }, sentBody(news), PINNED_API_VERSION));
    await lifecycle.deleteConfiguration(id, outs!);
    expect(emulator.configurations().find((c) => c.id === replacement.id)).toMatchObject({ active: true });
  });
});

describe("check keeps the identity the resource was created with", () => {
  it("a new resource's own URN; the stored one after a rename; none for a resource created before identities", async () => {
    const created = await checked(quickStart, "urn:new");
    expect(created[IDENTITY_INPUT]).toBe("urn:new");
    const renamed = await checked(quickStart, "urn:renamed", created);
    expect(renamed[IDENTITY_INPUT]).toBe("urn:new");
    const { inputs } = await lifecycle.check({ active: true, __provider: "x" }, { ...quickStart, [IDENTITY_INPUT]: "urn:any" });
    expect(inputs).not.toHaveProperty(IDENTITY_INPUT);
  });

  it("and the outputs carry it, so that refresh keeps it among the inputs", async () => {
    const urn = newUrn();
    const { id, outs } = await lifecycle.create(await checked(quickStart, urn));
    expect(outs![IDENTITY_INPUT]).toBe(urn);
    const refreshed = await lifecycle.read(id, outs!);
    expect(refreshed.props![IDENTITY_INPUT]).toBe(urn);
    expect(refreshed.inputs![IDENTITY_INPUT]).toBe(urn);
  });
});

describe("active: false", () => {
  it("creates, then deactivates in one update (Stripe's create has no `active`); a preview after shows nothing", async () => {
    const urn = newUrn();
    const inputs = await checked({ ...quickStart, active: false }, urn);
    expect(inputs.active).toBe(false);
    const { id, outs } = await lifecycle.create(inputs);
    expect(seen().map((r) => [r.method, r.path, r.body.active])).toEqual([
      ["POST", CONFIGURATIONS, undefined],
      ["POST", `${CONFIGURATIONS}/${id}`, "false"],
    ]);
    expect(outs).toMatchObject({ active: false });
    expect(await lifecycle.diff(id, outs!, inputs)).toEqual({ changes: false });

    // Declared true again (or left out): reactivated in place.
    const reactivated = await checked({ ...quickStart }, urn, inputs);
    expect(await lifecycle.diff(id, outs!, reactivated)).toEqual({ replaces: [], deleteBeforeReplace: false });
    const updated = await lifecycle.update(id, outs!, reactivated);
    expect(seen()).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, body: { active: "true", ...EXPAND }, key: expect.any(String) }]);
    expect(updated.outs).toMatchObject({ active: true });

    // Declared false on an active one: one update; destroying it then sends nothing.
    const deactivated = await lifecycle.update(id, updated.outs!, inputs);
    expect(seen()).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, body: { active: "false", ...EXPAND }, key: expect.any(String) }]);
    await lifecycle.deleteConfiguration(id, deactivated.outs!);
    expect(seen()).toEqual([]);
  });

  it("whose deactivation fails: the create fails with the configuration's id and outputs (the engine keeps them), saying it is active and what finishes it; the next up deactivates it", async () => {
    const urn = newUrn();
    const inputs = await checked({ ...quickStart, active: false }, urn);
    emulator.fault({ status: 400, error: { type: "invalid_request_error", message: "The configuration is locked." }, match: { method: "POST", path: `${CONFIGURATIONS}/` } });
    const error = (await lifecycle.create(inputs).catch((e: unknown) => e)) as lifecycle.PartialCreateError;
    expect(error).toBeInstanceOf(lifecycle.PartialCreateError);
    const id = error.id;
    expect(id).toMatch(/^bpc_/);
    const message =
      `Portal configuration ${id} was created, but deactivating it (\`active: false\`) failed: The configuration is locked. It is active. ` +
      "Pulumi keeps it in the state, so the next `pulumi up` finishes it; were it missing from the state, a `pulumi up` within 24 hours would get this " +
      "same configuration again (its create's idempotency key) and finish it, and `stripe-portal configurations orphans` lists it.";
    expect(error.message).toBe(message);
    expect(error.reasons).toEqual([message]);
    expect(JSON.stringify({ message: error.message, properties: error.properties })).not.toContain(KEY);
    expect(error.properties).toMatchObject({ name: "Self-serve customers", active: true, [IDENTITY_INPUT]: urn });
    expect(seen().map((r) => [r.method, r.path, r.body.active])).toEqual([
      ["POST", CONFIGURATIONS, undefined],
      ["POST", `${CONFIGURATIONS}/${id}`, "false"],
    ]);
    expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: true });

    // The next `pulumi up`: the engine holds the id and those outputs, so the diff finds `active` to send.
    expect(await lifecycle.diff(id, error.properties, inputs)).toEqual({ replaces: [], deleteBeforeReplace: false });
    const finished = await lifecycle.update(id, error.properties, inputs);
    expect(seen()).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, body: { active: "false", ...EXPAND }, key: expect.any(String) }]);
    expect(finished.outs).toMatchObject({ active: false });
    expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: false });
  });

  it("whose deactivation fails, through the dynamic provider: the error's outputs also hold the provider text, which the host reads in every later call", async () => {
    const urn = newUrn();
    const inputs = { ...(await checked({ ...quickStart, active: false }, urn)), [PROVIDER_KEY]: PROVIDER_TEXT };
    emulator.fault({ status: 400, error: { type: "invalid_request_error", message: "The configuration is locked." }, match: { method: "POST", path: `${CONFIGURATIONS}/` } });
    const error = (await dynamicProvider.create(inputs).catch((e: unknown) => e)) as lifecycle.PartialCreateError;
    expect(error).toBeInstanceOf(lifecycle.PartialCreateError);
    // What the dynamic-provider host packs into ErrorResourceInitFailed: `id`, `properties`, `reasons`.
    expect(error.id).toMatch(/^bpc_/);
    expect(error.message).toMatch(new RegExp(`^Portal configuration ${error.id} was created, but deactivating it \\(\`active: false\`\\) failed: The configuration is locked\\. It is active\\. `));
    expect(error.reasons).toEqual([error.message]);
    expect(error.properties).toMatchObject({ active: true, [IDENTITY_INPUT]: urn, [PROVIDER_KEY]: PROVIDER_TEXT });
    expect(seen().map((r) => [r.method, r.path])).toEqual([
      ["POST", CONFIGURATIONS],
      ["POST", `${CONFIGURATIONS}/${error.id}`],
    ]);
  });

  it("is refused with adoptId: \"default\", which Stripe cannot deactivate", async () => {
    const { failures } = await lifecycle.check({}, { adoptId: "default", active: false });
    expect(failures).toEqual([
      { property: "active", reason: 'cannot be false with adoptId "default": Stripe does not allow deactivating the account\'s default configuration' },
    ]);
  });

  it("must be a boolean", async () => {
    const { failures } = await lifecycle.check({}, { active: "no" });
    expect(failures).toEqual([{ property: "active", reason: 'must be true or false; got "no"' }]);
  });
});
