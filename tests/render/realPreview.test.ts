/**
 * `stripe-portal render` on what the real Pulumi CLI prints: `pulumi preview --json`, with no Stripe
 * key (as in a pull request), of a create, a one-field change, a cancellation-mode change, a pause
 * turned on with two lengths, a product added to plan switching, a replacement (another account) and
 * a delete, through the dynamic provider, and a create and the one-field change through the native plugin. Each preview's JSON is
 * made here, fresh, by the CLI (never written by hand). The summary's sentences are checked word for
 * word, the pages' marked elements side by side, and one page's PNG as Chromium takes it.
 *
 * `UPDATE_README_PICTURE=1` copies that PNG to docs/render-one-field-change.png, the README's picture.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { renderCommand } from "../../cli/renderCommand";
import { Emulator, startEmulator } from "../../emulator";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE, PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { takeRequests } from "../engine/harness/testing";
import { decodePng, pixelAt, Png } from "../page/png";
import { portalProgram } from "../realEngine/harness/programs";
import { RealStack } from "../realEngine/harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "../realEngine/harness/setup";
import { marksOn, sideText } from "./reviewPageReading";

jest.setTimeout(TEST_TIMEOUT_MS);

/** Only `up` has it, in its environment: every preview runs without a key. */
const DEPLOY_KEY = "sk_test_renderRealPreview42";
const NAME = "customer-portal";

const DECLARED = {
  name: "Acme self-serve",
  businessProfile: { headline: "Manage your Acme plan", privacyPolicyUrl: "https://acme.test/privacy", termsOfServiceUrl: "https://acme.test/terms" },
  defaultReturnUrl: "https://acme.test/account",
  features: {
    customerUpdate: { enabled: true, allowedUpdates: ["email", "tax_id"] },
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    subscriptionCancel: { enabled: true, mode: "immediately", cancellationReason: { enabled: true, options: ["too_expensive", "missing_features", "other"] } },
    subscriptionUpdate: { enabled: true, defaultAllowedUpdates: ["price"], products: [{ product: "prod_basic", prices: ["price_basic_m", "price_basic_y"] }] },
  },
  metadata: { team: "billing" },
};
const features = DECLARED.features;

/** The changes previewed against the deployed `DECLARED`, each alone; null: the program declares no configuration. */
const CHANGES: Record<string, Record<string, unknown> | null> = {
  "one-field": { ...DECLARED, businessProfile: { ...DECLARED.businessProfile, headline: "Your Acme billing" } },
  "cancellation-mode": { ...DECLARED, features: { ...features, subscriptionCancel: { ...features.subscriptionCancel, mode: "at_period_end" } } },
  pause: {
    ...DECLARED,
    features: { ...features, subscriptionPause: { enabled: true, duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }, { interval: "month", intervalCount: 3 }] } } },
  },
  product: {
    ...DECLARED,
    features: { ...features, subscriptionUpdate: { ...features.subscriptionUpdate, products: [...features.subscriptionUpdate.products, { product: "prod_pro", prices: ["price_pro_y", "price_pro_m"] }] } },
  },
  replace: { ...DECLARED, stripeAccount: "acct_1RenderRealPreview" },
  delete: null,
};

/** Every element of `DECLARED`'s portal, in page order: all marked on the side a create or a delete fills. */
const WHOLE_PORTAL = [
  "business_profile.headline",
  "business_profile.privacy_policy_url",
  "business_profile.terms_of_service_url",
  "features.customer_update.enabled",
  "features.invoice_history.enabled",
  "features.payment_method_update.enabled",
  "features.subscription_cancel.enabled",
  "features.subscription_pause.enabled",
  "features.subscription_update.enabled",
  "features.invoice_history",
  "features.payment_method_update",
  "features.customer_update",
  "features.customer_update.allowed_updates[email]",
  "features.customer_update.allowed_updates[tax_id]",
  "features.subscription_update",
  "features.subscription_update.default_allowed_updates",
  "features.subscription_update.proration_behavior",
  "features.subscription_update.products[prod_basic]",
  "features.subscription_cancel",
  "features.subscription_cancel.mode",
  "features.subscription_cancel.proration_behavior",
  "features.subscription_cancel.cancellation_reason.enabled",
  "features.subscription_cancel.cancellation_reason.options[missing_features]",
  "features.subscription_cancel.cancellation_reason.options[other]",
  "features.subscription_cancel.cancellation_reason.options[too_expensive]",
  "name",
  "default_return_url",
  "login_page.enabled",
  "features.payment_method_update.payment_method_configuration",
  "features.subscription_cancel.cancellation_reason.feedback_options",
  "features.subscription_update.billing_cycle_anchor",
  "features.subscription_update.trial_update_behavior",
  "features.subscription_update.schedule_at_period_end.conditions",
  "metadata",
  "stripe_account",
  "adopt_id",
];

let emulator: Emulator;
let work: string;
const stacks: RealStack[] = [];
/** Each preview's JSON file, by face and case. */
const previews: Record<string, string> = {};

/** `pulumi preview --json` with no key; its output as a file, as the workflow writes it. */
async function previewJson(stack: RealStack, file: string): Promise<string> {
  const run = await stack.preview("--json");
  if (run.code !== 0) throw new Error(`preview exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
  const path = join(work, `${file}.json`);
  writeFileSync(path, run.stdout);
  return path;
}

async function up(stack: RealStack): Promise<void> {
  stack.setEnv({ STRIPE_API_KEY: DEPLOY_KEY });
  const run = await stack.up();
  stack.setEnv({ STRIPE_API_KEY: undefined });
  if (run.code !== 0) throw new Error(`up exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
}

function pluginProgram(args: Record<string, unknown> | null): string {
  const body = args ? `  return { id: new PortalConfiguration(${JSON.stringify(NAME)}, ${JSON.stringify(args)}).id };` : "  return {};";
  return [`const { PortalConfiguration } = require("pulumi-stripe-portal/plugin");`, "module.exports = async () => {", body, "};", ""].join("\n");
}

beforeAll(async () => {
  await prepareRealEngine();
  work = mkdtempSync(join(tmpdir(), "render-real-preview-"));
  emulator = await startEmulator({ port: 0 });

  const dynamic = await RealStack.create({ name: "dynamic", program: portalProgram({ [NAME]: { args: DECLARED } }), config: { "stripe:apiBase": emulator.url } });
  stacks.push(dynamic);
  previews["dynamic create"] = await previewJson(dynamic, "dynamic-create");
  await up(dynamic);
  for (const [change, args] of Object.entries(CHANGES)) {
    dynamic.setProgram(portalProgram(args ? { [NAME]: { args } } : {}));
    previews[`dynamic ${change}`] = await previewJson(dynamic, `dynamic-${change}`);
  }

  const plugin = await RealStack.create({ name: "plugin", program: pluginProgram(DECLARED), config: { "stripe-portal:apiBase": emulator.url }, nativePlugin: true });
  stacks.push(plugin);
  previews["plugin create"] = await previewJson(plugin, "plugin-create");
  await up(plugin);
  plugin.setProgram(pluginProgram(CHANGES["one-field"]));
  previews["plugin one-field"] = await previewJson(plugin, "plugin-one-field");
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  for (const stack of stacks) stack.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Renders one preview into its own folder; the summary and the page, read back. */
async function rendered(preview: string, options: { png?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const out = join(work, "out", preview.replace(/\W+/g, "-"));
  const result = await renderCommand({ preview: previews[preview], out, png: options.png }, options.env ?? process.env);
  const summary = readFileSync(join(out, "summary.md"), "utf8");
  const page = existsSync(join(out, `${NAME}.html`)) ? readFileSync(join(out, `${NAME}.html`), "utf8") : "";
  return { result, out, summary, page };
}

/** The summary's sentences (its `- ` lines). */
const sentencesOf = (summary: string) => summary.split("\n").filter((line) => line.startsWith("- ")).map((line) => line.slice(2));

describe("the previews are the real CLI's, and sent nothing to Stripe", () => {
  it("one step per configuration, of the operation and the face's type", () => {
    const step = (preview: string) => {
      const json = JSON.parse(readFileSync(previews[preview], "utf8")) as { steps: { op: string; urn: string; newState?: { type: string }; oldState?: { type: string } }[] };
      return json.steps.filter((s) => s.urn.endsWith(`::${NAME}`)).map((s) => [s.op, s.newState?.type ?? s.oldState?.type]);
    };
    expect(step("dynamic create")).toEqual([["create", DYNAMIC_PORTAL_CONFIGURATION_TYPE]]);
    for (const change of ["one-field", "cancellation-mode", "pause", "product"]) expect(step(`dynamic ${change}`)).toEqual([["update", DYNAMIC_PORTAL_CONFIGURATION_TYPE]]);
    expect(step("dynamic delete")).toEqual([["delete", DYNAMIC_PORTAL_CONFIGURATION_TYPE]]);
    expect(step("dynamic replace")).toEqual([["replace", DYNAMIC_PORTAL_CONFIGURATION_TYPE]]);
    expect(step("plugin create")).toEqual([["create", PLUGIN_PORTAL_CONFIGURATION_TYPE]]);
    expect(step("plugin one-field")).toEqual([["update", PLUGIN_PORTAL_CONFIGURATION_TYPE]]);
  });

  it("the emulator saw the two creates and nothing else (the previews sent no request)", () => {
    expect(takeRequests(emulator).map(({ method, path }) => `${method} ${path}`)).toEqual(["POST /v1/billing_portal/configurations", "POST /v1/billing_portal/configurations"]);
  });
});

describe("the summary, a sentence per change", () => {
  const SENTENCES: Record<string, string[]> = {
    create: [
      "A new portal configuration is created.",
      "The configuration is named “Acme self-serve” (a name for you, not shown to customers).",
      "The portal shows the headline “Manage your Acme plan”.",
      "The portal links to a privacy policy at https://acme.test/privacy.",
      "The portal links to terms of service at https://acme.test/terms.",
      "The portal's return link goes to https://acme.test/account when a session names no return URL.",
      "Customers can update their email address and tax ID.",
      "Invoice history is shown: customers can see and download their invoices.",
      "Customers can add, remove and change their payment methods.",
      "Customers can cancel subscriptions: cancellations take effect immediately, and customers are asked why (“Some features are missing”, “Other reason” or “It's too expensive”).",
      "Customers can change the price of their subscriptions (products: prod_basic).",
      "The metadata (not shown to customers) changes: team becomes “billing”.",
    ],
    "one-field": ["The portal's headline changes from “Manage your Acme plan” to “Your Acme billing”."],
    "cancellation-mode": ["Customers can no longer cancel immediately: cancellations take effect at the end of the billing period."],
    pause: ["Customers can pause subscriptions, for 1 or 3 months."],
    product: ["Customers can switch to prod_pro (price_pro_m, price_pro_y), with a fixed quantity."],
    replace: [
      "The configuration is replaced: a new one is created in connected account acct_1RenderRealPreview and the old one (<id>) is deactivated, so sessions must name the new id.",
    ],
    delete: ["The configuration is deactivated: customers can no longer open a portal with it (Stripe keeps it, inactive)."],
  };

  it.each(Object.keys(SENTENCES))("%s", async (change) => {
    const { result, summary, out } = await rendered(`dynamic ${change}`);
    expect(result).toEqual({ code: 0, stdout: `Rendered 1 portal configuration from ${previews[`dynamic ${change}`]}:\n  ${join(out, "summary.md")}\n  ${join(out, `${NAME}.html`)}\n`, stderr: "" });
    const id = /`(bpc_\w+)`/.exec(summary)?.[1];
    const sentences = SENTENCES[change].map((sentence) => sentence.replace("<id>", String(id)));
    expect(sentencesOf(summary)).toEqual(sentences);
    const done = { create: "created", replace: "replaced", delete: "deleted" }[change] ?? "updated";
    expect(summary).toBe(`## Customer portal changes\n\n### \`${NAME}\`: ${done}${change === "create" ? "" : ` (\`${id}\`)`}\n\n${sentences.map((s) => `- ${s}`).join("\n")}\n\nBefore and after, side by side: \`${NAME}.html\`.\n`);
  });

  it("the plugin's previews read alike: the same sentences as the dynamic provider's", async () => {
    for (const change of ["create", "one-field"]) {
      expect(sentencesOf((await rendered(`plugin ${change}`)).summary)).toEqual(sentencesOf((await rendered(`dynamic ${change}`)).summary));
    }
  });
});

describe("the page: before and after side by side, the changed elements marked", () => {
  it("a one-field change: the headline, on both sides", async () => {
    const { page } = await rendered("dynamic one-field");
    expect(marksOn(page, "before")).toEqual(["business_profile.headline"]);
    expect(marksOn(page, "after")).toEqual(["business_profile.headline"]);
    expect(sideText(page, "before")).toMatch(/^Before: as Stripe holds it Manage your Acme plan Privacy policy · Terms of service What you can do here/);
    expect(sideText(page, "after")).toMatch(/^After: as declared, what it leaves out as Stripe fills it Your Acme billing Privacy policy · Terms of service What you can do here/);
  });

  it("a cancellation-mode change: when a cancellation takes effect", async () => {
    const { page } = await rendered("dynamic cancellation-mode");
    expect(marksOn(page, "before")).toEqual(["features.subscription_cancel.mode"]);
    expect(marksOn(page, "after")).toEqual(["features.subscription_cancel.mode"]);
    expect(sideText(page, "before")).toContain("Cancel your subscription Cancellation takes effect immediately (immediately)");
    expect(sideText(page, "after")).toContain("Cancel your subscription Cancellation takes effect at the end of the billing period (at_period_end)");
  });

  it("a pause turned on: its row, and on the right its section with both lengths", async () => {
    const { page } = await rendered("dynamic pause");
    expect(marksOn(page, "before")).toEqual(["features.subscription_pause.enabled"]);
    expect(marksOn(page, "after")).toEqual([
      "features.subscription_pause.enabled",
      "features.subscription_pause",
      "features.subscription_pause.duration.type",
      "features.subscription_pause.duration.interval_options[1 month]",
      "features.subscription_pause.duration.interval_options[3 months]",
    ]);
  });

  it("a product added: its row on the right only", async () => {
    const { page } = await rendered("dynamic product");
    expect(marksOn(page, "before")).toEqual([]);
    expect(marksOn(page, "after")).toEqual(["features.subscription_update.products[prod_pro]"]);
    expect(sideText(page, "after")).toContain("prod_basic price_basic_m, price_basic_y fixed prod_pro price_pro_m, price_pro_y fixed");
  });

  it("a replacement into a connected account: the account, on both sides", async () => {
    const { page } = await rendered("dynamic replace");
    expect(marksOn(page, "before")).toEqual(["stripe_account"]);
    expect(marksOn(page, "after")).toEqual(["stripe_account"]);
    expect(sideText(page, "after")).toContain("Account acct_1RenderRealPreview Adopted configuration none");
  });

  it("a create: nothing on the left, the whole portal marked on the right", async () => {
    const { page } = await rendered("dynamic create");
    expect(sideText(page, "before")).toBe("Before: as Stripe holds it No configuration yet: this change creates it.");
    expect(marksOn(page, "after")).toEqual(WHOLE_PORTAL);
  });

  it("a delete: the whole portal marked on the left, deactivated on the right", async () => {
    const { page } = await rendered("dynamic delete");
    expect(marksOn(page, "before")).toEqual(WHOLE_PORTAL);
    expect(marksOn(page, "after")).toEqual([]);
    expect(sideText(page, "after")).toMatch(/^After: .* Deactivated: customers can no longer open a portal with this configuration \(bpc_\w+\)\. Stripe keeps it, inactive\.$/);
  });

  it("the plugin's page marks the same elements as the dynamic provider's", async () => {
    const plugin = (await rendered("plugin one-field")).page;
    const dynamic = (await rendered("dynamic one-field")).page;
    for (const side of ["before", "after"] as const) expect(marksOn(plugin, side)).toEqual(marksOn(dynamic, side));
  });
});

describe("a preview that failed", () => {
  it("(the provider's check refused a value): a clear error naming why, nothing rendered", async () => {
    const [dynamic] = stacks;
    dynamic.setProgram(portalProgram({ [NAME]: { args: { ...DECLARED, businessProfile: { headline: "x".repeat(61) } } } }));
    const run = await dynamic.preview("--json");
    expect(run.code).not.toBe(0);
    const file = join(work, "failed.json");
    writeFileSync(file, run.stdout);
    const out = join(work, "out", "failed");
    const result = await renderCommand({ preview: file, out }, process.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^stripe-portal: ${file}: the preview failed, so it shows no complete change: .*businessProfile\\.headline.*60`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

describe("--png", () => {
  /** How many pixels of a colour the picture holds from row `top` down, between two columns. */
  function count(png: Png, [r, g, b]: number[], top: number, from: number, to: number): number {
    let n = 0;
    for (let y = top; y < png.height; y++) for (let x = from; x < to; x++) {
      const [pr, pg, pb] = pixelAt(png, x, y);
      if (pr === r && pg === g && pb === b) n++;
    }
    return n;
  }

  it("a screenshot by Chromium: as wide as the page is laid out, as tall as its content, before and after differing", async () => {
    const { result, out } = await rendered("dynamic one-field", { png: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const file = join(out, `${NAME}.png`);
    expect(result.stdout).toContain(`  ${file}\n`);
    const bytes = readFileSync(file);
    expect(statSync(file).size).toBeGreaterThan(30_000);
    const png = decodePng(bytes);
    expect(png.width).toBe(1400);
    expect(png.height).toBeGreaterThan(1000);
    expect(png.height).toBeLessThan(4000);
    // The sides start below the header card: at the first row after it that is the page's background all across. (One
    // column is not enough: it can cross an inline code's background, the page's colour, for 8 rows, where the
    // configuration's id, random, happens to leave a blank between its letters.)
    const half = png.width / 2;
    const page = pixelAt(png, 1, 1).join();
    const blankRow = (y: number) => {
      for (let x = 0; x < png.width; x++) if (pixelAt(png, x, y).join() !== page) return false;
      return true;
    };
    let top = 0;
    while (top < png.height && blankRow(top)) top++;
    while (top < png.height && !blankRow(top)) top++;
    expect(top).toBeGreaterThan(100);
    expect(top).toBeLessThan(400);
    // The marks' backgrounds (reviewPage.ts's style): the old headline's on the left only, the new one's on the right only.
    const gone = [0xfd, 0xe2, 0xe4];
    const added = [0xd7, 0xf5, 0xe3];
    expect(count(png, gone, top, 0, half)).toBeGreaterThan(2_000);
    expect(count(png, gone, top, half, png.width)).toBe(0);
    expect(count(png, added, top, half, png.width)).toBeGreaterThan(2_000);
    expect(count(png, added, top, 0, half)).toBe(0);
    // Side by side, aligned on their cards' left borders, the two portals are the same picture but for the rows of the
    // side titles and of the headline: the one-field change.
    let row = top;
    while (pixelAt(png, half - 40, row).join() === page) row++;
    row += 10;
    const background = page;
    const edge = (from: number) => {
      let x = from;
      while (pixelAt(png, x, row).join() === background) x++;
      return x;
    };
    const [left, right] = [edge(0), edge(half)];
    expect(right - left).toBeGreaterThan(600);
    const width = right - left - 20;
    let differing = 0;
    let alike = 0;
    for (let y = top; y < png.height; y++) {
      let same = true;
      for (let x = left; x < left + width && same; x++) same = pixelAt(png, x, y).join() === pixelAt(png, x + right - left, y).join();
      if (same) alike++;
      else differing++;
    }
    expect(differing).toBeGreaterThan(20);
    expect(differing).toBeLessThan(120);
    expect(alike).toBeGreaterThan(png.height - top - 120);
    if (process.env.UPDATE_README_PICTURE) {
      mkdirSync(resolve(__dirname, "../../docs"), { recursive: true });
      copyFileSync(file, resolve(__dirname, "../../docs/render-one-field-change.png"));
    }
  });

  it("without Chromium: says so, writes the pages, skips the PNG, exits 0", async () => {
    const { result, out } = await rendered("dynamic pause", { png: true, env: { PATH: "/nonexistent" } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "stripe-portal: --png: no Chromium found (chromium, chromium-browser, google-chrome, google-chrome-stable on PATH, or CHROMIUM=/path/to/chrome); the pages are written, the PNGs skipped.\n",
    );
    expect(readdirSync(out).sort()).toEqual([`${NAME}.html`, "summary.md"]);
  });
});
