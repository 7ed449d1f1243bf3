import { containsUnknown, Fields, isRecord, jsonText } from "./desiredState";
import { ObjectNode, SchemaNode } from "./schema";

/**
 * The paths (`features.subscriptionCancel.mode`) where two normalized configurations differ.
 * Both sides come from `desiredState`/`stateFromWire`, so sets are already in one order and left-out
 * fields already hold Stripe's defaults: what remains is a real change on Stripe.
 */
export function changedFields(node: ObjectNode, actual: Fields, desired: Fields, prefix = ""): string[] {
  return Object.entries(node.fields).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const a = actual[key];
    const d = desired[key];
    if (child.kind === "object" && isRecord(a) && isRecord(d)) return changedFields(child, a, d, path);
    return sameValue(child, a, d) ? [] : [path];
  });
}

/** Equal as Stripe would store them; a value not known yet is never equal. */
export function sameValue(node: SchemaNode, a: unknown, b: unknown): boolean {
  if (containsUnknown(a) || containsUnknown(b)) return false;
  if (node.kind === "map") return sameJson(sortedEntries(a), sortedEntries(b));
  return sameJson(a, b);
}

function sortedEntries(value: unknown): unknown {
  return isRecord(value) ? Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)) : value;
}

function sameJson(a: unknown, b: unknown): boolean {
  // Most fields of a configuration are equal leaves: no JSON text needed for those.
  return a === b || jsonText(a) === jsonText(b);
}
