/**
 * Objects whose `type` names which sibling object applies (`flowData`, `afterCompletion`,
 * `retention`, `afterExpiration`). Found by shape in the schema, not by name: an object with a
 * `type` enum and sibling objects named after its values. The one rule for the SDK (camelCase
 * values) and the emulator (decoded wire values), so both refuse the same parameters; each words
 * the violation its own way.
 */
import { isRecord } from "./desiredState";
import { wireName, type ObjectNode, type StringNode } from "./schema";

/** One broken rule: the object `type` names is missing, or an object named after another type is given. */
export interface TaggedUnionViolation {
  /** The keys from the root to the object holding `type`, as the value spells them; list indexes as numbers. */
  at: (string | number)[];
  /** The sibling object's key, as the value spells it. */
  member: string;
  /** The `type` value the sibling belongs to (its wire name). */
  memberType: string;
  /** `missing`: `type` is `memberType` and the sibling has required fields. `misplaced`: the sibling is given under another `type`. */
  problem: "missing" | "misplaced";
}

/** The `type` field of an object whose siblings are chosen by it, or undefined for any other object. */
export function tagOf(node: ObjectNode): StringNode | undefined {
  const type = node.fields.type;
  return type?.kind === "string" && type.enum ? type : undefined;
}

/**
 * Every violation, in the order of the schema's fields, outer objects first. `keyOf` spells a
 * schema field as the value does: `wireName` for decoded wire parameters, the identity for the SDK.
 * Pure; values that are not objects are left to the field checks.
 */
export function taggedUnionViolations(node: ObjectNode, value: Record<string, unknown>, keyOf: (field: string) => string, at: (string | number)[] = []): TaggedUnionViolation[] {
  const violations: TaggedUnionViolation[] = [];
  const tag = tagOf(node);
  if (tag?.enum && typeof value.type === "string") {
    for (const [field, child] of Object.entries(node.fields)) {
      const memberType = wireName(field);
      if (child.kind !== "object" || !tag.enum.includes(memberType)) continue;
      const member = keyOf(field);
      const given = value[member] !== undefined;
      if (memberType === value.type && !given && hasRequiredFields(child)) violations.push({ at, member, memberType, problem: "missing" });
      if (memberType !== value.type && given) violations.push({ at, member, memberType, problem: "misplaced" });
    }
  }
  for (const [field, child] of Object.entries(node.fields)) {
    const key = keyOf(field);
    const given = value[key];
    if (child.kind === "object" && isRecord(given)) violations.push(...taggedUnionViolations(child, given, keyOf, [...at, key]));
    if (child.kind === "list" && child.items.kind === "object" && Array.isArray(given)) {
      const items = child.items;
      given.forEach((item, index) => {
        if (isRecord(item)) violations.push(...taggedUnionViolations(items, item, keyOf, [...at, key, index]));
      });
    }
  }
  return violations;
}

function hasRequiredFields(node: ObjectNode): boolean {
  return Object.values(node.fields).some((child) => child.kind !== "map" && child.required === true);
}
