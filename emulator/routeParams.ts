/**
 * The parameter trees of each route. Configuration and session fields come from their schemas
 * (the configuration's as the request's API version has them, the session's with `""` refused
 * throughout); a route adds only its request options (`expand`, `active` on update, the list
 * filters and cursors), which are not fields of the object.
 */
import { EXPAND_PATHS, type ListNode, type ObjectNode, type SchemaNode } from "../provider/schema";
import { sessionSchema } from "../provider/sessionSchema";
import { configurationSchemaAt } from "./apiVersions";

/**
 * `expand` is `Array<string>`, never `Emptyable`, in every pinned params type of both resources
 * (node_modules/stripe/cjs/resources/BillingPortal/Configurations.d.ts and Sessions.d.ts), and the
 * specification offers no `""` for it (stripe-mock answers `expand=` with "value must be a slice"
 * on every route). An empty list can only be sent as `""`, so a sent `expand` names at least one
 * path: `minItems` is what makes `acceptsEmpty` refuse `""` on updates, retrieves and lists too,
 * where a create-only flag would not.
 */
const expand: ListNode = { kind: "list", items: { kind: "string", default: null, maxLength: 5000 }, default: [], minItems: 1 };

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
export const createSessionParams = withFields(refusingEmpty(sessionSchema), { expand });

/**
 * `node` with `""` refused at every depth. Nothing of the pinned `SessionCreateParams` is
 * `Emptyable` (node_modules/stripe/cjs/resources/BillingPortal/Sessions.d.ts does not even import
 * it), so a session's lists refuse `""` (`flow_data[subscription_update_confirm][discounts]=`, which
 * stripe-mock refuses too), where the schemas' convention, made for the configuration's lists,
 * would take it as the empty list. A session is only ever created, so the create-time flag says it.
 */
function refusingEmpty<T extends SchemaNode>(node: T): T;
function refusingEmpty(node: SchemaNode): SchemaNode {
  switch (node.kind) {
    case "object":
      return { ...node, fields: Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, refusingEmpty(child)])) };
    case "list":
      return { ...node, items: refusingEmpty(node.items), emptyOnCreate: false };
    case "string":
    case "map":
      return { ...node, emptyOnCreate: false };
    default:
      return node;
  }
}

/** What `expand[]` may name on a configuration (relative to the object). */
export const CONFIGURATION_EXPANDABLE: readonly string[] = ["application", ...EXPAND_PATHS];
/** What `expand[]` may name on a list of configurations. */
export const LIST_EXPANDABLE: readonly string[] = CONFIGURATION_EXPANDABLE.map((path) => `data.${path}`);
/** What `expand[]` may name on a session. */
export const SESSION_EXPANDABLE: readonly string[] = ["configuration", ...CONFIGURATION_EXPANDABLE.map((path) => `configuration.${path}`)];
