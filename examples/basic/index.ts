/**
 * The smallest useful portal: customers see and download their invoices, change their card, and
 * cancel at the end of the period they paid for. Everything left out keeps Stripe's default
 * (which, for a feature, is "off").
 */
import { PortalConfiguration } from "pulumi-stripe-portal";

const portal = new PortalConfiguration("basic", {
  // Where the portal's "Return to ..." link goes when a session names no return URL.
  defaultReturnUrl: "https://example.com/account",
  features: {
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    subscriptionCancel: { enabled: true },
  },
});

/** Pass it as `configuration` when creating portal sessions. */
export const configurationId = portal.id;
