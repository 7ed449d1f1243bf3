/**
 * One portal configuration per plan tier, all from one typed list: adding a tier is adding an
 * entry. Each tier decides what its customers may do in the portal; the application picks the
 * configuration of a customer's tier when it creates their portal session.
 *
 * The `prod_` and `price_` ids are placeholders: use your own.
 */
import * as pulumi from "@pulumi/pulumi";
import { PortalConfiguration, PortalConfigurationArgs, SubscriptionUpdateProductArgs } from "pulumi-stripe-portal";

/** What differs from one tier to the next. */
interface Tier {
  /** Becomes part of the resource name and the export keys: keep it stable. */
  key: "starter" | "team" | "enterprise";
  /** Shown at the top of the portal. */
  headline: string;
  /** The plans customers of this tier may switch to; none turns plan changes off. */
  switchTo: SubscriptionUpdateProductArgs[];
  /** Seats can be added or removed in the portal. */
  seats?: { minimum: number; maximum: number };
  /** Enterprise customers cancel through their account manager, not the portal. */
  selfServeCancel: boolean;
  /** Pause instead of cancel. */
  pause: boolean;
}

const starter = { product: "prod_Starter", prices: ["price_StarterMonthly", "price_StarterYearly"] };
const team = { product: "prod_Team", prices: ["price_TeamMonthly", "price_TeamYearly"] };

const tiers: Tier[] = [
  { key: "starter", headline: "Acme Starter", switchTo: [starter, team], selfServeCancel: true, pause: true },
  { key: "team", headline: "Acme Team", switchTo: [starter, team], seats: { minimum: 2, maximum: 100 }, selfServeCancel: true, pause: false },
  { key: "enterprise", headline: "Acme Enterprise", switchTo: [], selfServeCancel: false, pause: false },
];

/** The links every tier shares. */
const policies = { privacyPolicyUrl: "https://example.com/privacy", termsOfServiceUrl: "https://example.com/terms" };

function portalArgs(tier: Tier): PortalConfigurationArgs {
  const allowed: ("price" | "quantity")[] = [];
  if (tier.switchTo.length > 0) allowed.push("price");
  if (tier.seats) allowed.push("quantity");
  return {
    name: `${tier.headline} customers`,
    businessProfile: { ...policies, headline: tier.headline },
    defaultReturnUrl: "https://example.com/account",
    features: {
      customerUpdate: { enabled: true, allowedUpdates: ["email", "address", "tax_id"] },
      invoiceHistory: { enabled: true },
      paymentMethodUpdate: { enabled: true },
      subscriptionCancel: tier.selfServeCancel
        ? { enabled: true, mode: "at_period_end", cancellationReason: { enabled: true } }
        : { enabled: false },
      subscriptionPause: { enabled: tier.pause },
      subscriptionUpdate: {
        enabled: allowed.length > 0,
        defaultAllowedUpdates: allowed,
        products: tier.switchTo.map((p) => (tier.seats ? { ...p, adjustableQuantity: { enabled: true, ...tier.seats } } : p)),
        prorationBehavior: "create_prorations",
      },
    },
    metadata: { tier: tier.key },
  };
}

const portals = tiers.map((tier) => ({ tier, portal: new PortalConfiguration(`portal-${tier.key}`, portalArgs(tier)) }));

/** `{starter: "bpc_...", team: "bpc_...", enterprise: "bpc_..."}`: the application maps a customer's tier to its configuration. */
export const configurationIds: Record<string, pulumi.Output<string>> = Object.fromEntries(portals.map(({ tier, portal }) => [tier.key, portal.id]));
/** The tiers whose customers may change plans in the portal. */
export const tiersWithPlanChanges = pulumi
  .all(portals.map(({ tier, portal }) => portal.features.apply((f) => (f.subscriptionUpdate.enabled ? tier.key : undefined))))
  .apply((keys) => keys.filter((k): k is Tier["key"] => k !== undefined));
