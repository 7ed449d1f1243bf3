import { desiredState, Fields, stateFromWire } from "../../provider/desiredState";
import { diffConfiguration } from "../../provider/diff";
import { encodeForm } from "../../provider/encodeForm";
import { outputsFromStripe, inputsFromOutputs } from "../../provider/outputs";
import { updateParams } from "../../provider/requestParams";
import { declarationMatching, learnDefaults } from "../../provider/stripeDefaults";
import type { StripeConfiguration } from "../../provider/configurationsApi";

const lines = (params: Record<string, unknown>) => decodeURIComponent(encodeForm(params as never)).split("&");

/** A configuration as a Stripe whose defaults are not the schema's answers it: no reasons, an indefinite pause. */
function answer(overrides: Fields = {}): StripeConfiguration {
  return {
    id: "bpc_1",
    object: "billing_portal.configuration",
    active: true,
    application: null,
    created: 1,
    updated: 1,
    is_default: false,
    livemode: false,
    name: "Plans",
    business_profile: { headline: null, privacy_policy_url: null, terms_of_service_url: null },
    default_return_url: null,
    features: {
      customer_update: { enabled: false, allowed_updates: [] },
      invoice_history: { enabled: true },
      payment_method_update: { enabled: false, payment_method_configuration: null },
      subscription_cancel: { enabled: false, mode: "at_period_end", proration_behavior: "none", cancellation_reason: { enabled: false, options: [] } },
      subscription_pause: { enabled: false, duration: { type: "indefinite" } },
      subscription_update: { enabled: false, default_allowed_updates: [], proration_behavior: "none", billing_cycle_anchor: null, trial_update_behavior: "end_trial", schedule_at_period_end: { conditions: [] } },
    },
    login_page: { enabled: false, url: null },
    metadata: null,
    ...overrides,
  } as unknown as StripeConfiguration;
}

const declared = { name: "Plans", features: { invoiceHistory: { enabled: true } } };

describe("learned defaults", () => {
  it("learns Stripe's answer for every field the program leaves out, and nothing for what it declares", () => {
    const learned = learnDefaults(declared, stateFromWire(answer() as unknown as Fields));
    expect(learned).not.toHaveProperty("name");
    expect(learned.features).not.toHaveProperty("invoiceHistory");
    expect(learned).toMatchObject({
      businessProfile: { headline: null, privacyPolicyUrl: null, termsOfServiceUrl: null },
      features: {
        subscriptionCancel: { cancellationReason: { enabled: false, options: [] } },
        // Stripe answers no interval options for an indefinite pause; read, like a declaration, fills in the schema's.
        subscriptionPause: { enabled: false, duration: { type: "indefinite", intervalOptions: [{ interval: "month", intervalCount: 1 }] } },
      },
      metadata: {},
    });
  });

  it("keeps what it learned before, and learns a field the program stopped declaring from the answer that reset it", () => {
    const before = { features: { subscriptionCancel: { mode: "at_period_end" } } };
    const answered = stateFromWire(answer({ name: "From the reset" }) as unknown as Fields);
    const learned = learnDefaults({ features: { invoiceHistory: { enabled: true } } }, answered, before);
    expect(learned).toMatchObject({ name: "From the reset", features: { subscriptionCancel: { mode: "at_period_end", prorationBehavior: "none" } } });
  });

  it("takes a left-out field's learned value over the schema's default, and a declared value over both", () => {
    const learned = { features: { subscriptionCancel: { cancellationReason: { options: [] } } }, name: "Learned" };
    const cancelWithReasons = { features: { subscriptionCancel: { enabled: true, cancellationReason: { enabled: true } } } };
    const desired = desiredState({ name: "Declared", ...cancelWithReasons }, learned);
    expect(desired.name).toBe("Declared");
    expect(desired).toMatchObject({ features: { subscriptionCancel: { cancellationReason: { options: [] } } } });
    expect(desiredState({}).features).toMatchObject({ subscriptionCancel: { cancellationReason: { options: ["missing_features", "other", "switched_service", "too_expensive", "unused"] } } });
  });
});

describe("diff against Stripe's own defaults", () => {
  const outputs = outputsFromStripe(answer(), {}, declared);

  it("shows no change for left-out fields that Stripe filled in otherwise than the schema says", () => {
    expect(diffConfiguration(outputs, declared)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
  });

  it("shows a declared value equal to the schema's default when Stripe holds another", () => {
    const withPause = { ...declared, features: { ...declared.features, subscriptionPause: { enabled: false, duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }] } } } };
    expect(diffConfiguration(outputs, withPause).diffs).toEqual(["features.subscriptionPause.duration.type"]);
  });

  it("shows a left-out field that moved away from its learned value, and the update puts the learned value back", () => {
    const drifted = outputsFromStripe(answer({ default_return_url: "https://edited.test/" }), {}, undefined, outputs.stripeDefaults as Fields);
    expect(diffConfiguration(drifted, declared).diffs).toEqual(["defaultReturnUrl"]);
    expect(lines(updateParams(desiredState(drifted), desiredState(declared, drifted.stripeDefaults as Fields)))).toEqual(["default_return_url="]);
  });

  it("resets a field the program stops declaring to the schema's default, since none was learned for it", () => {
    const declaredBefore = { ...declared, features: { ...declared.features, subscriptionCancel: { enabled: true, mode: "immediately", cancellationReason: { enabled: false } } } };
    const held = outputsFromStripe(answer({ features: { ...(answer().features as unknown as Fields), subscription_cancel: { enabled: true, mode: "immediately", proration_behavior: "none", cancellation_reason: { enabled: false, options: [] } } } }), {}, declaredBefore);
    // Still declared in part: the left-out options keep what Stripe answered for them.
    const withoutMode = { ...declared, features: { ...declared.features, subscriptionCancel: { enabled: true, cancellationReason: { enabled: false } } } };
    expect(lines(updateParams(desiredState(held), desiredState(withoutMode, held.stripeDefaults as Fields)))).toEqual(["features[subscription_cancel][mode]=at_period_end"]);
    // Removed whole: the whole feature goes back to its documented default, the options learned beside it included.
    expect(diffConfiguration(held, declared).diffs).toEqual(["features.subscriptionCancel.enabled", "features.subscriptionCancel.mode", "features.subscriptionCancel.cancellationReason.options"]);
    expect(lines(updateParams(desiredState(held), desiredState(declared, held.stripeDefaults as Fields)))).toEqual([
      "features[subscription_cancel][enabled]=false",
      "features[subscription_cancel][mode]=at_period_end",
      "features[subscription_cancel][cancellation_reason][options][0]=missing_features",
      "features[subscription_cancel][cancellation_reason][options][1]=other",
      "features[subscription_cancel][cancellation_reason][options][2]=switched_service",
      "features[subscription_cancel][cancellation_reason][options][3]=too_expensive",
      "features[subscription_cancel][cancellation_reason][options][4]=unused",
      // Stripe requires `enabled` beside any change of the reasons.
      "features[subscription_cancel][cancellation_reason][enabled]=false",
    ]);
  });

  it("resets a pause duration the program stops declaring whole, whatever Stripe answered for its options beside `indefinite` (issue 18)", () => {
    const indefinite = { ...declared, features: { ...declared.features, subscriptionPause: { enabled: true, duration: { type: "indefinite" } } } };
    // This Stripe answers no interval options for an indefinite pause: they are learned as `[]`.
    const created = answer({ features: { ...(answer().features as unknown as Fields), subscription_pause: { enabled: true, duration: { type: "indefinite", interval_options: [] } } } });
    const held = outputsFromStripe(created, {}, indefinite);
    expect(held.stripeDefaults).toMatchObject({ features: { subscriptionPause: { duration: { intervalOptions: [] } } } });
    const durationRemoved = { ...declared, features: { ...declared.features, subscriptionPause: { enabled: true } } };
    expect(lines(updateParams(desiredState(held), desiredState(durationRemoved, held.stripeDefaults as Fields)))).toEqual([
      "features[subscription_pause][duration][type]=interval_options",
      "features[subscription_pause][duration][interval_options][0][interval]=month",
    ]);
    // Stripe's answer to that update is the duration's default whole: learned whole, so the next diff shows nothing.
    const reset = outputsFromStripe(
      answer({ features: { ...(answer().features as unknown as Fields), subscription_pause: { enabled: true, duration: { type: "interval_options", interval_options: [{ interval: "month", interval_count: 1 }] } } } }),
      {},
      durationRemoved,
      held.stripeDefaults as Fields,
    );
    expect(reset.stripeDefaults).toMatchObject({ features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }] } } } });
    expect(diffConfiguration(reset, durationRemoved).changes).toBe(false);
  });
});

describe("a state written before learned defaults existed", () => {
  const { stripeDefaults, ...previousRelease } = outputsFromStripe(answer({ default_return_url: "https://acme.test/account" }), {}, { ...declared, defaultReturnUrl: "https://acme.test/account" });

  it("compares a left-out field with the schema's default, so a field declared then and removed since is still reset", () => {
    expect(stripeDefaults).toBeDefined();
    expect(diffConfiguration(previousRelease, declared).diffs).toEqual(["defaultReturnUrl", "features.subscriptionCancel.cancellationReason.options", "features.subscriptionPause.duration.type"]);
  });

  it("keeps having none after a refresh, and gives refresh every field as the inputs", () => {
    const refreshed = outputsFromStripe(answer(), {}, undefined, undefined);
    expect(refreshed).not.toHaveProperty("stripeDefaults");
    expect(inputsFromOutputs(refreshed)).toMatchObject({ name: "Plans", defaultReturnUrl: null, features: { subscriptionCancel: { cancellationReason: { options: [] } } }, active: true });
  });
});

describe("the declaration refresh returns", () => {
  it("gives a left-out string that drifted to no value as \"\", which the engine does not read as missing", () => {
    const withDefault = outputsFromStripe(answer({ default_return_url: "https://stripe-default.test/return" }), {}, declared);
    const cleared = outputsFromStripe(answer(), {}, undefined, withDefault.stripeDefaults as Fields);
    expect(inputsFromOutputs(cleared)).toEqual({ name: "Plans", defaultReturnUrl: "", features: { invoiceHistory: { enabled: true } }, active: true });
  });

  it("gives the declared fields with Stripe's values and a left-out field only where it drifted", () => {
    const outputs = outputsFromStripe(answer(), {}, declared);
    const refreshed = outputsFromStripe(answer({ name: "Edited", default_return_url: "https://edited.test/" }), {}, undefined, outputs.stripeDefaults as Fields);
    expect(inputsFromOutputs(refreshed)).toEqual({ name: "Edited", defaultReturnUrl: "https://edited.test/", features: { invoiceHistory: { enabled: true } }, active: true });
    expect(declarationMatching(desiredState(outputs), outputs.stripeDefaults as Fields)).toEqual({ name: "Plans", features: { invoiceHistory: { enabled: true } } });
  });
});
