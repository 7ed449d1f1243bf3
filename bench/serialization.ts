/**
 * What registering resources costs the program: a program of 200 varied configurations run under
 * Pulumi mocks by the harness (a child `node`, modules from the installed package), the size of
 * the serialized provider each registration carries, and how often Pulumi's closure serializer ran.
 */
import { Registration, runProgram } from "../tests/engine/harness/mockProgram";
import { portalProgram } from "../tests/engine/harness/testing";
import { BenchContext, stackConfig, TYPE } from "./context";
import { declaration } from "./declarations";
import { atMost, exactly, measured, Metric, msSince, round } from "./metric";

const GROUP = "serialization";
export const PROGRAM_RESOURCES = 200;

export async function measureSerialization(context: BenchContext): Promise<{ metrics: Metric[]; registrations: Registration[] }> {
  const resources = Object.fromEntries(Array.from({ length: PROGRAM_RESOURCES }, (_, i) => [`portal-${i}`, declaration(i)]));
  const started = performance.now();
  const run = await runProgram(context.pkg.programDir, portalProgram(resources), { config: stackConfig(context.emulator) });
  const wallMs = msSince(started);

  const registrations = run.registrations.filter((r) => r.type === TYPE);
  if (registrations.length !== PROGRAM_RESOURCES) throw new Error(`the program registered ${registrations.length} configurations, not ${PROGRAM_RESOURCES}`);
  const providers = new Set(registrations.map((r) => r.inputs.__provider));
  const provider = registrations[0].inputs.__provider;
  if (typeof provider !== "string") throw new Error("the registration carries no serialized provider");

  return {
    registrations,
    metrics: [
      measured(GROUP, "__provider size", Buffer.byteLength(provider, "utf8"), "bytes", atMost(3 * 1024), { distinctProviderTexts: providers.size }),
      measured(GROUP, `register ${PROGRAM_RESOURCES} resources under mocks`, round(run.programMs, 1), "ms", null, {
        what: "from loading the program to the last RegisterResource (the harness's programMs)",
        childProcessWallMs: wallMs,
        closureSerializationMs: round(run.serialization.ms, 1),
      }),
      measured(GROUP, `closure serializations for ${PROGRAM_RESOURCES} resources`, run.serialization.calls, "calls", exactly(1)),
    ],
  };
}
