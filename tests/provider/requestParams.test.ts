import { desiredState, stateFromWire } from "../../provider/desiredState";
import { encodeForm } from "../../provider/encodeForm";
import { createParams, updateParams } from "../../provider/requestParams";
import { everyField, quickStart } from "../fixtures/configurations";

const lines = (params: Record<string, unknown>) => decodeURIComponent(encodeForm(params as never)).split("&");

describe("createParams", () => {
  it("sends every declared field, one equal to the schema's default too, and the flags Stripe requires beside them", () => {
    expect(lines(createParams(quickStart))).toEqual([
      "name=Self-serve customers",
      "business_profile[headline]=Acme billing",
      "business_profile[privacy_policy_url]=https://acme.test/privacy",
      "business_profile[terms_of_service_url]=https://acme.test/terms",
      "default_return_url=https://acme.test/account",
      "features[customer_update][enabled]=true",
      "features[customer_update][allowed_updates][0]=email",
      "features[customer_update][allowed_updates][1]=tax_id",
      "features[invoice_history][enabled]=true",
      "features[payment_method_update][enabled]=true",
      "features[subscription_cancel][enabled]=true",
      "features[subscription_cancel][mode]=at_period_end",
      "features[subscription_cancel][cancellation_reason][enabled]=true",
      "features[subscription_cancel][cancellation_reason][options][0]=other",
      "features[subscription_cancel][cancellation_reason][options][1]=too_expensive",
      "features[subscription_update][enabled]=true",
      "features[subscription_update][default_allowed_updates][0]=price",
      "features[subscription_update][products][0][product]=prod_basic",
      "features[subscription_update][products][0][prices][0]=price_monthly",
      "features[subscription_update][products][0][prices][1]=price_yearly",
      "login_page[enabled]=true",
      "metadata[team]=billing",
    ]);
  });

  it("states one feature off for an empty declaration, since Stripe requires features and a form cannot send an empty one", () => {
    expect(lines(createParams({}))).toEqual(["features[customer_update][enabled]=false"]);
    expect(lines(createParams({ name: "Only a name" }))).toEqual(["name=Only a name", "features[customer_update][enabled]=false"]);
  });

  it("never sends a feature the program leaves out, so API versions without it accept the create", () => {
    expect(lines(createParams({ features: { invoiceHistory: { enabled: true } } }))).toEqual(["features[invoice_history][enabled]=true"]);
    const { subscriptionPause, ...withoutPause } = everyField.features;
    expect(createParams({ ...everyField, features: withoutPause }).features).not.toHaveProperty("subscription_pause");
  });

  it("sends a declared value equal to the schema's default, so a wrong default cannot silently win", () => {
    expect(lines(createParams({ features: { subscriptionPause: { enabled: false } } }))).toEqual(["features[subscription_pause][enabled]=false"]);
    expect(lines(createParams({ features: { subscriptionPause: { enabled: true, duration: { type: "indefinite" } } } }))).toEqual([
      "features[subscription_pause][enabled]=true",
      "features[subscription_pause][duration][type]=indefinite",
    ]);
  });

  it("sends a feature's declared settings and nothing it leaves out", () => {
    const { subscriptionPause } = everyField.features;
    expect(lines(createParams({ features: { subscriptionPause } }))).toEqual([
      "features[subscription_pause][enabled]=true",
      "features[subscription_pause][duration][type]=interval_options",
      "features[subscription_pause][duration][interval_options][0][interval]=month",
      "features[subscription_pause][duration][interval_options][0][interval_count]=2",
      "features[subscription_pause][duration][interval_options][1][interval]=week",
    ]);
  });

  it("sends the cancellation reasons with the survey, as Stripe requires on create", () => {
    const declared = { features: { subscriptionCancel: { enabled: true, cancellationReason: { enabled: true } } } };
    expect(lines(createParams(declared))).toEqual([
      "features[subscription_cancel][enabled]=true",
      "features[subscription_cancel][cancellation_reason][enabled]=true",
      "features[subscription_cancel][cancellation_reason][options][0]=missing_features",
      "features[subscription_cancel][cancellation_reason][options][1]=other",
      "features[subscription_cancel][cancellation_reason][options][2]=switched_service",
      "features[subscription_cancel][cancellation_reason][options][3]=too_expensive",
      "features[subscription_cancel][cancellation_reason][options][4]=unused",
    ]);
  });

  it("sends an emptied default list as a blank", () => {
    const declared = { features: { subscriptionCancel: { enabled: true, cancellationReason: { enabled: false, options: [] } } } };
    expect(lines(createParams(declared))).toContain("features[subscription_cancel][cancellation_reason][options]=");
  });
});

describe("updateParams", () => {
  const held = desiredState(quickStart);

  it("sends nothing when nothing changes", () => {
    expect(updateParams(held, desiredState(quickStart))).toEqual({});
  });

  it("sends a changed field and resets removed ones with blanks", () => {
    const declared = { ...quickStart, name: "Renamed", defaultReturnUrl: undefined, metadata: {} };
    expect(lines(updateParams(held, desiredState(declared)))).toEqual(["name=Renamed", "default_return_url=", "metadata[team]="]);
  });

  it("sends a nested change alone where Stripe's update needs nothing beside it", () => {
    const declared = { ...quickStart, features: { ...quickStart.features, subscriptionCancel: { ...quickStart.features.subscriptionCancel, mode: "immediately" } } };
    expect(lines(updateParams(held, desiredState(declared)))).toEqual(["features[subscription_cancel][mode]=immediately"]);
  });

  it("sends a clearable string declared empty as no change against Stripe's null", () => {
    const declared = { ...quickStart, name: "", businessProfile: { ...quickStart.businessProfile, headline: "" } };
    expect(updateParams(desiredState({ ...quickStart, name: undefined, businessProfile: { ...quickStart.businessProfile, headline: undefined } }), desiredState(declared))).toEqual({});
    expect(lines(updateParams(held, desiredState(declared)))).toEqual(["name=", "business_profile[headline]="]);
  });

  it("sends the enabled flag Stripe requires beside a change", () => {
    const declared = { ...quickStart, features: { ...quickStart.features, paymentMethodUpdate: { enabled: true, paymentMethodConfiguration: "pmc_1" } } };
    expect(lines(updateParams(held, desiredState(declared)))).toEqual([
      "features[payment_method_update][payment_method_configuration]=pmc_1",
      "features[payment_method_update][enabled]=true",
    ]);
  });

  it("replaces a list whole and blanks an emptied one", () => {
    const declared = {
      ...quickStart,
      features: { ...quickStart.features, customerUpdate: { enabled: true, allowedUpdates: [] }, subscriptionUpdate: { ...quickStart.features.subscriptionUpdate, products: [{ product: "prod_pro", prices: ["price_pro"], adjustableQuantity: { enabled: true, maximum: 9 } }] } },
    };
    expect(lines(updateParams(held, desiredState(declared)))).toEqual([
      "features[customer_update][allowed_updates]=",
      "features[subscription_update][products][0][product]=prod_pro",
      "features[subscription_update][products][0][prices][0]=price_pro",
      "features[subscription_update][products][0][adjustable_quantity][enabled]=true",
      "features[subscription_update][products][0][adjustable_quantity][maximum]=9",
    ]);
  });

  it("changes one metadata key and removes another, leaving the rest", () => {
    const from = desiredState({ metadata: { a: "1", b: "2", c: "3" } });
    expect(lines(updateParams(from, desiredState({ metadata: { a: "1", b: "two" } })))).toEqual(["metadata[c]=", "metadata[b]=two"]);
  });

  it("turns drift read from Stripe back into the declaration", () => {
    const wire = {
      name: "Self-serve customers",
      business_profile: { headline: "Edited", privacy_policy_url: "https://acme.test/privacy", terms_of_service_url: "https://acme.test/terms" },
      default_return_url: "https://acme.test/account",
      features: {
        customer_update: { enabled: true, allowed_updates: ["tax_id", "email"] },
        invoice_history: { enabled: true },
        payment_method_update: { enabled: true, payment_method_configuration: null },
        subscription_cancel: { enabled: true, mode: "at_period_end", proration_behavior: "none", cancellation_reason: { enabled: true, options: ["too_expensive", "other"], feedback_options: null } },
        subscription_pause: { enabled: false, duration: { type: "interval_options", interval_options: [{ interval: "month", interval_count: 1 }] } },
        subscription_update: {
          enabled: true, default_allowed_updates: ["price"], proration_behavior: "none", billing_cycle_anchor: null, trial_update_behavior: "end_trial", schedule_at_period_end: { conditions: [] },
          products: [{ product: "prod_basic", prices: ["price_yearly", "price_monthly"], adjustable_quantity: { enabled: false, minimum: 0, maximum: null } }],
        },
      },
      login_page: { enabled: true, url: "https://billing.stripe.com/p/login/test_1" },
      metadata: { team: "billing", extra: "dashboard" },
    };
    expect(lines(updateParams(stateFromWire(wire), desiredState(quickStart)))).toEqual(["business_profile[headline]=Acme billing", "metadata[extra]="]);
  });
});
