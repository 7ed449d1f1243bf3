/**
 * Wire validation by walking a schema tree (`configurationSchema`, `sessionSchema`, or a route's
 * own small parameter tree) through `wireName`. The field list lives only in the schema; this file
 * knows how Stripe judges each kind of node and which message it answers.
 *
 * Input is what `qs` makes of a form body or query string (strings, arrays, nested objects). The
 * output is the same tree in wire names with typed leaves, where `UNSET` marks an `""` that
 * resets a field (or removes a metadata key, or clears all metadata) and `""` on a list is the
 * empty list. Which fields take `""`, on create and on update, is the schema's `acceptsEmpty`.
 */
import { acceptsEmpty, wireName, type BooleanNode, type CreateRequirements, type IntegerNode, type ListNode, type MapNode, type ObjectNode, type SchemaNode, type StringNode } from "../provider/schema";
import { isPlainObject } from "./jsonValue";
import { invalidRequest } from "./stripeErrors";

/** An `""` that asks Stripe to put a field back to its default. */
export const UNSET: unique symbol = Symbol("unset");

export type DecodedValue = string | number | boolean | typeof UNSET | DecodedValue[] | DecodedObject;
export interface DecodedObject {
  [wire: string]: DecodedValue;
}

export interface DecodeOptions {
  /**
   * True for a create: `required` top-level fields are enforced (an update may send any subset),
   * and so are, at any depth, what Stripe requires or refuses on create only.
   */
  requireTopLevel: boolean;
}

/** Validates `raw` against `node` and decodes it, or throws the `StripeError` Stripe would answer. */
export function decodeParams(node: ObjectNode, raw: unknown, options: DecodeOptions): DecodedObject {
  return decodeObject(node, raw ?? {}, "", options.requireTopLevel, options.requireTopLevel);
}

/** `features` + `customer_update` -> `features[customer_update]`, Stripe's bracket form. */
export function paramPath(parent: string, key: string | number): string {
  return parent ? `${parent}[${key}]` : String(key);
}

function decodeNode(node: SchemaNode, raw: unknown, param: string, creating: boolean): DecodedValue {
  if (raw === "") {
    if (!acceptsEmpty(node, creating)) throw cannotUnset(param);
    return node.kind === "list" ? [] : UNSET;
  }
  switch (node.kind) {
    case "object":
      return decodeObject(node, raw, param, true, creating);
    case "list":
      return decodeList(node, raw, param, creating);
    case "map":
      return decodeMap(node, raw, param);
    case "string":
      return decodeString(node, raw, param);
    case "boolean":
      return decodeBoolean(node, raw, param);
    case "integer":
      return decodeInteger(node, raw, param);
  }
}

function decodeObject(node: ObjectNode, raw: unknown, param: string, enforceRequired: boolean, creating: boolean): DecodedObject {
  if (!isPlainObject(raw)) throw invalidRequest("Invalid hash", param || undefined);
  const fields = new Map(Object.entries(node.fields).map(([key, child]) => [wireName(key), child]));
  for (const key of Object.keys(raw)) {
    if (!fields.has(key)) throw invalidRequest(`Received unknown parameter: ${paramPath(param, key)}`, paramPath(param, key));
  }
  const decoded: DecodedObject = {};
  for (const [wire, child] of fields) {
    const childParam = paramPath(param, wire);
    const value = Object.prototype.hasOwnProperty.call(raw, wire) ? raw[wire] : undefined;
    if (value === undefined) {
      if (enforceRequired && isRequired(child, creating)) throw invalidRequest(`Missing required param: ${childParam}.`, childParam);
      continue;
    }
    decoded[wire] = decodeNode(child, value, childParam, creating);
  }
  checkSiblingRules(node, decoded, param);
  return decoded;
}

/**
 * The rules a field's sibling sets (the schema's `requiredWhen` and `maximumBy`): a pause's
 * `interval_options` "Required when `type` is `interval_options`", and its `interval_count` within
 * three years of its `interval`.
 */
function checkSiblingRules(node: ObjectNode, decoded: DecodedObject, param: string): void {
  for (const [key, child] of Object.entries(node.fields)) {
    const childParam = paramPath(param, wireName(key));
    const value = decoded[wireName(key)];
    if (child.kind === "list" && child.requiredWhen) {
      const { field, value: when } = child.requiredWhen;
      if (decoded[wireName(field)] !== when) continue;
      if (value === undefined) throw invalidRequest(`Missing required param: ${childParam}.`, childParam);
      if (Array.isArray(value) && value.length === 0) {
        throw invalidRequest(`Invalid array: ${childParam} must have at least one element when ${paramPath(param, wireName(field))} is ${when}`, childParam);
      }
    }
    if (child.kind === "integer" && child.maximumBy && typeof value === "number") {
      const { field, maximums, because } = child.maximumBy;
      const sibling = decoded[wireName(field)];
      if (typeof sibling !== "string" || !Object.hasOwn(maximums, sibling) || value <= maximums[sibling]) continue;
      throw invalidRequest(`This value must be less than or equal to ${maximums[sibling]} when \`${wireName(field)}\` is \`${sibling}\` (${because}).`, childParam);
    }
  }
}

/** Required beside its parent always, or only when creating (Stripe's update makes some optional). */
function isRequired(node: SchemaNode, creating: boolean): boolean {
  if (node.kind === "map") return false;
  if (node.required === true) return true;
  const onCreate = node as CreateRequirements;
  return creating && (onCreate.requiredOnCreate === true || onCreate.sentOnCreate === true);
}

function decodeList(node: ListNode, raw: unknown, param: string, creating: boolean): DecodedValue[] {
  const items = listItems(raw, param);
  if (node.maxItems !== undefined && items.length > node.maxItems) {
    throw invalidRequest(`Invalid array: ${param} must have at most ${node.maxItems} element${node.maxItems === 1 ? "" : "s"}`, param);
  }
  return items.map((item, index) => decodeNode(node.items, item, paramPath(param, index), creating));
}

/**
 * `a[]=x`, `a[0]=x` (an array from qs, with holes where indexes were skipped) and indexes past
 * qs's array limit (an object) all mean a list. A form body cannot carry an empty one except as `""`, so `minItems` needs no check of its
 * own: `acceptsEmpty` refuses that `""`.
 */
function listItems(raw: unknown, param: string): unknown[] {
  // `filter` skips the holes of a sparse list (`a[0]=x&a[2]=y`), in index order.
  if (Array.isArray(raw)) return raw.filter(() => true);
  if (isPlainObject(raw) && Object.keys(raw).every((key) => /^\d+$/.test(key))) {
    return Object.keys(raw)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => raw[key]);
  }
  throw invalidRequest("Invalid array", param);
}

function decodeMap(node: MapNode, rawValue: unknown, param: string): DecodedValue {
  // The form parser reads digit-only keys (`metadata[0]=x`) as a list; in a hash they are keys.
  const raw = Array.isArray(rawValue) ? { ...rawValue } : rawValue;
  if (!isPlainObject(raw)) throw invalidRequest("Invalid hash", param);
  const keys = Object.keys(raw);
  if (keys.length > node.maxKeys) {
    throw invalidRequest(`Invalid ${param}: ${param} can have at most ${node.maxKeys} keys, but you passed in ${keys.length}.`, param);
  }
  const decoded: DecodedObject = {};
  for (const key of keys) {
    const value = raw[key];
    const keyParam = paramPath(param, key);
    if (typeof value !== "string") throw invalidRequest(`Invalid string: ${describe(value)}`, keyParam);
    if (key.length > node.keyMaxLength) {
      throw invalidRequest(
        `Metadata keys can have up to ${node.keyMaxLength} characters, but you passed in a key that is ${key.length} characters. Invalid key: ${key}`,
        keyParam,
      );
    }
    if (value.length > node.valueMaxLength) {
      throw invalidRequest(
        `Metadata values can have up to ${node.valueMaxLength} characters, but you passed in a value that is ${value.length} characters. Invalid value: ${value}`,
        keyParam,
      );
    }
    decoded[key] = value === "" ? UNSET : value;
  }
  return decoded;
}

function decodeString(node: StringNode, raw: unknown, param: string): DecodedValue {
  if (typeof raw !== "string") throw invalidRequest(`Invalid string: ${describe(raw)}`, param);
  if (node.maxLength !== undefined && raw.length > node.maxLength) {
    throw invalidRequest(`Invalid string: ${raw}; must be at most ${node.maxLength} characters`, param);
  }
  if (node.enum && !node.enum.includes(raw)) {
    throw invalidRequest(`Invalid ${param}: must be one of ${oneOf(node.enum)}`, param);
  }
  if (node.url && !isWebUrl(raw)) throw invalidRequest("Not a valid URL", param);
  if (node.prefix !== undefined && !raw.startsWith(node.prefix)) {
    throw invalidRequest(`No such ${nounOf(param)}: '${raw}'`, param, "resource_missing");
  }
  return raw;
}

function decodeBoolean(_node: BooleanNode, raw: unknown, param: string): boolean {
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw invalidRequest(`Invalid boolean: ${describe(raw)}`, param);
}

function decodeInteger(node: IntegerNode, raw: unknown, param: string): number {
  if (typeof raw !== "string" || !/^-?\d+$/.test(raw)) throw invalidRequest(`Invalid integer: ${describe(raw)}`, param);
  const value = Number(raw);
  if (node.minimum !== undefined && value < node.minimum) {
    throw invalidRequest(`This value must be greater than or equal to ${node.minimum}.`, param);
  }
  if (node.maximum !== undefined && value > node.maximum) {
    throw invalidRequest(`This value must be less than or equal to ${node.maximum}.`, param);
  }
  return value;
}

/**
 * Stripe's answer to `""` where the request's parameter type has no `""` (not `Emptyable`): the
 * field cannot be unset, or not on create.
 */
function cannotUnset(param: string) {
  return invalidRequest(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    param,
  );
}

/** `a or b`; `a, b, or c`, the way Stripe lists allowed values. */
function oneOf(values: readonly string[]): string {
  if (values.length <= 2) return values.join(" or ");
  return `${values.slice(0, -1).join(", ")}, or ${values[values.length - 1]}`;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** `features[subscription_update][products][0][prices][1]` -> `price`: what a "No such …" message names. */
function nounOf(param: string): string {
  const segments = param.split(/[[\]]+/).filter(Boolean);
  const last = segments[segments.length - 1];
  const inList = /^\d+$/.test(last);
  const name = inList ? segments[segments.length - 2].replace(/s$/, "") : last;
  return name.replace(/_/g, " ");
}

function describe(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
