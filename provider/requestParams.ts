import { desiredState, Fields, isLeftOut, isRecord } from "./desiredState";
import { sameValue } from "./changedFields";
import { FormParams, FormValue } from "./encodeForm";
import { acceptsEmpty, configurationSchema, CreateRequirements, ObjectNode, SchemaNode, wireName } from "./schema";

/**
 * The update body that turns `actual` into `desired`: only what differs, with `""` where a field
 * goes back to Stripe's default and `metadata[key]=` for a removed key. Stripe merges objects, so
 * an unchanged sibling is not sent, except the ones Stripe requires beside a change (`enabled`).
 */
export function updateParams(actual: Fields, desired: Fields): FormParams {
  return objectChanges(configurationSchema, actual, desired) ?? {};
}

/**
 * The create body: every field the program declares, even one equal to the schema's default (a
 * wrong default must not silently win), plus what Stripe requires on create beside it. Nothing the
 * program leaves out, so Stripe fills in its own defaults (learned from its answer), and an API
 * version that lacks a feature the program does not use still accepts the create.
 */
export function createParams(declared: Fields): FormParams {
  const desired = desiredState(declared);
  return declaredChanges(configurationSchema, declared, desired) ?? requiredOnly(configurationSchema, desired);
}

/**
 * The declared leaves of one object in wire form. A declared "no value" (`""`, or an empty list
 * where Stripe refuses `""` on create) is what a new configuration holds anyway, so it is not sent.
 */
function declaredChanges(node: ObjectNode, declared: Fields, desired: Fields): FormParams | undefined {
  const changes: FormParams = {};
  for (const [key, child] of Object.entries(node.fields)) {
    if (isLeftOut(child, declared[key])) continue;
    const change =
      child.kind === "object"
        ? declaredChanges(child, fieldsOf(declared[key]), fieldsOf(desired[key]))
        : isEmptyValue(desired[key]) && !(child.kind === "list" && acceptsEmpty(child, true))
          ? undefined
          : toWire(child, desired[key]);
    if (change !== undefined) changes[wireName(key)] = change;
  }
  return withRequiredSiblings(node, changes, desired, true);
}

function isEmptyValue(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
}

/** The changes of one object on update. */
function objectChanges(node: ObjectNode, actual: Fields, desired: Fields): FormParams | undefined {
  const changes: FormParams = {};
  for (const [key, child] of Object.entries(node.fields)) {
    const a = actual[key];
    const d = desired[key];
    if (sameValue(child, a, d)) continue;
    const change = child.kind === "object" ? objectChanges(child, fieldsOf(a), fieldsOf(d)) : child.kind === "map" ? mapChanges(a, d) : toWire(child, d);
    if (change !== undefined) changes[wireName(key)] = change;
  }
  return withRequiredSiblings(node, changes, desired, false);
}

/** Adds, beside what changes in an object, the siblings Stripe requires with it (`enabled`); nothing when nothing changes. */
function withRequiredSiblings(node: ObjectNode, changes: FormParams, desired: Fields, creating: boolean): FormParams | undefined {
  if (Object.keys(changes).length === 0) return undefined;
  for (const [key, child] of Object.entries(node.fields)) {
    const wire = wireName(key);
    if ((sentWithParent(child, creating) || requiredBySibling(child, desired)) && !(wire in changes)) {
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

/** A list Stripe requires beside a sibling's value (a pause's `interval_options` when `type` is `interval_options`). */
function requiredBySibling(node: SchemaNode, desired: Fields): boolean {
  return node.kind === "list" && node.requiredWhen !== undefined && desired[node.requiredWhen.field] === node.requiredWhen.value;
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
