/** Everything one running emulator holds, shared by its HTTP handlers and its programmatic API. */
import type { AuthOptions } from "./auth";
import type { FaultQueue } from "./faults";
import type { IdempotencyStore } from "./idempotency";
import type { RollingWindowLimiter } from "./rateLimit";
import type { RequestLog } from "./requestLog";
import type { SessionRegistry } from "./sessionRegistry";
import type { ConfigurationStore } from "./store";

export interface EmulatorState {
  store: ConfigurationStore;
  sessions: SessionRegistry;
  log: RequestLog;
  faults: FaultQueue;
  limiter: RollingWindowLimiter;
  idempotency: IdempotencyStore;
  auth: AuthOptions;
  /** Milliseconds since the epoch (replaceable so tests can move time). */
  clock: () => number;
  /** `http://host:port`, known once the server listens. */
  baseUrl: string;
}

/** The API version the emulator speaks (the one the package pins). */
export const API_VERSION = "2026-10-28.endive";
