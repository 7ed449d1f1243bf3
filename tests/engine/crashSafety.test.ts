/**
 * Crash safety through the real dynamic-provider host of the installed package: a create the
 * engine sends again (its first answer lost with a crashed CLI) is answered with the same
 * configuration, and a host whose engine is gone sends nothing more.
 */
import { Emulator, startEmulator } from "../../emulator";
import { PROVIDER_TEXT } from "../../provider/dynamic/providerText";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { refOf as refOfRegistration } from "./harness/engine";
import { InstalledPackage, installedPackage } from "./harness/installedPackage";
import { HostError, ProviderHost } from "./harness/providerHost";
import { ACME, CONFIGURATIONS, createsSeen, pollUntil, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/testing";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_engineCrash4242";
let pkg: InstalledPackage;
let emulator: Emulator;

beforeAll(async () => {
  pkg = await installedPackage();
  emulator = await startEmulator({ port: 0 });
}, SETUP_TIMEOUT_MS);
afterAll(() => emulator?.stop());

const refOf = (name: string) => refOfRegistration({ type: DYNAMIC_PORTAL_CONFIGURATION_TYPE, name });

/** A host configured as a stack with the key would configure it. */
async function keyedHost(options: { enginePipe?: boolean } = {}): Promise<ProviderHost> {
  const host = await ProviderHost.start(pkg.programDir, options);
  await host.configure({ "stripe:apiBase": emulator.url, "stripe:apiKey": KEY }, ["stripe:apiKey"]);
  return host;
}

/** Check's inputs for a resource declaring `declared`, as the SDK registers it (with its URN). */
async function checked(host: ProviderHost, name: string, declared: Record<string, unknown>) {
  const ref = refOf(name);
  const { inputs, failures } = await host.check(ref, {}, { ...declared, __identity: ref.urn, __provider: PROVIDER_TEXT });
  expect(failures).toEqual([]);
  return inputs;
}

test("a create sent again by a new host (the first CLI crashed before recording it) is answered with the same configuration", async () => {
  const first = await keyedHost();
  const inputs = await checked(first, "portal", ACME);
  const created = await first.create(refOf("portal"), inputs);
  await first.stop();
  emulator.clearRequests();

  const second = await keyedHost();
  try {
    const again = await second.create(refOf("portal"), await checked(second, "portal", ACME));
    expect(again.id).toBe(created.id);
    const requests = emulator.requests();
    expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", CONFIGURATIONS, 200],
      ["GET", `${CONFIGURATIONS}/${created.id}`, 200],
    ]);
    expect(emulator.configurations().filter((c) => c.name === "Acme self-serve" && c.active === true).map((c) => c.id)).toEqual([created.id]);
  } finally {
    await second.stop();
  }
});

test("a host whose engine is gone sends none of its queued creates, and exits", async () => {
  const host = await keyedHost({ enginePipe: true });
  emulator.clearRequests();
  // 40 creates at once: the host's rate-limit gate lets 25 out, and holds the rest until a second
  // after the first answers (provider/rateLimitGate.ts).
  const names = Array.from({ length: 40 }, (_, i) => `queued-${i}`);
  const inputs = await Promise.all(names.map((name) => checked(host, name, { ...ACME, name })));
  const outcomes: Record<string, string> = {};
  const creates = names.map((name, i) =>
    host.create(refOf(name), inputs[i]).then(
      () => (outcomes[name] = "created"),
      (error: unknown) => (outcomes[name] = error instanceof HostError ? `failed with gRPC status ${error.code}` : `failed: ${String(error)}`),
    ),
  );
  // The first window's 25, answered by Stripe and then by the host; the other 15 still held.
  const sent = await createsSeen(emulator, 25);
  await pollUntil("the host to answer the 25 creates Stripe answered", () => Object.keys(outcomes).length === 25, { state: () => JSON.stringify(outcomes) });

  await host.loseEngine();
  expect(host.running).toBe(false);
  // Nothing went out between the engine's loss and the host's exit: the 25 only.
  expect(emulator.requests().map((r) => [r.method, r.path, r.status])).toEqual(Array.from({ length: 25 }, () => ["POST", CONFIGURATIONS, 200]));
  await Promise.all(creates);
  const sentNames = sent.map((r) => String(r.body.name));
  expect(outcomes).toEqual(Object.fromEntries(names.map((name) => [name, sentNames.includes(name) ? "created" : "failed with gRPC status 14"])));
});
