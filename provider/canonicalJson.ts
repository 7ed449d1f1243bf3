import { isRecord } from "./desiredState";

/** JSON with every object's keys in one order, so that equal values always give equal text (a fingerprint, a key). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}
