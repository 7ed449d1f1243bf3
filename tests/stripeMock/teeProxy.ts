/**
 * A recording proxy that sends every request it gets both to a primary server (the emulator, whose
 * answer the client gets, so a provider run behaves as it would against Stripe) and to a judge
 * (stripe-mock), and keeps both verdicts with the exact bytes sent. The provider and the SDK run
 * unchanged against it: what is judged is what the package really sends.
 */
import * as http from "http";
import type { AddressInfo } from "net";

/** One server's answer: its status, and Stripe's error message and param when it refused. */
export interface Verdict {
  status: number;
  message?: string;
  param?: string;
}

/** One request as the client sent it, and what each server answered. */
export interface Exchange {
  method: string;
  /** The path with its query string. */
  url: string;
  /** The raw form body. */
  body: string;
  primary: Verdict;
  judge: Verdict;
}

export interface TeeProxy {
  url: string;
  exchanges(): Exchange[];
  clear(): void;
  stop(): Promise<void>;
}

/** The request headers that carry meaning to Stripe; the rest (host, length) are the transport's. */
const FORWARDED = ["authorization", "content-type", "stripe-version", "stripe-account", "idempotency-key", "user-agent"];
/** The answer headers the client reads. */
const RELAYED = ["content-type", "request-id", "stripe-should-retry"];

export async function startTeeProxy(primaryUrl: string, judgeUrl: string): Promise<TeeProxy> {
  let exchanges: Exchange[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(FORWARDED.filter((name) => typeof request.headers[name] === "string").map((name) => [name, request.headers[name] as string]));
      const method = request.method ?? "GET";
      const url = request.url ?? "/";
      const send = (base: string) => fetch(`${base}${url}`, { method, headers, body: method === "GET" ? undefined : body });
      Promise.all([send(primaryUrl), send(judgeUrl)])
        .then(async ([primary, judge]) => {
          const primaryText = await primary.text();
          exchanges.push({ method, url, body, primary: verdictOf(primary.status, primaryText), judge: verdictOf(judge.status, await judge.text()) });
          const relayed = Object.fromEntries(RELAYED.flatMap((name) => (primary.headers.get(name) ? [[name, primary.headers.get(name) as string]] : [])));
          response.writeHead(primary.status, relayed);
          response.end(primaryText);
        })
        .catch((error: unknown) => {
          response.writeHead(502, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { type: "api_error", message: `tee proxy: ${(error as Error).message}` } }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges: () => [...exchanges],
    clear: () => {
      exchanges = [];
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A status and, for a refusal, Stripe's `error.message` and `error.param`. */
export function verdictOf(status: number, text: string): Verdict {
  if (status >= 200 && status < 300) return { status };
  try {
    const error = (JSON.parse(text) as { error?: { message?: string; param?: string } }).error ?? {};
    return { status, message: error.message, ...(error.param ? { param: error.param } : {}) };
  } catch {
    return { status, message: text };
  }
}

/** Whether a server took the request. */
export function accepted(verdict: Verdict): boolean {
  return verdict.status >= 200 && verdict.status < 300;
}
