/**
 * A crash in the middle of `pulumi up`, with the real CLI: 60 configurations created 60 at a time
 * under Stripe's 25 requests/s test-mode limit, the CLI (and, in another stack, the provider host)
 * killed with SIGKILL while the first 25 creates are at Stripe: Stripe makes them, but their
 * answers are lost with the crash, and the other 35 never leave the host's rate-limit gate. Then
 * the recovery the README gives ("After a crash"). At the end every declared configuration is
 * active exactly once on Stripe and once in the state: no orphan.
 */
import * as fs from "fs";
import * as path from "path";
import { main as stripePortal } from "../../cli/stripePortal";
import { Emulator, LoggedRequest, startEmulator } from "../../emulator";
import { CONFIGURATIONS, createsSeen, pollUntil } from "../engine/harness/testing";
import { Declared, portalProgram } from "./harness/programs";
import { CliRun, RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS } from "./harness/setup";

/** Two crashes and recoveries of 60 creates at 25 requests/s, a few seconds each, plus the CLI's own time. */
jest.setTimeout(300_000);

const COUNT = 60;
const KEY = "sk_test_realEngineCrash42";
let emulator: Emulator;
const stacks: RealStack[] = [];

beforeAll(() => prepareRealEngine(), SETUP_TIMEOUT_MS);

// Each crash its own Stripe, so that the orphans command sees only that stack's configurations.
beforeEach(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 25 });
});
afterEach(() => emulator?.stop());

afterAll(() => {
  for (const stack of stacks) stack.remove();
});

/** 60 configurations told apart by their name and metadata; `prefix` keeps each stack's own. */
function program(prefix: string): { names: string[]; source: string } {
  const names = Array.from({ length: COUNT }, (_, i) => `${prefix} ${String(i + 1).padStart(2, "0")}`);
  const resources: Record<string, Declared> = Object.fromEntries(
    names.map((name, i) => [`${prefix}-${i + 1}`, { args: { name, features: { invoiceHistory: { enabled: true } }, metadata: { crash: prefix } } }]),
  );
  return { names, source: portalProgram(resources) };
}

async function newStack(name: string, source: string): Promise<RealStack> {
  const stack = await RealStack.create({ name, program: source, config: { "stripe:apiBase": emulator.url }, secrets: { "stripe:apiKey": KEY } });
  stacks.push(stack);
  return stack;
}

/** The creates the host's rate-limit gate lets out in the first window (25 requests/s). */
const FIRST_WINDOW = 25;
/**
 * How long Stripe (the emulator) takes over each of them: the crash comes meanwhile. Until one is
 * answered, and a window after, the gate lets out no other, so what reached Stripe at the crash is
 * exactly the first window, however the engine's creates trickled in.
 */
const AT_STRIPE_MS = 5_000;

/** Holds the first window's creates at Stripe for AT_STRIPE_MS (then made as usual), and starts the up. */
function upWithCreatesHeld(stack: RealStack) {
  emulator.fault({ delayMs: AT_STRIPE_MS, match: { method: "POST", path: CONFIGURATIONS }, times: FIRST_WINDOW });
  return stack.startUp("--parallel", String(COUNT));
}

/** Whether a request is a create of this stack's configurations. */
const createOf = (prefix: string) => (request: LoggedRequest) => (request.body.metadata as { crash?: string } | undefined)?.crash === prefix;

/** Every request the emulator saw (method, path, status, the stack's prefix). */
const requestsSeen = () => emulator.requests().map((r) => [r.method, r.path, r.status, (r.body.metadata as { crash?: string } | undefined)?.crash]);
const firstWindow = (prefix: string) => Array.from({ length: FIRST_WINDOW }, () => ["POST", CONFIGURATIONS, 200, prefix]);

/** Waits until Stripe has made the held creates, whose answers no one receives. */
const heldCreatesMade = (prefix: string) =>
  pollUntil(`the ${FIRST_WINDOW} held creates made on Stripe`, () => activeOnStripe(prefix).length === FIRST_WINDOW, { timeoutMs: AT_STRIPE_MS + 30_000, state: () => `${activeOnStripe(prefix).length} made` });

/**
 * Waits until the CLI has recorded all 60 creates as begun (pending operations in its checkpoint):
 * it then writes nothing until one is answered. A SIGKILL in the middle of a checkpoint write
 * leaves the file backend's stack unreadable ("failed to load checkpoint: EOF"), which no recovery
 * of this package's can help.
 */
const allCreatesBegun = (stack: RealStack) => {
  const creating = () => (stack.checkpointNow()?.latest?.pending_operations ?? []).filter((op) => op.type === "creating").length;
  return pollUntil(`the CLI to record the ${COUNT} creates as begun`, () => creating() === COUNT, { state: () => `${creating()} recorded` });
};

/** Waits until no provider host of the stack runs any more. */
const hostsGone = (stack: RealStack) => pollUntil("the provider host to exit", () => stack.providerHosts().length === 0, { state: () => `still running: ${stack.providerHosts().join(", ")}` });

/** The configurations of this stack's program that are active on Stripe, by name. */
function activeOnStripe(prefix: string): { id: string; name: string }[] {
  return emulator
    .configurations()
    .filter((c) => c.active === true && (c.metadata as Record<string, string> | null)?.crash === prefix)
    .map((c) => ({ id: String(c.id), name: String(c.name) }));
}

/** The README's "After a crash" commands, in order; each must succeed. */
async function recover(stack: RealStack): Promise<CliRun[]> {
  const runs = [await stack.run(["cancel", "--yes"]), await stack.refresh(), await stack.up("--parallel", String(COUNT))];
  return runs;
}

async function expectNoOrphan(stack: RealStack, prefix: string, names: string[]): Promise<void> {
  const active = activeOnStripe(prefix);
  expect(active.map((c) => c.name).sort()).toEqual(names);
  const state = await stack.resources();
  expect(state.map((r) => r.id).sort()).toEqual(active.map((c) => c.id).sort());
  // `stripe-portal configurations orphans` on the stack's export agrees.
  const exported = path.join(stack.root, "export.json");
  fs.writeFileSync(exported, (await stack.exportDeployment()).text);
  expect(await stripePortal(["configurations", "orphans", "--state", exported], { STRIPE_API_KEY: KEY, STRIPE_API_BASE: emulator.url })).toEqual({
    code: 0,
    stdout: `No orphan: every active configuration of the platform account but its default is held by ${exported}.\n`,
    stderr: "",
  });
  // And the stack is whole again: nothing left to do.
  const preview = await stack.preview("--expect-no-changes");
  expect(preview.code).toBe(0);
}

test("the CLI killed while the first 25 of 60 creates are at Stripe: after cancel, refresh and up, each configuration exists once", async () => {
  const { names, source } = program("cli");
  const stack = await newStack("crash-cli", source);
  const running = await upWithCreatesHeld(stack);
  await createsSeen(emulator, FIRST_WINDOW, { arrived: true, mine: createOf("cli") });
  await allCreatesBegun(stack);
  process.kill(running.pid, "SIGKILL");
  const killed = await running.done;
  expect({ code: killed.code, signal: killed.signal }).toEqual({ code: null, signal: "SIGKILL" });

  // The provider host the CLI left behind sees its engine gone, sends none of the 35 it held, and ends.
  await hostsGone(stack);
  await heldCreatesMade("cli");
  expect(requestsSeen()).toEqual(firstWindow("cli"));

  const [cancel, refresh, up] = await recover(stack);
  expect([cancel.code, refresh.code, up.code]).toEqual([0, 0, 0]);
  await expectNoOrphan(stack, "cli", names);
});

test("the provider host killed while the first 25 of 60 creates are at Stripe: the CLI fails with exit code 1; after cancel, refresh and up, each configuration exists once", async () => {
  const { names, source } = program("host");
  const stack = await newStack("crash-host", source);
  const running = await upWithCreatesHeld(stack);
  await createsSeen(emulator, FIRST_WINDOW, { arrived: true, mine: createOf("host") });
  const hosts = stack.providerHosts();
  expect(hosts).toHaveLength(1);
  process.kill(hosts[0], "SIGKILL");
  const failed = await running.done;
  expect({ code: failed.code, signal: failed.signal }).toEqual({ code: 1, signal: null });
  await hostsGone(stack);
  await heldCreatesMade("host");
  expect(requestsSeen()).toEqual(firstWindow("host"));

  const [cancel, refresh, up] = await recover(stack);
  expect([cancel.code, refresh.code, up.code]).toEqual([0, 0, 0]);
  await expectNoOrphan(stack, "host", names);
});
