/**
 * The session page as a person sees it: the emulator serves it at the session's `url`, Debian's
 * `chromium` renders it headless (`scripts/ensure-chromium.sh`, run by `npm test`, installs it),
 * and the test reads the rendered DOM and checks the screenshot.
 */
import { execFile } from "child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Emulator, startEmulator } from "../../emulator";
import { createConfiguration } from "../../provider/configurationsApi";
import { FormParams } from "../../provider/encodeForm";
import { StripeClient } from "../../provider/stripeClient";
import { createPortalSession, PortalSession } from "../../sdk/portalSession";
import { decodePng, pixelAt, Png } from "./png";
import { visibleText } from "./visibleText";

const KEY = "sk_test_page_4242";
const WIDTH = 1200;
const HEIGHT = 1600;
let emulator: Emulator;
let work: string;
let configurationId: string;
let session: PortalSession;
let dom: string;
let screenshot: Buffer;
let png: Png | undefined;
/** The screenshot decoded, once. */
const decoded = (): Png => (png ??= decodePng(screenshot));

/** The configuration a person would want to see on the page: a bit of everything, some features off. */
const CONFIGURATION: FormParams = {
  name: "Self-serve",
  business_profile: { headline: "Acme billing", privacy_policy_url: "https://acme.test/privacy", terms_of_service_url: "https://acme.test/terms" },
  default_return_url: "https://acme.test/account",
  features: {
    customer_update: { enabled: "true", allowed_updates: ["email", "tax_id", "address"] },
    invoice_history: { enabled: "false" },
    payment_method_update: { enabled: "true" },
    subscription_cancel: {
      enabled: "true",
      mode: "immediately",
      proration_behavior: "create_prorations",
      cancellation_reason: { enabled: "true", options: ["too_expensive", "missing_features", "other"] },
    },
    subscription_pause: { enabled: "false" },
    subscription_update: {
      enabled: "true",
      default_allowed_updates: ["price", "quantity"],
      proration_behavior: "always_invoice",
      products: [
        { product: "prod_basic", prices: ["price_basic_m", "price_basic_y"] },
        { product: "prod_pro", prices: ["price_pro_m"], adjustable_quantity: { enabled: "true", minimum: "1", maximum: "10" } },
      ],
    },
  },
};

/** Runs Debian's chromium headless with its own new profile; resolves with its stdout. */
function chromium(args: string[]): Promise<string> {
  const profile = mkdtempSync(join(work, "profile-"));
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`];
  return new Promise((resolve, reject) => {
    execFile("chromium", [...flags, ...args], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        reject(new Error(missing ? "chromium is not on PATH: run scripts/ensure-chromium.sh (npm test runs it first as the pretest script)." : `chromium failed: ${error.message}\n${stderr}`));
      } else resolve(stdout);
    });
  });
}

/** The page's `<main>` cut at its `<h2>`s: the header first, then [heading, text] per section. */
function sectionsOf(html: string): [string, string][] {
  const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1];
  if (main === undefined) throw new Error(`no <main> in the page:\n${html}`);
  const [header, ...rest] = main.split(/<h2>/);
  return [["", visibleText(header)], ...rest.map((part): [string, string] => {
    const [heading, body] = part.split("</h2>");
    return [visibleText(heading), visibleText(body)];
  })];
}

/** The CSS colour a rule of the page's inline style sets, as RGB. */
function cssColour(html: string, selector: string, property = "color"): [number, number, number] {
  const rule = new RegExp(`(?:^|[}\\s])${selector.replace(".", "\\.")} \\{[^}]*?(?:^|[;{\\s])${property}: #([0-9a-f]{6}|[0-9a-f]{3})\\b`, "m").exec(html);
  if (!rule) throw new Error(`no ${property} for ${selector} in the page's style`);
  const hex = rule[1].length === 3 ? rule[1].replace(/./g, "$&$&") : rule[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function countColour(png: Png, [r, g, b]: [number, number, number]): number {
  let count = 0;
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    if (png.pixels[i] === r && png.pixels[i + 1] === g && png.pixels[i + 2] === b) count++;
  }
  return count;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "session-page-"));
  emulator = await startEmulator({ port: 0 });
  const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive" });
  configurationId = (await createConfiguration(client, CONFIGURATION)).body.id;
  session = await createPortalSession({ customer: "cus_123", configuration: configurationId, returnUrl: "https://acme.test/billing", locale: "fr" }, { apiKey: KEY, apiBase: emulator.url });
  const file = join(work, "session.png");
  const [dumped] = await Promise.all([
    chromium(["--dump-dom", `--window-size=${WIDTH},${HEIGHT}`, session.url]),
    chromium([`--screenshot=${file}`, `--window-size=${WIDTH},${HEIGHT}`, session.url]),
  ]);
  dom = dumped;
  screenshot = readFileSync(file);
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the session page in headless Chromium", () => {
  it("is the portal of the session's configuration", () => {
    expect(session.url).toMatch(new RegExp(`^${emulator.url.replace(/\./g, "\\.")}/p/session/test_[A-Za-z0-9]{32}$`));
    expect(dom).toMatch(/^<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">/);
    expect(/<title>(.*?)<\/title>/.exec(dom)?.[1]).toBe("Acme billing");
    expect(/<h1>(.*?)<\/h1>/.exec(dom)?.[1]).toBe("Acme billing");
  });

  it("shows the headline, policy links, features, allowed updates, products, cancellation and the return link", () => {
    expect(sectionsOf(dom)).toEqual([
      ["", `Test mode (emulated) Acme billing Privacy policy · Terms of service Customer cus_123 · configuration ${configurationId} (Self-serve) · session ${session.id} · locale fr`],
      [
        "What you can do here",
        "Feature Status Customer update on Invoice history off Payment method update on Subscription cancel on Subscription pause off Subscription update on You can update your payment methods.",
      ],
      ["Update your details", "Email Tax id Address"],
      ["Change your plan", "You may change: Price, Quantity. Proration: always_invoice. Product Prices open for switching Quantity prod_basic price_basic_m, price_basic_y fixed prod_pro price_pro_m adjustable (1–10)"],
      ["Cancel your subscription", "Cancellation takes effect immediately (immediately), proration: create_prorations. We will ask why you cancel: Too expensive Missing features Other"],
      ["Leave the portal", "Return to the business: https://acme.test/billing"],
    ]);
  });

  it("links the policies and returns to the session's return URL", () => {
    const links = [...dom.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map(([, href, text]) => [href, text]);
    expect(links).toEqual([
      ["https://acme.test/privacy", "Privacy policy"],
      ["https://acme.test/terms", "Terms of service"],
      ["https://acme.test/billing", "https://acme.test/billing"],
    ]);
  });

  it("marks each feature on or off", () => {
    const rows = [...dom.matchAll(/<tr><td>([^<]*)<\/td><td><span class="(on|off)">(on|off)<\/span><\/td><\/tr>/g)].map(([, name, cls, text]) => [name, cls, text]);
    expect(rows).toEqual([
      ["Customer update", "on", "on"],
      ["Invoice history", "off", "off"],
      ["Payment method update", "on", "on"],
      ["Subscription cancel", "on", "on"],
      ["Subscription pause", "off", "off"],
      ["Subscription update", "on", "on"],
    ]);
    expect(dom).not.toContain("Your invoice history is available.");
    expect(dom).not.toContain("Pause your subscription");
  });

  it("lists the cancellation reasons and products as list items and table rows", () => {
    const items = [...dom.matchAll(/<li>([^<]*)<\/li>/g)].map(([, item]) => item);
    expect(items).toEqual(["Email", "Tax id", "Address", "Too expensive", "Missing features", "Other"]);
    const products = [...dom.matchAll(/<tr><td><code>(prod_\w+)<\/code><\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map(([, product, prices, quantity]) => [product, visibleText(prices), quantity]);
    expect(products).toEqual([
      ["prod_basic", "price_basic_m, price_basic_y", "fixed"],
      ["prod_pro", "price_pro_m", "adjustable (1–10)"],
    ]);
  });

  it("screenshots as a real PNG of the window's size", () => {
    expect(statSync(join(work, "session.png")).size).toBe(screenshot.length);
    expect(screenshot.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(screenshot.toString("latin1", 12, 16)).toBe("IHDR");
    expect([screenshot.readUInt32BE(16), screenshot.readUInt32BE(20)]).toEqual([WIDTH, HEIGHT]);
    const png = decoded();
    expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
    expect(png.pixels.length).toBe(WIDTH * HEIGHT * png.channels);
  });

  it("the screenshot shows the page: its background and card, text on many lines, and the feature and link colours", () => {
    const png = decoded();
    const colours = new Set<number>();
    let ink = 0;
    const inkRows = new Set<number>();
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const [r, g, b] = pixelAt(png, x, y);
        colours.add((r << 16) | (g << 8) | b);
        if (Math.max(r, g, b) < 128) {
          ink++;
          inkRows.add(y);
        }
      }
    }
    // Not blank: anti-aliased text makes hundreds of colours; dark text covers many lines.
    expect(colours.size).toBeGreaterThan(200);
    expect(ink).toBeGreaterThan(5_000);
    expect(inkRows.size).toBeGreaterThan(200);
    // The page's background around the card, and the card behind the text.
    expect(pixelAt(png, 2, 2)).toEqual(cssColour(dom, "body", "background"));
    expect(pixelAt(png, png.width - 3, png.height - 3)).toEqual(cssColour(dom, "body", "background"));
    expect(pixelAt(png, png.width / 2, 60)).toEqual(cssColour(dom, "main", "background"));
    // Features on and off, and links, in their own colours: the statuses and links were painted.
    expect(countColour(png, cssColour(dom, ".on"))).toBeGreaterThan(50);
    expect(countColour(png, cssColour(dom, ".off"))).toBeGreaterThan(30);
    expect(countColour(png, cssColour(dom, "a"))).toBeGreaterThan(100);
  });
});

describe("the session page as served", () => {
  it("names the flow a session opens", async () => {
    const flowSession = await createPortalSession(
      { customer: "cus_123", configuration: configurationId, flowData: { type: "subscription_cancel", subscriptionCancel: { subscription: "sub_123" }, afterCompletion: { type: "redirect", redirect: { returnUrl: "https://acme.test/done" } } } },
      { apiKey: KEY, apiBase: emulator.url },
    );
    const html = await (await fetch(flowSession.url)).text();
    expect(sectionsOf(html)[1]).toEqual(["Flow", "This session opens the Subscription cancel flow for subscription sub_123; afterwards: back to https://acme.test/done."]);
    expect(sectionsOf(html)[sectionsOf(html).length - 1]).toEqual(["Leave the portal", "Return to the business: https://acme.test/account"]);
  });

  it("shows a hosted confirmation's message", async () => {
    const confirmed = await createPortalSession(
      {
        customer: "cus_123",
        configuration: configurationId,
        returnUrl: "https://acme.test/after",
        flowData: { type: "payment_method_update", afterCompletion: { type: "hosted_confirmation", hostedConfirmation: { customMessage: "Card saved <3" } } },
      },
      { apiKey: KEY, apiBase: emulator.url },
    );
    const html = await (await fetch(confirmed.url)).text();
    expect(sectionsOf(html)[1]).toEqual(["Flow", "This session opens the Payment method update flow; afterwards: a confirmation page saying “Card saved <3”."]);
    expect(html).toContain("saying “Card saved &lt;3”");
    expect(sectionsOf(html)[sectionsOf(html).length - 1]).toEqual(["Leave the portal", "Return to the business: https://acme.test/after"]);
  });

  it("follows the configuration's edits and says when it is no longer active", async () => {
    const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive" });
    const id = (await createConfiguration(client, { business_profile: { headline: "Before" }, default_return_url: "https://acme.test/account", features: { invoice_history: { enabled: "true" } } })).body.id;
    const later = await createPortalSession({ customer: "cus_123", configuration: id }, { apiKey: KEY, apiBase: emulator.url });
    emulator.edit(id, { business_profile: { headline: "After" } });
    emulator.deactivate(id);
    const response = await fetch(later.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(sectionsOf(html)[0]).toEqual(["", `Test mode (emulated) After Customer cus_123 · configuration ${id} · session ${later.id} This configuration is no longer active.`]);
    expect(sectionsOf(html).map(([heading]) => heading)).toEqual(["", "What you can do here", "Leave the portal"]);
    expect(sectionsOf(html)[1][1]).toContain("Your invoice history is available.");
  });

  it("escapes what the configuration holds", async () => {
    const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive" });
    const id = (await createConfiguration(client, { name: `<b>"x"</b>`, business_profile: { headline: `<script>alert("x")</script> & co` }, default_return_url: "https://acme.test/account", features: { invoice_history: { enabled: "true" } } })).body.id;
    const escaped = await createPortalSession({ customer: "cus_123", configuration: id }, { apiKey: KEY, apiBase: emulator.url });
    const html = await (await fetch(escaped.url)).text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>");
    expect(sectionsOf(html)[0][1]).toBe(`Test mode (emulated) <script>alert("x")</script> & co Customer cus_123 · configuration ${id} (<b>"x"</b>) · session ${escaped.id}`);
  });

  it("answers 404 for an unknown session link", async () => {
    const response = await fetch(`${emulator.url}/p/session/test_${"0".repeat(32)}`);
    expect(response.status).toBe(404);
    expect(visibleText(/<main>([\s\S]*)<\/main>/.exec(await response.text())![1])).toBe(
      "This link is not valid This portal session does not exist in this emulator (sessions live in memory only and end when the emulator stops).",
    );
  });
});
