import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import { apiClient, form, MINIMAL_CREATE } from "./stripeClient";

// The state file is written by renaming a finished copy over it: counting the renames counts the writes.
jest.mock("node:fs", () => {
  const actual = jest.requireActual<typeof import("node:fs")>("node:fs");
  return { ...actual, renameSync: jest.fn(actual.renameSync) };
});

const CONFIGURATIONS = "/v1/billing_portal/configurations";
let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "emulator-state-"));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

test("configurations survive a restart through the state file; sessions do not", async () => {
  const stateFile = join(directory, "state.json");
  const first = await startEmulator({ stateFile });
  const client = apiClient(first.url);
  const created = (await client.post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Kept&metadata[a]=1`)).data;
  const connected = (await apiClient(first.url, { account: "acct_persist" }).post(CONFIGURATIONS, MINIMAL_CREATE)).data;
  await client.post(`${CONFIGURATIONS}/${created.id}`, "active=false");
  const session = (await client.post("/v1/billing_portal/sessions", form({ customer: "cus_1", return_url: "https://acme.test" }))).data;
  const platformAccount = first.platformAccount;
  const before = first.configurations();
  await first.stop();

  const saved = JSON.parse(readFileSync(stateFile, "utf8"));
  expect(saved.version).toBe(1);
  expect(Object.keys(saved.scopes).sort()).toEqual(["test:acct_persist", "test:platform"]);
  expect(readdirSync(directory)).toEqual(["state.json"]);

  const second = await startEmulator({ stateFile });
  try {
    expect(second.platformAccount).toBe(platformAccount);
    expect(second.configurations()).toEqual(before);
    const again = await apiClient(second.url).get(`${CONFIGURATIONS}/${created.id}`);
    expect(again.status).toBe(200);
    expect(again.data).toMatchObject({ id: created.id, name: "Kept", active: false, metadata: { a: "1" } });
    expect((await apiClient(second.url, { account: "acct_persist" }).get(`${CONFIGURATIONS}/${connected.id}`)).status).toBe(200);
    const page = await apiClient(second.url).get(new URL(session.url).pathname);
    expect(page.status).toBe(404);
    expect(second.requests()).toHaveLength(2);
  } finally {
    await second.stop();
  }
});

test("without a state file nothing is kept", async () => {
  const first = await startEmulator();
  const created = (await apiClient(first.url).post(CONFIGURATIONS, MINIMAL_CREATE)).data;
  await first.stop();
  const second = await startEmulator();
  try {
    expect((await apiClient(second.url).get(`${CONFIGURATIONS}/${created.id}`)).status).toBe(404);
  } finally {
    await second.stop();
  }
});

test("a state file that is not emulator state is refused with a clear error", async () => {
  const stateFile = join(directory, "broken.json");
  writeFileSync(stateFile, "{ not json");
  await expect(startEmulator({ stateFile })).rejects.toThrow(/is not valid JSON/);
  writeFileSync(stateFile, JSON.stringify({ hello: "world" }));
  await expect(startEmulator({ stateFile })).rejects.toThrow(/does not hold emulator state/);
});

test("idempotency keys survive a restart for 24 hours, as Stripe keeps them", async () => {
  const stateFile = join(directory, "state.json");
  let now = Date.UTC(2026, 11, 3, 12);
  const clock = () => now;
  const keyed = (key: string) => ({ headers: { "Idempotency-Key": key } });
  const first = await startEmulator({ stateFile, clock });
  const created = await apiClient(first.url).post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Once`, keyed("create-once"));
  await first.stop();
  expect(Object.keys(JSON.parse(readFileSync(stateFile, "utf8")).idempotency)).toEqual(["test:platform/create-once"]);

  now += 23 * 60 * 60 * 1000;
  const second = await startEmulator({ stateFile, clock });
  try {
    const replayed = await apiClient(second.url).post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Once`, keyed("create-once"));
    expect(replayed.status).toBe(200);
    expect(replayed.headers["idempotent-replayed"]).toBe("true");
    expect(replayed.data).toEqual(created.data);
    expect(second.configurations().filter((c) => c.name === "Once")).toHaveLength(1);
    const other = await apiClient(second.url).post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Other`, keyed("create-once"));
    expect(other.data.error.type).toBe("idempotency_error");
  } finally {
    await second.stop();
  }

  now += 2 * 60 * 60 * 1000;
  const third = await startEmulator({ stateFile, clock });
  try {
    const fresh = await apiClient(third.url).post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Once`, keyed("create-once"));
    expect(fresh.status).toBe(200);
    expect(fresh.headers["idempotent-replayed"]).toBeUndefined();
    expect(fresh.data.id).not.toBe(created.data.id);
  } finally {
    await third.stop();
  }
});

test("a state file from before idempotency keys were kept still loads", async () => {
  const stateFile = join(directory, "old.json");
  writeFileSync(stateFile, JSON.stringify({ version: 1, platformAccount: "acct_1Old", scopes: {} }));
  const emulator = await startEmulator({ stateFile });
  try {
    expect(emulator.platformAccount).toBe("acct_1Old");
  } finally {
    await emulator.stop();
  }
});

test("a request's changes rewrite the state file once: a keyed create adds the configuration and saves its answer together", async () => {
  const stateFile = join(directory, "state.json");
  const emulator = await startEmulator({ stateFile });
  try {
    const client = apiClient(emulator.url);
    // The first request of a scope makes its default configuration.
    await client.get(CONFIGURATIONS);
    const writes = () => jest.mocked(renameSync).mock.calls.filter(([, to]) => to === stateFile).length;
    expect(writes()).toBe(1);
    const created = await client.post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Once`, { headers: { "Idempotency-Key": "write-once" } });
    expect(created.status).toBe(200);
    expect(writes()).toBe(2);
    const saved = JSON.parse(readFileSync(stateFile, "utf8"));
    expect(saved.scopes["test:platform"].map((c: { id: string }) => c.id)).toContain(created.data.id);
    expect(Object.keys(saved.idempotency)).toEqual(["test:platform/write-once"]);
    // A first create in a new scope, without a key: its default and the create, one write.
    await apiClient(emulator.url, { account: "acct_1WriteOnce" }).post(CONFIGURATIONS, MINIMAL_CREATE);
    expect(writes()).toBe(3);
  } finally {
    await emulator.stop();
  }
});
