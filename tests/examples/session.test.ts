import { checkFailures, deployToEmulator, Emulator, ProgramRun, RESOURCE_TYPE, runProgram, startEmulator } from "./harness";
import { manageBillingLink, updateCardLink } from "../../examples/session/app";

let run: ProgramRun;
let emulator: Emulator;
beforeAll(async () => {
  run = await runProgram(() => import("../../examples/session"), { project: "stripe-portal-session" });
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

describe("examples/session", () => {
  it("declares the configuration the application uses and exports its id", () => {
    expect(run.resources).toHaveLength(1);
    const portal = run.byName("app-portal");
    expect(portal.type).toBe(RESOURCE_TYPE);
    expect(portal.inputs).toMatchObject({ defaultReturnUrl: "https://example.com/account", features: { paymentMethodUpdate: { enabled: true } } });
    expect(checkFailures(portal)).toEqual([]);
    expect(run.outputs).toEqual({ configurationId: "bpc_appportal" });
  });

  it("creates portal sessions for the deployed configuration from application code", async () => {
    const [deployed] = await deployToEmulator(emulator, run.resources);
    const env = { PORTAL_CONFIGURATION_ID: deployed.id, STRIPE_API_KEY: "sk_test_app", STRIPE_API_BASE: emulator.url };
    emulator.clearRequests();

    const home = await manageBillingLink("cus_123", env);
    expect(home.startsWith(`${emulator.url}/p/session/`)).toBe(true);
    const card = await updateCardLink("cus_123", env);
    expect(card.startsWith(`${emulator.url}/p/session/`)).toBe(true);

    const sessions = emulator.requests().filter((r) => r.path === "/v1/billing_portal/sessions");
    expect(sessions.map((r) => r.body)).toEqual([
      { customer: "cus_123", configuration: deployed.id, return_url: "https://example.com/account" },
      {
        customer: "cus_123",
        configuration: deployed.id,
        flow_data: { type: "payment_method_update", after_completion: { type: "redirect", redirect: { return_url: "https://example.com/account?card=updated" } } },
      },
    ]);
    const page = await fetch(home);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Acme billing");
  });

  it("fails with Stripe's message for a configuration that does not exist", async () => {
    const env = { PORTAL_CONFIGURATION_ID: "bpc_doesnotexist", STRIPE_API_KEY: "sk_test_app", STRIPE_API_BASE: emulator.url };
    await expect(manageBillingLink("cus_123", env)).rejects.toMatchObject({ name: "StripeApiError", statusCode: expect.any(Number) });
  });
});
