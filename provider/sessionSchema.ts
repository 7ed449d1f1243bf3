/**
 * The one description of `POST /v1/billing_portal/sessions` parameters at the pinned API version
 * (2026-10-28.endive, `BillingPortal.SessionCreateParams` in the `stripe` package). Same node types
 * and conventions as `schema.ts`: camelCase keys, wire names from `wireName`, `default` is what
 * Stripe answers when the field is left out.
 *
 * `expand` is not listed: it is a request option that every route accepts, not a session field.
 * Rules that tie fields together (`customer` or `customerAccount`; the object named by a `type`
 * must be given when it has required fields) are enforced by whoever walks this tree, not encoded
 * in it.
 */
import type { IntegerNode, ListNode, ObjectNode, SchemaNode, StringNode } from "./schema";

const str = (extra: Partial<StringNode> = {}): StringNode => ({ kind: "string", default: null, ...extra });
const int = (extra: Partial<IntegerNode> = {}): IntegerNode => ({ kind: "integer", default: null, ...extra });
const obj = (fields: Record<string, SchemaNode>, extra: Partial<ObjectNode> = {}): ObjectNode => ({ kind: "object", fields, ...extra });
const list = (items: StringNode | ObjectNode, extra: Partial<ListNode> = {}): ListNode => ({ kind: "list", items, default: [], ...extra });
/** A Stripe object id; Stripe's ids are at most 5000 characters. */
const id = (prefix: string, extra: Partial<StringNode> = {}): StringNode => str({ maxLength: 5000, prefix, ...extra });

/** The portal locales of the pinned version, in Stripe's order. */
export const PORTAL_LOCALES = [
  "auto", "bg", "cs", "da", "de", "el", "en", "en-AU", "en-CA", "en-GB", "en-IE", "en-IN", "en-NZ", "en-SG",
  "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt",
  "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW",
] as const;

/** The flows a session can open directly (`flow_data.type`). */
export const FLOW_TYPES = [
  "customer_update",
  "payment_method_update",
  "subscription_cancel",
  "subscription_pause",
  "subscription_update",
  "subscription_update_confirm",
] as const;

/** The portal session's create parameters at the pinned API version. */
export const sessionSchema: ObjectNode = obj({
  afterExpiration: obj({
    customerLogin: obj({
      expiresAt: int({ minimum: 0 }),
    }),
    type: str({ enum: ["customer_login"], required: true }),
  }),
  configuration: id("bpc_"),
  customer: id("cus_"),
  customerAccount: id("acct_"),
  flowData: obj({
    afterCompletion: obj({
      hostedConfirmation: obj({
        customMessage: str({ maxLength: 500 }),
      }),
      redirect: obj({
        returnUrl: str({ url: true, maxLength: 5000, required: true }),
      }),
      type: str({ enum: ["hosted_confirmation", "portal_homepage", "redirect"], default: "portal_homepage", required: true }),
    }),
    subscriptionCancel: obj({
      retention: obj({
        couponOffer: obj({
          coupon: str({ maxLength: 5000, required: true }),
        }, { required: true }),
        type: str({ enum: ["coupon_offer"], required: true }),
      }),
      subscription: id("sub_", { required: true }),
    }),
    subscriptionPause: obj({
      subscription: id("sub_", { required: true }),
    }),
    subscriptionUpdate: obj({
      subscription: id("sub_", { required: true }),
    }),
    subscriptionUpdateConfirm: obj({
      discounts: list(obj({
        coupon: str({ maxLength: 5000 }),
        promotionCode: id("promo_"),
      })),
      // "Currently, only up to one may be specified and subscriptions with multiple items are not
      // updatable" (pinned types of `items`).
      items: list(obj({
        id: id("si_", { required: true }),
        price: id("price_"),
        quantity: int({ minimum: 0 }),
      }), { required: true, minItems: 1, maxItems: 1 }),
      subscription: id("sub_", { required: true }),
    }),
    type: str({ enum: FLOW_TYPES, required: true }),
  }),
  locale: str({ enum: PORTAL_LOCALES }),
  onBehalfOf: id("acct_"),
  returnUrl: str({ url: true, maxLength: 5000 }),
});
