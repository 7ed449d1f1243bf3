/**
 * The review page, from changes made by hand: both sides drawn by the portal renderer the
 * emulator's session page uses, exactly the elements that differ marked (on each side, under the
 * wire path they show), values not known until deploy in words, everything escaped.
 */
import { customerSentences } from "../../cli/render/customerSummary";
import { blankSide, PortalChange, PortalSide } from "../../cli/render/previewChanges";
import { reviewPage } from "../../cli/render/reviewPage";
import { renderSessionPage } from "../../emulator/sessionPage";
import { UNKNOWN } from "../../provider/desiredState";
import { marksOn, sideText } from "./reviewPageReading";
import { withValue } from "./portalSideWith";

const BASE = withValue(withValue(withValue(blankSide(), "businessProfile.headline", "Acme billing"), "features.subscriptionCancel.enabled", true), "features.invoiceHistory.enabled", true);

function page(op: PortalChange["op"], before: PortalSide | undefined, after: PortalSide | undefined): string {
  const change: PortalChange = { urn: "urn:pulumi:dev::p::stripe-portal:index:PortalConfiguration::portal", name: "portal", type: "stripe-portal:index:PortalConfiguration", op, id: op === "create" ? undefined : "bpc_1", before, after, isDefault: false };
  return reviewPage(change, customerSentences(change));
}

describe("the review page", () => {
  it("marks the one element a one-field change changes, on both sides", () => {
    const html = page("update", BASE, withValue(BASE, "businessProfile.headline", "Your plan"));
    expect(marksOn(html, "before")).toEqual(["business_profile.headline"]);
    expect(marksOn(html, "after")).toEqual(["business_profile.headline"]);
    expect(html).toContain(`<h1 class="changed" data-change="business_profile.headline">Acme billing</h1>`);
    expect(html).toContain(`<h1 class="changed" data-change="business_profile.headline">Your plan</h1>`);
    expect(html).toContain("<li>The portal&#39;s headline changes from “Acme billing” to “Your plan”.</li>");
  });

  it("draws both sides as the session page draws the portal", () => {
    const html = page("update", BASE, withValue(BASE, "features.subscriptionCancel.mode", "immediately"));
    for (const side of ["before", "after"] as const) {
      expect(sideText(html, side)).toContain("What you can do here Feature Status Customer update off Invoice history on");
      expect(sideText(html, side)).toContain("Your invoice history is available.");
    }
    expect(sideText(html, "before")).toContain("Cancellation takes effect at the end of the billing period (at_period_end)");
    expect(sideText(html, "after")).toContain("Cancellation takes effect immediately (immediately)");
    expect(marksOn(html, "before")).toEqual(["features.subscription_cancel.mode"]);
    expect(marksOn(html, "after")).toEqual(["features.subscription_cancel.mode"]);
  });

  it("marks a setting behind the portal in its row", () => {
    const html = page("update", BASE, withValue(BASE, "name", "Self-serve"));
    expect(marksOn(html, "after")).toEqual(["name"]);
    expect(html).toMatch(/<tr class="changed" data-change="name"><td>Name \(yours, not shown to customers\)<\/td><td>Self-serve<\/td><\/tr>/);
  });

  it("lists a change no side shows: a setting of a feature off on both sides", () => {
    const html = page("update", BASE, withValue(BASE, "features.subscriptionPause.duration.type", "indefinite"));
    expect(marksOn(html, "before")).toEqual([]);
    expect(html).toContain(`Also changed, not shown while its feature is off: <code>features.subscription_pause.duration.type</code>`);
  });

  it("a create: nothing before, everything after marked", () => {
    const html = page("create", undefined, BASE);
    expect(sideText(html, "before")).toBe("Before: as Stripe holds it No configuration yet: this change creates it.");
    expect(marksOn(html, "after")).toEqual(["business_profile.headline", "features.customer_update.enabled", "features.invoice_history.enabled", "features.payment_method_update.enabled", "features.subscription_cancel.enabled", "features.subscription_pause.enabled", "features.subscription_update.enabled", "features.invoice_history", "features.subscription_cancel", "features.subscription_cancel.mode", "features.subscription_cancel.proration_behavior", "features.subscription_cancel.cancellation_reason.enabled", "name", "default_return_url", "login_page.enabled", "features.payment_method_update.payment_method_configuration", "features.subscription_cancel.cancellation_reason.feedback_options", "features.subscription_update.billing_cycle_anchor", "features.subscription_update.trial_update_behavior", "features.subscription_update.schedule_at_period_end.conditions", "metadata", "stripe_account", "adopt_id"]);
  });

  it("a delete: everything before marked, after deactivated", () => {
    const html = page("delete", BASE, undefined);
    expect(marksOn(html, "before")).toEqual(["business_profile.headline", "features.customer_update.enabled", "features.invoice_history.enabled", "features.payment_method_update.enabled", "features.subscription_cancel.enabled", "features.subscription_pause.enabled", "features.subscription_update.enabled", "features.invoice_history", "features.subscription_cancel", "features.subscription_cancel.mode", "features.subscription_cancel.proration_behavior", "features.subscription_cancel.cancellation_reason.enabled", "name", "default_return_url", "login_page.enabled", "features.payment_method_update.payment_method_configuration", "features.subscription_cancel.cancellation_reason.feedback_options", "features.subscription_update.billing_cycle_anchor", "features.subscription_update.trial_update_behavior", "features.subscription_update.schedule_at_period_end.conditions", "metadata", "stripe_account", "adopt_id"]);
    expect(sideText(html, "after")).toContain("Deactivated: customers can no longer open a portal with this configuration (bpc_1). Stripe keeps it, inactive.");
  });

  it("shows a value not known until deploy in words", () => {
    const html = page("update", BASE, withValue(BASE, "businessProfile.headline", UNKNOWN));
    expect(html).toContain(`<h1 class="changed" data-change="business_profile.headline"><em class="unknown">known after deploy</em></h1>`);
    expect(html).toContain("<li>The portal&#39;s headline will be known only after deploy.</li>");
    expect(html).not.toContain(UNKNOWN);
  });

  it("shows a whole object not known until deploy in words", () => {
    const html = page("update", BASE, withValue(BASE, "features", UNKNOWN));
    expect(sideText(html, "after")).toContain("What you can do here known after deploy Behind the portal");
    expect(marksOn(html, "after")).toEqual(["features", "features.subscription_update.billing_cycle_anchor", "features.subscription_update.trial_update_behavior"]);
    expect(html).toContain("<li>Features will be known only after deploy.</li>");
    expect(html).not.toContain(UNKNOWN);
  });

  it("escapes what the program declares", () => {
    const html = page("update", BASE, withValue(BASE, "businessProfile.headline", `<script>alert("x")</script>`));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("the session page draws the same portal with nothing marked", () => {
    const configuration = { id: "bpc_1", livemode: false, active: true, business_profile: { headline: "Acme billing" }, features: { invoice_history: { enabled: true } } };
    const html = renderSessionPage({ id: "bps_1", customer: "cus_1", return_url: "https://acme.test" }, configuration);
    expect(html).toContain("<h1>Acme billing</h1>");
    expect(html).not.toMatch(/changed|data-change/);
  });
});
