import { desiredState, UNKNOWN } from "../../provider/desiredState";
import { diffConfiguration } from "../../provider/diff";
import { everyField, quickStart } from "../fixtures/configurations";

/** Old outputs as the provider stores them: the normalized state plus what only Stripe knows. */
const outputsOf = (args: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...desiredState(args),
  loginPage: { ...(desiredState(args).loginPage as object), url: "https://billing.stripe.com/p/login/test_123" },
  active: true,
  isDefault: false,
  livemode: false,
  created: 1700000000,
  updated: 1700000000,
  application: null,
  ...extra,
});

describe("diffConfiguration: no change", () => {
  it("when the declaration matches what Stripe holds", () => {
    expect(diffConfiguration(outputsOf(quickStart), quickStart)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
    expect(diffConfiguration(outputsOf(everyField), everyField).changes).toBe(false);
  });

  it("when a field is left out and Stripe holds its default", () => {
    const held = desiredState({});
    expect(diffConfiguration({ ...held, active: true }, {}).changes).toBe(false);
    const declared = { features: { subscriptionCancel: { enabled: true } } };
    const stripeHolds = { features: { subscriptionCancel: { enabled: true, mode: "at_period_end", prorationBehavior: "none", cancellationReason: { enabled: false, options: ["too_expensive", "missing_features", "switched_service", "unused", "other"] } } } };
    expect(diffConfiguration(outputsOf(stripeHolds), declared).changes).toBe(false);
  });

  it("when a set is declared in another order", () => {
    const reordered = {
      ...quickStart,
      features: {
        ...quickStart.features,
        customerUpdate: { enabled: true, allowedUpdates: ["tax_id", "email"] },
        subscriptionUpdate: { ...quickStart.features.subscriptionUpdate, products: [{ product: "prod_basic", prices: ["price_yearly", "price_monthly"] }] },
      },
    };
    expect(diffConfiguration(outputsOf(quickStart), reordered).changes).toBe(false);
  });

  it("when products come back expanded with their adjustable quantity filled in", () => {
    const held = outputsOf(quickStart);
    const features = held.features as Record<string, Record<string, unknown>>;
    features.subscriptionUpdate.products = [{ product: "prod_basic", prices: ["price_monthly", "price_yearly"], adjustableQuantity: { enabled: false, minimum: 0, maximum: null } }];
    expect(diffConfiguration(held, quickStart).changes).toBe(false);
  });

  it("when only read-only outputs or the adopt id differ", () => {
    expect(diffConfiguration(outputsOf(quickStart, { updated: 1800000000, adoptId: "default" }), { ...quickStart, adoptId: "bpc_other" }).changes).toBe(false);
  });

  it("when a clearable string is declared empty and Stripe holds null", () => {
    const declared = { ...quickStart, name: "", businessProfile: { ...quickStart.businessProfile, headline: "" } };
    const held = outputsOf({ ...quickStart, name: undefined, businessProfile: { ...quickStart.businessProfile, headline: undefined } });
    expect(diffConfiguration(held, declared)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
  });

  it("when metadata keys are in another order", () => {
    expect(diffConfiguration(outputsOf({ metadata: { a: "1", b: "2" } }), { metadata: { b: "2", a: "1" } }).changes).toBe(false);
  });
});

describe("diffConfiguration: changes", () => {
  it("names each changed path", () => {
    const changed = { ...quickStart, name: "Renamed", defaultReturnUrl: undefined, metadata: {} };
    expect(diffConfiguration(outputsOf(quickStart), changed)).toEqual({ changes: true, replaces: [], diffs: ["name", "defaultReturnUrl", "metadata"], deleteBeforeReplace: false });
  });

  it("sees a nested change, a removed product and a changed set", () => {
    const changed = {
      ...quickStart,
      features: {
        ...quickStart.features,
        subscriptionCancel: { ...quickStart.features.subscriptionCancel, mode: "immediately" },
        customerUpdate: { enabled: true, allowedUpdates: ["email"] },
        subscriptionUpdate: { ...quickStart.features.subscriptionUpdate, products: [] },
      },
    };
    expect(diffConfiguration(outputsOf(quickStart), changed).diffs).toEqual([
      "features.customerUpdate.allowedUpdates",
      "features.subscriptionCancel.mode",
      "features.subscriptionUpdate.products",
    ]);
  });

  it("sees drift read back by refresh", () => {
    const drifted = outputsOf({ ...quickStart, businessProfile: { ...quickStart.businessProfile, headline: "Edited in the Dashboard" } });
    expect(diffConfiguration(drifted, quickStart).diffs).toEqual(["businessProfile.headline"]);
  });

  it("reactivates a configuration found inactive", () => {
    expect(diffConfiguration(outputsOf(quickStart, { active: false }), quickStart)).toEqual({ changes: true, replaces: [], diffs: ["active"], deleteBeforeReplace: false });
    expect(diffConfiguration(outputsOf(quickStart, { active: false }), { ...quickStart, active: true })).toEqual({ changes: true, replaces: [], diffs: ["active"], deleteBeforeReplace: false });
  });

  it("deactivates one declared `active: false`, and leaves one that is already inactive alone", () => {
    expect(diffConfiguration(outputsOf(quickStart), { ...quickStart, active: false })).toEqual({ changes: true, replaces: [], diffs: ["active"], deleteBeforeReplace: false });
    expect(diffConfiguration(outputsOf(quickStart, { active: false }), { ...quickStart, active: false })).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
    expect(diffConfiguration(outputsOf(quickStart), { ...quickStart, active: UNKNOWN })).toEqual({ changes: true, replaces: [], diffs: ["active"], deleteBeforeReplace: false });
  });

  it("replaces only when the Stripe account changes", () => {
    expect(diffConfiguration(outputsOf(quickStart, { stripeAccount: "acct_a" }), { ...quickStart, stripeAccount: "acct_b" })).toEqual({ changes: true, replaces: ["stripeAccount"], diffs: [], deleteBeforeReplace: false });
    expect(diffConfiguration(outputsOf(quickStart), { ...quickStart, stripeAccount: "acct_b" }).replaces).toEqual(["stripeAccount"]);
    expect(diffConfiguration(outputsOf(quickStart, { stripeAccount: "acct_a" }), quickStart).replaces).toEqual(["stripeAccount"]);
  });

  it("counts a value unknown during preview as a change, and does not throw", () => {
    expect(diffConfiguration(outputsOf(quickStart), { ...quickStart, name: UNKNOWN }).diffs).toEqual(["name"]);
    expect(diffConfiguration(outputsOf(quickStart), { ...quickStart, features: UNKNOWN }).diffs).toEqual(["features"]);
    expect(diffConfiguration(outputsOf(quickStart), { ...quickStart, metadata: { team: UNKNOWN } }).diffs).toEqual(["metadata"]);
  });
});

describe("diffConfiguration: a side that is not an object", () => {
  const everyField = ["name", "businessProfile", "defaultReturnUrl", "features", "loginPage", "metadata"];

  it("counts every field as changed, the account and active too, when the whole declaration is unknown", () => {
    expect(diffConfiguration(outputsOf(quickStart), UNKNOWN)).toEqual({ changes: true, replaces: ["stripeAccount"], diffs: [...everyField, "active"], deleteBeforeReplace: false });
  });

  it("counts every field as changed when the old state is not an object", () => {
    for (const olds of [null, undefined, 5, "x", [], UNKNOWN]) {
      expect(diffConfiguration(olds as never, quickStart)).toEqual({ changes: true, replaces: [], diffs: everyField, deleteBeforeReplace: false });
    }
  });

  it("reads a declaration that is not an object as one that declares nothing", () => {
    for (const news of [null, undefined, 5, "x", []]) {
      expect(diffConfiguration(outputsOf({}), news as never)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
      expect(diffConfiguration(outputsOf(quickStart), news as never).diffs).toEqual([
        "name",
        "businessProfile.headline",
        "businessProfile.privacyPolicyUrl",
        "businessProfile.termsOfServiceUrl",
        "defaultReturnUrl",
        "features.customerUpdate.enabled",
        "features.customerUpdate.allowedUpdates",
        "features.invoiceHistory.enabled",
        "features.paymentMethodUpdate.enabled",
        "features.subscriptionCancel.enabled",
        "features.subscriptionCancel.cancellationReason.enabled",
        "features.subscriptionCancel.cancellationReason.options",
        "features.subscriptionUpdate.enabled",
        "features.subscriptionUpdate.defaultAllowedUpdates",
        "features.subscriptionUpdate.products",
        "loginPage.enabled",
        "metadata",
      ]);
    }
  });
});
