import { Emulator, Fault, startEmulator } from "../../emulator";
import { configurationFields, desiredState, Fields, stateFromWire } from "../../provider/desiredState";
import * as lifecycle from "../../provider/lifecycle";
import { RateLimitGate } from "../../provider/rateLimitGate";
import { StripeApiError } from "../../provider/stripeError";
import { captureOutput, CapturedOutput } from "./capturedOutput";
import { keyFormsIn } from "./keyForms";

const KEY = "sk_test_faultsuite_secret_0042";
const SEED = 20261122;
const OPERATIONS = 240;
// A slow answer (150 ms, past the 100 ms timeout) keeps its idempotency key in progress: the
// retries' backoffs, at least 1+2+4+8+16+30 ms with jitter, outlast it, so the last one gets the replay.
const RETRY = { maxRetries: 6, initialDelayMs: 2, maxDelayMs: 60 };
let emulator: Emulator;
let output: CapturedOutput;
/** Every answer and error the provider gave back during the suite, for the key-hygiene check. */
const returned: string[] = [];

/** A small seeded generator (mulberry32): the same faults in the same order on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRANSIENT: Fault[] = [
  { status: 500, error: { type: "api_error", message: "Something went wrong on Stripe's end." } },
  { status: 503, error: { type: "api_error", message: "Service unavailable." } },
  { status: 409, error: { type: "invalid_request_error", message: "Request conflicts with another request.", code: "lock_timeout" } },
  { status: 429, error: { type: "invalid_request_error", message: "Too many requests hit the API too quickly.", code: "rate_limit" } },
  { drop: "before" },
  { drop: "after" },
  { delayMs: 150 },
];
/** A fault the operation cannot get past, and the exact error it must end with. */
interface FinalFault {
  fault: Fault;
  message: string;
}

/**
 * Final faults: the operation must fail with this clear error and change nothing. Stripe says not
 * to retry; Stripe echoes the key (masked, as in its 401s, or whole); or a transient fault outlasts
 * the retry budget.
 */
function finalFaults(apiBase: string): FinalFault[] {
  const outlasting = { times: RETRY.maxRetries + 1 };
  return [
    {
      fault: { status: 500, error: { type: "api_error", message: "Stripe could not process this request." }, shouldRetry: false },
      message: "Stripe could not process this request.",
    },
    {
      fault: { status: 401, error: { type: "invalid_request_error", message: `Invalid API Key provided: ${KEY.slice(0, 8)}****${KEY.slice(-4)}` } },
      message:
        "Invalid API Key provided: sk_test_[redacted] Check the Stripe API key (the Pulumi config stripe:apiKey): it may be wrong, revoked, or for another account or mode.",
    },
    {
      fault: { status: 400, error: { type: "invalid_request_error", message: `The key ${KEY} cannot do this; masked: ****${KEY.slice(-4)}.` } },
      message: "The key [redacted] cannot do this; masked: [redacted].",
    },
    { fault: { status: 503, error: { type: "api_error", message: "Service unavailable." }, ...outlasting }, message: "Service unavailable." },
    { fault: { drop: "before", ...outlasting }, message: `Could not reach Stripe at ${apiBase} (ECONNRESET) after ${RETRY.maxRetries + 1} attempt(s).` },
  ];
}

beforeAll(async () => {
  output = captureOutput();
  emulator = await startEmulator({ port: 0 });
  lifecycle.configure({ config: { get: (key: string) => ({ "stripe:apiKey": KEY, "stripe:apiBase": emulator.url } as Record<string, string>)[key] } });
  lifecycle.useClientOptions({ retry: RETRY, timeoutMs: 100, gate: new RateLimitGate() });
});
afterAll(async () => {
  output.restore();
  lifecycle.useClientOptions({});
  await emulator.stop();
});

interface Resource {
  name: string;
  declared: Fields;
  id?: string;
  outputs?: Fields;
  deleted?: boolean;
}

function declaration(name: string, random: () => number): Fields {
  const on = random() < 0.5;
  return {
    name: `${name} v${Math.floor(random() * 5)}`,
    businessProfile: { headline: random() < 0.5 ? `Headline ${name}` : undefined },
    defaultReturnUrl: random() < 0.5 ? "https://acme.test/account" : undefined,
    features: {
      invoiceHistory: { enabled: random() < 0.5 },
      paymentMethodUpdate: { enabled: on },
      subscriptionUpdate: on ? { enabled: true, defaultAllowedUpdates: ["price"], products: [{ product: "prod_basic", prices: ["price_m", "price_y"] }] } : { enabled: false },
      customerUpdate: { enabled: true, allowedUpdates: random() < 0.5 ? ["email"] : ["email", "address"] },
    },
    metadata: { resource: name, ...(random() < 0.5 ? { extra: "yes" } : {}) },
  };
}

async function checked(declared: Fields): Promise<Fields> {
  const { inputs, failures } = await lifecycle.check({}, declared);
  expect(failures).toEqual([]);
  return inputs as Fields;
}

describe("fault suite", () => {
  it(`survives random faults over ${OPERATIONS} lifecycle operations without losing or duplicating anything`, async () => {
    const random = seeded(SEED);
    const resources: Resource[] = [];
    const outcomes = { done: 0, failed: 0 };
    const finals = finalFaults(emulator.url);
    // Taken in turn, so that every kind of final fault is met.
    let nextFinal = 0;
    const failedWith = new Set<string>();

    for (let operation = 0; operation < OPERATIONS; operation++) {
      const roll = random();
      let final: FinalFault | undefined;
      if (roll < 0.3) emulator.fault(TRANSIENT[Math.floor(random() * TRANSIENT.length)]);
      else if (roll < 0.38) {
        final = finals[nextFinal++ % finals.length];
        emulator.fault(final.fault);
      }

      const live = resources.filter((r) => r.id && !r.deleted);
      const pick = random();
      try {
        if (live.length < 3 || pick < 0.25) {
          const resource: Resource = { name: `r${resources.length}`, declared: {} };
          resource.declared = declaration(resource.name, random);
          resources.push(resource);
          const { id, outs } = await lifecycle.create(await checked(resource.declared));
          Object.assign(resource, { id, outputs: outs });
        } else {
          const resource = live[Math.floor(random() * live.length)];
          if (pick < 0.6) {
            const declared = declaration(resource.name, random);
            const inputs = await checked(declared);
            if ((await lifecycle.diff(resource.id!, resource.outputs!, inputs)).changes !== false) {
              const { outs } = await lifecycle.update(resource.id!, resource.outputs!, inputs);
              resource.outputs = outs;
            }
            resource.declared = declared;
          } else if (pick < 0.85) {
            const read = await lifecycle.read(resource.id!, resource.outputs!);
            resource.outputs = read.props;
          } else {
            await lifecycle.deleteConfiguration(resource.id!, resource.outputs!);
            resource.deleted = true;
          }
        }
        outcomes.done++;
      } catch (error) {
        // Every failure is the one clear Stripe error its final fault calls for; nothing else escapes.
        returned.push(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack, fields: { ...(error as object) } }));
        expect(error).toBeInstanceOf(StripeApiError);
        expect((error as StripeApiError).message).toBe(final?.message);
        failedWith.add((error as Error).message);
        outcomes.failed++;
      }
      emulator.clearFaults();
    }

    expect(outcomes.done + outcomes.failed).toBe(OPERATIONS);
    expect([...failedWith].sort()).toEqual(finals.map((f) => f.message).sort());
    expect(outcomes.done).toBeGreaterThan(OPERATIONS * 0.8);
    const faulted = emulator.requests().filter((r) => r.status === null || (r.status ?? 0) >= 409);
    expect(faulted.length).toBeGreaterThan(40);

    const held = emulator.configurations();
    const byResource = new Map<string, Fields[]>();
    for (const configuration of held) {
      const tag = (configuration.metadata as Record<string, string> | null)?.resource;
      if (tag) byResource.set(tag, [...(byResource.get(tag) ?? []), configuration as Fields]);
    }
    for (const resource of resources) {
      const copies = byResource.get(resource.name) ?? [];
      if (!resource.id) {
        // A create that failed for good stored nothing.
        expect(copies).toHaveLength(0);
        continue;
      }
      // Exactly one configuration per created resource: no duplicate from a retried create.
      expect(copies.map((c) => c.id)).toEqual([resource.id]);
      const stripe = copies[0];
      // What the provider returned is what Stripe holds.
      expect(desiredState(configurationFields(resource.outputs!))).toEqual(stateFromWire(stripe));
      expect(stripe.active).toBe(!resource.deleted);
      returned.push(JSON.stringify(resource.outputs));
    }
  }, 120_000);

  it("returns the stored configuration when a create's answer is lost, instead of creating a second", async () => {
    emulator.clearRequests();
    const before = emulator.configurations().length;
    emulator.fault({ drop: "after", match: { method: "POST", path: "/v1/billing_portal/configurations" } });
    const { id, outs } = await lifecycle.create(await checked({ name: "Lost answer", metadata: { resource: "lost" } }));
    const posts = emulator.requests().filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[0].idempotencyKey).toBe(posts[1].idempotencyKey);
    expect(emulator.configurations().length).toBe(before + 1);
    expect(emulator.configurations().filter((c) => (c.metadata as Record<string, string>).resource === "lost").map((c) => c.id)).toEqual([id]);
    expect(outs).toMatchObject({ name: "Lost answer" });
    returned.push(JSON.stringify(outs));
  });

  // Last, so that it sees what every test above wrote.
  it("lets no form of the key into any answer, error or line written to the console, stdout or stderr", () => {
    const written = output.written();
    process.stdout.write("");
    expect(output.written()).toHaveLength(written.length + 1);
    expect(returned.length).toBeGreaterThan(0);
    const leaks = [...written, ...returned].flatMap((text) => keyFormsIn(text, KEY).map((form) => `${form} in: ${text.slice(0, 300)}`));
    expect([...new Set(leaks)]).toEqual([]);
  });
});
