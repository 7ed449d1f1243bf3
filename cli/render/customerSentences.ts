/**
 * What a change to each field means for customers, in plain sentences: the table behind the summary
 * of `stripe-portal render`, for the people who review a portal change by what customers see
 * (billing, support, finance) rather than by `features.subscriptionCancel.mode`. One entry per
 * leaf of the resource's schema (provider/schema.ts `resourceInputsSchema`, the walk of
 * provider/changedFields.ts): a field the schema gains without a sentence fails a test instead of
 * going missing from a summary.
 */
import { valueAt } from "../../emulator/jsonValue";
import { Fields, isRecord } from "../../provider/desiredState";
import { ObjectNode, SchemaNode } from "../../provider/schema";
import { capitalized, listDelta, listing, pauseLengths, quoted } from "./plainWords";

/** One field's change, with the whole configurations for a sentence that needs a sibling's value. */
export interface FieldChange {
  before: unknown;
  after: unknown;
  from: Fields;
  to: Fields;
}

/** How the summary tells a change to one field (an entry of `SENTENCES`). */
export interface SentenceRule {
  /** The field in words ("the portal's headline"), for the sentences the summary writes itself (a value known after deploy, a feature that stays off). */
  subject: string;
  /** For an `enabled` field: the feature it turns on, as in "while pausing is off". */
  feature?: string;
  /** Paths whose change this field's sentence already tells (a pause's type tells its lengths). */
  absorbs?: readonly string[];
  /** The sentences, one per change a customer would notice; most fields give one. */
  say(change: FieldChange): string[];
}

/** Every leaf path of an object node: what changedFields reports (a list or a map is one leaf). */
export function leafPaths(node: ObjectNode, prefix = ""): string[] {
  return Object.entries(node.fields).flatMap(([key, child]: [string, SchemaNode]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return child.kind === "object" ? leafPaths(child, path) : [path];
  });
}

/** A text field set, removed or changed, in the three forms `phrases` gives. */
function textChange(phrases: { set: (after: string) => string; unset: (before: string) => string; change: (before: string, after: string) => string }) {
  return ({ before, after }: FieldChange): string[] => {
    if (before === null || before === undefined) return [phrases.set(String(after))];
    if (after === null || after === undefined) return [phrases.unset(String(before))];
    return [phrases.change(String(before), String(after))];
  };
}

/** A list's additions and removals in one sentence: "now also X, and no longer Y". */
function listChange(words: (items: unknown[]) => string, gained: (added: string) => string, lost: (removed: string) => string, both: (added: string, removed: string) => string) {
  return ({ before, after }: FieldChange): string[] => {
    const { added, removed } = listDelta(before, after);
    if (added.length && removed.length) return [both(words(added), words(removed))];
    if (added.length) return [gained(words(added))];
    if (removed.length) return [lost(words(removed))];
    return [];
  };
}

/** A flag turned on or off. */
function onOff(on: (change: FieldChange) => string, off: string) {
  return (change: FieldChange): string[] => [change.after === true ? on(change) : off];
}

/** Items as a plain list, or "none". */
const plainList = (items: unknown): string => (Array.isArray(items) && items.length ? items.map(String).join(", ") : "none");

const DETAILS: Record<string, string> = { address: "address", email: "email address", name: "name", phone: "phone number", shipping: "shipping address", tax_id: "tax ID" };
const details = (items: unknown[]) => listing(items.map((item) => DETAILS[String(item)] ?? String(item)));

/** The answers Stripe's portal offers for each reason. */
const REASONS: Record<string, string> = {
  customer_service: "Customer service was less than expected",
  low_quality: "Quality was less than expected",
  missing_features: "Some features are missing",
  other: "Other reason",
  switched_service: "I'm switching to a different service",
  too_complex: "Ease of use was less than expected",
  too_expensive: "It's too expensive",
  unused: "I don't use the service enough",
};
const reasons = (items: unknown[], conjunction = "and") => listing(items.map((item) => quoted(REASONS[String(item)] ?? item)), conjunction);

const SUBSCRIPTION_PARTS: Record<string, string> = { price: "price", promotion_code: "promotion code", quantity: "quantity" };
const subscriptionParts = (items: unknown[]) => listing(items.map((item) => SUBSCRIPTION_PARTS[String(item)] ?? String(item)));

const PRORATIONS: Record<string, string> = { always_invoice: "prorated and invoiced at once", create_prorations: "prorated on the next invoice", none: "not prorated" };
const DEFERRED: Record<string, string> = { decreasing_item_amount: "downgrades", shortening_interval: "changes to a shorter billing interval" };
const deferred = (items: unknown[]) => listing(items.map((item) => DEFERRED[String(isRecord(item) ? item.type : item)] ?? String(item)));

function cancelling(to: Fields): string {
  const when = valueAt(to, "features.subscriptionCancel.mode") === "immediately" ? "take effect immediately" : "take effect at the end of the billing period";
  const asked = valueAt(to, "features.subscriptionCancel.cancellationReason.enabled") === true;
  const options = valueAt(to, "features.subscriptionCancel.cancellationReason.options");
  return `Customers can cancel subscriptions: cancellations ${when}${asked ? `, and customers are asked why (${reasons(Array.isArray(options) ? options : [], "or")})` : ""}.`;
}

function pausing(to: Fields): string {
  if (valueAt(to, "features.subscriptionPause.duration.type") === "indefinite") return "Customers can pause subscriptions until they resume them.";
  return `Customers can pause subscriptions, for ${pauseLengths(valueAt(to, "features.subscriptionPause.duration.intervalOptions"))}.`;
}

function switching(to: Fields): string {
  const parts = valueAt(to, "features.subscriptionUpdate.defaultAllowedUpdates");
  const products = valueAt(to, "features.subscriptionUpdate.products");
  const named = (Array.isArray(products) ? products : []).filter(isRecord).map((product) => String(product.product));
  if (!Array.isArray(parts) || parts.length === 0) return "Customers can open plan switching, but may change nothing of their subscriptions.";
  return `Customers can change the ${subscriptionParts(parts)} of their subscriptions${named.length ? ` (products: ${listing(named)})` : ""}.`;
}

/** A product's quantity limits in words. */
function quantity(product: Fields): string {
  const limits = isRecord(product.adjustableQuantity) ? product.adjustableQuantity : {};
  if (limits.enabled !== true) return "a fixed quantity";
  return limits.maximum === null || limits.maximum === undefined ? `a quantity of at least ${limits.minimum ?? 0}` : `a quantity from ${limits.minimum ?? 0} to ${limits.maximum}`;
}

/** One sentence per product added, removed or changed (its prices, its quantity). */
function productSentences({ before, after }: FieldChange): string[] {
  const byId = (list: unknown) => new Map((Array.isArray(list) ? list : []).filter(isRecord).map((product) => [String(product.product), product]));
  const old = byId(before);
  const now = byId(after);
  const sentences: string[] = [];
  for (const [id, product] of now) {
    const was = old.get(id);
    if (!was) {
      sentences.push(`Customers can switch to ${id} (${plainList(product.prices)}), with ${quantity(product)}.`);
      continue;
    }
    const { added, removed } = listDelta(was.prices, product.prices);
    if (added.length || removed.length) {
      const gained = added.length ? `can also choose ${listing(added.map(String))}` : "";
      const lost = removed.length ? `${gained ? ", and " : ""}can no longer choose ${listing(removed.map(String))}` : "";
      sentences.push(`For ${id}, customers ${gained}${lost}.`);
    }
    if (quantity(was) !== quantity(product)) sentences.push(`For ${id}, customers now choose ${quantity(product)} instead of ${quantity(was)}.`);
  }
  for (const id of old.keys()) if (!now.has(id)) sentences.push(`Customers can no longer switch to ${id}.`);
  return sentences;
}

function metadataSentence({ before, after }: FieldChange): string[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().filter((key) => a[key] !== b[key]);
  const parts = keys.map((key) => (key in b ? `${key} becomes ${quoted(b[key])}` : `${key} is removed`));
  return [`The metadata (not shown to customers) changes: ${parts.join("; ")}.`];
}

/** The table: every leaf path of `resourceInputsSchema`, camelCase as the schema names it. */
export const SENTENCES: Readonly<Record<string, SentenceRule>> = {
  name: {
    subject: "the configuration's name",
    say: textChange({
      set: (a) => `The configuration is named ${quoted(a)} (a name for you, not shown to customers).`,
      unset: (b) => `The configuration's name ${quoted(b)} is removed (it is not shown to customers).`,
      change: (b, a) => `The configuration's name changes from ${quoted(b)} to ${quoted(a)} (not shown to customers).`,
    }),
  },
  "businessProfile.headline": {
    subject: "the portal's headline",
    say: textChange({
      set: (a) => `The portal shows the headline ${quoted(a)}.`,
      unset: (b) => `The portal no longer shows the headline ${quoted(b)}.`,
      change: (b, a) => `The portal's headline changes from ${quoted(b)} to ${quoted(a)}.`,
    }),
  },
  "businessProfile.privacyPolicyUrl": {
    subject: "the privacy policy link",
    say: textChange({
      set: (a) => `The portal links to a privacy policy at ${a}.`,
      unset: () => "The portal no longer links to a privacy policy.",
      change: (b, a) => `The privacy policy link goes to ${a} instead of ${b}.`,
    }),
  },
  "businessProfile.termsOfServiceUrl": {
    subject: "the terms of service link",
    say: textChange({
      set: (a) => `The portal links to terms of service at ${a}.`,
      unset: () => "The portal no longer links to terms of service.",
      change: (b, a) => `The terms of service link goes to ${a} instead of ${b}.`,
    }),
  },
  defaultReturnUrl: {
    subject: "the portal's return link",
    say: textChange({
      set: (a) => `The portal's return link goes to ${a} when a session names no return URL.`,
      unset: (b) => `The portal no longer returns customers to ${b}: a session that names no return URL shows no return link.`,
      change: (b, a) => `The portal's return link goes to ${a} instead of ${b} (when a session names no return URL).`,
    }),
  },
  "features.customerUpdate.enabled": {
    subject: "updating billing details",
    feature: "updating billing details",
    say: onOff(({ to }) => {
      const allowed = valueAt(to, "features.customerUpdate.allowedUpdates");
      return Array.isArray(allowed) && allowed.length ? `Customers can update their ${details(allowed)}.` : "Customers can open the page to update their details, but no detail may change.";
    }, "Customers can no longer update their billing details."),
  },
  "features.customerUpdate.allowedUpdates": {
    subject: "the details customers may update",
    say: listChange(details, (a) => `Customers can now also update their ${a}.`, (r) => `Customers can no longer update their ${r}.`, (a, r) => `Customers can now also update their ${a}, and no longer their ${r}.`),
  },
  "features.invoiceHistory.enabled": {
    subject: "the invoice history",
    feature: "the invoice history",
    say: onOff(() => "Invoice history is shown: customers can see and download their invoices.", "Invoice history is no longer shown."),
  },
  "features.paymentMethodUpdate.enabled": {
    subject: "managing payment methods",
    feature: "managing payment methods",
    say: onOff(() => "Customers can add, remove and change their payment methods.", "Customers can no longer change their payment methods."),
  },
  "features.paymentMethodUpdate.paymentMethodConfiguration": {
    subject: "the payment methods offered",
    say: textChange({
      set: (a) => `The payment methods offered follow the payment method configuration ${a} instead of the account's default.`,
      unset: (b) => `The payment methods offered follow the account's default instead of ${b}.`,
      change: (b, a) => `The payment methods offered follow ${a} instead of ${b}.`,
    }),
  },
  "features.subscriptionCancel.enabled": {
    subject: "cancelling in the portal",
    feature: "cancelling",
    say: onOff(({ to }) => cancelling(to), "Customers can no longer cancel subscriptions in the portal."),
  },
  "features.subscriptionCancel.mode": {
    subject: "when a cancellation takes effect",
    say: ({ after }) => [
      after === "immediately"
        ? "Cancellations take effect immediately instead of at the end of the billing period."
        : "Customers can no longer cancel immediately: cancellations take effect at the end of the billing period.",
    ],
  },
  "features.subscriptionCancel.prorationBehavior": {
    subject: "the credit for an immediate cancellation",
    say: ({ after }) => [
      after === "create_prorations"
        ? "An immediate cancellation credits the unused part of the billing period."
        : "An immediate cancellation no longer credits the unused part of the billing period.",
    ],
  },
  "features.subscriptionCancel.cancellationReason.enabled": {
    subject: "the cancellation question",
    feature: "the cancellation question",
    say: onOff(({ to }) => {
      const options = valueAt(to, "features.subscriptionCancel.cancellationReason.options");
      return `Cancelling customers are asked why they leave: ${reasons(Array.isArray(options) ? options : [], "or")}.`;
    }, "Cancelling customers are no longer asked why they leave."),
  },
  "features.subscriptionCancel.cancellationReason.options": {
    subject: "the reasons offered to cancelling customers",
    say: listChange(
      (items) => reasons(items),
      (a) => `Cancelling customers can also answer ${a}.`,
      (r) => `Cancelling customers can no longer answer ${r}.`,
      (a, r) => `Cancelling customers can also answer ${a}, and no longer ${r}.`,
    ),
  },
  "features.subscriptionCancel.cancellationReason.feedbackOptions": {
    subject: "the custom feedback options",
    say: ({ before, after }) => [`The custom feedback options offered to cancelling customers change from ${plainList(before)} to ${plainList(after)}.`],
  },
  "features.subscriptionPause.enabled": {
    subject: "pausing subscriptions",
    feature: "pausing",
    say: onOff(({ to }) => pausing(to), "Customers can no longer pause subscriptions."),
  },
  "features.subscriptionPause.duration.type": {
    subject: "how long a pause lasts",
    absorbs: ["features.subscriptionPause.duration.intervalOptions"],
    say: ({ after, from, to }) => [
      after === "indefinite"
        ? `Customers can pause subscriptions until they resume them, instead of for ${pauseLengths(valueAt(from, "features.subscriptionPause.duration.intervalOptions"))}.`
        : `Pauses last ${pauseLengths(valueAt(to, "features.subscriptionPause.duration.intervalOptions"))} instead of until the customer resumes.`,
    ],
  },
  "features.subscriptionPause.duration.intervalOptions": {
    subject: "the pause lengths offered",
    say: ({ before, after, to }) => [
      valueAt(to, "features.subscriptionPause.duration.type") === "indefinite"
        ? `The pause lengths kept change from ${pauseLengths(before)} to ${pauseLengths(after)}; customers do not see them while pauses last until they resume.`
        : `Customers can pause subscriptions for ${pauseLengths(after)} instead of ${pauseLengths(before)}.`,
    ],
  },
  "features.subscriptionUpdate.enabled": {
    subject: "changing subscriptions",
    feature: "plan switching",
    say: onOff(({ to }) => switching(to), "Customers can no longer change their subscriptions."),
  },
  "features.subscriptionUpdate.defaultAllowedUpdates": {
    subject: "what customers may change in a subscription",
    say: listChange(
      subscriptionParts,
      (a) => `Customers can now also change the ${a} of a subscription.`,
      (r) => `Customers can no longer change the ${r} of a subscription.`,
      (a, r) => `Customers can now also change the ${a} of a subscription, and no longer its ${r}.`,
    ),
  },
  "features.subscriptionUpdate.prorationBehavior": {
    subject: "how plan changes are billed",
    say: ({ before, after }) => [`Plan changes are ${PRORATIONS[String(after)] ?? after} instead of ${PRORATIONS[String(before)] ?? before}.`],
  },
  "features.subscriptionUpdate.billingCycleAnchor": {
    subject: "the billing cycle on a plan change",
    say: ({ after }) => [after === "now" ? "A plan change restarts the billing cycle on the day of the change." : "A plan change no longer restarts the billing cycle."],
  },
  "features.subscriptionUpdate.trialUpdateBehavior": {
    subject: "a trial on a plan change",
    say: ({ after }) => [after === "continue_trial" ? "A plan change during a trial keeps the trial going." : "A plan change during a trial ends the trial."],
  },
  "features.subscriptionUpdate.scheduleAtPeriodEnd.conditions": {
    subject: "the changes deferred to the end of the billing period",
    say: listChange(
      deferred,
      (a) => `${capitalized(a)} wait until the end of the billing period.`,
      (r) => `${capitalized(r)} take effect at once again.`,
      (a, r) => `${capitalized(a)} wait until the end of the billing period; ${r} take effect at once again.`,
    ),
  },
  "features.subscriptionUpdate.products": {
    subject: "the products customers may switch between",
    say: productSentences,
  },
  "loginPage.enabled": {
    subject: "the hosted login page",
    feature: "the hosted login page",
    say: onOff(() => "Customers can sign in to the portal by email on Stripe's hosted login page.", "The hosted login page is turned off: customers can no longer sign in to the portal by email."),
  },
  metadata: { subject: "the metadata", say: metadataSentence },
  stripeAccount: {
    subject: "the account that owns the configuration",
    say: ({ after }) => [`The configuration moves to ${after ? `connected account ${after}` : "the platform account"}: a new one is created there, and the old one is deactivated.`],
  },
  adoptId: {
    subject: "the adopted configuration",
    say: ({ before, after }) => [`The configuration to adopt changes from ${before ?? "none"} to ${after ?? "none"}; it is read at create only, so nothing changes on Stripe.`],
  },
  active: {
    subject: "whether sessions can use the configuration",
    say: onOff(() => "The configuration is reactivated: portal sessions can use it again.", "The configuration is deactivated: new portal sessions can no longer use it."),
  },
};
