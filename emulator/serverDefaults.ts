/**
 * What the server fills in for a field that a create leaves out. By default the schema's
 * `default`s: what the pinned version documents. `ServerDefaults` replaces some of them, to play a
 * Stripe that fills in something else (another API version, another account, Stripe's own
 * fixtures), so that tests can prove the provider does not depend on the schema being right
 * about Stripe's defaults.
 */
import { wireName, type SchemaNode } from "../provider/schema";
import { cloneJson, isPlainObject, type Json, type JsonObject } from "./jsonValue";

/**
 * Dotted wire paths of the configuration (`features.subscription_cancel.cancellation_reason.options`,
 * `metadata`) to the value a create that leaves the field out gets instead of the schema's default.
 * A path names a field of the configuration's objects, not one inside list items.
 */
export type ServerDefaults = Readonly<Record<string, Json>>;

/**
 * The shapes Stripe's own fixtures answer for this object (stripe-mock's `fixtures3.json`,
 * `billing_portal.configuration`; SEMANTICS.md "Shapes seen in Stripe's own fixtures"), where they
 * differ from the schema's defaults. `name`, `billing_cycle_anchor` and
 * `payment_method_configuration` are null there as here; no `subscription_pause` before
 * 2026-10-28.endive is the API version's doing (`apiVersions.ts`).
 */
export const STRIPE_FIXTURE_DEFAULTS: ServerDefaults = {
  metadata: null,
  "features.subscription_cancel.cancellation_reason.options": [],
  "features.subscription_cancel.cancellation_reason.feedback_options": null,
  "features.subscription_update.schedule_at_period_end.conditions": [{ type: "decreasing_item_amount" }],
};

/** The wire-shaped default of `node` at `path`: a server default given for it, else an object of its fields' defaults, else the schema's. */
export function defaultsOf(node: SchemaNode, serverDefaults: ServerDefaults = {}, path?: string): Json {
  if (path !== undefined && Object.prototype.hasOwnProperty.call(serverDefaults, path)) return cloneJson(serverDefaults[path]);
  switch (node.kind) {
    case "object":
      return Object.fromEntries(
        Object.entries(node.fields).map(([key, child]) => {
          const wire = wireName(key);
          return [wire, defaultsOf(child, serverDefaults, path === undefined ? undefined : childPath(path, wire))];
        }),
      );
    case "list":
      return (node.default as Json[]).map((item) => inWireNames(node.items, item));
    case "map":
      return { ...node.default };
    default:
      return node.default;
  }
}

/** A schema value (camelCase keys, as the schema writes a list's default items) in wire names. */
function inWireNames(node: SchemaNode, value: Json): Json {
  if (node.kind !== "object" || !isPlainObject(value)) return cloneJson(value);
  return Object.fromEntries(
    Object.entries(node.fields)
      .filter(([key]) => Object.prototype.hasOwnProperty.call(value, key))
      .map(([key, child]) => [wireName(key), inWireNames(child, (value as JsonObject)[key])]),
  );
}

/** `features` + `customer_update` -> `features.customer_update`. */
export function childPath(parent: string, wire: string): string {
  return parent === "" ? wire : `${parent}.${wire}`;
}

/**
 * Throws when a path names no field of `root` or its value cannot be one of the field's values
 * (its kind, or null), so that a typo fails at start-up instead of changing nothing.
 */
export function checkServerDefaults(root: SchemaNode, serverDefaults: ServerDefaults): void {
  for (const [path, value] of Object.entries(serverDefaults)) {
    const node = nodeAt(root, path);
    if (!node) throw new Error(`serverDefaults: "${path}" is not a field of the configuration (dotted wire names, e.g. "features.subscription_cancel.mode").`);
    if (!fitsKind(node, value)) throw new Error(`serverDefaults: "${path}" holds ${describeKind(node)}, not ${JSON.stringify(value)}.`);
  }
}

function nodeAt(root: SchemaNode, path: string): SchemaNode | undefined {
  let here: SchemaNode | undefined = root;
  for (const wire of path.split(".")) {
    if (here?.kind !== "object") return undefined;
    here = Object.entries(here.fields).find(([key]) => wireName(key) === wire)?.[1];
  }
  return here;
}

/** A value of the field's kind; null for any but a boolean (Stripe answers null for absent objects, lists and maps too). */
function fitsKind(node: SchemaNode, value: Json): boolean {
  if (value === null) return node.kind !== "boolean";
  switch (node.kind) {
    case "object":
    case "map":
      return isPlainObject(value);
    case "list":
      return Array.isArray(value);
    case "string":
      return typeof value === "string" && (node.enum === undefined || node.enum.includes(value));
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isInteger(value);
  }
}

function describeKind(node: SchemaNode): string {
  if (node.kind === "boolean") return "a boolean";
  if (node.kind === "string" && node.enum) return `one of ${node.enum.join(", ")} (or null)`;
  const names = { object: "an object", map: "a map of strings", list: "a list", string: "a string", integer: "a whole number" };
  return `${names[node.kind]} (or null)`;
}
