/**
 * pulumi-stripe-portal: Stripe Billing customer portal configurations as Pulumi resources.
 */
export { PortalConfiguration } from "./portalConfiguration";
export * from "./types";
export { StripeApiError } from "../provider/stripeError";
export { createPortalSession, PortalSessionParamsError } from "./portalSession";
export type { PortalSession, PortalSessionFlow, PortalSessionParams, PortalSessionOptions, FlowDataParams, AfterCompletionParams, PortalLocale } from "./portalSession";
import { requireOneSdkCopy } from "./oneSdkCopy";

// A second copy of @pulumi/pulumi fails in the middle of `pulumi up`: say so now, and how to fix it.
requireOneSdkCopy();
