import { checkFailures, deployToEmulator, Emulator, ProgramRun, RESOURCE_TYPE, runProgram, startEmulator } from "./harness";

let run: ProgramRun;
let emulator: Emulator;
beforeAll(async () => {
  run = await runProgram(() => import("../../examples/adopt-default"), { project: "stripe-portal-adopt-default" });
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

describe("examples/adopt-default", () => {
  it("declares one configuration that adopts the default one", () => {
    expect(run.resources).toHaveLength(1);
    const portal = run.byName("default-portal");
    expect(portal.type).toBe(RESOURCE_TYPE);
    expect(portal.inputs).toMatchObject({ adoptId: "default", features: { subscriptionCancel: { enabled: true, mode: "at_period_end" } } });
    expect(checkFailures(portal)).toEqual([]);
    expect(run.outputs).toEqual({ configurationId: "bpc_defaultportal", isDefault: true });
  });

  it("takes over the emulator's default configuration instead of creating one; a second run changes nothing", async () => {
    const before = emulator.configurations();
    const defaultId = before.find((c) => c.is_default === true)?.id;
    expect(defaultId).toMatch(/^bpc_/);
    const [deployed] = await deployToEmulator(emulator, run.resources);
    expect(deployed.id).toBe(defaultId);
    expect(deployed.outs).toMatchObject({ isDefault: true, adoptId: "default", businessProfile: { headline: "Manage your Acme subscription" } });
    expect(emulator.configurations()).toHaveLength(before.length);
    expect(deployed.changesOnRerun).toBe(false);
  });
});
