/**
 * Every field a portal configuration has, each with what it changes for a customer. A field left
 * out of a program means Stripe's default for it (noted as "Default"), and removing a field later
 * resets it on Stripe at the next `pulumi up`.
 *
 * The `prod_`, `price_`, `pmc_` and feedback-option ids below are placeholders: replace them with
 * ids from your Stripe account before deploying to Stripe (the local emulator accepts any).
 */
import { PortalConfiguration } from "pulumi-stripe-portal";

const portal = new PortalConfiguration("full", {
  // For you, not for customers: the name shown in the Dashboard and in `stripe-portal configurations list`.
  name: "Everything switched on",

  businessProfile: {
    // The line customers read at the top of the portal (at most 60 characters).
    headline: "Acme: manage your subscription",
    // Links shown at the bottom of the portal.
    privacyPolicyUrl: "https://example.com/privacy",
    termsOfServiceUrl: "https://example.com/terms",
  },

  // Where the portal's "Return to ..." link sends customers when a session names no return URL.
  defaultReturnUrl: "https://example.com/account",

  features: {
    // Customers edit their own billing details; only the listed ones. Default: off.
    customerUpdate: { enabled: true, allowedUpdates: ["address", "email", "name", "phone", "shipping", "tax_id"] },

    // Customers see past invoices and download them as PDF. Default: off.
    invoiceHistory: { enabled: true },

    paymentMethodUpdate: {
      // Customers add, remove and replace cards and other payment methods. Default: off.
      // Must be on for subscriptionUpdate below.
      enabled: true,
      // Which payment methods they may add, from a payment method configuration. Default: the account's.
      paymentMethodConfiguration: "pmc_1ExamplePlaceholder",
    },

    subscriptionCancel: {
      // A "Cancel plan" button. Default: off.
      enabled: true,
      // "immediately" ends the subscription on the spot; "at_period_end" (the default) lets it run
      // until the end of the period already paid.
      mode: "immediately",
      // What an immediate cancellation gives back: "create_prorations" (only with mode
      // "immediately") credits the unused time on the next invoice, "always_invoice" settles it
      // at once, "none" (the default) gives nothing back.
      prorationBehavior: "create_prorations",
      cancellationReason: {
        // Asks "Why are you cancelling?" before the cancellation goes through. Default: off.
        enabled: true,
        // The answers offered; order does not matter. Default: too_expensive, missing_features,
        // switched_service, unused, other.
        options: ["too_expensive", "missing_features", "switched_service", "unused", "customer_service", "too_complex", "low_quality", "other"],
        // Your own feedback options, offered beside the reasons. Default: none.
        feedbackOptions: ["bfo_1ExamplePlaceholder"],
      },
    },

    subscriptionPause: {
      // A "Pause plan" button: no invoices while paused. Default: off.
      enabled: true,
      duration: {
        // "indefinite" pauses until the customer resumes; "interval_options" lets them pick one of
        // the lengths below (at most three years each). Default: interval_options, one month.
        type: "interval_options",
        intervalOptions: [
          { interval: "month", intervalCount: 1 },
          { interval: "month", intervalCount: 3 },
        ],
      },
    },

    subscriptionUpdate: {
      // A "Change plan" page. Default: off.
      enabled: true,
      // What customers may change: the price (switch plans), the quantity (seats), or add a
      // promotion code. Default: nothing.
      defaultAllowedUpdates: ["price", "quantity", "promotion_code"],
      // The plans they may switch between (at most 10 products), and for each the prices offered.
      products: [
        { product: "prod_Starter", prices: ["price_StarterMonthly", "price_StarterYearly"] },
        {
          product: "prod_Team",
          prices: ["price_TeamMonthly", "price_TeamYearly"],
          // Seat limits on the quantity customers may pick. Default: off (minimum 0, no maximum).
          adjustableQuantity: { enabled: true, minimum: 2, maximum: 50 },
        },
      ],
      // How a mid-period change is billed: "create_prorations" puts the difference on the next
      // invoice, "always_invoice" charges it at once, "none" (the default) ignores it.
      prorationBehavior: "create_prorations",
      // "now" restarts the billing period on the day of the change; "unchanged" (the default) keeps it.
      billingCycleAnchor: "unchanged",
      // A change during a trial: "end_trial" (the default) ends the trial, "continue_trial" keeps it.
      trialUpdateBehavior: "continue_trial",
      // Changes that wait until the end of the period instead of applying at once: downgrades
      // ("decreasing_item_amount") and moves to a shorter interval ("shortening_interval").
      // Default: none, every change is immediate.
      scheduleAtPeriodEnd: { conditions: [{ type: "decreasing_item_amount" }, { type: "shortening_interval" }] },
    },
  },

  // A Stripe-hosted page where customers sign in by email, without a link from your app; its URL
  // is the output loginUrl. Default: off.
  loginPage: { enabled: true },

  // Your own labels, never shown to customers (at most 50 keys). Default: none.
  metadata: { owner: "billing-team", managedBy: "pulumi" },

  // Whether sessions can use it: false keeps the configuration, deactivated. Default: true.
  active: true,

  // Two more inputs belong to the resource rather than to Stripe's object; see the examples:
  //   stripeAccount: "acct_...",  // a Connect account owns the configuration (examples/connect)
  //   adoptId: "default",         // take over an existing configuration (examples/adopt-default)
});

export const configurationId = portal.id;
/** Give this link to customers who should sign in without going through your app. */
export const loginUrl = portal.loginUrl;
/** Everything Stripe holds, defaults filled in: what `pulumi stack output features` shows. */
export const features = portal.features;
