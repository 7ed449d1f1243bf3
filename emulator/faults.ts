/**
 * Scripted faults for upcoming `/v1` requests, so that retry, timeout and lost-answer handling can
 * be tested against something that fails on purpose. Faults are taken in FIFO order by the next
 * requests they match.
 */
import { isPlainObject } from "./jsonValue";

export interface Fault {
  /** Answer this status instead of processing (an error body is made up unless `error` is given). */
  status?: number;
  /** The error body to answer; without `status` it is answered with 400. */
  error?: { type: string; message: string; code?: string };
  /** Adds `Stripe-Should-Retry: true|false` to the answer. */
  shouldRetry?: boolean;
  /**
   * Waits this long before answering; a delay-only fault then processes normally. Its idempotency
   * key is taken on arrival and stays in progress through the delay (a retry meanwhile gets 409).
   */
  delayMs?: number;
  /** Drop the connection before processing, or after processing and storing the result (so the answer is lost). */
  drop?: "before" | "after";
  /** Which requests it applies to: method and a path prefix. */
  match?: { method?: string; path?: string };
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

export class FaultQueue {
  private queue: { fault: Fault; remaining: number }[] = [];

  add(fault: Fault): void {
    this.queue.push({ fault: { ...fault }, remaining: fault.times ?? 1 });
  }

  /** The first pending fault that matches, counted as used once. */
  take(method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex(({ fault }) => matches(fault, method, path));
    if (index < 0) return undefined;
    const entry = this.queue[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }

  pending(): Fault[] {
    return this.queue.map(({ fault, remaining }) => ({ ...fault, times: remaining }));
  }

  clear(): void {
    this.queue = [];
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.match?.method && fault.match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.match?.path && !path.startsWith(fault.match.path)) return false;
  return true;
}

/** A fault from JSON (the control route), or an explanation of what is wrong with it. */
export function parseFault(value: unknown): Fault {
  if (!isPlainObject(value)) throw new Error("A fault is a JSON object.");
  const fault = value as Fault;
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new Error(message);
  };
  check(fault.status === undefined || (Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599), "status must be an HTTP status code.");
  check(
    fault.error === undefined || (isPlainObject(fault.error) && typeof fault.error.type === "string" && typeof fault.error.message === "string"),
    "error must be {type, message, code?}.",
  );
  check(fault.shouldRetry === undefined || typeof fault.shouldRetry === "boolean", "shouldRetry must be a boolean.");
  check(fault.delayMs === undefined || (typeof fault.delayMs === "number" && fault.delayMs >= 0), "delayMs must be a number of milliseconds.");
  check(fault.drop === undefined || fault.drop === "before" || fault.drop === "after", 'drop must be "before" or "after".');
  check(fault.match === undefined || isPlainObject(fault.match), "match must be {method?, path?}.");
  check(fault.times === undefined || (Number.isInteger(fault.times) && fault.times >= 1), "times must be a positive integer.");
  return fault;
}
