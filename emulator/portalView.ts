/**
 * What a configuration gives a customer, as HTML: the header (headline, policy links), the feature
 * table and a section per feature that is on, and the settings behind them. The emulator's session
 * page shows it for one session; `stripe-portal render` shows it twice, before and after a change,
 * with every element that differs marked. One renderer, so that a reviewer sees the page a
 * customer gets. It reads a configuration in Stripe's wire shape (snake_case), every value escaped.
 */
import { isUnknown } from "../provider/desiredState";
import { escapeHtml } from "./htmlPage";
import { isPlainObject, valueAt, type Json, type JsonObject } from "./jsonValue";

/**
 * One drawing of a portal. Every element that shows a part of the configuration is drawn under a
 * key, the wire path it shows (`features.subscription_cancel.mode`; a list item adds itself in
 * brackets: `features.customer_update.allowed_updates[email]`). `drawn` keeps each key's HTML as
 * drawn unmarked, so that two drawings can be compared (`differingKeys`); a drawing given the keys
 * that differ marks those elements (`class="changed"`, `data-change` = the key). With no keys to
 * mark, the HTML is the plain page.
 */
export class PortalDrawing {
  readonly drawn = new Map<string, string>();

  constructor(private readonly marked: ReadonlySet<string> = new Set()) {}

  /** `<tag class attributes>inner</tag>`, drawn under `key`. */
  element(key: string, tag: string, inner: string, className = "", attributes = ""): string {
    const plain = `<${tag}${className ? ` class="${className}"` : ""}${attributes}>${inner}</${tag}>`;
    this.record(key, plain);
    if (!this.marked.has(key)) return plain;
    return `<${tag} class="${[className, "changed"].filter(Boolean).join(" ")}" data-change="${escapeHtml(key)}"${attributes}>${inner}</${tag}>`;
  }

  /** Text that has no element of its own: a span holds it only while it is marked. */
  text(key: string, inner: string): string {
    this.record(key, inner);
    return this.marked.has(key) ? `<span class="changed" data-change="${escapeHtml(key)}">${inner}</span>` : inner;
  }

  private record(key: string, html: string): void {
    const before = this.drawn.get(key);
    this.drawn.set(key, before === undefined ? html : `${before}\n${html}`);
  }
}

/** The keys two drawings draw differently, or that one of them draws and the other does not. */
export function differingKeys(a: PortalDrawing, b: PortalDrawing): Set<string> {
  const keys = new Set([...a.drawn.keys(), ...b.drawn.keys()]);
  return new Set([...keys].filter((key) => a.drawn.get(key) !== b.drawn.get(key)));
}

/** What a value not known until deploy (a preview's unknown) reads as. */
export const UNKNOWN_TEXT = "known after deploy";

/** `subscription_cancel` -> `Subscription cancel`. */
export function label(wire: string): string {
  const words = wire.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value as text, escaped; a preview's unknown as "known after deploy". */
export function valueText(value: unknown): string {
  return isUnknown(value) ? `<em class="unknown">${UNKNOWN_TEXT}</em>` : escapeHtml(String(value));
}

/** A link, or nothing when there is no URL. */
export function linkTo(url: unknown, caption: string): string {
  if (isUnknown(url)) return `${escapeHtml(caption)}: ${valueText(url)}`;
  return typeof url === "string" ? `<a href="${escapeHtml(url)}">${escapeHtml(caption)}</a>` : "";
}

/** A list at a path, or "unknown" for a preview's unknown; anything else is no item. */
function listAt(root: unknown, path: string): Json[] | "unknown" {
  const value = valueAt(root, path);
  if (isUnknown(value)) return "unknown";
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** What a list not known yet shows. */
const UNKNOWN_ITEMS = `<em class="unknown">${UNKNOWN_TEXT}</em>`;

function bulletList(d: PortalDrawing, key: string, items: Json[] | "unknown", caption: (item: Json) => string, empty: string): string {
  if (items === "unknown") return d.element(key, "p", UNKNOWN_ITEMS, "muted");
  if (items.length === 0) return d.element(key, "p", escapeHtml(empty), "muted");
  return `<ul>${items.map((item) => d.element(`${key}[${String(item)}]`, "li", valueText(caption(item)))).join("")}</ul>`;
}

function onOff(enabled: unknown): string {
  if (isUnknown(enabled)) return valueText(enabled);
  return enabled === true ? `<span class="on">on</span>` : `<span class="off">off</span>`;
}

/**
 * The top of the portal: the badge (the emulator's test or live mode; none in a review), the
 * headline (else `title`) and the policy links.
 */
export function portalHeader(d: PortalDrawing, configuration: JsonObject, title: string, badge?: string): string {
  const headline = valueAt(configuration, "business_profile.headline");
  const policies = [
    policyLink(d, configuration, "privacy_policy_url", "Privacy policy"),
    policyLink(d, configuration, "terms_of_service_url", "Terms of service"),
  ].filter(Boolean);
  return `${badge === undefined ? "" : `<p><span class="badge">${escapeHtml(badge)}</span></p>\n`}${d.element("business_profile.headline", "h1", typeof headline === "string" ? valueText(headline) : escapeHtml(title))}
${policies.length ? `<p>${policies.join(" · ")}</p>` : ""}`;
}

function policyLink(d: PortalDrawing, configuration: JsonObject, field: string, caption: string): string {
  const key = `business_profile.${field}`;
  const url = valueAt(configuration, key);
  if (isUnknown(url)) return d.text(key, linkTo(url, caption));
  return typeof url === "string" ? d.element(key, "a", escapeHtml(caption), "", ` href="${escapeHtml(url)}"`) : "";
}

/** Says so when sessions can no longer use the configuration; nothing while it is active. */
export function inactiveNotice(d: PortalDrawing, configuration: JsonObject): string {
  return configuration.active === true ? "" : d.element("active", "p", "This configuration is no longer active.", "off");
}

/** What the customer can do: a row per feature (whatever features the schema holds), then a section per feature that is on. */
export function portalFeatures(d: PortalDrawing, configuration: JsonObject): string {
  const given = valueAt(configuration, "features");
  if (isUnknown(given)) return `<h2>What you can do here</h2>\n${d.element("features", "p", UNKNOWN_ITEMS, "muted")}`;
  const features = isPlainObject(given) ? (given as JsonObject) : {};
  return `<h2>What you can do here</h2>
${featureTable(d, features)}
${valueAt(features, "invoice_history.enabled") === true ? d.element("features.invoice_history", "p", "Your invoice history is available.") : ""}
${valueAt(features, "payment_method_update.enabled") === true ? d.element("features.payment_method_update", "p", "You can update your payment methods.") : ""}
${customerUpdateSection(d, features)}
${switchingSection(d, features)}
${pauseSection(d, features)}
${cancellationSection(d, features)}`;
}

function featureTable(d: PortalDrawing, features: JsonObject): string {
  const rows = Object.entries(features).map(([name, feature]) =>
    d.element(`features.${name}.enabled`, "tr", `<td>${escapeHtml(label(name))}</td><td>${onOff(valueAt(feature, "enabled"))}</td>`),
  );
  return `<table><thead><tr><th>Feature</th><th>Status</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** A feature's heading, drawn under the feature's key: marked when the other side has no such section. */
function heading(d: PortalDrawing, feature: string, text: string): string {
  return d.element(`features.${feature}`, "h2", escapeHtml(text));
}

function customerUpdateSection(d: PortalDrawing, features: JsonObject): string {
  if (valueAt(features, "customer_update.enabled") !== true) return "";
  const allowed = listAt(features, "customer_update.allowed_updates");
  return `${heading(d, "customer_update", "Update your details")}${bulletList(d, "features.customer_update.allowed_updates", allowed, (item) => label(String(item)), "No customer details can be changed.")}`;
}

function cancellationSection(d: PortalDrawing, features: JsonObject): string {
  if (valueAt(features, "subscription_cancel.enabled") !== true) return "";
  const mode = valueAt(features, "subscription_cancel.mode");
  const when = isUnknown(mode) ? valueText(mode) : mode === "immediately" ? "immediately" : "at the end of the billing period";
  const reasonsOn = valueAt(features, "subscription_cancel.cancellation_reason.enabled") === true;
  const reasonsKey = "features.subscription_cancel.cancellation_reason";
  const reasons = listAt(features, "subscription_cancel.cancellation_reason.options");
  const modeKey = "features.subscription_cancel.mode";
  const proration = d.element("features.subscription_cancel.proration_behavior", "code", valueText(valueAt(features, "subscription_cancel.proration_behavior")));
  return `${heading(d, "subscription_cancel", "Cancel your subscription")}
<p>Cancellation takes effect ${d.element(modeKey, "strong", when)} (${d.element(modeKey, "code", valueText(mode))}), proration: ${proration}.</p>
${reasonsOn
    ? `${d.element(`${reasonsKey}.enabled`, "p", "We will ask why you cancel:")}${bulletList(d, `${reasonsKey}.options`, reasons, (reason) => label(String(reason)), "No reasons offered.")}`
    : d.element(`${reasonsKey}.enabled`, "p", "No cancellation reason is asked.", "muted")}`;
}

function pauseSection(d: PortalDrawing, features: JsonObject): string {
  if (valueAt(features, "subscription_pause.enabled") !== true) return "";
  const options = listAt(features, "subscription_pause.duration.interval_options");
  const durations = options === "unknown" ? options : (options as JsonObject[]).map((option) => `${option.interval_count} ${option.interval}${option.interval_count === 1 ? "" : "s"}`);
  const type = d.element("features.subscription_pause.duration.type", "code", valueText(valueAt(features, "subscription_pause.duration.type")));
  return `${heading(d, "subscription_pause", "Pause your subscription")}<p>Pause duration: ${type}</p>${durations.length ? bulletList(d, "features.subscription_pause.duration.interval_options", durations, String, "") : ""}`;
}

function switchingSection(d: PortalDrawing, features: JsonObject): string {
  if (valueAt(features, "subscription_update.enabled") !== true) return "";
  const key = "features.subscription_update";
  const allowed = listAt(features, "subscription_update.default_allowed_updates");
  const products = listAt(features, "subscription_update.products");
  const changeable =
    allowed === "unknown" ? d.text(`${key}.default_allowed_updates`, UNKNOWN_ITEMS)
    : allowed.length ? d.text(`${key}.default_allowed_updates`, allowed.map((item) => escapeHtml(label(String(item)))).join(", "))
    : d.element(`${key}.default_allowed_updates`, "span", "nothing", "muted");
  const proration = d.element(`${key}.proration_behavior`, "code", valueText(valueAt(features, "subscription_update.proration_behavior")));
  const table =
    products === "unknown" ? d.element(`${key}.products`, "p", UNKNOWN_ITEMS, "muted")
    : products.length ? `<table><thead><tr><th>Product</th><th>Prices open for switching</th><th>Quantity</th></tr></thead><tbody>${(products as JsonObject[]).map((product) => productRow(d, product)).join("")}</tbody></table>`
    : d.element(`${key}.products`, "p", "No products are open for switching.", "muted");
  return `${heading(d, "subscription_update", "Change your plan")}
<p>You may change: ${changeable}. Proration: ${proration}.</p>
${table}`;
}

function productRow(d: PortalDrawing, product: JsonObject): string {
  const prices = Array.isArray(product.prices) ? product.prices : [];
  const quantity = isPlainObject(product.adjustable_quantity) && product.adjustable_quantity.enabled === true
    ? `adjustable (${valueText(product.adjustable_quantity.minimum)}–${product.adjustable_quantity.maximum === null ? "any" : valueText(product.adjustable_quantity.maximum)})`
    : "fixed";
  const cells = `<td><code>${valueText(product.product)}</code></td><td>${prices.map((price) => `<code>${valueText(price)}</code>`).join(", ")}</td><td>${quantity}</td>`;
  return d.element(`features.subscription_update.products[${String(product.product)}]`, "tr", cells);
}

/**
 * The settings the portal's pages do not show but that change what a customer gets or what the
 * business sees: a row each, drawn under its path, so a change to one is marked like any other.
 */
const SETTINGS: readonly [path: string, caption: string][] = [
  ["name", "Name (yours, not shown to customers)"],
  ["default_return_url", "Return link (when a session names none)"],
  ["login_page.enabled", "Hosted sign-in page"],
  ["features.payment_method_update.payment_method_configuration", "Payment method configuration"],
  ["features.subscription_cancel.cancellation_reason.feedback_options", "Custom feedback options"],
  ["features.subscription_update.billing_cycle_anchor", "Billing cycle on a plan change"],
  ["features.subscription_update.trial_update_behavior", "A trial on a plan change"],
  ["features.subscription_update.schedule_at_period_end.conditions", "Changes deferred to the period's end"],
  ["metadata", "Metadata"],
];

/** The settings behind the portal, a row each; `more` adds rows of the page's own (drawn alike: `settingRow`). */
export function portalSettings(d: PortalDrawing, configuration: JsonObject, more = ""): string {
  const rows = SETTINGS.map(([path, caption]) => settingRow(d, path, caption, valueAt(configuration, path)));
  return `<h2>Behind the portal</h2>
<table><tbody>${rows.join("")}${more}</tbody></table>`;
}

/** One setting's row: its caption and its value, drawn under `key`. */
export function settingRow(d: PortalDrawing, key: string, caption: string, value: unknown): string {
  return d.element(key, "tr", `<td>${escapeHtml(caption)}</td><td>${settingText(value)}</td>`);
}

/** A setting's value in a cell: none, on/off, a list's items, a map's pairs. */
function settingText(value: unknown): string {
  const none = `<span class="muted">none</span>`;
  if (value === null || value === undefined) return none;
  if (typeof value === "boolean") return onOff(value);
  if (Array.isArray(value)) return value.length ? value.map((item) => (isPlainObject(item) && "type" in item ? valueText(item.type) : valueText(item))).join(", ") : none;
  if (isPlainObject(value)) {
    const pairs = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return pairs.length ? pairs.map(([key, item]) => `<code>${escapeHtml(key)}</code>: ${valueText(item)}`).join(", ") : none;
  }
  return valueText(value);
}
