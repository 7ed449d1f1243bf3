/**
 * The Pulumi side: a portal configuration, and its id as a stack output for the application
 * (`app.ts`) to use when it creates portal sessions.
 */
import { PortalConfiguration } from "pulumi-stripe-portal";

const portal = new PortalConfiguration("app-portal", {
  businessProfile: { headline: "Acme billing" },
  defaultReturnUrl: "https://example.com/account",
  features: {
    customerUpdate: { enabled: true, allowedUpdates: ["email", "address", "tax_id"] },
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    subscriptionCancel: { enabled: true, mode: "at_period_end", cancellationReason: { enabled: true } },
  },
});

/** Give it to the application, e.g. `PORTAL_CONFIGURATION_ID=$(pulumi stack output configurationId)`. */
export const configurationId = portal.id;
