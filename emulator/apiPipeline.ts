/**
 * One `/v1` request from routing to answer, in Stripe's order: route, API key, `Stripe-Account`,
 * permissions, idempotency, then the endpoint. Synchronous and free of sockets; the server feeds
 * it decoded input and writes what it returns.
 */
import type { IncomingHttpHeaders } from "node:http";
import { matchRoute, runRoute } from "./apiRoutes";
import { authenticate, connectedAccount, requirePermission } from "./auth";
import { API_VERSION, type EmulatorState } from "./emulatorState";
import { idempotencyKeyTooLong, idempotencyMismatch, isSaved } from "./idempotency";
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

export function processApiRequest(state: EmulatorState, request: ApiRequest): ApiAnswer {
  const answer = answerOf(state, request);
  answer.headers["Stripe-Version"] = header(request.headers, "stripe-version") ?? API_VERSION;
  return answer;
}

function answerOf(state: EmulatorState, request: ApiRequest): ApiAnswer {
  try {
    const route = matchRoute(request.method, request.path);
    if (!route) throw unrecognizedUrl(request.method, request.path);
    const caller = authenticate(header(request.headers, "authorization"), state.auth);
    const account = connectedAccount(header(request.headers, "stripe-account"), caller);
    requirePermission(caller, route.permission, route.resource, account ?? state.store.platformAccount, state.auth);
    const scope = { livemode: caller.livemode, account };
    const params = request.method === "GET" ? request.query : { ...request.query, ...request.body };
    const context = {
      store: state.store,
      sessions: state.sessions,
      scope,
      nowSeconds: Math.floor(state.clock() / 1000),
      baseUrl: state.baseUrl,
    };
    const run = (): ApiAnswer => {
      try {
        const { status, body } = runRoute(route, context, params);
        return { status, body, headers: {} };
      } catch (error) {
        return errorAnswer(error);
      }
    };

    const key = request.method === "POST" ? header(request.headers, "idempotency-key") : undefined;
    if (key === undefined) return run();
    if (key.length > 255) throw idempotencyKeyTooLong();
    const fingerprint = canonicalJson({ method: request.method, path: request.path, params });
    const saved = state.idempotency.lookup(scopeKey(scope), key, state.clock());
    if (saved) {
      if (saved.fingerprint !== fingerprint) throw idempotencyMismatch(key);
      return {
        status: saved.status,
        body: saved.body,
        headers: { "Idempotency-Key": key, "Idempotent-Replayed": "true", "Original-Request": saved.requestId },
      };
    }
    const answer = run();
    if (isSaved(answer.status)) {
      state.idempotency.save(scopeKey(scope), key, {
        fingerprint,
        status: answer.status,
        body: answer.body,
        requestId: request.requestId,
        savedAtMs: state.clock(),
      });
    }
    answer.headers["Idempotency-Key"] = key;
    return answer;
  } catch (error) {
    return errorAnswer(error);
  }
}
