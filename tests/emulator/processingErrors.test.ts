import { processApiRequest, type ApiRequest } from "../../emulator/apiPipeline";
import { newDefaultConfiguration } from "../../emulator/configurationObject";
import type { EmulatorState } from "../../emulator/emulatorState";
import { FaultQueue } from "../../emulator/faults";
import { IdempotencyStore } from "../../emulator/idempotency";
import { RollingWindowLimiter } from "../../emulator/rateLimit";
import { RequestLog } from "../../emulator/requestLog";
import { SessionRegistry } from "../../emulator/sessionRegistry";
import { ConfigurationStore } from "../../emulator/store";

/** A store whose writes fail after the request started executing, as a crash inside Stripe would. */
class FailingStore extends ConfigurationStore {
  override add(): void {
    throw new Error("disk on fire");
  }
}

function stateWith(store: ConfigurationStore): EmulatorState {
  return {
    store,
    sessions: new SessionRegistry(),
    log: new RequestLog(),
    faults: new FaultQueue(),
    limiter: new RollingWindowLimiter(),
    idempotency: new IdempotencyStore(),
    auth: { acceptLiveKeys: false, restrictedKeys: {} },
    clock: () => 1_700_000_000_000,
    baseUrl: "http://127.0.0.1:1",
    serverDefaults: {},
    batchWrites: (work) => work(),
  };
}

const request = (requestId: string): ApiRequest => ({
  method: "POST",
  path: "/v1/billing_portal/configurations",
  query: {},
  body: { features: { invoice_history: { enabled: "true" } } },
  headers: { authorization: "Bearer sk_test_x", "idempotency-key": "crash-1" },
  requestId,
});

test("an error while processing is Stripe's 500, saved and replayed under its idempotency key", () => {
  const seed = (scope: { livemode: boolean }) => newDefaultConfiguration({ id: "bpc_default", livemode: scope.livemode, nowSeconds: 1, newLoginUrl: () => "x" });
  const state = stateWith(new FailingStore("acct_1test", seed));
  const first = processApiRequest(state, request("req_first"));
  expect(first.status).toBe(500);
  expect(first.body).toEqual({ error: { type: "api_error", message: "An unknown error occurred in the emulator: disk on fire" } });
  const replay = processApiRequest(state, request("req_second"));
  expect(replay).toEqual({
    status: 500,
    body: first.body,
    headers: { "Idempotency-Key": "crash-1", "Idempotent-Replayed": "true", "Original-Request": "req_first", "Stripe-Version": "2026-10-28.endive" },
  });
});
