/**
 * Objects whose `type` names which sibling object applies (`flow_data`, `after_completion`,
 * `retention`, `after_expiration`): Stripe's answer when one is wrong, and how Stripe renders them.
 * Which objects these are and the rule they follow live in `provider/taggedUnionRule.ts`, shared
 * with the SDK.
 */
import { wireName, type ObjectNode, type SchemaNode } from "../provider/schema";
import { tagOf, taggedUnionViolations } from "../provider/taggedUnionRule";
import { cloneJson, type Json, type JsonObject } from "./jsonValue";
import { invalidRequest } from "./stripeErrors";
import { paramPath, UNSET, type DecodedObject, type DecodedValue } from "./validateParams";

/**
 * The object named by `type` must be given when it has required fields (`type=subscription_cancel`
 * needs `subscription_cancel[subscription]`), and an object named after another type may not be.
 * The rule is shared with the SDK; Stripe answers the first violation.
 */
export function checkTaggedUnions(node: ObjectNode, value: DecodedObject, param: string): void {
  const [first] = taggedUnionViolations(node, value, wireName);
  if (!first) return;
  const parent = first.at.reduce<string>(paramPath, param);
  const childParam = paramPath(parent, first.member);
  if (first.problem === "missing") throw invalidRequest(`Missing required param: ${childParam}.`, childParam);
  throw invalidRequest(`\`${childParam}\` can only be set when \`${paramPath(parent, "type")}\` is \`${first.memberType}\`.`, childParam);
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
