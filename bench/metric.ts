/** One measured number, its target (if it has one) and whether it met it. */
export interface Target {
  comparison: "=" | "<=" | "<";
  value: number;
}

export interface Metric {
  /** The part of the bench it belongs to, e.g. "requests per operation". */
  group: string;
  name: string;
  value: number;
  unit: string;
  /** Null for numbers that are only reported. */
  target: Target | null;
  /** Null when there is no target. */
  pass: boolean | null;
  /** Whatever helps reading the number (samples, the requests seen, a breakdown). */
  details?: Record<string, unknown>;
}

export function measured(
  group: string,
  name: string,
  value: number,
  unit: string,
  target: Target | null,
  details?: Record<string, unknown>,
): Metric {
  return { group, name, value, unit, target, pass: target ? meets(value, target) : null, ...(details ? { details } : {}) };
}

function meets(value: number, target: Target): boolean {
  switch (target.comparison) {
    case "=":
      return value === target.value;
    case "<=":
      return value <= target.value;
    case "<":
      return value < target.value;
  }
}

export const exactly = (value: number): Target => ({ comparison: "=", value });
export const atMost = (value: number): Target => ({ comparison: "<=", value });
export const below = (value: number): Target => ({ comparison: "<", value });

/** Milliseconds since `started` (a `performance.now()` reading), rounded to 0.1 ms. */
export function msSince(started: number): number {
  return round(performance.now() - started, 1);
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
