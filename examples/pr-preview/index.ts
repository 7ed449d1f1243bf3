/**
 * The program a pull request changes. The workflow in `.github/workflows/billing-portal.yml`
 * previews it on every pull request, with no Stripe key, and deploys it from main.
 */
import * as pulumi from "@pulumi/pulumi";
import { PortalConfiguration } from "pulumi-stripe-portal";

const config = new pulumi.Config();
/** Per-stack settings: `pulumi config set returnUrl https://...` (Pulumi.<stack>.yaml, reviewed in the pull request). */
const returnUrl = config.get("returnUrl") ?? "https://example.com/account";

const portal = new PortalConfiguration("customer-portal", {
  name: `Customer portal (${pulumi.getStack()})`,
  businessProfile: { headline: "Acme billing", privacyPolicyUrl: "https://example.com/privacy", termsOfServiceUrl: "https://example.com/terms" },
  defaultReturnUrl: returnUrl,
  features: {
    customerUpdate: { enabled: true, allowedUpdates: ["email", "address", "tax_id"] },
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    subscriptionCancel: { enabled: true, mode: "at_period_end", cancellationReason: { enabled: true } },
  },
  metadata: { repository: "acme/billing" },
});

export const configurationId = portal.id;
