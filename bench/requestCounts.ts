/**
 * Requests Stripe sees per operation, through the real host driven as the engine drives it: one
 * stack, one command per host (as the CLI), the program run under mocks for each `up`.
 */
import { Stack, Step } from "../tests/engine/harness/engine";
import { runProgram } from "../tests/engine/harness/mockProgram";
import { portalProgram } from "../tests/engine/harness/testing";
import { BenchContext, stackConfig, withHost } from "./context";
import { declaration, withOneChange } from "./declarations";
import { exactly, measured, Metric } from "./metric";

const GROUP = "requests per operation";
/** A declaration with a plan, a survey and a pause; its one change is the headline. */
const INDEX = 9;

export async function measureRequestCounts(context: BenchContext): Promise<Metric[]> {
  const { pkg, emulator } = context;
  const config = stackConfig(emulator);
  const stack = new Stack(config);
  const [v1, v2] = await Promise.all(
    [declaration(INDEX), withOneChange(INDEX)].map((args) => runProgram(pkg.programDir, portalProgram({ portal: args }), { config })),
  );
  emulator.setRateLimit(undefined);

  const metrics: Metric[] = [];
  const operation = async (name: string, expectedOp: Step["op"], command: (stack: Stack) => Promise<Step[]>) => {
    emulator.clearRequests();
    const steps = await command(stack);
    const seen = emulator.requests().map((r) => `${r.method} ${r.path} -> ${r.status}`);
    const ops = steps.map((s) => s.op);
    // A step the engine would not take (e.g. an update where nothing changed) makes the count meaningless.
    const asExpected = ops.length === 1 && ops[0] === expectedOp;
    metrics.push(
      measured(GROUP, name, asExpected ? seen.length : Number.NaN, "requests", exactly(name === "unchanged up" ? 0 : 1), {
        requests: seen,
        engineSteps: ops,
      }),
    );
  };

  await operation("create", "create", (s) => withHost(context, (host) => s.up(host, v1.registrations)));
  await operation("unchanged up", "same", (s) => withHost(context, (host) => s.up(host, v1.registrations)));
  await operation("update of one field", "update", (s) => withHost(context, (host) => s.up(host, v2.registrations)));
  await operation("refresh", "read", (s) => withHost(context, (host) => s.refresh(host)));
  await operation("delete", "delete", (s) => withHost(context, (host) => s.destroy(host)));
  emulator.clearRequests();
  return metrics;
}
