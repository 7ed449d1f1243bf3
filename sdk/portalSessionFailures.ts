import { isRecord } from "../provider/desiredState";
import { SchemaNode } from "../provider/schema";
import { sessionSchema } from "../provider/sessionSchema";
import { taggedUnionViolations, TaggedUnionViolation } from "../provider/taggedUnionRule";
import { CheckFailure, validateFields } from "../provider/validateFields";
import type { PortalSessionParams } from "./portalSession";

/**
 * Every rule Stripe applies to session parameters, as messages naming the camelCase parameter.
 * The types say most of it, but JavaScript callers and values built at run time (the command
 * line's flags) are checked here before anything is sent. Pure.
 */
export function portalSessionFailures(params: PortalSessionParams): CheckFailure[] {
  const failures = validateFields(sessionSchema, params);
  if (!isRecord(params)) return failures;
  failures.push(...nullFailures(sessionSchema, params, ""));
  if (params.customer === undefined && params.customerAccount === undefined) {
    failures.push({ property: "customer", reason: "is required (or customerAccount)" });
  }
  if (params.customer != null && params.customerAccount != null) {
    failures.push({ property: "customerAccount", reason: "cannot be given with customer: give one or the other" });
  }
  failures.push(...taggedUnionViolations(sessionSchema, params, (field) => field).map(describeViolation));
  return failures;
}

/** The shared rule's violation in the SDK's words: `flowData.subscriptionCancel is required when flowData.type is "subscription_cancel"`. */
function describeViolation({ at, member, memberType, problem }: TaggedUnionViolation): CheckFailure {
  const parent = at.reduce<string>((path, key) => (typeof key === "number" ? `${path}[${key}]` : join(path, key)), "");
  const condition = `${join(parent, "type")} is "${memberType}"`;
  return problem === "missing"
    ? { property: join(parent, member), reason: `is required when ${condition}` }
    : { property: join(parent, member), reason: `can only be given when ${condition}` };
}

/**
 * `validateFields` lets null through where Stripe's default is null, because a configuration
 * resets such a field with it. A session has nothing to reset: null is sent as a blank, which
 * Stripe refuses.
 */
function nullFailures(node: SchemaNode, value: unknown, path: string): CheckFailure[] {
  if (value === null) {
    const passedAsReset = (node.kind === "string" || node.kind === "integer") && node.default === null;
    return passedAsReset ? [{ property: path, reason: "must not be null; leave it out for Stripe's default" }] : [];
  }
  if (node.kind === "object" && isRecord(value)) {
    return Object.entries(node.fields).flatMap(([key, child]) => nullFailures(child, value[key], join(path, key)));
  }
  if (node.kind === "list" && Array.isArray(value)) return value.flatMap((item, index) => nullFailures(node.items, item, `${path}[${index}]`));
  return [];
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
