/**
 * What `pulumi import` writes into a program for a configuration Stripe holds: each field whose
 * value is not the documented default, and, beside them, what Stripe requires with them (an
 * object's `enabled`, a product's prices, a pause's options when its type needs them). A field
 * holding its default stays left out, as a program declaring the configuration by hand would
 * leave it; the import learns Stripe's value for it as its default, so the next preview of the
 * generated program shows no change.
 */
import { sameValue } from "./changedFields";
import { defaultOf, defaultState, definedFields, Fields, isRecord } from "./desiredState";
import { configurationSchema, ObjectNode, SchemaNode } from "./schema";
import { mustBeGiven } from "./validateFields";

/** The declaration of `state` (a normalized configuration: `stateFromWire`). */
export function importedDeclaration(state: Fields): Fields {
  return declaredObject(configurationSchema, state, defaultState()) ?? {};
}

/**
 * The declared part of an object: its fields away from their defaults (`defaults`, normalized
 * alike), then what Stripe requires beside them. A list's item is always declared (`whole`).
 */
function declaredObject(node: ObjectNode, value: unknown, defaults: unknown, whole = false): Fields | undefined {
  const given = isRecord(value) ? value : {};
  const byDefault = isRecord(defaults) ? defaults : {};
  const fields = definedFields(node, (key, child) => declaredValue(child, given[key], byDefault[key]));
  if (Object.keys(fields).length === 0 && !whole) return undefined;
  for (const [key, child] of Object.entries(node.fields)) {
    if (key in fields || given[key] === undefined || given[key] === null) continue;
    const requiredHere = mustBeGiven(child) || (child.kind === "list" && child.requiredWhen !== undefined && fields[child.requiredWhen.field] === child.requiredWhen.value);
    if (requiredHere) fields[key] = child.kind === "list" ? itemsOf(child.items, given[key]) : given[key];
  }
  return fields;
}

function declaredValue(node: SchemaNode, value: unknown, defaultValue: unknown): unknown {
  if (node.kind === "object") return declaredObject(node, value, defaultValue);
  if (value === undefined || sameValue(node, value, defaultValue)) return undefined;
  return node.kind === "list" ? itemsOf(node.items, value) : value;
}

/** A list's items, each object item with what Stripe requires and what is not at its default. */
function itemsOf(items: SchemaNode, value: unknown): unknown[] {
  const list = Array.isArray(value) ? value : [];
  if (items.kind !== "object") return list;
  return list.map((item) => declaredObject(items, item, defaultOf(items), true) ?? {});
}
