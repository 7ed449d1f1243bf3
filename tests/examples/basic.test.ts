import { checkFailures, deployToEmulator, Emulator, ProgramRun, RESOURCE_TYPE, runProgram, startEmulator } from "./harness";

let run: ProgramRun;
let emulator: Emulator;
beforeAll(async () => {
  run = await runProgram(() => import("../../examples/basic"), { project: "stripe-portal-basic" });
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

describe("examples/basic", () => {
  it("declares one configuration with invoices, payment methods and cancellation", () => {
    expect(run.resources).toHaveLength(1);
    const [portal] = run.resources;
    expect(portal).toMatchObject({ type: RESOURCE_TYPE, name: "basic" });
    expect(portal.inputs).toEqual({
      defaultReturnUrl: "https://example.com/account",
      features: { invoiceHistory: { enabled: true }, paymentMethodUpdate: { enabled: true }, subscriptionCancel: { enabled: true } },
    });
    expect(typeof portal.provider).toBe("string");
    expect(run.outputs).toEqual({ configurationId: "bpc_basic" });
    expect(checkFailures(portal)).toEqual([]);
  });

  it("deploys to the emulator, and a second run changes nothing", async () => {
    const [deployed] = await deployToEmulator(emulator, run.resources);
    expect(deployed.id).toMatch(/^bpc_/);
    expect(deployed.changesOnRerun).toBe(false);
    expect(deployed.outs).toMatchObject({ features: { subscriptionCancel: { enabled: true, mode: "at_period_end" } }, active: true });
  });
});
