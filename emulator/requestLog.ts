/** The log of `/v1` requests as the emulator saw them, for tests to assert on what a client sent. */
import type { IncomingHttpHeaders } from "node:http";

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string, decoded with qs. */
  query: Record<string, unknown>;
  /** The form body, decoded with qs. */
  body: Record<string, unknown>;
  /** Lowercased header names; `authorization` is replaced by "[redacted]". */
  headers: Record<string, string | string[]>;
  /** The `Stripe-Account` header, or null. */
  account: string | null;
  idempotencyKey: string | null;
  /** The status answered, or null when the connection was dropped before an answer was made. */
  status: number | null;
  /** The answer's `Request-Id`. */
  requestId: string;
}

export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const redacted: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    redacted[name.toLowerCase()] = name.toLowerCase() === "authorization" ? "[redacted]" : value;
  }
  return redacted;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  /** Adds an entry and returns it, so its status can be filled in once known. */
  add(entry: LoggedRequest): LoggedRequest {
    this.entries.push(entry);
    return entry;
  }

  all(): LoggedRequest[] {
    return this.entries.map((entry) => structuredClone(entry));
  }

  clear(): void {
    this.entries = [];
  }
}
