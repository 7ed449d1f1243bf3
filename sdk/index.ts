/**
 * pulumi-stripe-portal: Stripe Billing customer portal configurations as Pulumi resources.
 */
export { PortalConfiguration } from "./portalConfiguration";
export * from "./types";
export { StripeApiError } from "../provider/stripeError";
