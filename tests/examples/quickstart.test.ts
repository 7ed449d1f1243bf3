/** The root program, the one `npm run demo` deploys: the quick-start of the README and the issue. */
import { createPortalSession } from "../../sdk";
import { quickStart } from "../fixtures/configurations";
import { checkFailures, deployToEmulator, Emulator, ProgramRun, RESOURCE_TYPE, runProgram, startEmulator } from "./harness";

let run: ProgramRun;
let emulator: Emulator;
beforeAll(async () => {
  run = await runProgram(() => import("../../index"), { project: "stripe-portal-quickstart" });
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

describe("the root program", () => {
  it("declares the quick-start configuration and exports its id and login URL", () => {
    expect(run.resources).toHaveLength(1);
    const main = run.byName("main");
    expect(main.type).toBe(RESOURCE_TYPE);
    expect(main.inputs).toEqual(quickStart);
    expect(checkFailures(main)).toEqual([]);
    expect(run.outputs).toEqual({ configurationId: "bpc_main", loginUrl: "https://billing.stripe.com/p/login/test_mock" });
  });

  it("deploys to the emulator, changes nothing on a second run, and opens a session for the demo customer", async () => {
    const [deployed] = await deployToEmulator(emulator, run.resources);
    expect(deployed.changesOnRerun).toBe(false);
    expect(deployed.outs).toMatchObject({ loginPage: { enabled: true, url: expect.stringContaining(`${emulator.url}/p/login/`) } });
    const session = await createPortalSession({ customer: "cus_demo", configuration: deployed.id }, { apiKey: "sk_test_examples", apiBase: emulator.url });
    expect(session).toMatchObject({ customer: "cus_demo", configuration: deployed.id, returnUrl: "https://acme.test/account" });
    expect(session.url.startsWith(`${emulator.url}/p/session/`)).toBe(true);
  });
});
