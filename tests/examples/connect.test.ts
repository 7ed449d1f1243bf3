import { checkFailures, deployToEmulator, Emulator, ProgramRun, RESOURCE_TYPE, runProgram, startEmulator } from "./harness";

let run: ProgramRun;
let emulator: Emulator;
beforeAll(async () => {
  run = await runProgram(() => import("../../examples/connect"), { project: "stripe-portal-connect" });
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

describe("examples/connect", () => {
  it("declares one configuration per connected account", () => {
    expect(run.resources.map((r) => [r.type, r.name, r.inputs.stripeAccount as string]).sort()).toEqual([
      [RESOURCE_TYPE, "portal-bakery", "acct_1BakeryExample00"],
      [RESOURCE_TYPE, "portal-bikes", "acct_1BikesExample000"],
    ]);
    expect(run.byName("portal-bikes").inputs).toMatchObject({
      name: "Wheel Works customers",
      businessProfile: { headline: "Wheel Works", privacyPolicyUrl: "https://bikes.example.com/privacy" },
      defaultReturnUrl: "https://bikes.example.com/account",
    });
    for (const resource of run.resources) expect(checkFailures(resource)).toEqual([]);
    expect(run.outputs).toEqual({ configurationIds: { acct_1BakeryExample00: "bpc_portalbakery", acct_1BikesExample000: "bpc_portalbikes" } });
  });

  it("creates each configuration in its own account, and a second run changes nothing", async () => {
    const [bakery, bikes] = await deployToEmulator(emulator, ["portal-bakery", "portal-bikes"].map((name) => run.byName(name)));
    expect(emulator.configurations({ account: "acct_1BakeryExample00" }).map((c) => c.id)).toContain(bakery.id);
    expect(emulator.configurations({ account: "acct_1BikesExample000" }).map((c) => c.id)).toContain(bikes.id);
    expect(emulator.configurations({ account: "acct_1BakeryExample00" }).map((c) => c.id)).not.toContain(bikes.id);
    expect(emulator.configurations().map((c) => c.id)).not.toContain(bakery.id);
    expect([bakery.changesOnRerun, bikes.changesOnRerun]).toEqual([false, false]);
  });
});
