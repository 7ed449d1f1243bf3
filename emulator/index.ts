/**
 * A stateful local stand-in for Stripe's billing-portal API, for tests, demos and offline work.
 * `startEmulator()` listens on a free port by default; point the provider at it with
 * `STRIPE_API_BASE=<url>` and any `sk_test_` key.
 */
import type { AddressInfo } from "node:net";
import { configurationSchema } from "../provider/schema";
import { newDefaultConfiguration } from "./configurationObject";
import { allConfigurations, editConfiguration } from "./configurationService";
import { controlContext } from "./controlRoutes";
import type { EmulatorState } from "./emulatorState";
import { FaultQueue, parseFault, type Fault } from "./faults";
import { IdempotencyStore } from "./idempotency";
import type { JsonObject } from "./jsonValue";
import { jsonToWireParams } from "./jsonToWireParams";
import { newObjectId, randomAlphanumeric } from "./objectIds";
import { RollingWindowLimiter } from "./rateLimit";
import { RequestLog, type LoggedRequest } from "./requestLog";
import { createEmulatorServer } from "./server";
import { checkServerDefaults, type ServerDefaults } from "./serverDefaults";
import { SessionRegistry } from "./sessionRegistry";
import { readStateFile, StateFileWriter } from "./stateFile";
import { ConfigurationStore } from "./store";
import type { Permission } from "./auth";

export type { Fault } from "./faults";
export type { LoggedRequest } from "./requestLog";
export type { Permission } from "./auth";
export type { Json, JsonObject } from "./jsonValue";
export { StripeError } from "./stripeErrors";
export { API_VERSION } from "./apiVersions";
export { STRIPE_FIXTURE_DEFAULTS, type ServerDefaults } from "./serverDefaults";

/** How `startEmulator` runs: where it listens, what it keeps, which keys and defaults it plays. */
export interface EmulatorOptions {
  /** The port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** The interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Requests per rolling second before 429s (off by default; 25 is Stripe's test-mode limit). */
  rateLimit?: number;
  /** Keeps configurations and idempotency keys (24 hours) in this JSON file across restarts (sessions and logs stay in memory). */
  stateFile?: string;
  /** Lets `sk_live_`/`rk_live_` keys in, with their own live-mode data (refused with 401 otherwise). */
  acceptLiveKeys?: boolean;
  /** Restricted keys and the only permissions they have; unlisted `rk_test_` keys may do everything. */
  restrictedKeys?: Record<string, Permission[]>;
  /** The clock, in milliseconds since the epoch (default `Date.now`); lets tests move time. */
  clock?: () => number;
  /** The platform account's id (default: a random `acct_…`, kept in the state file). */
  platformAccount?: string;
  /**
   * Values a create that leaves a field out gets instead of the schema's defaults, by dotted wire
   * path: `{"features.subscription_cancel.cancellation_reason.options": []}`. Plays a Stripe whose
   * defaults differ from the schema's; `STRIPE_FIXTURE_DEFAULTS` answers as Stripe's own fixtures.
   * The request's `Stripe-Version` decides the rest of the shape (no `subscription_pause` before
   * 2026-10-28.endive). A path that names no field throws.
   */
  serverDefaults?: ServerDefaults;
}

/** Which data an out-of-band call looks at: a connected account (default the platform) and a mode (default test). */
export interface ScopeOptions {
  account?: string | null;
  livemode?: boolean;
}

/** A running emulator: its URL, and the out-of-band controls tests use (faults, Dashboard edits, the request log). */
export interface Emulator {
  /** `http://127.0.0.1:<port>`, what `STRIPE_API_BASE` should be. */
  url: string;
  port: number;
  /** Stops listening and closes open connections. */
  stop(): Promise<void>;
  /** The `/v1` requests received so far, oldest first. */
  requests(): LoggedRequest[];
  clearRequests(): void;
  /** Requests per rolling second before 429s; undefined turns the limit off. */
  setRateLimit(limit: number | undefined): void;
  /** Scripts a fault for the next matching `/v1` request(s). */
  fault(fault: Fault): void;
  /** Faults not used yet. */
  pendingFaults(): Fault[];
  clearFaults(): void;
  /** A Dashboard edit: the update semantics (JSON in wire names), not logged as an API request. Throws `StripeError` when Stripe would refuse it. */
  edit(id: string, wireParams: Record<string, unknown>, options?: ScopeOptions): JsonObject;
  /** A Dashboard deactivation (`edit(id, {active: false})`). */
  deactivate(id: string, options?: ScopeOptions): JsonObject;
  /** What the emulator holds for an account and mode, newest first, with expandable lists included. */
  configurations(options?: ScopeOptions): JsonObject[];
  /** The platform account's id (the account named in permission errors). */
  platformAccount: string;
}

/** Starts an emulator and resolves once it listens (loading the state file first, when one is given). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  const clock = options.clock ?? Date.now;
  const initial = options.stateFile ? readStateFile(options.stateFile) : undefined;
  const platformAccount = options.platformAccount ?? initial?.platformAccount ?? `acct_1${randomAlphanumeric(15)}`;
  const serverDefaults = options.serverDefaults ?? {};
  checkServerDefaults(configurationSchema, serverDefaults);

  // Without a state file nothing is snapshotted: a copy of every configuration on each write is slow at scale.
  const writer = options.stateFile ? new StateFileWriter(options.stateFile, () => ({ ...state.store.snapshot(), idempotency: state.idempotency.snapshot() })) : undefined;
  const persist = writer?.changed;
  const state: EmulatorState = {
    store: undefined as unknown as ConfigurationStore,
    sessions: new SessionRegistry(),
    log: new RequestLog(),
    faults: new FaultQueue(),
    limiter: new RollingWindowLimiter(options.rateLimit),
    idempotency: new IdempotencyStore(clock, initial?.idempotency, persist),
    auth: { acceptLiveKeys: options.acceptLiveKeys ?? false, restrictedKeys: options.restrictedKeys ?? {} },
    clock,
    baseUrl: "",
    serverDefaults,
    batchWrites: (work) => (writer ? writer.batch(work) : work()),
  };
  state.store = new ConfigurationStore(
    platformAccount,
    (scope) =>
      newDefaultConfiguration({
        id: newObjectId("bpc_"),
        livemode: scope.livemode,
        nowSeconds: Math.floor(clock() / 1000),
        newLoginUrl: () => `${state.baseUrl}/p/login/${randomAlphanumeric(24)}`,
        serverDefaults,
      }),
    persist,
    initial,
  );

  const server = createEmulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  state.baseUrl = `http://${urlHost}:${port}`;

  const scoped = (scope: ScopeOptions = {}) => controlContext(state, scope.account ?? null, scope.livemode ?? false);

  return {
    url: state.baseUrl,
    port,
    platformAccount,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    requests: () => state.log.all(),
    clearRequests: () => state.log.clear(),
    setRateLimit: (limit) => state.limiter.setLimit(limit),
    fault: (fault) => state.faults.add(parseFault(fault)),
    pendingFaults: () => state.faults.pending(),
    clearFaults: () => state.faults.clear(),
    edit: (id, wireParams, scope) => editConfiguration(scoped(scope), id, jsonToWireParams(wireParams)),
    deactivate: (id, scope) => editConfiguration(scoped(scope), id, { active: "false" }),
    configurations: (scope) => allConfigurations(scoped(scope)),
  };
}
