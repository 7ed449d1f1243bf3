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
 * The create body: what differs from Stripe's defaults, plus each feature's `enabled` flag, so the
 * request states plainly which portal features are on.
 */
export function createParams(desired: Fields): FormParams {
  const params = objectChanges(configurationSchema, defaultState(), desired, true) ?? {};
  const features = (params.features ?? {}) as Record<string, FormParams>;
  const desiredFeatures = desired.features as Fields;
  const featureNodes = (configurationSchema.fields.features as ObjectNode).fields;
  for (const [key, node] of Object.entries(featureNodes)) {
    if (node.kind !== "object" || !("enabled" in node.fields)) continue;
    const wire = wireName(key);
    features[wire] = { enabled: (desiredFeatures[key] as Fields).enabled as boolean, ...features[wire] };
  }
  return { ...params, features };
}

function objectChanges(node: ObjectNode, actual: Fields, desired: Fields, creating: boolean): FormParams | undefined {
  const changes: FormParams = {};
  for (const [key, child] of Object.entries(node.fields)) {
    const a = actual[key];
    const d = desired[key];
    if (sameValue(child, a, d)) continue;
    const change =
      child.kind === "object" ? objectChanges(child, isRecord(a) ? a : {}, d as Fields, creating) : child.kind === "map" ? mapChanges(a, d) : toWire(child, d);
    if (change !== undefined) changes[wireName(key)] = change;
  }
  if (Object.keys(changes).length === 0) return undefined;
  for (const [key, child] of Object.entries(node.fields)) {
    const wire = wireName(key);
    if (sentWithParent(child, creating) && !(wire in changes)) changes[wire] = toWire(child, desired[key]);
  }
  return changes;
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

/** Leaves Stripe requires beside a sent parent: always, or on create only. */
function sentWithParent(node: SchemaNode, creating: boolean): boolean {
  if (node.kind === "object" || node.kind === "map") return false;
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
