import { ListNode, ObjectNode, SchemaNode, configurationSchema, wireName } from "./schema";

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
 * The whole configuration the program means. A field the program declares takes its declared value;
 * a field it leaves out takes what Stripe answered for it when the provider created the
 * configuration or last reset that field (`learned`, kept in the state as `stripeDefaults`), and
 * only without that the schema's default (for an object learned in part, its default whole: see `learnedWhole`). Lists Stripe treats as sets are put in one canonical
 * order. Two declarations that Stripe would store alike give equal desired states.
 */
export function desiredState(declared: Fields, learned: Fields = {}): Fields {
  return fillNode(configurationSchema, declared, learned) as Fields;
}

/** Stripe's own defaults as the schema documents them: what a configuration created with nothing set looks like. */
export function defaultState(): Fields {
  return desiredState({});
}

/**
 * A node's documented default, filled in as `desiredState` fills a left-out field with nothing
 * learned: an object's every field at its default, lists in canonical order. For the parts of a
 * configuration `defaultState` does not reach, such as a list's item (importedDeclaration.ts).
 */
export function defaultOf(node: SchemaNode): unknown {
  return fillNode(node, node.kind === "object" ? {} : undefined, undefined);
}

/** A Stripe configuration object (snake_case) in the package's camelCase shape, normalized alike. */
export function stateFromWire(object: Fields): Fields {
  return desiredState(camelFromWire(configurationSchema, object) as Fields);
}

function fillNode(node: SchemaNode, value: unknown, learned: unknown): unknown {
  if (isUnknown(value)) return value;
  switch (node.kind) {
    case "object": {
      const given = isRecord(value) ? value : {};
      const known = isRecord(value) || learnedWhole(node, learned) ? (isRecord(learned) ? learned : {}) : {};
      // A loop, not entries/fromEntries: every preview runs this for every resource twice.
      const filled: Fields = {};
      for (const key in node.fields) filled[key] = fillNode(node.fields[key], given[key], known[key]);
      return filled;
    }
    case "list": {
      if (!Array.isArray(value)) return Array.isArray(learned) ? fillNode(node, learned, undefined) : fillNode(node, [...node.default], undefined);
      const items = value.map((item) => fillNode(node.items, item, undefined));
      return node.set ? canonicalOrder(node, items) : items;
    }
    case "map":
      return isRecord(value) ? { ...value } : isRecord(learned) ? { ...learned } : { ...node.default };
    default:
      if (value === "" && node.kind === "string" && node.clearable === true) return null;
      if (!isLeftOut(node, value)) return value;
      return learned !== undefined ? learned : node.default;
  }
}

/**
 * Whether `learned` holds a value for every field of `node`: what Stripe answered for an object the
 * program left out whole. An object the program declared learns only the fields it left out, and
 * those are not its default once the program removes the whole object: each was Stripe's answer
 * beside the declared fields (a pause's interval options beside an `indefinite` type, which make
 * no valid duration with the default `interval_options` type). Such an object is reset whole to
 * its documented default (`fillNode`), and learns its default whole from the answer (stripeDefaults.ts).
 * So a release that adds a field to an object node must fill it into the learned objects states
 * already hold (Stripe's answer for it, or its default), else each of them reads as learned in part
 * and is reset to its documented default on the next update.
 */
export function learnedWhole(node: SchemaNode, learned: unknown): boolean {
  if (node.kind !== "object") return learned !== undefined;
  return isRecord(learned) && Object.entries(node.fields).every(([key, child]) => learnedWhole(child, learned[key]));
}

/**
 * Whether the program leaves this field out (undefined or null; for a list, anything but a list;
 * for the metadata map, anything but an object). `""` on a clearable string is declared: it means
 * "no value" (Stripe's null).
 */
export function isLeftOut(node: SchemaNode, value: unknown): boolean {
  if (isUnknown(value)) return false;
  if (node.kind === "list") return !Array.isArray(value);
  if (node.kind === "map" || node.kind === "object") return !isRecord(value);
  return value === undefined || value === null;
}

/**
 * The declaration as the engine stores it: only what the program declares, with sets in canonical
 * order so that reordering one is no change. Left-out fields stay out: their values are Stripe's
 * to answer (see `desiredState`), and the engine's old-versus-new inputs then show exactly what
 * the program changed.
 */
export function declaredState(declared: Fields): Fields {
  return declaredNode(configurationSchema, declared) as Fields;
}

function declaredNode(node: SchemaNode, value: unknown): unknown {
  if (isUnknown(value)) return value;
  if (node.kind === "object") return isRecord(value) ? definedFields(node, (key, child) => declaredNode(child, value[key])) : undefined;
  if (isLeftOut(node, value)) return undefined;
  if (node.kind === "list") {
    const items = (value as unknown[]).map((item) => declaredNode(node.items, item) ?? item);
    return node.set ? canonicalOrder(node, items) : items;
  }
  return node.kind === "map" ? { ...(value as Fields) } : value;
}

/**
 * The fields of an object node for which `field` gives a value; a field it answers `undefined` for
 * stays out. The walks that keep only part of a configuration (declared, learned, drifted) share it.
 */
export function definedFields(node: ObjectNode, field: (key: string, child: SchemaNode) => unknown): Fields {
  const entries = Object.entries(node.fields)
    .map(([key, child]) => [key, field(key, child)] as const)
    .filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries);
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
  // Each item's key once, not once per comparison.
  const keyed = items.map((item) => ({ item, sortKey: sortKey(item) }));
  keyed.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return keyed.map(({ item }) => item);
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
