/**
 * Issue 12 §1: no perpetual diff from a default, whoever is wrong about it. Against a Stripe that
 * fills in other defaults than the schema's, and at an API version whose objects have no
 * `subscription_pause`, every example and a minimal program plan no change after create and after
 * refresh; removing a declared field still resets it; out-of-band edits still show and are corrected.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator, type ServerDefaults } from "../../emulator";
import * as lifecycle from "../../provider/lifecycle";
import { quickStart } from "../fixtures/configurations";
import { checked, configureProvider, converged, convergenceOf, EXPAND, plan, seen } from "./convergence";
import { exampleDeclarations, EXAMPLES_COVERED, withoutPause, type ExampleDeclaration } from "./exampleDeclarations";

/** Every default below differs from the schema's. */
const OTHER_DEFAULTS: ServerDefaults = {
  "features.customer_update.allowed_updates": ["email"],
  "features.subscription_cancel.mode": "immediately",
  "features.subscription_cancel.cancellation_reason.options": [],
  "features.subscription_pause.duration": { type: "indefinite", interval_options: [] },
  "features.subscription_update.proration_behavior": "always_invoice",
  "features.subscription_update.billing_cycle_anchor": "now",
  "features.subscription_update.trial_update_behavior": "continue_trial",
  "features.subscription_update.schedule_at_period_end.conditions": [{ type: "shortening_interval" }],
};

const DAHLIA = "2026-08-26.dahlia";

/** A program that declares nothing. */
const MINIMAL: ExampleDeclaration = { label: "minimal", inputs: {} };

let examples: ExampleDeclaration[];
beforeAll(async () => {
  examples = await exampleDeclarations();
});

test("the proofs below cover every example", () => {
  const directories = fs.readdirSync(path.resolve(__dirname, "../../examples"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  expect([...EXAMPLES_COVERED].sort()).toEqual(directories.map((entry) => entry.name).sort());
  expect(examples.map((example) => example.label)).toEqual([
    "quickstart/main",
    "basic/basic",
    "full/full",
    "tiers/portal-enterprise",
    "tiers/portal-starter",
    "tiers/portal-team",
    "adopt-default/default-portal",
    "connect/portal-bakery",
    "connect/portal-bikes",
    "session/app-portal",
    "pr-preview/customer-portal",
  ]);
});

describe.each([
  { scenario: "other defaults than the schema's, at the pinned version", apiVersion: undefined },
  { scenario: `other defaults than the schema's, at ${DAHLIA} (no subscription_pause)`, apiVersion: DAHLIA },
])("$scenario", ({ apiVersion }) => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ serverDefaults: OTHER_DEFAULTS });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    configureProvider(emulator.url, apiVersion);
    emulator.clearRequests();
  });

  test("every example and a minimal program plan no change after create, up and refresh", async () => {
    const programs = [...examples.map((example) => (apiVersion ? withoutPause(example) : example)), MINIMAL];
    const results = [];
    for (const program of programs) {
      const { id: _id, outputs: _outputs, ...result } = await convergenceOf(() => seen(emulator), program.label, program.inputs);
      results.push(result);
    }
    expect(results).toEqual(programs.map((program) => converged(program.label)));
  });

  test("the server's defaults are what the provider learned, not the schema's", async () => {
    const { outputs } = await convergenceOf(() => seen(emulator), "minimal", {});
    expect(outputs.features).toMatchObject({
      customerUpdate: { allowedUpdates: ["email"] },
      subscriptionCancel: { mode: "immediately", cancellationReason: { options: [] } },
      subscriptionUpdate: { prorationBehavior: "always_invoice", billingCycleAnchor: "now", trialUpdateBehavior: "continue_trial", scheduleAtPeriodEnd: { conditions: [{ type: "shortening_interval" }] } },
    });
    expect(outputs.stripeDefaults).toMatchObject({
      features: {
        customerUpdate: { allowedUpdates: ["email"] },
        subscriptionCancel: { mode: "immediately", cancellationReason: { options: [] } },
        subscriptionUpdate: { prorationBehavior: "always_invoice", billingCycleAnchor: "now", trialUpdateBehavior: "continue_trial" },
      },
    });
  });

  test("removing declared fields resets them with one update, then plans no change", async () => {
    const declared = {
      ...quickStart,
      features: {
        ...quickStart.features,
        subscriptionUpdate: { ...quickStart.features.subscriptionUpdate, prorationBehavior: "create_prorations", trialUpdateBehavior: "continue_trial" },
      },
    };
    const { id, outputs } = await convergenceOf(() => seen(emulator), "declared", declared);
    const { name: _name, metadata: _metadata, ...rest } = quickStart;
    const reduced = {
      ...rest,
      features: {
        ...quickStart.features,
        subscriptionCancel: { enabled: true, mode: "at_period_end", cancellationReason: { enabled: true } },
        subscriptionUpdate: { ...quickStart.features.subscriptionUpdate },
      },
    };
    const inputs = await checked(reduced);
    expect((await plan(outputs, inputs)).diffs).toEqual([
      "name",
      "features.subscriptionCancel.cancellationReason.options",
      "features.subscriptionUpdate.prorationBehavior",
      "features.subscriptionUpdate.trialUpdateBehavior",
      "metadata",
    ]);
    const { outs } = await lifecycle.update(id, outputs, inputs);
    expect(seen(emulator)).toEqual([
      {
        method: "POST",
        path: `/v1/billing_portal/configurations/${id}`,
        body: {
          name: "",
          features: {
            subscription_cancel: { cancellation_reason: { enabled: "true", options: ["missing_features", "other", "switched_service", "too_expensive", "unused"] } },
            subscription_update: { proration_behavior: "none", trial_update_behavior: "end_trial" },
          },
          metadata: { team: "" },
          ...EXPAND,
        },
        query: {},
      },
    ]);
    expect(await plan(outs as Record<string, unknown>, inputs)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
    const refreshed = await lifecycle.read(id, outs as Record<string, unknown>);
    expect(await plan(refreshed.props as Record<string, unknown>, inputs)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
  });

  test("out-of-band edits of a left-out and a declared field show on refresh, and the next up restores both", async () => {
    const { id, outputs } = await convergenceOf(() => seen(emulator), "quick start", quickStart);
    // Back to the schema's default, away from what this Stripe filled in: a change all the same.
    emulator.edit(id, { name: "Edited in the Dashboard", features: { subscription_update: { trial_update_behavior: "end_trial" }, customer_update: { allowed_updates: ["address"] } } });
    const inputs = await checked(quickStart);
    const refreshed = await lifecycle.read(id, outputs);
    const props = refreshed.props as Record<string, unknown>;
    expect(refreshed.inputs).toMatchObject({ name: "Edited in the Dashboard", features: { customerUpdate: { allowedUpdates: ["address"] }, subscriptionUpdate: { trialUpdateBehavior: "end_trial" } } });
    expect(await plan(props, inputs)).toEqual({
      changes: true,
      replaces: [],
      diffs: ["name", "features.customerUpdate.allowedUpdates", "features.subscriptionUpdate.trialUpdateBehavior"],
      deleteBeforeReplace: false,
    });
    seen(emulator);
    const { outs } = await lifecycle.update(id, props, inputs);
    expect(seen(emulator)).toEqual([
      {
        method: "POST",
        path: `/v1/billing_portal/configurations/${id}`,
        body: {
          name: "Self-serve customers",
          features: { customer_update: { allowed_updates: ["email", "tax_id"] }, subscription_update: { trial_update_behavior: "continue_trial" } },
          ...EXPAND,
        },
        query: {},
      },
    ]);
    expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ name: "Self-serve customers", features: { subscription_update: { trial_update_behavior: "continue_trial" } } });
    expect(await plan(outs as Record<string, unknown>, inputs)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
  });
});

test(`at ${DAHLIA}, a program that declares subscriptionPause is refused by Stripe with its unknown-parameter error`, async () => {
  const emulator = await startEmulator({ serverDefaults: OTHER_DEFAULTS });
  try {
    configureProvider(emulator.url, DAHLIA);
    const full = examples.find((example) => example.label === "full/full") as ExampleDeclaration;
    await expect(lifecycle.create(await checked(full.inputs))).rejects.toThrow("Received unknown parameter: features[subscription_pause]");
  } finally {
    await emulator.stop();
  }
});

test("a declared indefinite pause duration removed from the program is reset to the documented duration whole, though Stripe answered no options beside it (issue 18)", async () => {
  const emulator = await startEmulator({ serverDefaults: OTHER_DEFAULTS });
  try {
    configureProvider(emulator.url);
    const indefinite = { features: { subscriptionPause: { enabled: true, duration: { type: "indefinite" } } } };
    const { id, outputs } = await convergenceOf(() => seen(emulator), "indefinite", indefinite);
    // What this Stripe answered for the options left out beside `indefinite`: none.
    expect(outputs.stripeDefaults).toMatchObject({ features: { subscriptionPause: { duration: { intervalOptions: [] } } } });
    const inputs = await checked({ features: { subscriptionPause: { enabled: true } } });
    expect((await plan(outputs, inputs)).diffs).toEqual(["features.subscriptionPause.duration.type", "features.subscriptionPause.duration.intervalOptions"]);
    const { outs } = await lifecycle.update(id, outputs, inputs);
    // "Defaults to `interval_options` with a single one-month option": sent whole, which the emulator takes
    // ("Required when `type` is `interval_options`" refuses the options empty).
    expect(seen(emulator)).toEqual([
      {
        method: "POST",
        path: `/v1/billing_portal/configurations/${id}`,
        body: { features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "month" }] } } }, ...EXPAND },
        query: {},
      },
    ]);
    expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({
      features: { subscription_pause: { enabled: true, duration: { type: "interval_options", interval_options: [{ interval: "month", interval_count: 1 }] } } },
    });
    expect(await plan(outs as Record<string, unknown>, inputs)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
    const refreshed = await lifecycle.read(id, outs as Record<string, unknown>);
    expect(await plan(refreshed.props as Record<string, unknown>, inputs)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
  } finally {
    await emulator.stop();
  }
});
