import { checkFailures, deployToEmulator, Emulator, ProgramRun, RESOURCE_TYPE, runProgram, startEmulator } from "./harness";

let run: ProgramRun;
let emulator: Emulator;
beforeAll(async () => {
  run = await runProgram(() => import("../../examples/tiers"), { project: "stripe-portal-tiers" });
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

describe("examples/tiers", () => {
  it("declares one configuration per tier from the list", () => {
    expect(run.resources.map((r) => [r.type, r.name]).sort()).toEqual([
      [RESOURCE_TYPE, "portal-enterprise"],
      [RESOURCE_TYPE, "portal-starter"],
      [RESOURCE_TYPE, "portal-team"],
    ]);
    for (const resource of run.resources) expect(checkFailures(resource)).toEqual([]);
  });

  it("gives each tier its own features", () => {
    const starter = run.byName("portal-starter").inputs;
    const team = run.byName("portal-team").inputs;
    const enterprise = run.byName("portal-enterprise").inputs;
    expect(starter).toMatchObject({
      name: "Acme Starter customers",
      businessProfile: { headline: "Acme Starter" },
      features: {
        subscriptionCancel: { enabled: true, mode: "at_period_end" },
        subscriptionPause: { enabled: true },
        subscriptionUpdate: { enabled: true, defaultAllowedUpdates: ["price"], products: [{ product: "prod_Starter" }, { product: "prod_Team" }] },
      },
      metadata: { tier: "starter" },
    });
    expect(team).toMatchObject({
      features: {
        subscriptionPause: { enabled: false },
        subscriptionUpdate: {
          enabled: true,
          defaultAllowedUpdates: ["price", "quantity"],
          products: [
            { product: "prod_Starter", adjustableQuantity: { enabled: true, minimum: 2, maximum: 100 } },
            { product: "prod_Team", adjustableQuantity: { enabled: true, minimum: 2, maximum: 100 } },
          ],
        },
      },
    });
    expect(enterprise).toMatchObject({
      features: { subscriptionCancel: { enabled: false }, subscriptionUpdate: { enabled: false, defaultAllowedUpdates: [], products: [] } },
    });
  });

  it("exports the ids by tier and the tiers with plan changes", () => {
    expect(run.outputs).toEqual({
      configurationIds: { starter: "bpc_portalstarter", team: "bpc_portalteam", enterprise: "bpc_portalenterprise" },
      tiersWithPlanChanges: ["starter", "team"],
    });
  });

  it("deploys every tier to the emulator, and a second run changes nothing", async () => {
    const deployed = await deployToEmulator(emulator, run.resources);
    expect(new Set(deployed.map((d) => d.id)).size).toBe(3);
    expect(deployed.map((d) => d.changesOnRerun)).toEqual([false, false, false]);
  });
});
