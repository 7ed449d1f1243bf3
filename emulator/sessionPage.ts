/**
 * The HTML behind a session's `url` (and a configuration's `login_page.url`): a plain page showing
 * what the configuration gives this customer, so a person can see the effect of a Pulumi program
 * without a Stripe account. Self-contained (inline CSS), every value escaped.
 */
import { isPlainObject, valueAt, type Json, type JsonObject } from "./jsonValue";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** `subscription_cancel` -> `Subscription cancel`. */
function label(wire: string): string {
  const words = wire.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(value: unknown): string {
  return escapeHtml(String(value));
}

function link(url: unknown, caption: string): string {
  return typeof url === "string" ? `<a href="${text(url)}">${escapeHtml(caption)}</a>` : "";
}

function bulletList(items: readonly unknown[], empty: string): string {
  if (items.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<ul>${items.map((item) => `<li>${text(item)}</li>`).join("")}</ul>`;
}

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1f36; background: #f6f9fc; margin: 0; }
main { max-width: 760px; margin: 2rem auto; background: #fff; border: 1px solid #e3e8ee; border-radius: 8px; padding: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #e3e8ee; padding-bottom: .25rem; }
.muted { color: #697386; } .badge { display: inline-block; font-size: .75rem; padding: .1rem .5rem; border-radius: 4px; background: #ffe8cc; color: #8a4b00; }
.on { color: #0e6245; font-weight: 600; } .off { color: #a41c4e; font-weight: 600; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
code { background: #f6f9fc; padding: 0 .25rem; border-radius: 3px; } a { color: #635bff; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
}

function onOff(enabled: unknown): string {
  return enabled === true ? `<span class="on">on</span>` : `<span class="off">off</span>`;
}

/** One row per feature of the configuration, whatever features the schema holds. */
function featureTable(features: JsonObject): string {
  const rows = Object.entries(features).map(
    ([name, feature]) => `<tr><td>${escapeHtml(label(name))}</td><td>${onOff(valueAt(feature, "enabled"))}</td></tr>`,
  );
  return `<table><thead><tr><th>Feature</th><th>Status</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function customerUpdateSection(features: JsonObject): string {
  if (valueAt(features, "customer_update.enabled") !== true) return "";
  const allowed = (valueAt(features, "customer_update.allowed_updates") as Json[] | undefined) ?? [];
  return `<h2>Update your details</h2>${bulletList(allowed.map((item) => label(String(item))), "No customer details can be changed.")}`;
}

function cancellationSection(features: JsonObject): string {
  if (valueAt(features, "subscription_cancel.enabled") !== true) return "";
  const mode = valueAt(features, "subscription_cancel.mode");
  const reasonsOn = valueAt(features, "subscription_cancel.cancellation_reason.enabled") === true;
  const reasons = (valueAt(features, "subscription_cancel.cancellation_reason.options") as Json[] | undefined) ?? [];
  return `<h2>Cancel your subscription</h2>
<p>Cancellation takes effect <strong>${mode === "immediately" ? "immediately" : "at the end of the billing period"}</strong> (<code>${text(mode)}</code>), proration: <code>${text(valueAt(features, "subscription_cancel.proration_behavior"))}</code>.</p>
${reasonsOn ? `<p>We will ask why you cancel:</p>${bulletList(reasons.map((reason) => label(String(reason))), "No reasons offered.")}` : `<p class="muted">No cancellation reason is asked.</p>`}`;
}

function pauseSection(features: JsonObject): string {
  if (valueAt(features, "subscription_pause.enabled") !== true) return "";
  const options = (valueAt(features, "subscription_pause.duration.interval_options") as JsonObject[] | undefined) ?? [];
  const durations = options.map((option) => `${option.interval_count} ${option.interval}${option.interval_count === 1 ? "" : "s"}`);
  return `<h2>Pause your subscription</h2><p>Pause duration: <code>${text(valueAt(features, "subscription_pause.duration.type"))}</code></p>${durations.length ? bulletList(durations, "") : ""}`;
}

function switchingSection(features: JsonObject): string {
  if (valueAt(features, "subscription_update.enabled") !== true) return "";
  const allowed = (valueAt(features, "subscription_update.default_allowed_updates") as Json[] | undefined) ?? [];
  const products = (valueAt(features, "subscription_update.products") as JsonObject[] | undefined) ?? [];
  const rows = products.map((product) => {
    const prices = Array.isArray(product.prices) ? product.prices : [];
    const quantity = isPlainObject(product.adjustable_quantity) && product.adjustable_quantity.enabled === true
      ? `adjustable (${text(product.adjustable_quantity.minimum)}–${product.adjustable_quantity.maximum === null ? "any" : text(product.adjustable_quantity.maximum)})`
      : "fixed";
    return `<tr><td><code>${text(product.product)}</code></td><td>${prices.map((price) => `<code>${text(price)}</code>`).join(", ")}</td><td>${quantity}</td></tr>`;
  });
  return `<h2>Change your plan</h2>
<p>You may change: ${allowed.length ? allowed.map((item) => escapeHtml(label(String(item)))).join(", ") : `<span class="muted">nothing</span>`}. Proration: <code>${text(valueAt(features, "subscription_update.proration_behavior"))}</code>.</p>
${rows.length ? `<table><thead><tr><th>Product</th><th>Prices open for switching</th><th>Quantity</th></tr></thead><tbody>${rows.join("")}</tbody></table>` : `<p class="muted">No products are open for switching.</p>`}`;
}

function flowSection(flow: Json): string {
  if (!isPlainObject(flow)) return "";
  const type = String(flow.type);
  const target = isPlainObject(flow[type]) ? valueAt(flow[type], "subscription") : undefined;
  return `<h2>Flow</h2><p>This session opens the <strong>${escapeHtml(label(type))}</strong> flow${typeof target === "string" ? ` for subscription <code>${text(target)}</code>` : ""}; afterwards: ${afterCompletion(flow)}.</p>`;
}

/** Where the customer lands once the flow is done, with the URL or message the session set. */
function afterCompletion(flow: JsonObject): string {
  const type = valueAt(flow, "after_completion.type");
  if (type === "redirect") {
    const url = valueAt(flow, "after_completion.redirect.return_url");
    return `back to ${link(url, String(url))}`;
  }
  if (type === "hosted_confirmation") {
    const message = valueAt(flow, "after_completion.hosted_confirmation.custom_message");
    return `a confirmation page${typeof message === "string" ? ` saying “${text(message)}”` : ""}`;
  }
  return type === "portal_homepage" ? "the portal's home page" : `<code>${text(type)}</code>`;
}

function headerOf(configuration: JsonObject, title: string): string {
  const headline = valueAt(configuration, "business_profile.headline");
  const policies = [
    link(valueAt(configuration, "business_profile.privacy_policy_url"), "Privacy policy"),
    link(valueAt(configuration, "business_profile.terms_of_service_url"), "Terms of service"),
  ].filter(Boolean);
  return `<p><span class="badge">${configuration.livemode === true ? "Live mode (emulated)" : "Test mode (emulated)"}</span></p>
<h1>${escapeHtml(typeof headline === "string" ? headline : title)}</h1>
${policies.length ? `<p>${policies.join(" · ")}</p>` : ""}`;
}

/** The customer portal as this session would show it, from the configuration's current state. */
export function renderSessionPage(session: JsonObject, configuration: JsonObject): string {
  const features = (valueAt(configuration, "features") as JsonObject | undefined) ?? {};
  const customer = session.customer ?? session.customer_account;
  const body = `${headerOf(configuration, "Customer portal")}
<p class="muted">Customer <code>${text(customer)}</code> · configuration <code>${text(configuration.id)}</code>${configuration.name ? ` (${text(configuration.name)})` : ""} · session <code>${text(session.id)}</code>${session.locale ? ` · locale <code>${text(session.locale)}</code>` : ""}</p>
${configuration.active === true ? "" : `<p class="off">This configuration is no longer active.</p>`}
${flowSection(session.flow)}
<h2>What you can do here</h2>
${featureTable(features)}
${valueAt(features, "invoice_history.enabled") === true ? "<p>Your invoice history is available.</p>" : ""}
${valueAt(features, "payment_method_update.enabled") === true ? "<p>You can update your payment methods.</p>" : ""}
${customerUpdateSection(features)}
${switchingSection(features)}
${pauseSection(features)}
${cancellationSection(features)}
<h2>Leave the portal</h2>
<p>Return to the business: ${link(session.return_url, String(session.return_url))}</p>`;
  return page(typeof valueAt(configuration, "business_profile.headline") === "string" ? String(valueAt(configuration, "business_profile.headline")) : "Customer portal", body);
}

/** The hosted login page of a configuration with `login_page.enabled`. */
export function renderLoginPage(configuration: JsonObject): string {
  const body = `${headerOf(configuration, "Customer portal")}
<h2>Sign in</h2>
<p>Customers enter their email address here to receive a link to the portal (configuration <code>${text(configuration.id)}</code>). The emulator sends no email.</p>
<form onsubmit="return false"><input type="email" placeholder="you@example.com" aria-label="Email"> <button type="submit">Send link</button></form>`;
  return page("Customer portal sign-in", body);
}

/** What an unknown or expired link answers. */
export function renderMissingPage(what: string): string {
  return page("Link not found", `<h1>This link is not valid</h1><p>${escapeHtml(what)} does not exist in this emulator (sessions live in memory only and end when the emulator stops).</p>`);
}
