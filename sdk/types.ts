import * as pulumi from "@pulumi/pulumi";

/**
 * Types of `PortalConfiguration`'s arguments. A field left out means Stripe's default for it, and
 * removing a field from the program resets it on Stripe at the next `pulumi up`.
 */

/** The business information shown to customers in the portal. */
export interface BusinessProfileArgs {
  /** The text above the portal's sign-in; at most 60 characters. Default: none. */
  headline?: pulumi.Input<string>;
  /** Link to your privacy policy, shown in the portal; an absolute http(s) URL. Default: none. */
  privacyPolicyUrl?: pulumi.Input<string>;
  /** Link to your terms of service, shown in the portal; an absolute http(s) URL. Default: none. */
  termsOfServiceUrl?: pulumi.Input<string>;
}

/** Which details a customer may edit. */
export type CustomerUpdateField = "address" | "email" | "name" | "phone" | "shipping" | "tax_id";

/** Lets customers edit their own billing details. */
export interface CustomerUpdateArgs {
  /** Whether customers may edit their details. */
  enabled: pulumi.Input<boolean>;
  /** The details they may edit; order does not matter. Default: none. */
  allowedUpdates?: pulumi.Input<pulumi.Input<CustomerUpdateField>[]>;
}

/** Lets customers see and download their invoices. */
export interface InvoiceHistoryArgs {
  /** Whether the invoice history is shown. */
  enabled: pulumi.Input<boolean>;
}

/** Lets customers add, remove and change payment methods. */
export interface PaymentMethodUpdateArgs {
  /** Whether customers may manage payment methods. Required for `subscriptionUpdate`. */
  enabled: pulumi.Input<boolean>;
  /** A payment method configuration (`pmc_...`) deciding which payment methods are offered. Default: the account's default. */
  paymentMethodConfiguration?: pulumi.Input<string>;
}

/** Why a customer cancels, as Stripe lists the reasons. */
export type CancellationReasonOption =
  | "customer_service"
  | "low_quality"
  | "missing_features"
  | "other"
  | "switched_service"
  | "too_complex"
  | "too_expensive"
  | "unused";

/** How billing is adjusted when a subscription changes mid-period. */
export type ProrationBehavior = "always_invoice" | "create_prorations" | "none";

/** Prorations on a cancel: Stripe refuses `always_invoice` there ("Passing `always_invoice` will result in an error"). */
export type CancelProrationBehavior = Exclude<ProrationBehavior, "always_invoice">;

/** Asks cancelling customers why they leave. */
export interface CancellationReasonArgs {
  /** Whether the question is asked. */
  enabled: pulumi.Input<boolean>;
  /** The reasons offered; order does not matter. Default: too_expensive, missing_features, switched_service, unused, other. */
  options?: pulumi.Input<pulumi.Input<CancellationReasonOption>[]>;
  /** Ids of custom feedback options (Billing feedback options) offered besides the reasons. Default: none. */
  feedbackOptions?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Lets customers cancel their subscriptions. */
export interface SubscriptionCancelArgs {
  /** Whether customers may cancel. */
  enabled: pulumi.Input<boolean>;
  /** Cancel at once, or at the end of the period already paid. Default: `at_period_end`. */
  mode?: pulumi.Input<"at_period_end" | "immediately">;
  /** Prorations on an immediate cancel; `create_prorations` needs `mode: "immediately"` (`always_invoice` is refused). Default: `none`. */
  prorationBehavior?: pulumi.Input<CancelProrationBehavior>;
  /** The cancellation survey. Default: off. */
  cancellationReason?: pulumi.Input<CancellationReasonArgs>;
}

/** One pause length customers may choose. */
export interface PauseIntervalOptionArgs {
  /** The unit of the pause. */
  interval: pulumi.Input<"day" | "week" | "month" | "year">;
  /** How many units; at most three years in all (1095 days, 156 weeks, 36 months or 3 years). Default: 1. */
  intervalCount?: pulumi.Input<number>;
}

/** How long a pause lasts. */
export interface PauseDurationArgs {
  /** `indefinite` (until the customer resumes) or `interval_options` (one of the lengths below). */
  type: pulumi.Input<"indefinite" | "interval_options">;
  /** The lengths offered; required, with at least one, when `type` is `interval_options`. */
  intervalOptions?: pulumi.Input<pulumi.Input<PauseIntervalOptionArgs>[]>;
}

/** Lets customers pause their subscriptions. */
export interface SubscriptionPauseArgs {
  /** Whether customers may pause. Default: false. */
  enabled?: pulumi.Input<boolean>;
  /** How long a pause lasts. Default: `interval_options` with a single one-month option (Stripe's default). */
  duration?: pulumi.Input<PauseDurationArgs>;
}

/** Which parts of a subscription customers may change. */
export type SubscriptionUpdateField = "price" | "promotion_code" | "quantity";

/** Limits on the quantity customers may choose for a product. */
export interface AdjustableQuantityArgs {
  /** Whether the quantity may be changed. */
  enabled: pulumi.Input<boolean>;
  /** The smallest quantity allowed. Default: 0. */
  minimum?: pulumi.Input<number>;
  /** The largest quantity allowed. Default: no limit. */
  maximum?: pulumi.Input<number>;
}

/** A product customers may switch to, with the prices they may choose. */
export interface SubscriptionUpdateProductArgs {
  /** The product (`prod_...`). */
  product: pulumi.Input<string>;
  /** Its prices offered (`price_...`), at least one; order does not matter. */
  prices: pulumi.Input<pulumi.Input<string>[]>;
  /** Quantity limits for this product. Default: off. */
  adjustableQuantity?: pulumi.Input<AdjustableQuantityArgs>;
}

/** A condition under which a change waits for the end of the period. */
export interface ScheduleConditionArgs {
  /** `decreasing_item_amount` (downgrades) or `shortening_interval` (e.g. yearly to monthly). */
  type: pulumi.Input<"decreasing_item_amount" | "shortening_interval">;
}

/** Changes that take effect at the end of the billing period instead of at once. */
export interface ScheduleAtPeriodEndArgs {
  /** The conditions; order does not matter. Default: none (every change is immediate). */
  conditions?: pulumi.Input<pulumi.Input<ScheduleConditionArgs>[]>;
}

/** Lets customers switch plans, quantities or promotion codes. */
export interface SubscriptionUpdateArgs {
  /** Whether customers may change subscriptions. Needs `paymentMethodUpdate.enabled`. */
  enabled: pulumi.Input<boolean>;
  /** What may change; order does not matter. Default: nothing. */
  defaultAllowedUpdates?: pulumi.Input<pulumi.Input<SubscriptionUpdateField>[]>;
  /** The products and prices customers may switch between, at most 10; order does not matter. Default: none. */
  products?: pulumi.Input<pulumi.Input<SubscriptionUpdateProductArgs>[]>;
  /** Prorations when a subscription changes. Default: `none`. */
  prorationBehavior?: pulumi.Input<ProrationBehavior>;
  /** `now` resets the billing cycle on a change; `unchanged` keeps it. Default: `unchanged`. */
  billingCycleAnchor?: pulumi.Input<"now" | "unchanged">;
  /** What a change does to a trial: `end_trial` or `continue_trial`. Default: `end_trial`. */
  trialUpdateBehavior?: pulumi.Input<"continue_trial" | "end_trial">;
  /** Changes deferred to the period's end. Default: none. */
  scheduleAtPeriodEnd?: pulumi.Input<ScheduleAtPeriodEndArgs>;
}

/** The portal's features; each left out is off. */
export interface FeaturesArgs {
  /** Editing billing details. */
  customerUpdate?: pulumi.Input<CustomerUpdateArgs>;
  /** The invoice history. */
  invoiceHistory?: pulumi.Input<InvoiceHistoryArgs>;
  /** Managing payment methods. */
  paymentMethodUpdate?: pulumi.Input<PaymentMethodUpdateArgs>;
  /** Cancelling subscriptions. */
  subscriptionCancel?: pulumi.Input<SubscriptionCancelArgs>;
  /** Pausing subscriptions. */
  subscriptionPause?: pulumi.Input<SubscriptionPauseArgs>;
  /** Changing subscriptions. */
  subscriptionUpdate?: pulumi.Input<SubscriptionUpdateArgs>;
}

/** Stripe's hosted login page, a link customers use to sign in to the portal by email. */
export interface LoginPageArgs {
  /** Whether the login page exists; its URL is the output `loginPage.url`. */
  enabled: pulumi.Input<boolean>;
}

/** The arguments of a `PortalConfiguration`. */
export interface PortalConfigurationArgs {
  /** A name for your own reference, not shown to customers; at most 256 characters. Default: none. */
  name?: pulumi.Input<string>;
  /** The business information shown in the portal. Default: none. */
  businessProfile?: pulumi.Input<BusinessProfileArgs>;
  /** Where the portal's "return" link goes when a session names no return URL; absolute http(s). Default: none. */
  defaultReturnUrl?: pulumi.Input<string>;
  /** The portal's features. Default: all off. */
  features?: pulumi.Input<FeaturesArgs>;
  /** The hosted login page. Default: off. */
  loginPage?: pulumi.Input<LoginPageArgs>;
  /** Your own key-value pairs: at most 50 keys of at most 40 characters, values of at most 500. Default: none. */
  metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The connected account (`acct_...`) that owns the configuration. Default: the stack config
   * `stripe:account` or `STRIPE_ACCOUNT`, else your own account. Changing it replaces the resource:
   * created in the new account, deactivated in the old.
   */
  stripeAccount?: pulumi.Input<string>;
  /**
   * Take over an existing configuration instead of creating one: its id (`bpc_...`), or `"default"`
   * for the account's default configuration. Read at create only: changing it later changes nothing.
   * Adopt a configuration with one resource only. Destroying an adopted default configuration leaves
   * it active (Stripe cannot deactivate it).
   */
  adoptId?: pulumi.Input<string>;
  /**
   * Whether sessions can use the configuration. `false` keeps it, deactivated (a create is then
   * followed by an update deactivating it: Stripe creates configurations active); `true` or left
   * out reactivates one found deactivated. Destroying the resource deactivates it either way.
   * Default: `true`.
   */
  active?: pulumi.Input<boolean>;
}

/** The business information, as Stripe holds it. */
export interface BusinessProfile {
  headline: string | null;
  privacyPolicyUrl: string | null;
  termsOfServiceUrl: string | null;
}

/** The features, as Stripe holds them, every field filled in. */
export interface Features {
  customerUpdate: { enabled: boolean; allowedUpdates: CustomerUpdateField[] };
  invoiceHistory: { enabled: boolean };
  paymentMethodUpdate: { enabled: boolean; paymentMethodConfiguration: string | null };
  subscriptionCancel: {
    enabled: boolean;
    mode: "at_period_end" | "immediately";
    prorationBehavior: ProrationBehavior;
    cancellationReason: { enabled: boolean; options: CancellationReasonOption[]; feedbackOptions: string[] };
  };
  subscriptionPause: {
    enabled: boolean;
    duration: { type: "indefinite" | "interval_options"; intervalOptions: { interval: "day" | "week" | "month" | "year"; intervalCount: number }[] };
  };
  subscriptionUpdate: {
    enabled: boolean;
    defaultAllowedUpdates: SubscriptionUpdateField[];
    products: { product: string; prices: string[]; adjustableQuantity: { enabled: boolean; minimum: number; maximum: number | null } }[];
    prorationBehavior: ProrationBehavior;
    billingCycleAnchor: "now" | "unchanged";
    trialUpdateBehavior: "continue_trial" | "end_trial";
    scheduleAtPeriodEnd: { conditions: { type: "decreasing_item_amount" | "shortening_interval" }[] };
  };
}

/** The hosted login page, as Stripe holds it. */
export interface LoginPage {
  enabled: boolean;
  /** The page's URL while `enabled`; null otherwise. */
  url: string | null;
}
