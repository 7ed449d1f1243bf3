import { startEmulator, type Emulator } from "../../emulator";
import { configurationSchemaAt, isOlderVersion, pathsAbsentAt } from "../../emulator/apiVersions";
import { configurationSchema } from "../../provider/schema";
import { apiClient, form } from "./stripeClient";

const CONFIGURATIONS = "/v1/billing_portal/configurations";
const OLDER = ["2026-08-26.dahlia", "2025-03-31.basil", "2024-04-10"];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

const client = () => apiClient(emulator.url);
const at = (version: string) => ({ headers: { "Stripe-Version": version } });

async function createdAt(version: string | undefined, body = form({ features: { invoice_history: { enabled: true } } })) {
  const response = await client().post(CONFIGURATIONS, body, version ? at(version) : {});
  expect(response.status).toBe(200);
  return response.data;
}

describe("features.subscription_pause: removed in 2024-04-10, back in 2026-10-28.endive (SEMANTICS.md)", () => {
  test.each(OLDER)("%s: create, retrieve, update and list answer without it; the configuration keeps it", async (version) => {
    const created = await createdAt(version);
    expect(Object.keys(created.features)).toEqual(["customer_update", "invoice_history", "payment_method_update", "subscription_cancel", "subscription_update"]);
    const retrieved = await client().get(`${CONFIGURATIONS}/${created.id}`, at(version));
    expect(retrieved.data).toEqual(created);
    const updated = await client().post(`${CONFIGURATIONS}/${created.id}`, "name=Renamed", at(version));
    expect(updated.data.features).toEqual(created.features);
    const listed = await client().get(`${CONFIGURATIONS}?limit=100`, at(version));
    expect(listed.data.data.filter((c: { features: object }) => "subscription_pause" in c.features)).toEqual([]);
    const stored = emulator.configurations().find((c) => c.id === created.id) as { features: Record<string, unknown> };
    expect(stored.features.subscription_pause).toMatchObject({ duration: expect.any(Object), enabled: false });
    const current = await client().get(`${CONFIGURATIONS}/${created.id}`, at("2026-10-28.endive"));
    expect(current.data.features.subscription_pause).toEqual(stored.features.subscription_pause);
  });

  test.each(OLDER)("%s: a features[subscription_pause] parameter is an unknown parameter, on create and on update", async (version) => {
    const create = await client().post(CONFIGURATIONS, form({ features: { invoice_history: { enabled: true }, subscription_pause: { enabled: true } } }), at(version));
    const unknown = { error: { type: "invalid_request_error", message: "Received unknown parameter: features[subscription_pause]", param: "features[subscription_pause]" } };
    expect([create.status, create.data]).toEqual([400, unknown]);
    const { id } = await createdAt(version);
    const update = await client().post(`${CONFIGURATIONS}/${id}`, "features[subscription_pause][enabled]=false", at(version));
    expect([update.status, update.data]).toEqual([400, unknown]);
    expect(update.headers["stripe-version"]).toBe(version);
  });

  test("2026-10-28.endive, and a request naming no version, take and answer it", async () => {
    const body = form({ features: { invoice_history: { enabled: true }, subscription_pause: { enabled: true } } });
    for (const version of ["2026-10-28.endive", undefined]) {
      const created = await createdAt(version, body);
      expect(created.features.subscription_pause).toMatchObject({ duration: { type: expect.any(String) }, enabled: true });
    }
  });

  test("a session that expands its configuration answers it in the request's version", async () => {
    const { id } = await createdAt(undefined);
    const session = await client().post("/v1/billing_portal/sessions", `customer=cus_1&return_url=https://acme.test&configuration=${id}&expand[]=configuration`, at("2026-08-26.dahlia"));
    expect(session.status).toBe(200);
    expect(session.data.configuration.id).toBe(id);
    expect(session.data.configuration.features).not.toHaveProperty("subscription_pause");
  });

  test("the version table", () => {
    expect(pathsAbsentAt("2026-08-26.dahlia")).toEqual(["features.subscription_pause"]);
    expect(pathsAbsentAt("2026-10-28.endive")).toEqual([]);
    expect(pathsAbsentAt("2027-01-01.future")).toEqual([]);
    expect(isOlderVersion("2026-08-26.dahlia", "2026-10-28.endive")).toBe(true);
    expect(isOlderVersion("2026-10-28.preview", "2026-10-28.endive")).toBe(false);
    expect(isOlderVersion("not-a-version", "2026-10-28.endive")).toBe(false);
    const features = (at: string) => Object.keys((configurationSchemaAt(at).fields.features as { fields: object }).fields);
    expect(features("2025-03-31.basil")).toEqual(["customerUpdate", "invoiceHistory", "paymentMethodUpdate", "subscriptionCancel", "subscriptionUpdate"]);
    expect(configurationSchemaAt("2026-10-28.endive")).toEqual(configurationSchema);
    expect(Object.keys((configurationSchema.fields.features as { fields: object }).fields)).toContain("subscriptionPause");
  });
});
