/**
 * Conformance: every request the package sends is taken by Stripe's own `stripe-mock`, which
 * checks it against Stripe's OpenAPI specification. The provider and the SDK run unchanged against
 * a proxy that passes each request to the emulator (whose answers drive the run) and to stripe-mock
 * (the judge). A refusal by stripe-mock is allowed only where intendedDifferences.ts lists its
 * specification as older than the pinned API version.
 */
import type { Fields } from "../../provider/desiredState";
import { decodeForm, type FormParams } from "../../provider/encodeForm";
import { createPortalSession, type PortalSessionParams } from "../../sdk/portalSession";
import { RESOURCE_TYPE, runProgram } from "../examples/harness";
import { everyField } from "../fixtures/configurations";
import { judgedServers } from "./judgedServers";
import { specGapFor, unexplainedRefusals } from "./refusals";
import { createDeclared, destroyed, generatedPrograms, refreshed, TEST_KEY, updateDeclared, type Created } from "./providerRun";
import { accepted, type Exchange } from "./teeProxy";

const servers = judgedServers();
beforeEach(() => servers.proxy.clear());

const CONFIGURATIONS = "/v1/billing_portal/configurations";
const posts = (exchanges: Exchange[], path: RegExp) => exchanges.filter((e) => e.method === "POST" && path.test(e.url.split("?")[0]));

describe("stripe-mock takes every request the package sends", () => {
  const examples: [string, () => Promise<Record<string, unknown>>, Parameters<typeof runProgram>[1]][] = [
    ["quick start (index.ts)", () => import("../../index"), { project: "stripe-portal-quickstart" }],
    ["adopt-default", () => import("../../examples/adopt-default"), { project: "stripe-portal-adopt-default" }],
    ["basic", () => import("../../examples/basic"), { project: "stripe-portal-basic" }],
    ["connect", () => import("../../examples/connect"), { project: "stripe-portal-connect" }],
    ["full", () => import("../../examples/full"), { project: "stripe-portal-full" }],
    [
      "pr-preview",
      () => import("../../examples/pr-preview"),
      { project: "stripe-portal-pr-preview", stack: "production", config: { "stripe-portal-pr-preview:returnUrl": "https://acme.test/billing" }, preview: true },
    ],
    ["session", () => import("../../examples/session"), { project: "stripe-portal-session" }],
    ["tiers", () => import("../../examples/tiers"), { project: "stripe-portal-tiers" }],
  ];

  test.each(examples)("the create of each configuration of the %s example", async (_name, load, options) => {
    const run = await runProgram(load, options);
    const declared = run.resources.filter((r) => r.type === RESOURCE_TYPE);
    expect(declared.length).toBeGreaterThan(0);
    for (const resource of declared) await createDeclared(resource.inputs as Fields);
    const exchanges = servers.proxy.exchanges();
    // One create per configuration; an adopting one finds its configuration and updates it instead.
    const adopting = declared.filter((r) => r.inputs.adoptId !== undefined).length;
    expect(posts(exchanges, /^\/v1\/billing_portal\/configurations$/)).toHaveLength(declared.length - adopting);
    expect(unexplainedRefusals(exchanges)).toEqual([]);
  });

  test("every kind of update: unsets with \"\", products, metadata removals, deactivation and reactivation", async () => {
    let resource = await createDeclared(everyField as unknown as Fields);
    // Declared fields removed from the program: each goes back to Stripe's default.
    const { name: _name, businessProfile: _profile, defaultReturnUrl: _url, metadata, features, ...rest } = everyField;
    const fewer = {
      ...rest,
      metadata: { team: metadata.team },
      features: {
        ...features,
        paymentMethodUpdate: { enabled: true },
        subscriptionCancel: { enabled: true, mode: "at_period_end", cancellationReason: { enabled: true, options: ["other"] } },
        subscriptionPause: { enabled: false },
        subscriptionUpdate: { ...features.subscriptionUpdate, products: [{ product: "prod_other", prices: ["price_other_1"] }], scheduleAtPeriodEnd: undefined },
      },
    };
    resource = await updateDeclared(resource, fewer as unknown as Fields);
    // Every product and all metadata removed.
    resource = await updateDeclared(resource, { ...fewer, metadata: undefined, features: { ...fewer.features, subscriptionUpdate: { enabled: false } } } as unknown as Fields);
    await destroyed(resource);
    // A configuration found inactive (a refresh after the destroy, or a Dashboard edit) is reactivated by the next update.
    resource = await refreshed(resource);
    expect(resource.outs.active).toBe(false);
    await updateDeclared(resource, { ...fewer, name: "Back again" } as unknown as Fields);

    const exchanges = servers.proxy.exchanges();
    const updates = posts(exchanges, /^\/v1\/billing_portal\/configurations\/bpc_/).map((e) => decodeForm(e.body));
    const sent = (path: (body: FormParams) => unknown) => updates.map(path).filter((value) => value !== undefined);
    expect(sent((b) => b.name)).toEqual(expect.arrayContaining(["", "Back again"]));
    expect(sent((b) => (b.business_profile as FormParams | undefined)?.headline)).toContain("");
    expect(sent((b) => b.default_return_url)).toContain("");
    expect(sent((b) => (b.metadata as FormParams | undefined)?.tier)).toContain("");
    // The last key goes by its own `metadata[team]=` or with all of them (`metadata=`).
    expect(updates.some((b) => b.metadata === "" || (b.metadata as FormParams | undefined)?.team === "")).toBe(true);
    expect(sent((b) => ((b.features as FormParams | undefined)?.subscription_update as FormParams | undefined)?.products)).toEqual(
      expect.arrayContaining([[{ product: "prod_other", prices: ["price_other_1"] }], ""]),
    );
    expect(sent((b) => b.active)).toEqual(["false", "true"]);
    expect(unexplainedRefusals(exchanges)).toEqual([]);
  });

  test("a declared pause duration removed from the program: Stripe's default duration is restored", async () => {
    const paused = { features: { paymentMethodUpdate: { enabled: true }, subscriptionPause: { enabled: true, duration: { type: "indefinite" } } } };
    const resource = await createDeclared(paused);
    const kept = await updateDeclared(resource, { features: { paymentMethodUpdate: { enabled: true }, subscriptionPause: { enabled: true } } });
    // And with the whole feature removed, its duration too; and with every feature removed.
    await updateDeclared(await createDeclared(paused), { features: { paymentMethodUpdate: { enabled: true } } }).catch(() => undefined);
    await updateDeclared(await createDeclared(paused), {}).catch(() => undefined);
    const exchanges = servers.proxy.exchanges();
    const updates = posts(exchanges, /^\/v1\/billing_portal\/configurations\/bpc_/).map((e) => decodeForm(e.body));
    expect(updates).toHaveLength(3);
    for (const update of updates) {
      expect(((update.features as FormParams).subscription_pause as FormParams).duration).toMatchObject({ type: "interval_options", interval_options: [{ interval: "month" }] });
    }
    expect(kept.outs.features).toMatchObject({ subscriptionPause: { enabled: true, duration: { type: "interval_options" } } });
    expect(unexplainedRefusals(exchanges)).toEqual([]);
  });

  test("sessions with each flow type, through the SDK", async () => {
    const everything = await createDeclared({
      ...(everyField as unknown as Fields),
      features: { ...everyField.features, subscriptionPause: { enabled: true } },
    } as Fields);
    const flows: PortalSessionParams["flowData"][] = [
      undefined,
      { type: "customer_update", afterCompletion: { type: "hosted_confirmation", hostedConfirmation: { customMessage: "Saved." } } },
      { type: "payment_method_update", afterCompletion: { type: "redirect", redirect: { returnUrl: "https://acme.test/done" } } },
      { type: "subscription_cancel", subscriptionCancel: { subscription: "sub_1", retention: { type: "coupon_offer", couponOffer: { coupon: "STAY10" } } } },
      { type: "subscription_pause", subscriptionPause: { subscription: "sub_1" } },
      { type: "subscription_update", subscriptionUpdate: { subscription: "sub_1" }, afterCompletion: { type: "portal_homepage" } },
      {
        type: "subscription_update_confirm",
        subscriptionUpdateConfirm: { subscription: "sub_1", items: [{ id: "si_1", price: "price_pro_m", quantity: 2 }], discounts: [{ coupon: "STAY10" }] },
      },
    ];
    const options = { apiKey: TEST_KEY, apiBase: servers.proxy.url, maxRetries: 0 };
    for (const flowData of flows) {
      await createPortalSession({ customer: "cus_1", configuration: everything.id, returnUrl: "https://acme.test/account", locale: "fr", flowData }, options);
    }
    await createPortalSession({ customerAccount: "acct_1Customer", configuration: everything.id, onBehalfOf: "acct_1Brand" }, options);
    await createPortalSession({ customer: "cus_1", configuration: everything.id, afterExpiration: { type: "customer_login", customerLogin: { expiresAt: 1_900_000_000 } } }, options);

    const sessions = posts(servers.proxy.exchanges(), /^\/v1\/billing_portal\/sessions$/);
    expect(sessions).toHaveLength(flows.length + 2);
    expect(unexplainedRefusals(sessions)).toEqual([]);
    // The only refusals are the two the differences list explains, and they still happen.
    expect(sessions.filter((e) => !accepted(e.judge)).map(specGapFor)).toEqual(["spec-predates-pause-flow", "spec-predates-after-expiration"]);
  });

  test("the create of 200 programs generated from the schema", async () => {
    const declaredMetadata = new Map<string, unknown>();
    for (const program of await generatedPrograms(200, 20261201)) {
      const { id } = await createDeclared(program);
      if (program.metadata !== undefined) declaredMetadata.set(id, program.metadata);
    }
    const exchanges = servers.proxy.exchanges();
    expect(posts(exchanges, /^\/v1\/billing_portal\/configurations$/)).toHaveLength(200);
    expect(unexplainedRefusals(exchanges)).toEqual([]);
    // The emulator holds the metadata as sent, digit-only keys (`metadata[6]=…`) included.
    expect(declaredMetadata.size).toBeGreaterThan(50);
    const held = new Map(servers.emulator.configurations().map((c) => [c.id as string, c.metadata]));
    const changed = [...declaredMetadata].filter(([id, declared]) => JSON.stringify(held.get(id)) !== JSON.stringify(declared));
    expect(changed.map(([id, declared]) => ({ declared, held: held.get(id) }))).toEqual([]);
  }, 60_000);

  test("a refresh (read), with its expand parameter", async () => {
    const resource: Created = await createDeclared({ features: { invoiceHistory: { enabled: true } } });
    await refreshed(resource);
    const gets = servers.proxy.exchanges().filter((e) => e.method === "GET");
    expect(gets.map((e) => e.url.split("?")[0])).toEqual([`${CONFIGURATIONS}/${resource.id}`]);
    expect(unexplainedRefusals(servers.proxy.exchanges())).toEqual([]);
  });
});
