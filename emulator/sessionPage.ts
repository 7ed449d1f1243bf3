/**
 * The HTML behind a session's `url` (and a configuration's `login_page.url`): a plain page showing
 * what the configuration gives this customer, so a person can see the effect of a Pulumi program
 * without a Stripe account. The portal itself is portalView.ts's (shared with `stripe-portal
 * render`); this file adds what belongs to a session: who it is for, its flow, its return link.
 */
import { escapeHtml, htmlPage } from "./htmlPage";
import { isPlainObject, valueAt, type Json, type JsonObject } from "./jsonValue";
import { inactiveNotice, label, linkTo, PortalDrawing, portalFeatures, portalHeader, valueText } from "./portalView";

function flowSection(flow: Json): string {
  if (!isPlainObject(flow)) return "";
  const type = String(flow.type);
  const target = isPlainObject(flow[type]) ? valueAt(flow[type], "subscription") : undefined;
  return `<h2>Flow</h2><p>This session opens the <strong>${escapeHtml(label(type))}</strong> flow${typeof target === "string" ? ` for subscription <code>${valueText(target)}</code>` : ""}; afterwards: ${afterCompletion(flow)}.</p>`;
}

/** Where the customer lands once the flow is done, with the URL or message the session set. */
function afterCompletion(flow: JsonObject): string {
  const type = valueAt(flow, "after_completion.type");
  if (type === "redirect") {
    const url = valueAt(flow, "after_completion.redirect.return_url");
    return `back to ${linkTo(url, String(url))}`;
  }
  if (type === "hosted_confirmation") {
    const message = valueAt(flow, "after_completion.hosted_confirmation.custom_message");
    return `a confirmation page${typeof message === "string" ? ` saying “${valueText(message)}”` : ""}`;
  }
  return type === "portal_homepage" ? "the portal's home page" : `<code>${valueText(type)}</code>`;
}

/** The emulator says which mode it plays; a person must never take its page for Stripe's. */
function modeBadge(configuration: JsonObject): string {
  return configuration.livemode === true ? "Live mode (emulated)" : "Test mode (emulated)";
}

function headlineOr(configuration: JsonObject, title: string): string {
  const headline = valueAt(configuration, "business_profile.headline");
  return typeof headline === "string" ? headline : title;
}

/** The customer portal as this session would show it, from the configuration's current state. */
export function renderSessionPage(session: JsonObject, configuration: JsonObject): string {
  const d = new PortalDrawing();
  const customer = session.customer ?? session.customer_account;
  const body = `${portalHeader(d, configuration, "Customer portal", modeBadge(configuration))}
<p class="muted">Customer <code>${valueText(customer)}</code> · configuration <code>${valueText(configuration.id)}</code>${configuration.name ? ` (${valueText(configuration.name)})` : ""} · session <code>${valueText(session.id)}</code>${session.locale ? ` · locale <code>${valueText(session.locale)}</code>` : ""}</p>
${inactiveNotice(d, configuration)}
${flowSection(session.flow)}
${portalFeatures(d, configuration)}
<h2>Leave the portal</h2>
<p>Return to the business: ${linkTo(session.return_url, String(session.return_url))}</p>`;
  return htmlPage(headlineOr(configuration, "Customer portal"), body);
}

/** The hosted login page of a configuration with `login_page.enabled`. */
export function renderLoginPage(configuration: JsonObject): string {
  const body = `${portalHeader(new PortalDrawing(), configuration, "Customer portal", modeBadge(configuration))}
<h2>Sign in</h2>
<p>Customers enter their email address here to receive a link to the portal (configuration <code>${valueText(configuration.id)}</code>). The emulator sends no email.</p>
<form onsubmit="return false"><input type="email" placeholder="you@example.com" aria-label="Email"> <button type="submit">Send link</button></form>`;
  return htmlPage("Customer portal sign-in", body);
}

/** What an unknown or expired link answers. */
export function renderMissingPage(what: string): string {
  return htmlPage("Link not found", `<h1>This link is not valid</h1><p>${escapeHtml(what)} does not exist in this emulator (sessions live in memory only and end when the emulator stops).</p>`);
}
