import { Emulator, startEmulator } from "../../emulator";
import * as lifecycle from "../../provider/lifecycle";
import { quickStart } from "../fixtures/configurations";

const EXPAND = { expand: ["features.subscription_update.products"] };
let emulator: Emulator;

function useKey(key: string, extra: Record<string, string> = {}) {
  const config: Record<string, string> = { "stripe:apiKey": key, "stripe:apiBase": emulator.url, ...extra };
  lifecycle.configure({ config: { get: (name: string) => config[name] } });
}

function seen() {
  const requests = emulator.requests().map((r) => ({ method: r.method, path: r.path, account: r.account, body: r.body, query: r.query }));
  emulator.clearRequests();
  return requests;
}

async function checked(declared: Record<string, unknown>) {
  const { inputs, failures } = await lifecycle.check({}, declared);
  expect(failures).toEqual([]);
  return inputs!;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, acceptLiveKeys: true, restrictedKeys: { rk_test_readonly: ["read"] } });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  useKey("sk_test_adoption");
  emulator.clearRequests();
});

describe("adoption", () => {
  it("takes over an id that already matches: one GET, no POST, the same id", async () => {
    const { id } = await lifecycle.create(await checked(quickStart));
    emulator.clearRequests();
    const adopted = await lifecycle.create(await checked({ ...quickStart, adoptId: id }));
    expect(adopted.id).toBe(id);
    expect(seen()).toEqual([{ method: "GET", path: `/v1/billing_portal/configurations/${id}`, account: null, body: {}, query: EXPAND }]);
    expect(adopted.outs).toMatchObject({ adoptId: id, name: "Self-serve customers", active: true });
  });

  it("takes over an id that differs: one POST with only the differences", async () => {
    const { id } = await lifecycle.create(await checked({ ...quickStart, name: "Made by a script", metadata: { team: "billing", owner: "ops" } }));
    emulator.clearRequests();
    const before = emulator.configurations().length;
    const adopted = await lifecycle.create(await checked({ ...quickStart, adoptId: id }));
    expect(adopted.id).toBe(id);
    expect(seen()).toEqual([
      { method: "GET", path: `/v1/billing_portal/configurations/${id}`, account: null, body: {}, query: EXPAND },
      { method: "POST", path: `/v1/billing_portal/configurations/${id}`, account: null, body: { name: "Self-serve customers", metadata: { owner: "" }, ...EXPAND }, query: {} },
    ]);
    expect(emulator.configurations().length).toBe(before);
  });

  it("takes over the default configuration, and destroying it only warns", async () => {
    const defaultId = emulator.configurations().find((c) => c.is_default === true)?.id;
    const adopted = await lifecycle.create(await checked({ ...quickStart, adoptId: "default" }));
    const [list, update] = seen();
    expect(list).toEqual({ method: "GET", path: "/v1/billing_portal/configurations", account: null, body: {}, query: { is_default: "true", limit: "1", expand: ["data.features.subscription_update.products"] } });
    expect(update).toMatchObject({ method: "POST", path: `/v1/billing_portal/configurations/${adopted.id}` });
    if (defaultId) expect(adopted.id).toBe(defaultId);
    expect(adopted.outs).toMatchObject({ isDefault: true, adoptId: "default", name: "Self-serve customers" });

    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await lifecycle.deleteConfiguration(adopted.id, adopted.outs);
      expect(warn).toHaveBeenCalledWith(
        `warning: [runtime] Portal configuration ${adopted.id} is the account's default configuration: Stripe does not allow deactivating it, so it stays active and is only removed from the Pulumi state.`,
      );
    } finally {
      warn.mockRestore();
    }
    expect(seen()).toEqual([]);
    expect(emulator.configurations().find((c) => c.id === adopted.id)).toMatchObject({ active: true, is_default: true });
  });

  it("fails clearly on an id that does not exist, and creates nothing", async () => {
    const before = emulator.configurations().length;
    await expect(lifecycle.create(await checked({ ...quickStart, adoptId: "bpc_nothere" }))).rejects.toThrow(
      'adoptId "bpc_nothere": no portal configuration with this id exists. Check the id (`stripe-portal configurations list` lists them).',
    );
    expect(emulator.configurations().length).toBe(before);
  });

  it("deactivates an adopted configuration that is not the default", async () => {
    const { id } = await lifecycle.create(await checked(quickStart));
    const adopted = await lifecycle.create(await checked({ ...quickStart, adoptId: id }));
    emulator.clearRequests();
    await lifecycle.deleteConfiguration(adopted.id, adopted.outs);
    expect(seen()).toEqual([{ method: "POST", path: `/v1/billing_portal/configurations/${id}`, account: null, body: { active: "false", ...EXPAND }, query: {} }]);
  });

  it("never shows a diff for a changed adopt id", async () => {
    const adopted = await lifecycle.create(await checked({ ...quickStart, adoptId: "default" }));
    expect(await lifecycle.diff(adopted.id, adopted.outs, await checked({ ...quickStart, adoptId: "bpc_other" }))).toMatchObject({ changes: false });
  });
});

describe("Connect accounts", () => {
  it("keeps two accounts side by side, each call carrying its Stripe-Account", async () => {
    const a = await lifecycle.create(await checked({ ...quickStart, stripeAccount: "acct_A" }));
    const b = await lifecycle.create(await checked({ ...quickStart, name: "B", stripeAccount: "acct_B" }));
    expect(seen().map((r) => [r.method, r.account])).toEqual([["POST", "acct_A"], ["POST", "acct_B"]]);
    expect(emulator.configurations({ account: "acct_A" }).map((c) => c.id)).toContain(a.id);
    expect(emulator.configurations({ account: "acct_A" }).map((c) => c.id)).not.toContain(b.id);
    expect(await lifecycle.read(a.id, a.outs)).toMatchObject({ id: a.id, props: { stripeAccount: "acct_A" } });
    expect(await lifecycle.read(a.id, { ...a.outs, stripeAccount: "acct_B" })).toEqual({ id: "" });
  });

  it("takes the stack's stripe:account as the default account", async () => {
    useKey("sk_test_adoption", { "stripe:account": "acct_stack" });
    const created = await lifecycle.create(await checked(quickStart));
    expect(seen()[0].account).toBe("acct_stack");
    expect(created.outs).toMatchObject({ stripeAccount: "acct_stack" });
  });

  it("keeps a platform configuration in the platform account after stripe:account is set", async () => {
    const platform = await lifecycle.create(await checked(quickStart));
    useKey("sk_test_adoption", { "stripe:account": "acct_later" });
    emulator.clearRequests();
    expect(await lifecycle.read(platform.id, platform.outs)).toMatchObject({ id: platform.id });
    await lifecycle.deleteConfiguration(platform.id, platform.outs);
    expect(seen().map((r) => [r.method, r.path, r.account])).toEqual([
      ["GET", `/v1/billing_portal/configurations/${platform.id}`, null],
      ["POST", `/v1/billing_portal/configurations/${platform.id}`, null],
    ]);
    expect(emulator.configurations().find((c) => c.id === platform.id)).toMatchObject({ active: false });
  });

  it("replaces on a change of account: create in the new one, deactivate in the old", async () => {
    const old = await lifecycle.create(await checked({ ...quickStart, stripeAccount: "acct_old" }));
    const next = await checked({ ...quickStart, stripeAccount: "acct_new" });
    expect(await lifecycle.diff(old.id, old.outs, next)).toEqual({ replaces: ["stripeAccount"], deleteBeforeReplace: false });
    emulator.clearRequests();
    const created = await lifecycle.create(next);
    await lifecycle.deleteConfiguration(old.id, old.outs);
    expect(seen().map((r) => [r.method, r.path, r.account])).toEqual([
      ["POST", "/v1/billing_portal/configurations", "acct_new"],
      ["POST", `/v1/billing_portal/configurations/${old.id}`, "acct_old"],
    ]);
    expect(emulator.configurations({ account: "acct_old" }).find((c) => c.id === old.id)).toMatchObject({ active: false });
    expect(emulator.configurations({ account: "acct_new" }).find((c) => c.id === created.id)).toMatchObject({ active: true });
  });
});

describe("keys and modes", () => {
  it("works with a live key and reports livemode", async () => {
    useKey("sk_live_adoption");
    const created = await lifecycle.create(await checked(quickStart));
    expect(created.outs).toMatchObject({ livemode: true });
  });

  it("works with a restricted key, and names the missing permission without the key", async () => {
    useKey("rk_test_readonly");
    const error = await lifecycle.create(await checked(quickStart)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^The provided key '\S+' does not have the required permissions for this endpoint on account 'acct_\w+'\. Having the 'rak_billing_portal_configuration_write' permission would allow this request to continue\. The key is not allowed to do this: a restricted key needs the Billing portal \(Customer portal\) write permission, and Connect calls need access to the account\.$/);
    expect((error as Error).message).not.toContain("readonly");
    useKey("rk_test_fullaccess");
    expect((await lifecycle.create(await checked(quickStart))).outs).toMatchObject({ livemode: false });
  });
});
