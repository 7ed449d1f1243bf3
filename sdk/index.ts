/**
 * pulumi-stripe-portal: Stripe Billing customer portal configurations as Pulumi resources.
 */
export { PortalConfiguration } from "./portalConfiguration";
export * from "./types";
export { StripeApiError } from "../provider/stripeError";
export { createPortalSession, PortalSessionParamsError } from "./portalSession";
export type { PortalSession, PortalSessionFlow, PortalSessionParams, PortalSessionOptions, FlowDataParams, AfterCompletionParams, PortalLocale } from "./portalSession";
