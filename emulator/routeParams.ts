/**
 * The parameter trees of each route. Configuration and session fields come from their schemas
 * (the configuration's as the request's API version has them); a route adds only its request
 * options (`expand`, `active` on update, the list filters and cursors), which are not fields of
 * the object.
 */
import { EXPAND_PATHS, type ListNode, type ObjectNode, type SchemaNode } from "../provider/schema";
import { sessionSchema } from "../provider/sessionSchema";
import { configurationSchemaAt } from "./apiVersions";

const expand: ListNode = { kind: "list", items: { kind: "string", default: null, maxLength: 5000 }, default: [] };

function withFields(node: ObjectNode, fields: Record<string, SchemaNode>): ObjectNode {
  return { ...node, fields: { ...node.fields, ...fields } };
}

export function createConfigurationParams(apiVersion: string): ObjectNode {
  return withFields(configurationSchemaAt(apiVersion), { expand });
}
export function updateConfigurationParams(apiVersion: string): ObjectNode {
  return withFields(configurationSchemaAt(apiVersion), { active: { kind: "boolean", default: true }, expand });
}
export const retrieveConfigurationParams: ObjectNode = { kind: "object", fields: { expand } };
export const listConfigurationsParams: ObjectNode = {
  kind: "object",
  fields: {
    active: { kind: "boolean", default: true },
    endingBefore: { kind: "string", default: null, maxLength: 5000 },
    expand,
    isDefault: { kind: "boolean", default: false },
    limit: { kind: "integer", default: 10, minimum: 1, maximum: 100 },
    startingAfter: { kind: "string", default: null, maxLength: 5000 },
  },
};
export const createSessionParams = withFields(sessionSchema, { expand });

/** What `expand[]` may name on a configuration (relative to the object). */
export const CONFIGURATION_EXPANDABLE: readonly string[] = ["application", ...EXPAND_PATHS];
/** What `expand[]` may name on a list of configurations. */
export const LIST_EXPANDABLE: readonly string[] = CONFIGURATION_EXPANDABLE.map((path) => `data.${path}`);
/** What `expand[]` may name on a session. */
export const SESSION_EXPANDABLE: readonly string[] = ["configuration", ...CONFIGURATION_EXPANDABLE.map((path) => `configuration.${path}`)];
