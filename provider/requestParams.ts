import { defaultState, Fields, isRecord } from "./desiredState";
import { sameValue } from "./changedFields";
import { FormParams, FormValue } from "./encodeForm";
import { configurationSchema, ObjectNode, SchemaNode, wireName } from "./schema";

/**
 * The update body that turns `actual` into `desired`: only what differs, with `""` where a field
 * goes back to Stripe's default and `metadata[key]=` for a removed key. Stripe merges objects, so
 * an unchanged sibling is not sent, except the ones Stripe requires beside a change (`enabled`).
 */
export function updateParams(actual: Fields, desired: Fields): FormParams {
  return objectChanges(configurationSchema, actual, desired) ?? {};
}

/**
 * The create body: what differs from Stripe's defaults, plus each feature's `enabled` flag, so the
 * request states plainly which portal features are on.
 */
export function createParams(desired: Fields): FormParams {
  const params = updateParams(defaultState(), desired);
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

function objectChanges(node: ObjectNode, actual: Fields, desired: Fields): FormParams | undefined {
  const changes: FormParams = {};
  for (const [key, child] of Object.entries(node.fields)) {
    const a = actual[key];
    const d = desired[key];
    if (sameValue(child, a, d)) continue;
    const change =
      child.kind === "object" ? objectChanges(child, isRecord(a) ? a : {}, d as Fields) : child.kind === "map" ? mapChanges(a, d) : toWire(child, d);
    if (change !== undefined) changes[wireName(key)] = change;
  }
  if (Object.keys(changes).length === 0) return undefined;
  for (const [key, child] of Object.entries(node.fields)) {
    const wire = wireName(key);
    if (isRequired(child) && child.kind !== "object" && !(wire in changes)) changes[wire] = toWire(child, desired[key]);
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
        if (!(isRequired(child) && child.kind !== "object") && sameValue(child, given[key], defaultOf(child))) continue;
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

function isRequired(node: SchemaNode): boolean {
  return "required" in node && node.required === true;
}

function defaultOf(node: SchemaNode): unknown {
  if (node.kind === "object") {
    return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, defaultOf(child)]));
  }
  return node.default;
}
