import { ListNode, SchemaNode, configurationSchema, wireName } from "./schema";

/** A camelCase configuration (or part of one), as declared or as read back. */
export type Fields = Record<string, unknown>;

/**
 * The sentinel Pulumi puts where a value is not known yet (during preview). It passes every rule
 * and always counts as a change.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True if an unknown value sits anywhere inside. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isRecord(value)) return Object.values(value).some(containsUnknown);
  return false;
}

export function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON text for comparing and sorting; a BigInt (never valid, but Pulumi may hand odd values) must not throw. */
export function jsonText(value: unknown): string | undefined {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/**
 * The whole configuration the program means: every field the program leaves out takes Stripe's
 * default, and lists Stripe treats as sets are put in one canonical order. Two declarations that
 * Stripe would store alike give equal desired states.
 */
export function desiredState(inputs: Fields): Fields {
  return fillNode(configurationSchema, inputs) as Fields;
}

/** Stripe's own defaults: what a configuration created with nothing set looks like. */
export function defaultState(): Fields {
  return desiredState({});
}

/** A Stripe configuration object (snake_case) in the package's camelCase shape, normalized alike. */
export function stateFromWire(object: Fields): Fields {
  return desiredState(camelFromWire(configurationSchema, object) as Fields);
}

function fillNode(node: SchemaNode, value: unknown): unknown {
  if (isUnknown(value)) return value;
  switch (node.kind) {
    case "object": {
      const given = isRecord(value) ? value : {};
      return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, fillNode(child, given[key])]));
    }
    case "list": {
      if (!Array.isArray(value)) return fillNode(node, [...node.default]);
      const items = value.map((item) => fillNode(node.items, item));
      return node.set ? canonicalOrder(node, items) : items;
    }
    case "map":
      return isRecord(value) ? { ...value } : { ...node.default };
    default:
      return meansNoValue(node, value) ? node.default : value;
  }
}

/**
 * Left out, null, or `""` where `""` is Stripe's way to clear the field: Stripe then holds its
 * default (null), so the declaration means that default, and diffs against Stripe's null agree.
 */
function meansNoValue(node: SchemaNode, value: unknown): boolean {
  return value === undefined || value === null || (value === "" && node.kind === "string" && node.clearable === true);
}

/** Sets in one order: enum values in Stripe's documented order, ids and keyed objects by id. */
function canonicalOrder(node: ListNode, items: unknown[]): unknown[] {
  const { items: itemNode, key } = node;
  const sortKey = (item: unknown): string => {
    const raw = key && isRecord(item) ? item[key] : item;
    const text = typeof raw === "string" ? raw : String(jsonText(raw));
    const rank = itemNode.kind === "string" && itemNode.enum ? itemNode.enum.indexOf(text) : -1;
    return rank >= 0 ? String(rank).padStart(4, "0") : `~${text}`;
  };
  return [...items].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** Renames a wire (snake_case) value into camelCase along the schema; unknown wire keys are dropped. */
export function camelFromWire(node: SchemaNode, value: unknown): unknown {
  if (node.kind === "object") {
    if (!isRecord(value)) return value;
    return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, camelFromWire(child, value[wireName(key)])]));
  }
  if (node.kind === "list" && Array.isArray(value)) return value.map((item) => camelFromWire(node.items, item));
  return value;
}

/** Renames a camelCase value into wire names along the schema, keeping only what is given. */
export function wireFromCamel(node: SchemaNode, value: unknown): unknown {
  if (node.kind === "object" && isRecord(value)) {
    return Object.fromEntries(
      Object.entries(node.fields)
        .filter(([key]) => value[key] !== undefined)
        .map(([key, child]) => [wireName(key), wireFromCamel(child, value[key])]),
    );
  }
  if (node.kind === "list" && Array.isArray(value)) return value.map((item) => wireFromCamel(node.items, item));
  return value;
}

/** The configuration's own fields, without the resource's extra inputs and Stripe's read-only ones. */
export function configurationFields(value: Fields): Fields {
  return Object.fromEntries(Object.keys(configurationSchema.fields).filter((k) => k in value).map((k) => [k, value[k]]));
}
