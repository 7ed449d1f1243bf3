import { defaultState, Fields, isRecord } from "./desiredState";
import { sameValue } from "./changedFields";
import { FormParams, FormValue } from "./encodeForm";
import { configurationSchema, CreateRequirements, ObjectNode, SchemaNode, wireName } from "./schema";

/**
 * The update body that turns `actual` into `desired`: only what differs, with `""` where a field
 * goes back to Stripe's default and `metadata[key]=` for a removed key. Stripe merges objects, so
 * an unchanged sibling is not sent, except the ones Stripe requires beside a change (`enabled`).
 */
export function updateParams(actual: Fields, desired: Fields): FormParams {
  return objectChanges(configurationSchema, actual, desired, false) ?? {};
}

/**
 * The create body: what differs from Stripe's defaults, plus what Stripe requires on create beside
 * it. Nothing else, so a feature left at its defaults is not named, and an API version that lacks
 * it (`subscription_pause` between 2024-04-10 and 2026-10-28.endive) still accepts the create.
 */
export function createParams(desired: Fields): FormParams {
  return objectChanges(configurationSchema, defaultState(), desired, true) ?? requiredOnly(configurationSchema, desired);
}

function objectChanges(node: ObjectNode, actual: Fields, desired: Fields, creating: boolean): FormParams | undefined {
  const changes: FormParams = {};
  for (const [key, child] of Object.entries(node.fields)) {
    const a = actual[key];
    const d = desired[key];
    if (sameValue(child, a, d)) continue;
    const change = child.kind === "object" ? objectChanges(child, fieldsOf(a), fieldsOf(d), creating) : child.kind === "map" ? mapChanges(a, d) : toWire(child, d);
    if (change !== undefined) changes[wireName(key)] = change;
  }
  if (Object.keys(changes).length === 0) return undefined;
  for (const [key, child] of Object.entries(node.fields)) {
    const wire = wireName(key);
    if (sentWithParent(child, creating) && !(wire in changes)) {
      changes[wire] = child.kind === "object" ? requiredOnly(child, fieldsOf(desired[key])) : toWire(child, desired[key]);
    }
  }
  return changes;
}

/**
 * The least a create sends for an object Stripe requires when nothing in it differs from the
 * defaults: its required leaves, or, with none of its own (`features`), those of its first child
 * that has some, because a form body cannot carry an empty hash.
 */
function requiredOnly(node: ObjectNode, desired: Fields): FormParams {
  const own: FormParams = {};
  for (const [key, child] of Object.entries(node.fields)) {
    if (!sentWithParent(child, true)) continue;
    own[wireName(key)] = child.kind === "object" ? requiredOnly(child, fieldsOf(desired[key])) : toWire(child, desired[key]);
  }
  if (Object.keys(own).length > 0) return own;
  for (const [key, child] of Object.entries(node.fields)) {
    const first = child.kind === "object" ? requiredOnly(child, fieldsOf(desired[key])) : {};
    if (Object.keys(first).length > 0) return { [wireName(key)]: first };
  }
  return own;
}

function fieldsOf(value: unknown): Fields {
  return isRecord(value) ? value : {};
}

/** Per key: new and changed values, and `""` for keys that are gone. */
function mapChanges(actual: unknown, desired: unknown): FormParams | undefined {
  const a = (isRecord(actual) ? actual : {}) as Record<string, string>;
  const d = (isRecord(desired) ? desired : {}) as Record<string, string>;
  const changes: FormParams = {};
  for (const key of Object.keys(a)) if (!(key in d)) changes[key] = "";
  for (const [key, value] of Object.entries(d)) if (a[key] !== value) changes[key] = value;
  return Object.keys(changes).length ? changes : undefined;
}

/**
 * A whole value in wire form. Inside list items, fields at their default are left out (Stripe
 * fills them in), and a null becomes `""`, Stripe's way to reset a field.
 */
export function toWire(node: SchemaNode, value: unknown): FormValue {
  switch (node.kind) {
    case "object": {
      const given = (isRecord(value) ? value : {}) as Fields;
      const out: FormParams = {};
      for (const [key, child] of Object.entries(node.fields)) {
        if (!sentWithParent(child, false) && sameValue(child, given[key], defaultOf(child))) continue;
        out[wireName(key)] = toWire(child, given[key]);
      }
      return out;
    }
    case "list":
      return (Array.isArray(value) ? value : []).map((item) => toWire(node.items, item));
    case "map":
      return { ...(value as Record<string, string>) };
    default:
      return value === null || value === undefined ? "" : (value as string | number | boolean);
  }
}

/** What Stripe requires beside a sent parent: leaves always or on create only, and on create a required object (`features`). */
function sentWithParent(node: SchemaNode, creating: boolean): boolean {
  if (node.kind === "map") return false;
  if (node.kind === "object") return creating && node.required === true;
  if (node.required) return true;
  const onCreate = node as CreateRequirements;
  return creating && (onCreate.requiredOnCreate === true || onCreate.sentOnCreate === true);
}

function defaultOf(node: SchemaNode): unknown {
  if (node.kind === "object") {
    return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, defaultOf(child)]));
  }
  return node.default;
}
