/**
 * Issue 12 §4: the shapes Stripe's own fixtures answer for a portal configuration (SEMANTICS.md
 * "Shapes seen in Stripe's own fixtures": `metadata: null`, `name: null`, `billing_cycle_anchor: null`,
 * `payment_method_configuration: null`, `cancellation_reason.options: []`,
 * `schedule_at_period_end.conditions` present, no `subscription_pause` before 2026-10-28.endive;
 * the fixture also answers `feedback_options: null`). Read, refresh and diff take each without an
 * error and without a perpetual diff: first against stripe-mock itself, which answers the fixture
 * verbatim, then against the emulator answering each shape, alone and all together.
 */
import axios from "axios";
import { startEmulator, STRIPE_FIXTURE_DEFAULTS, type Emulator, type Json, type ServerDefaults } from "../../emulator";
import * as lifecycle from "../../provider/lifecycle";
import { quickStart } from "../fixtures/configurations";
import { startStripeMock, type StripeMock } from "../stripeMock/harness";
import { startTeeProxy, type TeeProxy } from "../stripeMock/teeProxy";
import { checked, configureProvider, converged, convergenceOf, EXPAND, plan, seen } from "./convergence";
import { exampleDeclarations, withoutPause, type ExampleDeclaration } from "./exampleDeclarations";

const DAHLIA = "2026-08-26.dahlia";
const BASIL = "2025-03-31.basil";
const PINNED = "2026-10-28.endive";
const NO_CHANGE = { changes: false, replaces: [], diffs: [], deleteBeforeReplace: false };

/** What the fixture's configuration holds, declared: stripe-mock answers a create with what is sent, laid over the fixture. */
const FIXTURE_DECLARATION = {
  businessProfile: { privacyPolicyUrl: "https://example.com/privacy", termsOfServiceUrl: "https://example.com/terms" },
  features: { customerUpdate: { enabled: true, allowedUpdates: ["email", "tax_id"] }, invoiceHistory: { enabled: true } },
};

/** A configuration as a GET at `version` answers it, straight from the server. */
async function rawConfiguration(baseUrl: string, id: string, version: string) {
  const response = await axios.get(`${baseUrl}/v1/billing_portal/configurations/${id}`, { headers: { Authorization: "Bearer sk_test_shapes", "Stripe-Version": version } });
  return response.data as { features: Record<string, Record<string, unknown>> } & Record<string, Json>;
}

describe("against stripe-mock, which answers Stripe's own fixture", () => {
  let stripeMock: StripeMock;
  let listener: Emulator;
  let proxy: TeeProxy;
  // stripe-mock keeps nothing and logs nothing: a recording proxy in front of it (the emulator beside it only listens).
  const sent = () => {
    const requests = proxy.exchanges().map(({ method, url, body }) => ({ method, url, body }));
    proxy.clear();
    return requests;
  };
  beforeAll(async () => {
    stripeMock = await startStripeMock();
    listener = await startEmulator({ serverDefaults: STRIPE_FIXTURE_DEFAULTS });
    proxy = await startTeeProxy(stripeMock.url, listener.url);
  });
  afterAll(async () => {
    await proxy.stop();
    await listener.stop();
    await stripeMock.stop();
  });
  beforeEach(() => configureProvider(proxy.url, DAHLIA));

  test("its answer has every shape", async () => {
    const answer = await rawConfiguration(stripeMock.url, "bpc_shapes", DAHLIA);
    expect(answer).toMatchObject({ metadata: null, name: null });
    expect(answer.features.payment_method_update.payment_method_configuration).toBeNull();
    expect(answer.features.subscription_update.billing_cycle_anchor).toBeNull();
    expect(answer.features.subscription_update.schedule_at_period_end).toEqual({ conditions: [{ type: "decreasing_item_amount" }] });
    expect(answer.features.subscription_cancel.cancellation_reason).toEqual({ enabled: false, feedback_options: null, options: [] });
    expect(Object.keys(answer.features).sort()).toEqual(["customer_update", "invoice_history", "payment_method_update", "subscription_cancel", "subscription_update"]);
  });

  test("the declaration the fixture holds: created, planned, upped and refreshed twice with no change", async () => {
    const { id: _id, outputs, ...result } = await convergenceOf(sent, "fixture", FIXTURE_DECLARATION);
    expect(result).toEqual(converged("fixture"));
    expect(outputs).toMatchObject({
      name: null,
      metadata: {},
      features: {
        paymentMethodUpdate: { paymentMethodConfiguration: null },
        subscriptionCancel: { cancellationReason: { options: [], feedbackOptions: [] } },
        subscriptionUpdate: { billingCycleAnchor: "unchanged", scheduleAtPeriodEnd: { conditions: [{ type: "decreasing_item_amount" }] } },
      },
    });
  });

  test("a refresh of the fixture: outputs in the inputs' shape, and the inputs refresh returns plan no change", async () => {
    const refreshed = await lifecycle.read("bpc_fixture", { stripeDefaults: {} });
    expect(refreshed.id).toBe("bpc_fixture");
    const props = refreshed.props as Record<string, unknown>;
    expect(props).toMatchObject({
      name: null,
      metadata: {},
      active: true,
      isDefault: true,
      features: {
        customerUpdate: { enabled: true, allowedUpdates: ["email", "tax_id"] },
        subscriptionCancel: { cancellationReason: { enabled: false, options: [], feedbackOptions: [] } },
        subscriptionUpdate: { billingCycleAnchor: "unchanged", scheduleAtPeriodEnd: { conditions: [{ type: "decreasing_item_amount" }] } },
      },
    });
    const { active: _active, ...declared } = refreshed.inputs as Record<string, unknown>;
    expect(await plan(props, await checked(declared))).toEqual(NO_CHANGE);
  });
});

/** Each shape alone, as the emulator answers it: the server default it takes, and the API version. */
const SHAPES: { shape: string; serverDefaults: ServerDefaults; apiVersion: string; answered: (answer: Awaited<ReturnType<typeof rawConfiguration>>) => unknown; expected: unknown }[] = [
  { shape: "metadata: null", serverDefaults: { metadata: null }, apiVersion: PINNED, answered: (a) => a.metadata, expected: null },
  { shape: "name: null", serverDefaults: {}, apiVersion: PINNED, answered: (a) => a.name, expected: null },
  { shape: "billing_cycle_anchor: null", serverDefaults: {}, apiVersion: PINNED, answered: (a) => a.features.subscription_update.billing_cycle_anchor, expected: null },
  {
    shape: "payment_method_configuration: null",
    serverDefaults: {},
    apiVersion: PINNED,
    answered: (a) => a.features.payment_method_update.payment_method_configuration,
    expected: null,
  },
  {
    shape: "cancellation_reason.options: []",
    serverDefaults: { "features.subscription_cancel.cancellation_reason.options": [] },
    apiVersion: PINNED,
    answered: (a) => (a.features.subscription_cancel.cancellation_reason as Record<string, unknown>).options,
    expected: [],
  },
  {
    shape: "cancellation_reason.feedback_options: null",
    serverDefaults: { "features.subscription_cancel.cancellation_reason.feedback_options": null },
    apiVersion: PINNED,
    answered: (a) => (a.features.subscription_cancel.cancellation_reason as Record<string, unknown>).feedback_options,
    expected: null,
  },
  {
    shape: "schedule_at_period_end.conditions present",
    serverDefaults: { "features.subscription_update.schedule_at_period_end.conditions": [{ type: "decreasing_item_amount" }] },
    apiVersion: PINNED,
    answered: (a) => a.features.subscription_update.schedule_at_period_end,
    expected: { conditions: [{ type: "decreasing_item_amount" }] },
  },
  { shape: `no subscription_pause (${DAHLIA})`, serverDefaults: {}, apiVersion: DAHLIA, answered: (a) => "subscription_pause" in a.features, expected: false },
  { shape: `no subscription_pause (${BASIL})`, serverDefaults: {}, apiVersion: BASIL, answered: (a) => "subscription_pause" in a.features, expected: false },
];

describe.each(SHAPES)("the emulator answering $shape", ({ serverDefaults, apiVersion, answered, expected }) => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ serverDefaults });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => configureProvider(emulator.url, apiVersion));

  test("a minimal program and the quick start: answered so, and created, refreshed and planned with no change", async () => {
    const minimal = await convergenceOf(() => seen(emulator), "minimal", {});
    expect(answered(await rawConfiguration(emulator.url, minimal.id, apiVersion))).toEqual(expected);
    const { id: _id, outputs: _outputs, ...result } = minimal;
    expect(result).toEqual(converged("minimal"));
    const { id: _quickId, outputs: _quickOutputs, ...quick } = await convergenceOf(() => seen(emulator), "quick start", quickStart);
    expect(quick).toEqual(converged("quick start"));
  });
});

describe.each([DAHLIA, BASIL, PINNED])("the emulator answering every fixture shape at %s", (apiVersion) => {
  let emulator: Emulator;
  let examples: ExampleDeclaration[];
  beforeAll(async () => {
    emulator = await startEmulator({ serverDefaults: STRIPE_FIXTURE_DEFAULTS });
    // The programs are captured once per file: here, for the version stripe-mock's fixtures come from.
    if (apiVersion === DAHLIA) examples = await exampleDeclarations();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => configureProvider(emulator.url, apiVersion));

  if (apiVersion === DAHLIA) {
    test("every example (subscriptionPause left out) and a minimal program plan no change after create, up and refresh", async () => {
      const programs = [...examples.map(withoutPause), { label: "minimal", inputs: {} }];
      expect(programs).toHaveLength(12);
      const results = [];
      for (const program of programs) {
        const { id: _id, outputs: _outputs, ...result } = await convergenceOf(() => seen(emulator), program.label, program.inputs);
        results.push(result);
      }
      expect(results).toEqual(programs.map((program) => converged(program.label)));
    });
  }

  test("declared metadata removed and cancellation reasons emptied: one update, then no change", async () => {
    const declared = { ...quickStart, features: { ...quickStart.features, subscriptionCancel: { enabled: true, cancellationReason: { enabled: true, options: ["other"] } } } };
    const { id, outputs } = await convergenceOf(() => seen(emulator), "declared", declared);
    const { metadata: _metadata, ...rest } = declared;
    const reduced = await checked({ ...rest, features: { ...quickStart.features, subscriptionCancel: { enabled: true, cancellationReason: { enabled: true, options: [] } } } });
    const { outs } = await lifecycle.update(id, outputs, reduced);
    expect(seen(emulator)).toEqual([
      {
        method: "POST",
        path: `/v1/billing_portal/configurations/${id}`,
        body: { features: { subscription_cancel: { cancellation_reason: { enabled: "true", options: "" } } }, metadata: { team: "" }, ...EXPAND },
        query: {},
      },
    ]);
    expect(await plan(outs as Record<string, unknown>, reduced)).toEqual(NO_CHANGE);
    const refreshed = await lifecycle.read(id, outs as Record<string, unknown>);
    expect(await plan(refreshed.props as Record<string, unknown>, reduced)).toEqual(NO_CHANGE);
  });
});
