/**
 * The quick-start program: one customer portal configuration, declared in full. `npm run demo`
 * deploys it to the local Stripe emulator; with a real key (`pulumi config set --secret
 * stripe:apiKey sk_test_...`) `pulumi up` deploys it to your Stripe account.
 */
import * as portal from "pulumi-stripe-portal";

const config = new portal.PortalConfiguration("main", {
  name: "Self-serve customers",
  businessProfile: { headline: "Acme billing", privacyPolicyUrl: "https://acme.test/privacy", termsOfServiceUrl: "https://acme.test/terms" },
  defaultReturnUrl: "https://acme.test/account",
  features: {
    customerUpdate: { enabled: true, allowedUpdates: ["email", "tax_id"] },
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    subscriptionCancel: { enabled: true, mode: "at_period_end", cancellationReason: { enabled: true, options: ["too_expensive", "other"] } },
    subscriptionUpdate: { enabled: true, defaultAllowedUpdates: ["price"], products: [{ product: "prod_basic", prices: ["price_monthly", "price_yearly"] }] },
  },
  loginPage: { enabled: true },
  metadata: { team: "billing" },
});

/** The `bpc_...` id: pass it as `configuration` when creating portal sessions. */
export const configurationId = config.id;
/** The hosted login page customers sign in through (enabled above); not known until `pulumi up` creates it. */
export const loginUrl = config.loginUrl;
