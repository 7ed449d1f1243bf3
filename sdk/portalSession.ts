import type * as pulumi from "@pulumi/pulumi";
import { isRecord, wireFromCamel } from "../provider/desiredState";
import { FormParams } from "../provider/encodeForm";
import { camelName } from "../provider/schema";
import { PORTAL_LOCALES, sessionSchema } from "../provider/sessionSchema";
import { ConfigReader, resolveSettings, StripeSettings } from "../provider/settings";
import { DEFAULT_RETRY_POLICY } from "../provider/retryPolicy";
import { StripeClient } from "../provider/stripeClient";
import { CheckFailure } from "../provider/validateFields";
import { portalSessionFailures } from "./portalSessionFailures";
import { sessionOutput } from "./sessionOutput";

export { portalSessionFailures } from "./portalSessionFailures";

/** A language the portal speaks; `auto` follows the customer's browser. */
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

/**
 * What the portal shows once a flow is done. `type` decides which object goes with it, so a
 * redirect without its URL, or a message on another type, does not compile.
 */
export type AfterCompletionParams =
  /** The portal's home page (Stripe's default). */
  | { type: "portal_homepage" }
  /** A confirmation message; Stripe's own when `customMessage` is left out. */
  | { type: "hosted_confirmation"; hostedConfirmation?: { /** At most 500 characters. */ customMessage?: string } }
  /** Back to your site. */
  | { type: "redirect"; redirect: { /** An absolute http(s) URL. */ returnUrl: string } };

/**
 * Opens the portal straight on one task instead of its home page. `type` decides which object
 * goes with it: each subscription flow names its subscription in its own object, and only there.
 */
export type FlowDataParams = {
  /** Where the customer lands after the task. Default: the portal's home page. */
  afterCompletion?: AfterCompletionParams;
} & (
  | { type: "customer_update" | "payment_method_update" }
  /** The subscription, and an optional retention coupon offer. */
  | { type: "subscription_cancel"; subscriptionCancel: { subscription: string; retention?: { type: "coupon_offer"; couponOffer: { coupon: string } } } }
  | { type: "subscription_pause"; subscriptionPause: { subscription: string } }
  | { type: "subscription_update"; subscriptionUpdate: { subscription: string } }
  /**
   * The subscription, the item to change (`si_...`; Stripe takes one item only, and a price must be
   * one of the configuration's `subscriptionUpdate.products` prices) and discounts.
   */
  | {
      type: "subscription_update_confirm";
      subscriptionUpdateConfirm: {
        subscription: string;
        items: { id: string; price?: string; quantity?: number }[];
        discounts?: { coupon?: string; promotionCode?: string }[];
      };
    }
);

/** The parameters of a portal session. */
export interface PortalSessionParams {
  /** The customer (`cus_...`) the session is for. Required unless `customerAccount` is given. */
  customer?: string;
  /** The customer's Account (`acct_...`), for accounts-v2 integrations, instead of `customer`. */
  customerAccount?: string;
  /** The configuration (`bpc_...`, e.g. a `PortalConfiguration`'s id). Default: the account's default configuration. */
  configuration?: string;
  /** Where the portal's return link goes. Default: the configuration's `defaultReturnUrl`. */
  returnUrl?: string;
  /** The portal's language. Default: the customer's preferred locales. */
  locale?: PortalLocale;
  /** The connected account (`acct_...`) whose branding and business are shown. */
  onBehalfOf?: string;
  /** Open one task directly. */
  flowData?: FlowDataParams;
  /** What an expired link does: `customer_login` lets the customer sign in again. */
  afterExpiration?: { type: "customer_login"; customerLogin?: { expiresAt?: number } };
}

/**
 * Where and as whom to create the session; each falls back as the provider's settings do: in a
 * Pulumi program (an Output configuration) to the stack config first, then to the environment.
 */
export interface PortalSessionOptions {
  /** Default: `stripe:apiKey` (Pulumi programs), then `STRIPE_API_KEY`. */
  apiKey?: string;
  /** Default: `stripe:apiBase` (Pulumi programs), then `STRIPE_API_BASE`, else `https://api.stripe.com`. */
  apiBase?: string;
  /** Default: `stripe:apiVersion` (Pulumi programs), then `STRIPE_API_VERSION`, else the pinned version. */
  apiVersion?: string;
  /** A connected account (`acct_...`) to act on. Default: `stripe:account` (Pulumi programs), then `STRIPE_ACCOUNT`. */
  stripeAccount?: string;
  /** Retries after a connection error, 409, 429 or 5xx. Default: 6, as the provider; lower it where a person waits. */
  maxRetries?: number;
}

/** The flow a session opens, as Stripe answers it: every flow object is present, null but for the one of `type`. */
export interface PortalSessionFlow {
  type: FlowDataParams["type"];
  afterCompletion: {
    type: AfterCompletionParams["type"];
    hostedConfirmation: { customMessage: string | null } | null;
    redirect: { returnUrl: string } | null;
  };
  /** `{}` for the `customer_update` flow, which takes no parameters; null otherwise. */
  customerUpdate: Record<string, never> | null;
  subscriptionCancel: { subscription: string; retention: { type: "coupon_offer"; couponOffer: { coupon: string } | null } | null } | null;
  subscriptionPause: { subscription: string } | null;
  subscriptionUpdate: { subscription: string } | null;
  subscriptionUpdateConfirm: {
    subscription: string;
    items: { id: string | null; price: string | null; quantity?: number }[];
    discounts: { coupon: string | null; promotionCode: string | null }[] | null;
  } | null;
}

/** A portal session: a short-lived link into the portal for one customer. */
export interface PortalSession {
  /** `bps_...`. */
  id: string;
  object: "billing_portal.session";
  /** The configuration used. */
  configuration: string;
  /** Unix seconds. */
  created: number;
  customer: string | null;
  /** The customer's Account (`acct_...`) when the session was created with `customerAccount`, else null. */
  customerAccount: string | null;
  /** The flow the session opens, with Stripe's defaults filled in, or null. */
  flow: PortalSessionFlow | null;
  livemode: boolean;
  locale: string | null;
  onBehalfOf: string | null;
  returnUrl: string | null;
  /** The link to send the customer to. It expires shortly. */
  url: string;
  /** What an expired link does; present only when `afterExpiration` was sent. */
  afterExpiration?: { type: "customer_login"; customerLogin: { expiresAt: number | null } | null } | null;
}

/** Bad session parameters, found before anything was sent to Stripe. */
export class PortalSessionParamsError extends Error {
  constructor(readonly failures: CheckFailure[]) {
    super(`Invalid portal session parameters: ${failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`);
    this.name = "PortalSessionParamsError";
  }
}

/**
 * Creates a portal session: a short-lived link into the portal for one customer.
 *
 * In application code, pass the configuration id as a string and get a Promise; the key, base,
 * version and account come from `options`, then `STRIPE_API_KEY`, `STRIPE_API_BASE`,
 * `STRIPE_API_VERSION`, `STRIPE_ACCOUNT`.
 *
 * In a Pulumi program, pass `configuration: config.id` (an Output) and get a secret Output of
 * the session; the settings come from `options`, then the stack config (`stripe:apiKey`,
 * `stripe:apiBase`, `stripe:apiVersion`, `stripe:account`) as the provider reads it, then the
 * environment. A preview sends nothing and needs no key: the session is unknown until `up`.
 * Each `pulumi up` creates a new session, since the URL is short-lived: export it to open the
 * portal right after a deployment, not as a lasting link.
 *
 * Parameters are checked before anything is sent (on the Output path, at once, so that a preview
 * fails too); the request retries like the provider's, with one idempotency key.
 */
export function createPortalSession(params: Omit<PortalSessionParams, "configuration"> & { configuration: pulumi.Output<string> }, options?: PortalSessionOptions): pulumi.Output<PortalSession>;
export function createPortalSession(params: PortalSessionParams, options?: PortalSessionOptions): Promise<PortalSession>;
export function createPortalSession(
  params: PortalSessionParams | (Omit<PortalSessionParams, "configuration"> & { configuration: pulumi.Output<string> }),
  options: PortalSessionOptions = {},
): Promise<PortalSession> | pulumi.Output<PortalSession> {
  const { configuration } = params;
  if (isOutput(configuration)) {
    checkParams({ ...params, configuration: undefined });
    return sessionOutput(configuration, (id, stack) => sendSession({ ...params, configuration: id }, options, stack));
  }
  return sendSession(params as PortalSessionParams, options);
}

/**
 * Loads Pulumi only when something that may be an Output is passed: application code and the
 * `stripe-portal` command pass strings, and loading Pulumi costs them most of a second.
 */
function isOutput(value: unknown): value is pulumi.Output<string> {
  if (typeof value !== "object" || value === null) return false;
  const { Output } = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  return Output.isInstance(value);
}

function checkParams(params: PortalSessionParams): void {
  const failures = portalSessionFailures(params);
  if (failures.length > 0) throw new PortalSessionParamsError(failures);
}

async function sendSession(params: PortalSessionParams, options: PortalSessionOptions, stack?: ConfigReader): Promise<PortalSession> {
  const retry = options.maxRetries === undefined ? undefined : { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries };
  return postPortalSession(new StripeClient(sessionSettings(options, process.env, stack), { retry }), params);
}

/**
 * Sends one session through the caller's client. The command line builds its own, from the
 * environment it was given, so that a refused key's hint names where that key came from.
 */
export async function postPortalSession(client: StripeClient, params: PortalSessionParams): Promise<PortalSession> {
  checkParams(params);
  const answer = await client.post<Record<string, unknown>>("/v1/billing_portal/sessions", wireFromCamel(sessionSchema, params) as FormParams);
  return camelKeys(answer) as PortalSession;
}

/**
 * The settings for a session: explicit options first, then the stack config when there is one
 * (a Pulumi program), then the environment, then the defaults, as `resolveSettings` orders them.
 */
export function sessionSettings(options: PortalSessionOptions, env: NodeJS.ProcessEnv = process.env, stack?: ConfigReader): StripeSettings {
  const fallback = resolveSettings(stack, env);
  // A key passed in code came from no place that a refused key's hint could name.
  const key = options.apiKey !== undefined ? { apiKey: options.apiKey } : { apiKey: fallback.apiKey, apiKeySource: fallback.apiKeySource };
  return {
    ...key,
    apiBase: (options.apiBase ?? fallback.apiBase).replace(/\/+$/, ""),
    apiVersion: options.apiVersion ?? fallback.apiVersion,
    account: options.stripeAccount ?? fallback.account,
  };
}

/** Stripe's snake_case answer in the SDK's camelCase. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [camelName(key), camelKeys(child)]));
}
