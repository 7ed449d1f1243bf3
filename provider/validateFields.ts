import { isRecord, isUnknown } from "./desiredState";
import { CreateRequirements, IntegerNode, ListNode, MapNode, ObjectNode, SchemaNode } from "./schema";

/** One rule broken: Pulumi's check failure shape, with the property path in camelCase. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * Every rule of the schema Stripe would enforce, on a camelCase value: types, required fields
 * (also those required by a sibling's value), enums, lengths, URLs, id prefixes, list sizes,
 * maximums that depend on a sibling, repeated set members, metadata limits and unknown property
 * names. Values not known yet pass. Pure: it never throws on odd input.
 */
export function validateFields(node: ObjectNode, value: unknown, path = ""): CheckFailure[] {
  return validateNode(node, value, path);
}

function validateNode(node: SchemaNode, value: unknown, path: string): CheckFailure[] {
  if (value === undefined || isUnknown(value)) return [];
  const fail = (reason: string): CheckFailure[] => [{ property: path, reason }];
  switch (node.kind) {
    case "object":
      return validateObject(node, value, path);
    case "list":
      return validateList(node, value, path);
    case "map":
      return validateMap(node, value, path);
    case "boolean":
      return typeof value === "boolean" ? [] : fail(`must be true or false; got ${show(value)}`);
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        return value === null && node.default === null ? [] : fail(`must be a whole number; got ${show(value)}`);
      }
      if (node.minimum !== undefined && value < node.minimum) return fail(`must be at least ${node.minimum}; got ${value}`);
      if (node.maximum !== undefined && value > node.maximum) return fail(`must be at most ${node.maximum}; got ${value}`);
      return [];
    case "string": {
      if (typeof value !== "string") {
        return value === null && node.default === null ? [] : fail(`must be a string; got ${show(value)}`);
      }
      if (node.enum && !node.enum.includes(value)) return fail(`must be one of ${node.enum.join(", ")}; got ${show(value)}`);
      if (node.maxLength !== undefined && value.length > node.maxLength) {
        return fail(`must be at most ${node.maxLength} characters; got ${value.length}`);
      }
      if (node.url && !isHttpUrl(value)) return fail(`must be an absolute http(s) URL; got ${show(value)}`);
      if (node.prefix && !value.startsWith(node.prefix)) return fail(`must be a Stripe id starting with "${node.prefix}"; got ${show(value)}`);
      return [];
    }
  }
}

function validateObject(node: ObjectNode, value: unknown, path: string): CheckFailure[] {
  if (!isRecord(value)) return [{ property: path, reason: `must be an object; got ${show(value)}` }];
  const failures: CheckFailure[] = [];
  const known = Object.keys(node.fields);
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    if (!(key in node.fields)) {
      failures.push({ property: join(path, key), reason: `unknown property "${key}"; expected one of ${known.join(", ")}` });
    }
  }
  for (const [key, child] of Object.entries(node.fields)) {
    const given = value[key];
    if (given === undefined && mustBeGiven(child)) {
      failures.push({ property: join(path, key), reason: "is required" });
      continue;
    }
    failures.push(...validateNode(child, given, join(path, key)));
    if (child.kind === "list" && child.requiredWhen) failures.push(...requiredWhenFailures(child, value, key, path));
    if (child.kind === "integer" && child.maximumBy) failures.push(...siblingMaximumFailures(child, value, key, path));
  }
  return failures;
}

/** A list the sibling's value requires ("Required when `type` is `interval_options`"): given, with an item. */
function requiredWhenFailures(node: ListNode, parent: Record<string, unknown>, key: string, path: string): CheckFailure[] {
  const { field, value } = node.requiredWhen!;
  const given = parent[key];
  if (parent[field] !== value || isUnknown(given)) return [];
  // A given value that is not a list is already reported by the list's own check.
  if (given !== undefined && given !== null && (!Array.isArray(given) || given.length > 0)) return [];
  return [{ property: join(path, key), reason: `must list at least one item when ${join(path, field)} is ${show(value)}` }];
}

/** A number within the maximum its sibling's value sets (a pause: at most three years of its unit). */
function siblingMaximumFailures(node: IntegerNode, parent: Record<string, unknown>, key: string, path: string): CheckFailure[] {
  const { field, maximums, because } = node.maximumBy!;
  const given = parent[key];
  const sibling = parent[field];
  if (!Number.isInteger(given) || typeof sibling !== "string" || !Object.hasOwn(maximums, sibling)) return [];
  const maximum = maximums[sibling];
  // Over the node's own maximum, the number is already reported.
  if ((given as number) <= maximum || (node.maximum !== undefined && (given as number) > node.maximum)) return [];
  return [{ property: join(path, key), reason: `must be at most ${maximum} when ${field} is ${show(sibling)} (${because}); got ${given}` }];
}

function validateList(node: ListNode, value: unknown, path: string): CheckFailure[] {
  if (!Array.isArray(value)) return [{ property: path, reason: `must be a list; got ${show(value)}` }];
  const failures: CheckFailure[] = [];
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    failures.push({ property: path, reason: `must have at most ${node.maxItems} item${node.maxItems === 1 ? "" : "s"}; got ${value.length}` });
  }
  if (node.minItems !== undefined && value.length < node.minItems) {
    failures.push({ property: path, reason: `must have at least ${node.minItems} item${node.minItems === 1 ? "" : "s"}` });
  }
  if (node.set) {
    const seen = new Set<string>();
    for (const item of value) {
      const id = node.key && isRecord(item) ? item[node.key] : item;
      if (typeof id !== "string" || isUnknown(id)) continue;
      if (seen.has(id)) failures.push({ property: path, reason: `must not repeat ${show(id)}` });
      seen.add(id);
    }
  }
  value.forEach((item, index) => failures.push(...validateNode(node.items, item, `${path}[${index}]`)));
  return failures;
}

function validateMap(node: MapNode, value: unknown, path: string): CheckFailure[] {
  if (!isRecord(value)) return [{ property: path, reason: `must be an object of strings; got ${show(value)}` }];
  const failures: CheckFailure[] = [];
  const keys = Object.keys(value);
  if (keys.length > node.maxKeys) failures.push({ property: path, reason: `must have at most ${node.maxKeys} keys; got ${keys.length}` });
  for (const key of keys) {
    const item = value[key];
    const property = join(path, key);
    if (key.length > node.keyMaxLength) failures.push({ property, reason: `key must be at most ${node.keyMaxLength} characters; got ${key.length}` });
    if (key.length === 0) failures.push({ property, reason: "key must not be empty" });
    // Stripe's form encoding reads brackets as nesting, so such a key cannot reach Stripe intact.
    if (/[[\]]/.test(key)) failures.push({ property, reason: "key must not contain [ or ]" });
    if (isUnknown(item)) continue;
    if (typeof item !== "string") failures.push({ property, reason: `must be a string; got ${show(item)}` });
    else if (item.length > node.valueMaxLength) {
      failures.push({ property, reason: `must be at most ${node.valueMaxLength} characters; got ${item.length}` });
    } else if (item.length === 0) {
      failures.push({ property, reason: "must not be empty (remove the key to delete it)" });
    }
  }
  return failures;
}

/**
 * Whether a declaration must give the field beside its parent (Stripe requires it, always or on
 * create). A required object (`features`) is the provider's to send, and so is a `sentOnCreate` default.
 */
export function mustBeGiven(node: SchemaNode): boolean {
  if (node.kind === "object" || node.kind === "map") return false;
  return node.required === true || (node as CreateRequirements).requiredOnCreate === true;
}

/** Absolute http(s) URL, as Stripe requires for every URL field. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** A value as a failure's reason quotes it: JSON, cut to 60 characters. */
export function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
