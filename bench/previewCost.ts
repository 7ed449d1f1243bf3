/**
 * What `pulumi preview` costs the provider per resource: its check then its diff, called in this
 * process as the host calls them (the lifecycle module's `check(olds, news)` and
 * `diff(id, olds, news)`), over 1,000 varied declarations against the outputs of an earlier
 * `up`. That `up` is real: each declaration checked and created through the lifecycle module
 * against the emulator (unpaced), so the old outputs hold what Stripe answered, learned defaults
 * included. One in four declarations changed one field since; the others did not.
 */
import type { Emulator } from "../emulator";
import { check, configure, create, diff, useClientOptions } from "../provider/lifecycle";
import { RateLimitGate } from "../provider/rateLimitGate";
import type { Struct } from "../tests/engine/harness/mockProgram";
import { stackConfig } from "./context";
import { declaration, withOneChange } from "./declarations";
import { below, exactly, measured, Metric, percentile, round } from "./metric";

const GROUP = "preview cost";
const RESOURCES = 1000;
/** The "well under 1 ms each", written down as half of it. */
const TARGET_MS = 0.5;

interface Case {
  id: string;
  news: Struct;
  oldInputs: Struct;
  oldOutputs: Struct;
  changed: boolean;
}

export async function measurePreviewCost(providerText: string, emulator: Emulator): Promise<Metric[]> {
  const cases = await buildCases(providerText, emulator);
  const cold = await pass(cases);
  const warm = await pass(cases);
  const wrong = cold.wrong;
  const perResource = cold.checkMs.map((ms, i) => ms + cold.diffMs[i]);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return [
    measured(GROUP, `check + diff per resource, mean of ${RESOURCES}`, round(mean(perResource), 4), "ms", below(TARGET_MS), {
      checkMeanMs: round(mean(cold.checkMs), 4),
      diffMeanMs: round(mean(cold.diffMs), 4),
      p50Ms: round(percentile(perResource, 50), 4),
      p95Ms: round(percentile(perResource, 95), 4),
      p99Ms: round(percentile(perResource, 99), 4),
      maxMs: round(Math.max(...perResource), 4),
      totalMs: round(perResource.reduce((sum, v) => sum + v, 0), 1),
      secondPassMeanMs: round(mean(warm.checkMs.map((ms, i) => ms + warm.diffMs[i])), 4),
      note: "the metric is the first timed pass (check already ran 1,000 times building the old state; diff runs cold); secondPass is the same 1,000 again",
    }),
    measured(GROUP, "resources with a wrong check/diff answer", wrong.length, "resources", exactly(0), wrong.length ? { first: wrong.slice(0, 5) } : undefined),
  ];
}

/** Each declaration, and the inputs and outputs an earlier `up` of it (or of it before its change) left in the state. */
async function buildCases(providerText: string, emulator: Emulator): Promise<Case[]> {
  const config = stackConfig(emulator);
  configure({ config: { get: (key) => config[key] } });
  // Unpaced: the timed part is check and diff, not the 1,000 creates that set it up.
  useClientOptions({ gate: new RateLimitGate() });
  emulator.setRateLimit(undefined);
  const cases: Case[] = [];
  try {
    for (let i = 0; i < RESOURCES; i++) {
      const changed = i % 4 === 0;
      const before = (await check({}, { ...(changed ? withOneChange(i) : declaration(i)), __provider: providerText })) as { inputs: Struct };
      const oldInputs = { ...before.inputs, __provider: providerText };
      const created = await create(oldInputs);
      cases.push({
        id: created.id,
        news: { ...declaration(i), __provider: providerText },
        oldInputs,
        // The host adds the provider text to what Create returns.
        oldOutputs: { ...(created.outs as Struct), __provider: providerText },
        changed,
      });
    }
  } finally {
    useClientOptions({});
    emulator.clearRequests();
  }
  return cases;
}

async function pass(cases: Case[]): Promise<{ checkMs: number[]; diffMs: number[]; wrong: string[] }> {
  const checkMs: number[] = [];
  const diffMs: number[] = [];
  const wrong: string[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    const checked = await check(c.oldInputs, c.news);
    const t1 = performance.now();
    const result = await diff(c.id, c.oldOutputs, checked.inputs);
    const t2 = performance.now();
    checkMs.push(t1 - t0);
    diffMs.push(t2 - t1);
    if (checked.failures?.length) wrong.push(`${c.id}: check failed: ${JSON.stringify(checked.failures)}`);
    // `changes: false` is "nothing to send"; a change leaves it undefined, for the engine to compare the inputs itself.
    else if ((result.changes !== false) !== c.changed) wrong.push(`${c.id}: diff says changes=${result.changes}, expected a change: ${c.changed}`);
  }
  return { checkMs, diffMs, wrong };
}
