/**
 * Many configurations at once with the real Pulumi CLI: the engine registers and creates 50 in
 * parallel while the emulator allows 25 requests per rolling second, Stripe's test-mode limit
 * (https://docs.stripe.com/rate-limits). Every one is created, none fails, and a preview then shows
 * no changes without a request.
 */
import { Emulator, startEmulator } from "../../emulator";
import { CONFIGURATIONS, takeRequests } from "../engine/harness/testing";
import { Declared, portalProgram, printed } from "./harness/programs";
import { RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS } from "./harness/setup";

/** 50 creates at 25 requests/s take a few seconds; the CLI and program add a few more. */
jest.setTimeout(240_000);

const COUNT = 50;
const KEY = "sk_test_realEngineScale42";
let emulator: Emulator;
let stack: RealStack;

const names = Array.from({ length: COUNT }, (_, i) => `tier-${String(i + 1).padStart(2, "0")}`);
const program: Record<string, Declared> = Object.fromEntries(
  names.map((name) => [name, { args: { name: `Tier ${name}`, features: { invoiceHistory: { enabled: true } }, metadata: { tier: name } } }]),
);

beforeAll(async () => {
  await prepareRealEngine();
  emulator = await startEmulator({ port: 0, rateLimit: 25 });
  stack = await RealStack.create({ name: "scale", program: portalProgram(program), config: { "stripe:apiBase": emulator.url }, secrets: { "stripe:apiKey": KEY } });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  stack?.remove();
});

test(`up of ${COUNT} configurations under a 25 requests/s limit: every one created, none failed`, async () => {
  const up = await stack.up();
  expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: "" });
  expect(up.stdout).toMatch(new RegExp(`Resources:\\n\\s+\\+ ${COUNT + 1} created\\n`));
  expect(up.stdout).not.toMatch(/error|failed/i);

  const requests = emulator.requests();
  const created = requests.filter((r) => r.method === "POST" && r.path === CONFIGURATIONS && r.status === 200);
  expect(created.map((r) => (r.body.metadata as { tier: string }).tier).sort()).toEqual(names);
  // A request refused with 429 is retried; nothing else is sent.
  expect(requests.filter((r) => r.status !== 200).map((r) => r.status)).toEqual(requests.filter((r) => r.status === 429).map(() => 429));
  expect(requests.every((r) => r.method === "POST" && r.path === CONFIGURATIONS)).toBe(true);

  const held = emulator.configurations().filter((c) => typeof c.name === "string" && c.name.startsWith("Tier "));
  expect(held.map((c) => c.name).sort()).toEqual(names.map((name) => `Tier ${name}`));
  expect(held.every((c) => c.active === true)).toBe(true);
  const state = await stack.resources();
  expect(state.map((r) => r.id).sort()).toEqual(held.map((c) => c.id).sort());
  takeRequests(emulator);

  const preview = await stack.preview("--expect-no-changes");
  expect(preview.code).toBe(0);
  expect(printed(preview)).toMatch(new RegExp(`Resources:\\n\\s+${COUNT + 1} unchanged$`));
  expect(takeRequests(emulator)).toEqual([]);
});
