import type * as pulumi from "@pulumi/pulumi";
import { isRecord, wireFromCamel } from "../provider/desiredState";
import { FormParams } from "../provider/encodeForm";
import { camelName } from "../provider/schema";
import { PORTAL_LOCALES, sessionSchema } from "../provider/sessionSchema";
import { resolveSettings, StripeSettings } from "../provider/settings";
import { DEFAULT_RETRY_POLICY } from "../provider/retryPolicy";
import { StripeClient } from "../provider/stripeClient";
import { CheckFailure, validateFields } from "../provider/validateFields";

/** A language the portal speaks; `auto` follows the customer's browser. */
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

/** What the portal shows once a flow is done. */
export interface AfterCompletionParams {
  /** `portal_homepage` (default), `hosted_confirmation` (a message), or `redirect` (back to your site). */
  type: "hosted_confirmation" | "portal_homepage" | "redirect";
  /** For `hosted_confirmation`: the message shown, at most 500 characters. */
  hostedConfirmation?: { customMessage?: string };
  /** For `redirect`: where to send the customer, an absolute http(s) URL. */
  redirect?: { returnUrl: string };
}

/** Opens the portal straight on one task instead of its home page. */
export interface FlowDataParams {
  /** The task. Each subscription flow needs its own object below naming the subscription. */
  type: "customer_update" | "payment_method_update" | "subscription_cancel" | "subscription_pause" | "subscription_update" | "subscription_update_confirm";
  /** Where the customer lands after the task. */
  afterCompletion?: AfterCompletionParams;
  /** For `subscription_cancel`: the subscription, and an optional retention coupon offer. */
  subscriptionCancel?: { subscription: string; retention?: { type: "coupon_offer"; couponOffer: { coupon: string } } };
  /** For `subscription_pause`: the subscription. */
  subscriptionPause?: { subscription: string };
  /** For `subscription_update`: the subscription. */
  subscriptionUpdate?: { subscription: string };
  /** For `subscription_update_confirm`: the subscription, the items to change (`si_...`) and discounts. */
  subscriptionUpdateConfirm?: {
    subscription: string;
    items: { id: string; price?: string; quantity?: number }[];
    discounts?: { coupon?: string; promotionCode?: string }[];
  };
}

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

/** Where and as whom to create the session; each falls back as the provider's settings do. */
export interface PortalSessionOptions {
  /** Default: `STRIPE_API_KEY`. */
  apiKey?: string;
  /** Default: `STRIPE_API_BASE`, else `https://api.stripe.com`. */
  apiBase?: string;
  /** Default: `STRIPE_API_VERSION`, else the pinned version. */
  apiVersion?: string;
  /** A connected account (`acct_...`) to act on. Default: `STRIPE_ACCOUNT`. */
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
 * Creates a portal session. In a Pulumi program, pass `configuration: config.id` and get an Output;
 * in application code, pass the id string and get a Promise. Parameters are checked before
 * anything is sent; the request retries like the provider's, with one idempotency key.
 */
export function createPortalSession(params: Omit<PortalSessionParams, "configuration"> & { configuration: pulumi.Output<string> }, options?: PortalSessionOptions): pulumi.Output<PortalSession>;
export function createPortalSession(params: PortalSessionParams, options?: PortalSessionOptions): Promise<PortalSession>;
export function createPortalSession(
  params: PortalSessionParams | (Omit<PortalSessionParams, "configuration"> & { configuration: pulumi.Output<string> }),
  options: PortalSessionOptions = {},
): Promise<PortalSession> | pulumi.Output<PortalSession> {
  const { configuration } = params;
  if (isOutput(configuration)) {
    // The URL lets anyone into the customer's portal: keep it out of plain-text state.
    const { secret } = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    return secret(configuration.apply((id) => createPortalSession({ ...params, configuration: id }, options)));
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

async function sendSession(params: PortalSessionParams, options: PortalSessionOptions): Promise<PortalSession> {
  const failures = portalSessionFailures(params);
  if (failures.length > 0) throw new PortalSessionParamsError(failures);
  const retry = options.maxRetries === undefined ? undefined : { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries };
  const client = new StripeClient(sessionSettings(options), { retry });
  const answer = await client.post<Record<string, unknown>>("/v1/billing_portal/sessions", wireFromCamel(sessionSchema, params) as FormParams);
  return camelKeys(answer) as PortalSession;
}

/** The settings for a session: explicit options first, then the environment. */
export function sessionSettings(options: PortalSessionOptions, env: NodeJS.ProcessEnv = process.env): StripeSettings {
  const fromEnv = resolveSettings(undefined, env);
  return {
    apiKey: options.apiKey ?? fromEnv.apiKey,
    apiBase: (options.apiBase ?? fromEnv.apiBase).replace(/\/+$/, ""),
    apiVersion: options.apiVersion ?? fromEnv.apiVersion,
    account: options.stripeAccount ?? fromEnv.account,
  };
}

const FLOW_OBJECTS: Record<string, keyof FlowDataParams | undefined> = {
  subscription_cancel: "subscriptionCancel",
  subscription_pause: "subscriptionPause",
  subscription_update: "subscriptionUpdate",
  subscription_update_confirm: "subscriptionUpdateConfirm",
};

/** Every rule Stripe applies to session parameters, as messages naming the parameter. Pure. */
export function portalSessionFailures(params: PortalSessionParams): CheckFailure[] {
  const failures = validateFields(sessionSchema, params);
  if (!isRecord(params)) return failures;
  if (params.customer === undefined && params.customerAccount === undefined) {
    failures.push({ property: "customer", reason: "is required (or customerAccount)" });
  }
  const flow = params.flowData;
  if (isRecord(flow)) {
    const needed = typeof flow.type === "string" && Object.hasOwn(FLOW_OBJECTS, flow.type) ? FLOW_OBJECTS[flow.type] : undefined;
    if (needed && flow[needed] === undefined) {
      failures.push({ property: `flowData.${needed}`, reason: `is required when flowData.type is "${flow.type}"` });
    }
    const after = flow.afterCompletion;
    if (isRecord(after) && after.type === "redirect" && !isRecord(after.redirect)) {
      failures.push({ property: "flowData.afterCompletion.redirect.returnUrl", reason: 'is required when flowData.afterCompletion.type is "redirect"' });
    }
  }
  return failures;
}

/** Stripe's snake_case answer in the SDK's camelCase. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [camelName(key), camelKeys(child)]));
}
