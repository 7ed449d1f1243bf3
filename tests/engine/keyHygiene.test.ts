/**
 * The Stripe key never leaves the host's memory: not in the provider text, not in any
 * output, not in any gRPC error, not on the host's stderr (where the host logs every Check, Diff,
 * Read and Delete error with its stack), even when Stripe answers 401 (and echoes the masked key)
 * or 500 (here with the key in the message, as a misbehaving proxy might).
 */
import { Emulator, startEmulator } from "../../emulator";
import { Stack } from "./harness/engine";
import { InstalledPackage, installedPackage } from "./harness/installedPackage";
import { registered, runProgram, Struct } from "./harness/mockProgram";
import { ProviderHost } from "./harness/providerHost";
import { CONFIGURATIONS, EXPAND, portalProgram, rejection, SETUP_TIMEOUT_MS, takeRequests, TEST_TIMEOUT_MS } from "./harness/testing";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_51HygieneSecretKey9f3kQ2";
/** The emulator takes any well-formed test key; a pasted key with a stray character is refused with 401, as Stripe refuses an unknown key. */
const WRONG_KEY = "sk_test_51WrongKey-NobodyHas77qLm0";
/** How Stripe (and the emulator) show a key: its kind, asterisks, and the last four characters. */
const mask = (key: string) => `sk_test_${"*".repeat(key.length - "sk_test_".length - 4)}${key.slice(-4)}`;
const UNKNOWN_ERROR = "An unknown error occurred. Please try again, or contact Stripe support if the problem persists.";
/** The 401 hint names where the refused key came from. */
const keyHint = (place: string) => ` Check the Stripe API key (${place}): it may be wrong, revoked, or for another account or mode.`;
const CONFIG_HINT = keyHint("the Pulumi config stripe:apiKey");
const ENV_HINT = keyHint("the STRIPE_API_KEY environment variable");
const MISSING_KEY =
  "No Stripe API key is set. Set it as a secret in the stack config with `pulumi config set --secret stripe:apiKey <key>`, or in the STRIPE_API_KEY environment variable.";

let pkg: InstalledPackage;
let emulator: Emulator;
let good: ProviderHost;
let wrong: ProviderHost;
let envOnly: ProviderHost;
let keyless: ProviderHost;
/** Everything that came back from the hosts, to scan at the end. */
const outputs: unknown[] = [];

beforeAll(async () => {
  pkg = await installedPackage();
  emulator = await startEmulator({ port: 0 });
  [good, wrong, envOnly, keyless] = await Promise.all([
    // The right key in the stack config; the environment holds it too, which must not matter.
    ProviderHost.start(pkg.programDir, { env: { STRIPE_API_KEY: KEY } }),
    ProviderHost.start(pkg.programDir),
    // No stack config key: the environment's (wrong) key is used.
    ProviderHost.start(pkg.programDir, { env: { STRIPE_API_KEY: WRONG_KEY } }),
    ProviderHost.start(pkg.programDir),
  ]);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([good, wrong, envOnly, keyless].map((host) => host?.stop()));
  await emulator?.stop();
});

const PORTAL: Struct = { name: "Hygiene", features: { invoiceHistory: { enabled: true } }, loginPage: { enabled: true } };
const stackConfig = (key?: string) => ({ "stripe:apiBase": emulator.url, ...(key ? { "stripe:apiKey": key } : {}) });

let program: Awaited<ReturnType<typeof runProgram>>;
const stack = new Stack();

test("the provider text holds no key, though the program ran with the key in its config and environment", async () => {
  program = await runProgram(pkg.programDir, portalProgram({ portal: PORTAL }), { config: stackConfig(KEY), env: { STRIPE_API_KEY: KEY } });
  const inputs = registered(program, "portal").inputs;
  const text = JSON.stringify(inputs);
  expect(text).not.toContain(KEY);
  expect(text).not.toContain("sk_test_");
  expect(text).not.toContain(KEY.slice(-8));
});

test("create with the key, then 500s on read, update, create and delete: key-free errors", async () => {
  stack.config = stackConfig(KEY);
  const [created] = await stack.up(good, program.registrations);
  outputs.push(created.outputs);
  const id = created.id!;
  expect(takeRequests(emulator)).toHaveLength(1);

  // A 500 whose message quotes the key in full.
  emulator.fault({ status: 500, shouldRetry: false, error: { type: "api_error", message: `Upstream proxy refused Bearer ${KEY}` }, match: { method: "GET" } });
  const readError = await rejection(stack.refresh(good));
  expect(readError.details).toBe("Upstream proxy refused Bearer [redacted]");
  expect(readError.code).toBe(2);
  expect(takeRequests(emulator)).toEqual([{ method: "GET", path: `${CONFIGURATIONS}/${id}`, query: { expand: EXPAND }, body: {} }]);

  // Stripe's own 500.
  emulator.fault({ status: 500, shouldRetry: false, match: { method: "POST" } });
  const changed = await runProgram(pkg.programDir, portalProgram({ portal: { ...PORTAL, name: "Hygiene 2" } }), { config: stack.config });
  const updateError = await rejection(stack.up(good, changed.registrations));
  expect(updateError.details).toBe(UNKNOWN_ERROR);
  // No ErrorResourceInitFailed detail: nothing was half-made.
  expect(Object.keys(updateError.metadata)).not.toContain("grpc-status-details-bin");
  expect(takeRequests(emulator)).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, query: {}, body: { name: "Hygiene 2", expand: EXPAND } }]);

  // A 500 quoting the key masked, as Stripe shows keys.
  emulator.fault({ status: 500, shouldRetry: false, error: { type: "api_error", message: `Key ${mask(KEY)} is locked.` }, match: { method: "POST", path: CONFIGURATIONS } });
  const second = await runProgram(pkg.programDir, portalProgram({ portal: PORTAL, second: PORTAL }), { config: stack.config });
  const createError = await rejection(stack.up(good, second.registrations));
  expect(createError.details).toBe("Key sk_test_[redacted] is locked.");
  expect(takeRequests(emulator).map((r) => [r.method, r.path])).toEqual([["POST", CONFIGURATIONS]]);

  emulator.fault({ status: 500, shouldRetry: false, error: { type: "api_error", message: `No luck for ${KEY}` }, match: { method: "POST" } });
  const deleteError = await rejection(stack.destroy(good));
  expect(deleteError.details).toBe("No luck for [redacted]");
  expect(takeRequests(emulator)).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, query: {}, body: { active: "false", expand: EXPAND } }]);
  expect(stack.resource("portal").id).toBe(id);
});

test("a wrong key, from the stack config or from the environment: Stripe's 401 echoes it masked; nothing of it comes back", async () => {
  const id = stack.resource("portal").id;
  const wrongStack = new Stack(stackConfig(WRONG_KEY));
  wrongStack.state.set(stack.resource("portal").urn, stack.resource("portal"));
  const invalid = `Invalid API Key provided: sk_test_[redacted]${CONFIG_HINT}`;

  const readError = await rejection(wrongStack.refresh(wrong));
  expect(readError.details).toBe(invalid);
  const deleteError = await rejection(wrongStack.destroy(wrong));
  expect(deleteError.details).toBe(invalid);
  const createError = await rejection(new Stack(stackConfig(WRONG_KEY)).up(wrong, program.registrations));
  expect(createError.details).toBe(invalid);
  const seen = emulator.requests().map((r) => [r.method, r.path, r.status]);
  expect(seen).toEqual([
    ["GET", `${CONFIGURATIONS}/${id}`, 401],
    ["POST", `${CONFIGURATIONS}/${id}`, 401],
    ["POST", CONFIGURATIONS, 401],
  ]);
  // The emulator did answer with the masked key: the redaction is the provider's.
  expect(mask(WRONG_KEY)).toMatch(/^sk_test_\*+qLm0$/);
  takeRequests(emulator);

  const envStack = new Stack(stackConfig());
  envStack.state.set(stack.resource("portal").urn, stack.resource("portal"));
  const envError = await rejection(envStack.refresh(envOnly));
  expect(envError.details).toBe(`Invalid API Key provided: sk_test_[redacted]${ENV_HINT}`);
  expect(takeRequests(emulator).map((r) => [r.method, r.path])).toEqual([["GET", `${CONFIGURATIONS}/${id}`]]);
});

test("no key at all: create fails with the message naming both ways to set one, and nothing is sent", async () => {
  const createError = await rejection(new Stack(stackConfig()).up(keyless, program.registrations));
  expect(createError.details).toBe(MISSING_KEY);
  expect(takeRequests(emulator)).toEqual([]);
});

test("the good key still works after all that: destroy deactivates", async () => {
  const id = stack.resource("portal").id;
  await stack.destroy(good);
  expect(takeRequests(emulator)).toEqual([{ method: "POST", path: `${CONFIGURATIONS}/${id}`, query: {}, body: { active: "false", expand: EXPAND } }]);
});

test("no key, full or masked, in any output, gRPC response or error, or on any host's stderr", async () => {
  const hosts = { good, wrong, envOnly, keyless };
  // Stopped first, so that their stderr is complete.
  await Promise.all(Object.values(hosts).map((host) => host.stop()));
  // The hosts logged the errors of Read and Delete (not those of Create and Update, which they answer).
  const invalid = `Invalid API Key provided: sk_test_[redacted]${CONFIG_HINT}`;
  expect(good.stderr()).toContain("StripeApiError: Upstream proxy refused Bearer [redacted]: StripeApiError: Upstream proxy refused Bearer [redacted]\n    at ");
  expect(good.stderr()).toContain("StripeApiError: No luck for [redacted]");
  expect(good.stderr()).not.toContain(UNKNOWN_ERROR);
  expect(wrong.stderr().split(`StripeApiError: ${invalid}: StripeApiError: ${invalid}`)).toHaveLength(3);
  expect(envOnly.stderr()).toContain(`StripeApiError: Invalid API Key provided: sk_test_[redacted]${ENV_HINT}`);
  expect(keyless.stderr()).toBe("");

  for (const [name, host] of Object.entries(hosts)) {
    // What the engine sent (Configure carries the key, as it must) is left out; what came back is scanned.
    const answers = JSON.stringify(host.exchanges.map(({ method, response, error }) => ({ method, response, error })));
    const texts = { [`${name} answers`]: answers, [`${name} stderr`]: host.stderr(), outputs: JSON.stringify(outputs) };
    for (const [where, text] of Object.entries(texts)) {
      for (const key of [KEY, WRONG_KEY]) {
        expect({ where, found: text.includes(key) || text.includes(key.slice("sk_test_".length)) || text.includes(mask(key)) }).toEqual({ where, found: false });
      }
      expect({ where, keys: text.match(/\b(sk|rk)_(test|live)_(?!\[redacted\])[A-Za-z0-9*]+/g) }).toEqual({ where, keys: null });
      expect({ where, masked: text.match(/\*{4,}/g) }).toEqual({ where, masked: null });
    }
  }
  // The scan saw real traffic: every kind of call, and errors of each host with a key.
  expect(good.exchanges.map((e) => e.method)).toEqual(expect.arrayContaining(["configure", "check", "create", "read", "diff", "update", "delete"]));
  expect(wrong.exchanges.filter((e) => e.error).map((e) => e.method)).toEqual(["read", "delete", "create"]);
  expect(envOnly.exchanges.filter((e) => e.error).map((e) => e.method)).toEqual(["read"]);
});
