/**
 * Takes over the account's default portal configuration: the one Stripe uses for every portal
 * session that names no configuration, usually set up once in the Dashboard.
 *
 * On the first `pulumi up` the provider finds it (GET /v1/billing_portal/configurations?is_default=true),
 * then sends one update with only the fields that differ from what is declared here; no new
 * configuration is created. From then on it is managed like any other: the program is the whole
 * truth, so a field left out is reset to Stripe's default.
 */
import { PortalConfiguration } from "pulumi-stripe-portal";

const defaultPortal = new PortalConfiguration("default-portal", {
  // Read at create only: changing it later changes nothing. Adopt a configuration with one resource only.
  adoptId: "default",
  businessProfile: { headline: "Manage your Acme subscription", privacyPolicyUrl: "https://example.com/privacy", termsOfServiceUrl: "https://example.com/terms" },
  defaultReturnUrl: "https://example.com/account",
  features: {
    customerUpdate: { enabled: true, allowedUpdates: ["email", "address"] },
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    subscriptionCancel: { enabled: true, mode: "at_period_end" },
  },
});

/** The default configuration's own id (`bpc_...`), which never changes. */
export const configurationId = defaultPortal.id;
/** True: this is the configuration sessions get when they name none. */
export const isDefault = defaultPortal.isDefault;
