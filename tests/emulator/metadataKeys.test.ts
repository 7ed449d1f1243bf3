import { Emulator, startEmulator } from "../../emulator";
import { apiClient, form } from "./stripeClient";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.stop());

describe("metadata keys", () => {
  it("keeps digit-only keys and keys named like object methods as plain keys", async () => {
    const api = apiClient(emulator.url);
    const answer = await api.post("/v1/billing_portal/configurations", form({ features: { invoice_history: { enabled: true } }, metadata: { "0": "zero", toString: "x", constructor: "y" } }));
    expect(answer.status).toBe(200);
    expect(answer.data.metadata).toEqual({ "0": "zero", toString: "x", constructor: "y" });
  });
});
