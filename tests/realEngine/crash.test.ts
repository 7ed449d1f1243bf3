/**
 * A crash in the middle of `pulumi up`, with the real CLI: 60 configurations created 60 at a time
 * under Stripe's 25 requests/s test-mode limit, the CLI (and, in another stack, the provider
 * host) killed with SIGKILL while the creates are under way, then the recovery the README gives
 * ("After a crash"). At the end every declared configuration is active exactly once on Stripe and
 * once in the state: no orphan.
 */
import * as fs from "fs";
import * as path from "path";
import { main as stripePortal } from "../../cli/stripePortal";
import { Emulator, startEmulator } from "../../emulator";
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

/** Resolves once the emulator has answered `count` creates of this stack's configurations. */
function createsAnswered(prefix: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const answered = emulator.requests().filter((r) => r.method === "POST" && r.status === 200 && (r.body.metadata as { crash?: string } | undefined)?.crash === prefix);
      if (answered.length >= count) {
        clearInterval(poll);
        resolve();
      }
    }, 10);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

test("the CLI killed one second into 60 creates: after cancel, refresh and up, each configuration exists once", async () => {
  const { names, source } = program("cli");
  const stack = await newStack("crash-cli", source);
  const running = await stack.startUp("--parallel", String(COUNT));
  await createsAnswered("cli", 1);
  await sleep(1_000);
  process.kill(running.pid, "SIGKILL");
  const killed = await running.done;
  expect(killed.code).toBeNull();

  // The provider host the CLI left behind sends nothing more, and ends.
  const sentAtKill = emulator.requests().length;
  await sleep(1_500);
  expect(emulator.requests().length).toBe(sentAtKill);
  expect(stack.providerHosts()).toEqual([]);
  // Some were created, not all: the crash left work to recover.
  expect(activeOnStripe("cli").length).toBeGreaterThan(0);
  expect(activeOnStripe("cli").length).toBeLessThan(COUNT);

  const [cancel, refresh, up] = await recover(stack);
  expect([cancel.code, refresh.code, up.code]).toEqual([0, 0, 0]);
  await expectNoOrphan(stack, "cli", names);
});

test("the provider host killed one second into 60 creates: after cancel, refresh and up, each configuration exists once", async () => {
  const { names, source } = program("host");
  const stack = await newStack("crash-host", source);
  const running = await stack.startUp("--parallel", String(COUNT));
  await createsAnswered("host", 1);
  await sleep(1_000);
  const hosts = stack.providerHosts();
  expect(hosts).toHaveLength(1);
  process.kill(hosts[0], "SIGKILL");
  const failed = await running.done;
  expect(failed.code).not.toBe(0);
  expect(activeOnStripe("host").length).toBeLessThan(COUNT);

  const [cancel, refresh, up] = await recover(stack);
  expect([cancel.code, refresh.code, up.code]).toEqual([0, 0, 0]);
  await expectNoOrphan(stack, "host", names);
});
