/** The JSON values the emulator stores and answers, and safe reads into them. */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** A plain `{}` object (what `qs` and `JSON.parse` produce), not an array or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a dotted wire path (`features.subscription_update.enabled`), or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let here: unknown = root;
  if (path === "") return here;
  for (const key of path.split(".")) {
    if (!isPlainObject(here) || !Object.prototype.hasOwnProperty.call(here, key)) return undefined;
    here = here[key];
  }
  return here;
}

/** A deep copy; stored objects are never handed out by reference. */
export function cloneJson<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export { canonicalJson } from "../provider/canonicalJson";
