import { startEmulator, type Emulator } from "../../emulator";
import { apiClient, MINIMAL_CREATE } from "./stripeClient";

let emulator: Emulator;
/** The account's configurations, newest first: 12 created ones, then the default. */
let newestFirst: string[];
const ACCOUNT = "acct_lister";
const CONFIGURATIONS = "/v1/billing_portal/configurations";
const client = () => apiClient(emulator.url, { account: ACCOUNT });
const ids = (data: { data: { id: string }[] }) => data.data.map((c) => c.id);

beforeAll(async () => {
  emulator = await startEmulator();
  const created: string[] = [];
  for (let i = 0; i < 12; i++) {
    const response = await client().post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=c${i}`);
    created.push(response.data.id);
  }
  await client().post(`${CONFIGURATIONS}/${created[3]}`, "active=false");
  await client().post(`${CONFIGURATIONS}/${created[7]}`, "active=false");
  const defaultId = emulator.configurations({ account: ACCOUNT }).find((c) => c.is_default === true)?.id as string;
  newestFirst = [...created].reverse().concat(defaultId);
});
afterAll(() => emulator.stop());

test("newest first, 10 by default, with has_more and Stripe's list envelope", async () => {
  const response = await client().get(CONFIGURATIONS);
  expect(response.status).toBe(200);
  expect(Object.keys(response.data)).toEqual(["object", "data", "has_more", "url"]);
  expect(response.data.object).toBe("list");
  expect(response.data.url).toBe("/v1/billing_portal/configurations");
  expect(response.data.has_more).toBe(true);
  expect(ids(response.data)).toEqual(newestFirst.slice(0, 10));
});

test("limit picks the page size and has_more turns false at the end", async () => {
  const response = await client().get(`${CONFIGURATIONS}?limit=13`);
  expect(ids(response.data)).toEqual(newestFirst);
  expect(response.data.has_more).toBe(false);
  const exact = await client().get(`${CONFIGURATIONS}?limit=100`);
  expect(exact.data.has_more).toBe(false);
});

test.each([
  ["0", "This value must be greater than or equal to 1."],
  ["101", "This value must be less than or equal to 100."],
  ["ten", "Invalid integer: ten"],
])("limit=%s is a 400", async (limit, message) => {
  const response = await client().get(`${CONFIGURATIONS}?limit=${limit}`);
  expect(response.status).toBe(400);
  expect(response.data).toEqual({ error: { type: "invalid_request_error", message, param: "limit" } });
});

test("starting_after walks forward through every page", async () => {
  const seen: string[] = [];
  let cursor: string | undefined;
  let hasMore = true;
  while (hasMore) {
    const response = await client().get(`${CONFIGURATIONS}?limit=5${cursor ? `&starting_after=${cursor}` : ""}`);
    seen.push(...ids(response.data));
    hasMore = response.data.has_more;
    cursor = seen[seen.length - 1];
  }
  expect(seen).toEqual(newestFirst);
});

test("ending_before gives the page just before the cursor", async () => {
  const response = await client().get(`${CONFIGURATIONS}?limit=3&ending_before=${newestFirst[6]}`);
  expect(ids(response.data)).toEqual(newestFirst.slice(3, 6));
  expect(response.data.has_more).toBe(true);
  const first = await client().get(`${CONFIGURATIONS}?limit=3&ending_before=${newestFirst[3]}`);
  expect(ids(first.data)).toEqual(newestFirst.slice(0, 3));
  expect(first.data.has_more).toBe(false);
});

test("active and is_default filter, also together with cursors", async () => {
  const inactive = await client().get(`${CONFIGURATIONS}?active=false`);
  expect(ids(inactive.data)).toEqual([newestFirst[4], newestFirst[8]]);
  const active = await client().get(`${CONFIGURATIONS}?active=true&limit=100`);
  expect(ids(active.data)).toEqual(newestFirst.filter((_, i) => i !== 4 && i !== 8));
  const defaults = await client().get(`${CONFIGURATIONS}?is_default=true`);
  expect(ids(defaults.data)).toEqual([newestFirst[12]]);
  const nonDefault = await client().get(`${CONFIGURATIONS}?is_default=false&limit=100`);
  expect(ids(nonDefault.data)).toEqual(newestFirst.slice(0, 12));
  const afterInactive = await client().get(`${CONFIGURATIONS}?active=false&starting_after=${newestFirst[4]}`);
  expect(ids(afterInactive.data)).toEqual([newestFirst[8]]);
  const badFilter = await client().get(`${CONFIGURATIONS}?active=maybe`);
  expect(badFilter.data).toEqual({ error: { type: "invalid_request_error", message: "Invalid boolean: maybe", param: "active" } });
});

test("cursor errors", async () => {
  const both = await client().get(`${CONFIGURATIONS}?starting_after=${newestFirst[0]}&ending_before=${newestFirst[1]}`);
  expect(both.status).toBe(400);
  expect(both.data).toEqual({
    error: { type: "invalid_request_error", message: "You may only specify one of these parameters: starting_after, ending_before.", param: "ending_before" },
  });
  const unknown = await client().get(`${CONFIGURATIONS}?starting_after=bpc_nope`);
  expect(unknown.status).toBe(400);
  expect(unknown.data).toEqual({
    error: {
      type: "invalid_request_error",
      code: "resource_missing",
      doc_url: "https://stripe.com/docs/error-codes/resource-missing",
      message: "No such configuration: 'bpc_nope'",
      param: "starting_after",
    },
  });
  const unknownParam = await client().get(`${CONFIGURATIONS}?created=1`);
  expect(unknownParam.data.error.message).toBe("Received unknown parameter: created");
});
