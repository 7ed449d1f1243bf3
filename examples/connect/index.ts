/**
 * One portal configuration per connected account (Stripe Connect). Each resource names its account
 * with `stripeAccount`, so every call about it carries the `Stripe-Account` header and the
 * configuration lives in that account, where its customers' portal sessions are created.
 *
 * The platform's key is all it takes (`stripe:apiKey` or STRIPE_API_KEY). A stack-wide default
 * account can be set with `pulumi config set stripe:account acct_...` instead.
 */
import * as pulumi from "@pulumi/pulumi";
import { PortalConfiguration } from "pulumi-stripe-portal";

/** A shop on the platform. The `acct_` ids are placeholders: use your connected accounts' ids. */
interface ConnectedShop {
  /** Part of the resource name: keep it stable. */
  slug: string;
  account: `acct_${string}`;
  displayName: string;
  site: string;
}

const shops: ConnectedShop[] = [
  { slug: "bakery", account: "acct_1BakeryExample00", displayName: "Corner Bakery", site: "https://bakery.example.com" },
  { slug: "bikes", account: "acct_1BikesExample000", displayName: "Wheel Works", site: "https://bikes.example.com" },
];

const portals = shops.map(
  (shop) =>
    new PortalConfiguration(`portal-${shop.slug}`, {
      // Changing it replaces the resource: a configuration is created in the new account, and the
      // one in the old account is deactivated.
      stripeAccount: shop.account,
      name: `${shop.displayName} customers`,
      businessProfile: { headline: shop.displayName, privacyPolicyUrl: `${shop.site}/privacy`, termsOfServiceUrl: `${shop.site}/terms` },
      defaultReturnUrl: `${shop.site}/account`,
      features: {
        invoiceHistory: { enabled: true },
        paymentMethodUpdate: { enabled: true },
        subscriptionCancel: { enabled: true },
      },
      metadata: { shop: shop.slug },
    }),
);

/** `{"acct_...": "bpc_..."}`: a session for a shop's customer is created in its account with its configuration. */
export const configurationIds: Record<string, pulumi.Output<string>> = Object.fromEntries(shops.map((shop, i) => [shop.account, portals[i].id]));
