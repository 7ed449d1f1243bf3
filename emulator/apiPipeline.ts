/**
 * One `/v1` request from routing to answer, in Stripe's order: route, API key, `Stripe-Account`,
 * permissions, idempotency, then the endpoint. Synchronous and free of sockets; the server feeds
 * it decoded input, may hold an admitted request before finishing it, and writes what it returns.
 */
import type { IncomingHttpHeaders } from "node:http";
import { matchRoute, runRoute } from "./apiRoutes";
import { authenticate, connectedAccount, requirePermission } from "./auth";
import { API_VERSION } from "./apiVersions";
import type { EmulatorState } from "./emulatorState";
import { idempotencyKeyInUse, idempotencyKeyTooLong, idempotencyMismatch, isSaved } from "./idempotency";
import { canonicalJson, type Json } from "./jsonValue";
import { scopeKey } from "./store";
import { StripeError, unrecognizedUrl } from "./stripeErrors";

export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  requestId: string;
}

export interface ApiAnswer {
  status: number;
  body: Json;
  headers: Record<string, string>;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A thrown refusal as an answer; anything unexpected is Stripe's 500. */
export function errorAnswer(error: unknown): ApiAnswer {
  const refusal =
    error instanceof StripeError
      ? error
      : new StripeError(500, "api_error", `An unknown error occurred in the emulator: ${(error as Error)?.message ?? String(error)}`);
  return { status: refusal.status, body: refusal.toBody() as unknown as Json, headers: {} };
}

/** A request let through to its endpoint, which `finish` runs (once) to give the answer. */
export interface AdmittedRequest {
  finish(): ApiAnswer;
}

/** A whole request at once: admitted, then run. */
export function processApiRequest(state: EmulatorState, request: ApiRequest): ApiAnswer {
  return admitApiRequest(state, request).finish();
}

/**
 * Everything Stripe decides before the endpoint runs. An admitted request with an idempotency key
 * holds it until `finish`, so that a request the server holds on its way (a delay fault) is in
 * progress all that time: another request with the key gets Stripe's 409 meanwhile.
 */
export function admitApiRequest(state: EmulatorState, request: ApiRequest): AdmittedRequest {
  const apiVersion = header(request.headers, "stripe-version") ?? API_VERSION;
  const versioned = (answer: ApiAnswer): ApiAnswer => {
    answer.headers["Stripe-Version"] = apiVersion;
    return answer;
  };
  try {
    const route = matchRoute(request.method, request.path);
    if (!route) throw unrecognizedUrl(request.method, request.path);
    const caller = authenticate(header(request.headers, "authorization"), state.auth);
    const account = connectedAccount(header(request.headers, "stripe-account"), caller);
    requirePermission(caller, route.permission, route.resource, account ?? state.store.platformAccount, state.auth);
    const scope = { livemode: caller.livemode, account };
    const params = request.method === "GET" ? request.query : { ...request.query, ...request.body };
    const run = (): ApiAnswer => {
      const context = {
        store: state.store,
        sessions: state.sessions,
        scope,
        nowSeconds: Math.floor(state.clock() / 1000),
        baseUrl: state.baseUrl,
        apiVersion,
        serverDefaults: state.serverDefaults,
      };
      try {
        const { status, body } = runRoute(route, context, params);
        return { status, body, headers: {} };
      } catch (error) {
        return errorAnswer(error);
      }
    };

    const key = request.method === "POST" ? header(request.headers, "idempotency-key") : undefined;
    // A request's changes (a scope's default configuration, the create, its idempotency answer) are written together.
    if (key === undefined) return { finish: () => versioned(state.batchWrites(run)) };
    if (key.length > 255) throw idempotencyKeyTooLong();
    const fingerprint = canonicalJson({ method: request.method, path: request.path, params });
    const keyScope = scopeKey(scope);
    const held = state.idempotency.lookup(keyScope, key, state.clock());
    if (held) {
      if (held.fingerprint !== fingerprint) throw idempotencyMismatch(key);
      if ("inProgress" in held) throw idempotencyKeyInUse(key);
      const replay = { "Idempotency-Key": key, "Idempotent-Replayed": "true", "Original-Request": held.requestId };
      return { finish: () => versioned({ status: held.status, body: held.body, headers: replay }) };
    }
    state.idempotency.begin(keyScope, key, fingerprint);
    return {
      finish: () =>
        state.batchWrites(() => {
          const answer = run();
          const saved = isSaved(answer.status)
            ? { fingerprint, status: answer.status, body: answer.body, requestId: request.requestId, savedAtMs: state.clock() }
            : undefined;
          state.idempotency.finish(keyScope, key, saved);
          answer.headers["Idempotency-Key"] = key;
          return versioned(answer);
        }),
    };
  } catch (error) {
    const refusal = errorAnswer(error);
    return { finish: () => versioned(refusal) };
  }
}
