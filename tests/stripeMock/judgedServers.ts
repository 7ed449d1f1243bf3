import { startEmulator, type Emulator } from "../../emulator";
import { startStripeMock, type StripeMock } from "./harness";
import { pointProviderAt } from "./providerRun";
import { startTeeProxy, type TeeProxy } from "./teeProxy";

/** The emulator, stripe-mock and the proxy that sends every request to both. */
export interface JudgedServers {
  readonly emulator: Emulator;
  readonly stripeMock: StripeMock;
  readonly proxy: TeeProxy;
}

/**
 * For a test file: starts the emulator (whose answers drive the run) and stripe-mock (the judge)
 * before its tests, with the provider pointed at the proxy between them, and stops them after.
 */
export function judgedServers(): JudgedServers {
  const servers = {} as { emulator: Emulator; stripeMock: StripeMock; proxy: TeeProxy };
  beforeAll(async () => {
    [servers.emulator, servers.stripeMock] = await Promise.all([startEmulator(), startStripeMock()]);
    servers.proxy = await startTeeProxy(servers.emulator.url, servers.stripeMock.url);
    pointProviderAt(servers.proxy.url);
  });
  afterAll(async () => {
    await servers.proxy?.stop();
    await Promise.all([servers.emulator?.stop(), servers.stripeMock?.stop()]);
  });
  return servers;
}
