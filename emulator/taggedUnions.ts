/**
 * Objects whose `type` names which sibling object applies (`flow_data`, `after_completion`,
 * `retention`, `after_expiration`). Found by shape in the schema, not by name: an object with a
 * `type` enum and sibling objects named after its values.
 */
import { wireName, type ObjectNode, type SchemaNode, type StringNode } from "../provider/schema";
import { cloneJson, isPlainObject, type Json, type JsonObject } from "./jsonValue";
import { invalidRequest } from "./stripeErrors";
import { paramPath, UNSET, type DecodedObject, type DecodedValue } from "./validateParams";

function tagOf(node: ObjectNode): StringNode | undefined {
  const type = node.fields.type;
  return type?.kind === "string" && type.enum ? type : undefined;
}

function hasRequiredFields(node: ObjectNode): boolean {
  return Object.values(node.fields).some((child) => child.kind !== "map" && child.required === true);
}

/**
 * The object named by `type` must be given when it has required fields (`type=subscription_cancel`
 * needs `subscription_cancel[subscription]`), and an object named after another type may not be.
 */
export function checkTaggedUnions(node: ObjectNode, value: DecodedObject, param: string): void {
  const tag = tagOf(node);
  if (tag?.enum && typeof value.type === "string") {
    for (const [key, child] of Object.entries(node.fields)) {
      const wire = wireName(key);
      if (child.kind !== "object" || !tag.enum.includes(wire)) continue;
      const childParam = paramPath(param, wire);
      const given = value[wire] !== undefined;
      if (wire === value.type && !given && hasRequiredFields(child)) {
        throw invalidRequest(`Missing required param: ${childParam}.`, childParam);
      }
      if (wire !== value.type && given) {
        throw invalidRequest(`\`${childParam}\` can only be set when \`${paramPath(param, "type")}\` is \`${wire}\`.`, childParam);
      }
    }
  }
  for (const [key, child] of Object.entries(node.fields)) {
    const wire = wireName(key);
    const given = value[wire];
    if (child.kind === "object" && isPlainObject(given)) checkTaggedUnions(child, given as DecodedObject, paramPath(param, wire));
    if (child.kind === "list" && child.items.kind === "object" && Array.isArray(given)) {
      const items = child.items;
      given.forEach((item, index) => checkTaggedUnions(items, item as DecodedObject, paramPath(paramPath(param, wire), index)));
    }
  }
}

/**
 * The object as Stripe answers it: every field present, defaults filled in, objects of types not
 * chosen answered as null, and optional objects left out answered as null unless their defaults
 * make a whole object (`after_completion` defaults to `{type: "portal_homepage"}`).
 */
export function renderTagged(node: ObjectNode, given: DecodedObject): JsonObject {
  const tag = tagOf(node);
  const selected = tag ? (given.type ?? tag.default) : undefined;
  const rendered: JsonObject = {};
  for (const [key, child] of Object.entries(node.fields)) {
    const wire = wireName(key);
    rendered[wire] = renderField(child, given[wire], tag?.enum?.includes(wire) ? wire === selected : undefined);
  }
  return rendered;
}

/** `chosen` is set for objects named after a `type` value: whether that type is the one in effect. */
function renderField(node: SchemaNode, given: DecodedValue | undefined, chosen: boolean | undefined): Json {
  switch (node.kind) {
    case "object":
      if (chosen !== undefined) return chosen ? renderTagged(node, (given as DecodedObject) ?? {}) : null;
      if (given !== undefined) return renderTagged(node, given as DecodedObject);
      return completeFromDefaults(node) ? renderTagged(node, {}) : null;
    case "list":
      if (given === undefined) return cloneJson(node.default as Json[]);
      return (given as DecodedValue[]).map((item) =>
        node.items.kind === "object" ? renderTagged(node.items, item as DecodedObject) : (item as Json),
      );
    case "map":
      return given === undefined || given === UNSET ? { ...node.default } : (given as JsonObject);
    default:
      return given === undefined || given === UNSET ? node.default : (given as Json);
  }
}

function completeFromDefaults(node: ObjectNode): boolean {
  return Object.values(node.fields).every((child) => {
    if (child.kind === "map" || child.required !== true) return true;
    if (child.kind === "object") return completeFromDefaults(child);
    return child.default !== null;
  });
}
