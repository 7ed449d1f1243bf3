/**
 * The HTTP edge: reads requests, sends `/v1` through rate limiting, scripted faults and the API
 * pipeline, serves control routes and hosted pages, and writes answers (every one with a
 * `Request-Id`). All Stripe behaviour lives in the modules it calls.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import qs from "qs";
import { admitApiRequest, errorAnswer, type ApiAnswer } from "./apiPipeline";
import { handleControl } from "./controlRoutes";
import type { EmulatorState } from "./emulatorState";
import type { Fault } from "./faults";
import type { Json } from "./jsonValue";
import { newRequestId } from "./objectIds";
import { handlePage } from "./pageRoutes";
import { redactHeaders } from "./requestLog";
import { defaultErrorForStatus, rateLimited, StripeError, unrecognizedUrl } from "./stripeErrors";

/** How Stripe's own servers read bracketed form bodies: `a[]=x` and `a[0]=x` both make lists. */
// Null-prototype objects, so that a key such as `metadata[toString]` is data like any other.
// Sparse lists keep their indexes, so that digit-only metadata keys (`metadata[7]=x` alone) stay
// the keys sent; a list's own reading (validateParams) closes the gaps.
export const QS_OPTIONS = { depth: 10, arrayLimit: 100, parameterLimit: 5000, plainObjects: true, allowSparse: true } as const;

export function createEmulatorServer(state: EmulatorState): Server {
  return createServer((request, response) => {
    handle(state, request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) send(response, newRequestId(), errorAnswer(error));
    });
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, requestId: string, answer: { status: number; body: Json; headers?: Record<string, string> }): void {
  const text = `${JSON.stringify(answer.body, null, 2)}\n`;
  response.writeHead(answer.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Request-Id": requestId,
    ...answer.headers,
  });
  response.end(text);
}

function sendHtml(response: ServerResponse, requestId: string, status: number, html: string): void {
  response.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    "Request-Id": requestId,
  });
  response.end(html);
}

/** Closes the connection without an answer, as a network failure or a crash mid-request would. */
function dropConnection(response: ServerResponse): void {
  response.socket?.destroy();
  response.destroy();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer a fault scripts instead of processing, if it scripts one. */
function scriptedRefusal(fault: Fault): StripeError | undefined {
  if (fault.error) return new StripeError(fault.status ?? 400, fault.error.type, fault.error.message, { code: fault.error.code });
  return fault.status === undefined ? undefined : defaultErrorForStatus(fault.status);
}

async function handle(state: EmulatorState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const method = (request.method ?? "GET").toUpperCase();
  const url = new URL(request.url ?? "/", "http://emulator.invalid");
  const path = url.pathname;
  const rawBody = await readBody(request);

  if (path === "/_emulator" || path.startsWith("/_emulator/")) {
    send(response, requestId, handleControl(state, method, path, url.searchParams, rawBody));
    return;
  }
  if (path.startsWith("/p/")) {
    const page = handlePage(state, method, path);
    sendHtml(response, requestId, page.status, page.html);
    return;
  }
  if (path !== "/v1" && !path.startsWith("/v1/")) {
    send(response, requestId, errorAnswer(unrecognizedUrl(method, path)));
    return;
  }
  await handleApi(state, request, response, { requestId, method, path, query: url.search.slice(1), rawBody });
}

async function handleApi(
  state: EmulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  input: { requestId: string; method: string; path: string; query: string; rawBody: string },
): Promise<void> {
  const { requestId, method, path } = input;
  const query = qs.parse(input.query, QS_OPTIONS) as Record<string, unknown>;
  const body = method === "GET" ? {} : (qs.parse(input.rawBody, QS_OPTIONS) as Record<string, unknown>);
  const headerValue = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  const entry = state.log.add({
    method,
    path,
    query,
    body,
    headers: redactHeaders(request.headers),
    account: headerValue("stripe-account"),
    idempotencyKey: headerValue("idempotency-key"),
    status: null,
    requestId,
  });

  const answerWith = (answer: ApiAnswer, fault?: Fault) => {
    if (fault?.shouldRetry !== undefined) answer.headers["Stripe-Should-Retry"] = String(fault.shouldRetry);
    entry.status = answer.status;
    send(response, requestId, answer);
  };

  if (!state.limiter.admit(state.clock())) {
    answerWith(errorAnswer(rateLimited()));
    return;
  }
  const fault = state.faults.take(method, path);
  const instead = fault?.drop === "before" ? "drop" : fault && scriptedRefusal(fault);
  // A request that will be processed is admitted on arrival, so that a delay holds its idempotency key in progress.
  const admitted = instead === undefined ? admitApiRequest(state, { method, path, query, body, headers: request.headers, requestId }) : undefined;
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (admitted === undefined) {
    if (instead === "drop") dropConnection(response);
    else answerWith(errorAnswer(instead), fault);
    return;
  }
  const answer = admitted.finish();
  if (fault?.drop === "after") {
    entry.status = answer.status;
    dropConnection(response);
    return;
  }
  answerWith(answer, fault);
}
