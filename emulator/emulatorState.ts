/** Everything one running emulator holds, shared by its HTTP handlers and its programmatic API. */
import type { AuthOptions } from "./auth";
import type { FaultQueue } from "./faults";
import type { IdempotencyStore } from "./idempotency";
import type { RollingWindowLimiter } from "./rateLimit";
import type { RequestLog } from "./requestLog";
import type { ServerDefaults } from "./serverDefaults";
import type { SessionRegistry } from "./sessionRegistry";
import type { ConfigurationStore } from "./store";

/** What the HTTP handlers and the programmatic API share; a test may build one around a part of its own. */
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
  /** What a create that leaves a field out gets instead of the schema's default. */
  serverDefaults: ServerDefaults;
  /** Runs one request's work, the state file (if any) written once after it, however many changes it makes. */
  batchWrites<T>(work: () => T): T;
}
