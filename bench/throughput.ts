/**
 * 100 configurations created through ONE host process, as `pulumi up --parallel N` does: N
 * resources in flight, each a Check then a Create over gRPC, with the emulator enforcing Stripe's
 * test-mode limit of 25 requests per rolling second. The ideal is 100 / 25 = 4 s.
 */
import { STRIPE_RATE_LIMITS, WINDOW_MS } from "../provider/rateLimitGate";
import { refOf } from "../tests/engine/harness/engine";
import type { Registration } from "../tests/engine/harness/mockProgram";
import { BenchContext, stackConfig, withHost } from "./context";
import { atMost, exactly, measured, Metric, msSince, round } from "./metric";

const GROUP = "throughput";
export const RESOURCES = 100;
export const EMULATOR_LIMIT = STRIPE_RATE_LIMITS.test;
const IDEAL_MS = (RESOURCES / EMULATOR_LIMIT) * 1000;
const SLACK = 1.25;
/** How the provider's test-mode gate paces itself (provider/rateLimitGate.ts), and what that means here. */
const GATE_LIMIT = STRIPE_RATE_LIMITS.test;
const CLIENT_PACING =
  `at most ${GATE_LIMIT} requests counted at once, each from its send until ${WINDOW_MS} ms after its answer: ` +
  `request n + ${GATE_LIMIT} leaves a window plus a round trip after request n, so the last of ${RESOURCES} leaves ` +
  `>= ${Math.floor((RESOURCES - 1) / GATE_LIMIT)} x (${WINDOW_MS} ms + a round trip) after the first`;

export async function measureThroughput(context: BenchContext, registrations: Registration[], inFlight: number): Promise<Metric[]> {
  const { emulator } = context;
  const batch = registrations.slice(0, RESOURCES);
  if (batch.length !== RESOURCES) throw new Error(`throughput needs ${RESOURCES} registrations, got ${batch.length}`);
  const label = `${inFlight} in flight`;

  return withHost(context, async (host) => {
    const config = stackConfig(emulator);
    await host.configure(config, ["stripe:apiKey"]);
    const storedBefore = emulator.configurations().length;
    emulator.setRateLimit(EMULATOR_LIMIT);
    emulator.clearRequests();

    const failures: string[] = [];
    const answeredAt: number[] = [];
    const sentAt: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < batch.length) {
        const registration = batch[next++];
        const ref = refOf(registration);
        try {
          const check = await host.check(ref, {}, registration.inputs);
          if (check.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(check.failures)}`);
          sentAt.push(performance.now() - started);
          const created = await host.create(ref, check.inputs);
          if (!created.id.startsWith("bpc_")) throw new Error(`no configuration id in the answer: ${JSON.stringify(created.id)}`);
          answeredAt.push(performance.now() - started);
        } catch (error) {
          failures.push(`${ref.name}: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const elapsedMs = msSince(started);

    const seen = emulator.requests();
    emulator.setRateLimit(undefined);
    emulator.clearRequests();
    const tooMany = seen.filter((r) => r.status === 429).length;
    const stored = emulator.configurations().length - storedBefore;
    const details = {
      idealMs: IDEAL_MS,
      ratioToIdeal: round(elapsedMs / IDEAL_MS, 3),
      requestsSeen: seen.length,
      statuses: countBy(seen.map((r) => String(r.status))),
      firstCreateSentMs: round(Math.min(...sentAt), 1),
      firstCreateAnsweredMs: round(Math.min(...answeredAt), 1),
      lastCreateAnsweredMs: round(Math.max(...answeredAt), 1),
      clientPacing: CLIENT_PACING,
    };
    return [
      measured(GROUP, `elapsed, ${label}`, elapsedMs, "ms", atMost(IDEAL_MS * SLACK), details),
      measured(GROUP, `failures, ${label}`, failures.length, "creates", exactly(0), failures.length ? { failures: failures.slice(0, 5) } : undefined),
      measured(GROUP, `429s seen, ${label}`, tooMany, "answers", null),
      measured(GROUP, `configurations stored, ${label}`, stored, "configurations", exactly(RESOURCES)),
    ];
  });
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
