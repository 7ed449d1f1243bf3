/**
 * JSON edits (control route, `edit()`) turned into what `qs` would make of the same form body, so
 * they go through the very validation and update semantics of the API: booleans and numbers become
 * strings, and null or an empty list become `""` (unset / empty).
 */
import { isPlainObject } from "./jsonValue";

export function jsonToWireParams(value: unknown): unknown {
  if (value === null || (Array.isArray(value) && value.length === 0)) return "";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(jsonToWireParams);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonToWireParams(item)]));
  return value;
}
