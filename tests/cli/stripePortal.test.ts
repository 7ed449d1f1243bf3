import { execFile } from "child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Emulator, startEmulator } from "../../emulator";
import { createConfiguration } from "../../provider/configurationsApi";
import { RateLimitGate } from "../../provider/rateLimitGate";
import { StripeClient } from "../../provider/stripeClient";
import { SYNOPSIS, USAGE } from "../../cli/stripePortal";

/** The `stripe-portal` bin as npm installs it, run as a real process. */
const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "cli", "stripePortal.js");
const KEY = "sk_test_cli_secret_key_4242";
let emulator: Emulator;
/** Every output of every run, to check that the key never shows. */
const outputs: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with only the given environment (plus PATH), never the test runner's. */
function run(args: string[], env: Record<string, string> = { STRIPE_API_KEY: KEY, STRIPE_API_BASE: emulator.url }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 10_000 }, (error, stdout, stderr) => {
      outputs.push(stdout, stderr);
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** The requests the emulator saw since the last call. */
function seen() {
  const requests = emulator.requests().map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body, account: r.account }));
  emulator.clearRequests();
  return requests;
}

const usageError = (message: string) => `stripe-portal: ${message}\n\n${SYNOPSIS}\n\nRun \`stripe-portal --help\` for the options.\n`;
const SESSION_URL = () => new RegExp(`^${emulator.url.replace(/\./g, "\\.")}/p/session/test_[A-Za-z0-9]{32}\\n$`);
const LIST_EXPAND = ["data.features.subscription_update.products"];

/** `dist/` as `npm test` leaves it; built here when missing or older than the sources (a bare `npx jest` run). */
function ensureBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newest(path) : entry.name.endsWith(".ts") ? statSync(path).mtimeMs : 0;
    }));
  const sources = Math.max(...["cli", "sdk", "provider"].map((dir) => newest(join(ROOT, dir))));
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= sources) return Promise.resolve();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT }, (error, stdout) => {
      // tsc emits even with type errors elsewhere (the emulator in progress); the bin is what counts here.
      if (!existsSync(BIN)) reject(new Error(`npx tsc -p tsconfig.build.json did not build ${BIN}:\n${stdout}${error?.message ?? ""}`));
      else resolve();
    });
  });
}

let selfServe: string;
let legacy: string;
let unnamed: string;
let defaultId: string;

beforeAll(async () => {
  const [started] = await Promise.all([startEmulator({ port: 0 }), ensureBuilt()]);
  emulator = started;
  const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive" });
  defaultId = String(emulator.configurations().find((c) => c.is_default === true)!.id);
  emulator.edit(defaultId, { default_return_url: "https://acme.test/default-return" });
  legacy = (await createConfiguration(client, { name: "Legacy", default_return_url: "https://acme.test/legacy", features: { invoice_history: { enabled: "true" } } })).body.id;
  emulator.deactivate(legacy);
  unnamed = (await createConfiguration(client, { business_profile: { headline: "No name here" }, features: { invoice_history: { enabled: "true" } } })).body.id;
  selfServe = (
    await createConfiguration(client, {
      name: "Self-serve customers",
      business_profile: { headline: "Acme billing" },
      default_return_url: "https://acme.test/account",
      features: {
        invoice_history: { enabled: "true" },
        payment_method_update: { enabled: "true" },
        subscription_cancel: { enabled: "true", mode: "at_period_end" },
      },
    })
  ).body.id;
  emulator.clearRequests();
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(() => emulator.clearRequests());

describe("usage", () => {
  it("--help and -h print the usage on stdout and exit 0", async () => {
    const [long, short] = await Promise.all([run(["--help"]), run(["-h"])]);
    expect(long).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: "" });
    expect(short).toEqual(long);
    expect(USAGE.startsWith(`${SYNOPSIS}\n`)).toBe(true);
    for (const text of ["session --customer cus_...", "[--account acct_...] [--json]", "configurations list [--active] [--account acct_...] [--json | --import-file FILE]", "STRIPE_API_KEY", "STRIPE_API_BASE", "Exit codes: 0 done, 1 Stripe refused, bad parameters or preview file, or no key, 2 wrong usage."]) {
      expect(long.stdout).toContain(text);
    }
    expect(Math.max(...long.stdout.split("\n").map((line) => line.length))).toBeLessThanOrEqual(100);
  });

  it("--version prints the package version", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it.each<[string, string[], string]>([
    ["no arguments", [], "missing command"],
    ["an unknown command", ["sessions"], "unknown command: sessions"],
    ["an incomplete command", ["configurations"], "unknown command: configurations"],
    ["an extra argument", ["session", "cus_123"], "unknown command: session cus_123"],
    ["an unknown option", ["session", "--customer", "cus_123", "--bogus"], "Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\""],
    ["an option without its value", ["session", "--customer"], "Option '--customer <value>' argument missing"],
    ["an option of another command", ["configurations", "list", "--customer", "cus_123"], "--customer does not apply to `configurations list`"],
    ["options of another command", ["session", "--customer", "cus_123", "--active"], "--active does not apply to `session`"],
    ["--subscription without a subscription flow", ["session", "--customer", "cus_123", "--subscription", "sub_123"], "--subscription goes with --flow subscription_cancel, --flow subscription_pause, --flow subscription_update"],
    ["an --account that is not an account id", ["session", "--customer", "cus_123", "--account", "bob"], '--account must be a Stripe id starting with "acct_"; got "bob"'],
    ["a blank --account", ["session", "--customer", "cus_123", "--account", ""], '--account must be a Stripe id starting with "acct_"; got ""'],
    ["a customer id as --account, listing", ["configurations", "list", "--account", "cus_123"], '--account must be a Stripe id starting with "acct_"; got "cus_123"'],
  ])("%s exits 2 with the synopsis on stderr and sends nothing", async (_, args, message) => {
    expect(await run(args)).toEqual({ code: 2, stdout: "", stderr: usageError(message) });
    expect(seen()).toEqual([]);
  });
});

describe("session", () => {
  it("prints the session's URL only, a page that opens", async () => {
    const result = await run(["session", "--customer", "cus_123"]);
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(SESSION_URL()), stderr: "" });
    expect(seen()).toEqual([{ method: "POST", path: "/v1/billing_portal/sessions", query: {}, body: { customer: "cus_123" }, account: null }]);
    const page = await fetch(result.stdout.trim());
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("<code>cus_123</code>");
  });

  it("--json prints the whole session in the SDK's camelCase", async () => {
    const result = await run(["session", "--customer", "cus_123", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const session = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(session).toEqual({
      id: expect.stringMatching(/^bps_[A-Za-z0-9]+$/),
      object: "billing_portal.session",
      configuration: defaultId,
      created: expect.any(Number),
      customer: "cus_123",
      customerAccount: null,
      flow: null,
      livemode: false,
      locale: null,
      onBehalfOf: null,
      returnUrl: "https://acme.test/default-return",
      url: expect.any(String),
    });
    expect(`${session.url}\n`).toMatch(SESSION_URL());
    expect(result.stdout).toBe(`${JSON.stringify(session, null, 2)}\n`);
  });

  it("--configuration, --return-url and --locale are sent in Stripe's names", async () => {
    const result = await run(["session", "--customer", "cus_123", "--configuration", selfServe, "--return-url", "https://acme.test/billing", "--locale", "fr", "--json"]);
    expect(result.code).toBe(0);
    expect(seen()).toEqual([
      { method: "POST", path: "/v1/billing_portal/sessions", query: {}, body: { customer: "cus_123", configuration: selfServe, return_url: "https://acme.test/billing", locale: "fr" }, account: null },
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ configuration: selfServe, returnUrl: "https://acme.test/billing", locale: "fr" });
  });

  it("--configuration alone uses that configuration's default return URL", async () => {
    const result = await run(["session", "--customer", "cus_123", "--configuration", selfServe, "--json"]);
    expect(JSON.parse(result.stdout)).toMatchObject({ configuration: selfServe, returnUrl: "https://acme.test/account" });
  });

  it("--flow subscription_cancel --subscription sends the flow", async () => {
    const result = await run(["session", "--customer", "cus_123", "--configuration", selfServe, "--flow", "subscription_cancel", "--subscription", "sub_123", "--json"]);
    expect(result.code).toBe(0);
    expect(seen()).toEqual([
      {
        method: "POST",
        path: "/v1/billing_portal/sessions",
        query: {},
        body: { customer: "cus_123", configuration: selfServe, flow_data: { type: "subscription_cancel", subscription_cancel: { subscription: "sub_123" } } },
        account: null,
      },
    ]);
    expect(JSON.parse(result.stdout).flow).toEqual({
      type: "subscription_cancel",
      afterCompletion: { type: "portal_homepage", hostedConfirmation: null, redirect: null },
      customerUpdate: null,
      subscriptionCancel: { subscription: "sub_123", retention: null },
      subscriptionPause: null,
      subscriptionUpdate: null,
      subscriptionUpdateConfirm: null,
    });
  });

  it("--flow payment_method_update needs no subscription", async () => {
    const result = await run(["session", "--customer", "cus_123", "--configuration", selfServe, "--flow", "payment_method_update"]);
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(SESSION_URL()), stderr: "" });
    expect(seen().map((r) => r.body)).toEqual([{ customer: "cus_123", configuration: selfServe, flow_data: { type: "payment_method_update" } }]);
  });

  it("--account and STRIPE_ACCOUNT send Stripe-Account; the flag wins", async () => {
    const env = { STRIPE_API_KEY: KEY, STRIPE_API_BASE: emulator.url };
    const [flag, fromEnv, both] = await Promise.all([
      run(["session", "--customer", "cus_flag", "--account", "acct_1CliFlag"], env),
      run(["session", "--customer", "cus_env"], { ...env, STRIPE_ACCOUNT: "acct_1CliEnv" }),
      run(["session", "--customer", "cus_both", "--account", "acct_1CliFlag"], { ...env, STRIPE_ACCOUNT: "acct_1CliEnv" }),
    ]);
    // A connected account has its own default configuration, without a default return URL.
    const noReturnUrl = "stripe-portal: You must provide a `return_url` or set a default return URL on your portal configuration.\n";
    expect([flag, fromEnv, both]).toEqual([1, 2, 3].map(() => ({ code: 1, stdout: "", stderr: noReturnUrl })));
    const accounts = Object.fromEntries(seen().map((r) => [r.body.customer, r.account]));
    expect(accounts).toEqual({ cus_flag: "acct_1CliFlag", cus_env: "acct_1CliEnv", cus_both: "acct_1CliFlag" });
  });

  it.each<[string, string[], string]>([
    ["no --customer", ["session"], "--customer is required"],
    ["a customer id of another kind", ["session", "--customer", "bob"], '--customer must be a Stripe id starting with "cus_"; got "bob"'],
    ["an unknown locale", ["session", "--customer", "cus_123", "--locale", "xx"], "--locale must be one of auto, bg, cs, da, de, el, en, en-AU, en-CA, en-GB, en-IE, en-IN, en-NZ, en-SG, es, es-419, et, fi, fil, fr, fr-CA, hr, hu, id, it, ja, ko, lt, lv, ms, mt, nb, nl, pl, pt, pt-BR, ro, ru, sk, sl, sv, th, tr, vi, zh, zh-HK, zh-TW; got \"xx\""],
    ["a relative return URL", ["session", "--customer", "cus_123", "--return-url", "/account"], '--return-url must be an absolute http(s) URL; got "/account"'],
    ["a configuration id of another kind", ["session", "--customer", "cus_123", "--configuration", "pc_1"], '--configuration must be a Stripe id starting with "bpc_"; got "pc_1"'],
    ["an unknown flow", ["session", "--customer", "cus_123", "--flow", "cancel"], '--flow must be one of customer_update, payment_method_update, subscription_cancel, subscription_pause, subscription_update, subscription_update_confirm; got "cancel"'],
    ["a subscription flow without --subscription", ["session", "--customer", "cus_123", "--flow", "subscription_cancel"], "--subscription is required with --flow subscription_cancel"],
    ["a subscription id of another kind", ["session", "--customer", "cus_123", "--flow", "subscription_pause", "--subscription", "si_1"], '--subscription must be a Stripe id starting with "sub_"; got "si_1"'],
    ["the flow that needs items", ["session", "--customer", "cus_123", "--flow", "subscription_update_confirm"], "--flow subscription_update_confirm needs subscription items, which only the SDK's createPortalSession takes"],
    ["the flow that needs items, without a customer", ["session", "--flow", "subscription_update_confirm"], "--customer is required; --flow subscription_update_confirm needs subscription items, which only the SDK's createPortalSession takes"],
    ["a flow named like an object property", ["session", "--customer", "cus_123", "--flow", "constructor"], '--flow must be one of customer_update, payment_method_update, subscription_cancel, subscription_pause, subscription_update, subscription_update_confirm; got "constructor"'],
    ["two mistakes", ["session", "--locale", "xx", "--return-url", "nope"], '--locale must be one of auto, bg, cs, da, de, el, en, en-AU, en-CA, en-GB, en-IE, en-IN, en-NZ, en-SG, es, es-419, et, fi, fil, fr, fr-CA, hr, hu, id, it, ja, ko, lt, lv, ms, mt, nb, nl, pl, pt, pt-BR, ro, ru, sk, sl, sv, th, tr, vi, zh, zh-HK, zh-TW; got "xx"; --return-url must be an absolute http(s) URL; got "nope"; --customer is required'],
  ])("%s exits 1 naming the parameter and sends nothing", async (_, args, message) => {
    expect(await run(args)).toEqual({ code: 1, stdout: "", stderr: `stripe-portal: invalid session parameters: ${message}\n` });
    expect(seen()).toEqual([]);
  });

  it("Stripe's refusals exit 1 with Stripe's message", async () => {
    const [inactive, missing] = await Promise.all([
      run(["session", "--customer", "cus_123", "--configuration", legacy]),
      run(["session", "--customer", "cus_123", "--configuration", "bpc_nothere"]),
    ]);
    expect(inactive).toEqual({
      code: 1,
      stdout: "",
      stderr: `stripe-portal: The portal configuration '${legacy}' is not active. Reactivate it with \`active=true\` or create the session with an active configuration.\n`,
    });
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "stripe-portal: No such configuration: 'bpc_nothere'\n" });
    expect(seen().map((r) => [r.method, r.path])).toEqual([
      ["POST", "/v1/billing_portal/sessions"],
      ["POST", "/v1/billing_portal/sessions"],
    ]);
  });

  it("a refused key exits 1 with a hint naming the one place the command reads a key from, never the key", async () => {
    const liveKey = "sk_live_cli_secret_key_9999";
    const env = { STRIPE_API_KEY: liveKey, STRIPE_API_BASE: emulator.url };
    const results = await Promise.all([run(["session", "--customer", "cus_123"], env), run(["configurations", "list"], env)]);
    const refused =
      "stripe-portal: This Stripe emulator runs in test mode only and refuses live-mode keys (sk_live_[redacted]). Use a sk_test_ or rk_test_ key, or start the emulator with acceptLiveKeys. " +
      "Check the Stripe API key (the STRIPE_API_KEY environment variable): it may be wrong, revoked, or for another account or mode.\n";
    expect(results).toEqual([1, 2].map(() => ({ code: 1, stdout: "", stderr: refused })));
    expect(seen().map((r) => `${r.method} ${r.path}`).sort()).toEqual(["GET /v1/billing_portal/configurations", "POST /v1/billing_portal/sessions"]);
  });

  it("no key exits 1 naming STRIPE_API_KEY, before sending anything", async () => {
    const message = "stripe-portal: No Stripe API key is set. Set the STRIPE_API_KEY environment variable (e.g. `export STRIPE_API_KEY=sk_test_...`); the command line does not read the Pulumi stack config (stripe:apiKey).\n";
    const results = await Promise.all([
      run(["session", "--customer", "cus_123"], { STRIPE_API_BASE: emulator.url }),
      run(["session", "--customer", "cus_123"], { STRIPE_API_KEY: "", STRIPE_API_BASE: emulator.url }),
      run(["configurations", "list"], { STRIPE_API_BASE: emulator.url }),
    ]);
    expect(results).toEqual([1, 2, 3].map(() => ({ code: 1, stdout: "", stderr: message })));
    expect(seen()).toEqual([]);
  });
});

describe("configurations list", () => {
  /** The table as a person reads it: columns two spaces apart, padded to the widest cell, no trailing spaces. */
  const ID = " ".repeat(28 - 2);
  const row = (id: string, active: string, isDefault: string, name: string, headline: string) =>
    `${id}  ${active.padEnd(6)}  ${isDefault.padEnd(7)}  ${name.padEnd(20)}  ${headline}`.trimEnd();

  it("prints a table of every configuration, newest first", async () => {
    const result = await run(["configurations", "list"]);
    expect(result).toEqual({
      code: 0,
      stdout: [
        `ID${ID}  ACTIVE  DEFAULT  NAME                  HEADLINE`,
        row(selfServe, "yes", "no", "Self-serve customers", "Acme billing"),
        row(unnamed, "yes", "no", "-", "No name here"),
        row(legacy, "no", "no", "Legacy", "-"),
        row(defaultId, "yes", "yes", "-", "-"),
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(result.stdout.split("\n")[0]).toBe("ID                            ACTIVE  DEFAULT  NAME                  HEADLINE");
    expect(seen()).toEqual([{ method: "GET", path: "/v1/billing_portal/configurations", query: { limit: "100", expand: LIST_EXPAND }, body: {}, account: null }]);
  });

  it("--active leaves inactive configurations out", async () => {
    const result = await run(["configurations", "list", "--active"]);
    expect(result).toEqual({
      code: 0,
      stdout: [
        `ID${ID}  ACTIVE  DEFAULT  NAME                  HEADLINE`,
        row(selfServe, "yes", "no", "Self-serve customers", "Acme billing"),
        row(unnamed, "yes", "no", "-", "No name here"),
        row(defaultId, "yes", "yes", "-", "-"),
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(seen()).toEqual([{ method: "GET", path: "/v1/billing_portal/configurations", query: { active: "true", limit: "100", expand: LIST_EXPAND }, body: {}, account: null }]);
  });

  it("--json prints Stripe's configuration objects", async () => {
    const result = await run(["configurations", "list", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const listed = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(result.stdout).toBe(`${JSON.stringify(listed, null, 2)}\n`);
    expect(listed.map((c) => [c.id, c.object, c.active, c.is_default, c.name])).toEqual([
      [selfServe, "billing_portal.configuration", true, false, "Self-serve customers"],
      [unnamed, "billing_portal.configuration", true, false, null],
      [legacy, "billing_portal.configuration", false, false, "Legacy"],
      [defaultId, "billing_portal.configuration", true, true, null],
    ]);
    expect(listed[0]).toMatchObject({ business_profile: { headline: "Acme billing" }, default_return_url: "https://acme.test/account", features: { subscription_cancel: { enabled: true, mode: "at_period_end" } } });
  });

  it("a connected account with nothing created lists its own default configuration", async () => {
    const result = await run(["configurations", "list", "--account", "acct_1CliList"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines).toEqual([`ID${ID}  ACTIVE  DEFAULT  NAME  HEADLINE`, expect.stringMatching(/^bpc_[A-Za-z0-9]{24}  yes     yes      -     -$/), ""]);
    expect(seen().map((r) => r.account)).toEqual(["acct_1CliList"]);
  });

  it("reads every page", async () => {
    const account = "acct_1CliPages";
    // Unpaced (the shared gate keeps to Stripe's test-mode 25/s), so that 100 creations take no time.
    const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive", account }, { gate: new RateLimitGate() });
    for (let i = 0; i < 100; i++) await createConfiguration(client, { name: `n${i}`, features: { invoice_history: { enabled: "true" } } });
    emulator.clearRequests();
    const result = await run(["configurations", "list", "--account", account, "--json"]);
    const listed = JSON.parse(result.stdout) as { id: string; name: string | null }[];
    expect(listed).toHaveLength(101);
    expect(new Set(listed.map((c) => c.id)).size).toBe(101);
    expect(listed.map((c) => c.name)).toEqual([...Array.from({ length: 100 }, (_, i) => `n${99 - i}`), null]);
    const requests = seen();
    expect(requests.map((r) => r.query)).toEqual([
      { limit: "100", expand: LIST_EXPAND },
      { limit: "100", starting_after: listed[99].id, expand: LIST_EXPAND },
    ]);
  });
});

afterAll(() => {
  for (const output of outputs) expect(output).not.toContain(KEY);
  expect(outputs.length).toBeGreaterThan(0);
});

describe("render, as the bin runs it", () => {
  it("reads a preview file and writes summary.md into --out; no key is needed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-render-"));
    try {
      const preview = join(dir, "preview.json");
      writeFileSync(preview, JSON.stringify({ steps: [{ op: "same", urn: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev" }] }));
      const out = join(dir, "out");
      expect(await run(["render", preview, "--out", out], {})).toEqual({
        code: 0,
        stdout: `Nothing to render: ${preview} changes no portal configuration. ${join(out, "summary.md")} says so.\n`,
        stderr: "",
      });
      expect(existsSync(join(out, "summary.md"))).toBe(true);
      expect(seen()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, string[], string]>([
    ["two files", ["render", "a.json", "b.json", "--out", "x"], "render takes one preview file, not 2"],
    ["an option of another command", ["render", "a.json", "--out", "x", "--json"], "--json does not apply to `render`"],
    ["no file", ["render", "--out", "x"], "render needs the file of `pulumi preview --json` (`pulumi preview --json > preview.json`)"],
  ])("%s is a usage error", async (_, args, message) => {
    expect(await run(args, {})).toEqual({ code: 2, stdout: "", stderr: usageError(message) });
  });
});
