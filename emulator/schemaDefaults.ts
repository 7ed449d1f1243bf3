/** What Stripe fills in for a field left out: the schema's `default`s, laid out in wire names. */
import { wireName, type SchemaNode } from "../provider/schema";
import { cloneJson, type Json } from "./jsonValue";

/** The wire-shaped default of a node: an object of its fields' defaults, a copy of a list or map default, or the leaf default. */
export function defaultsOf(node: SchemaNode): Json {
  switch (node.kind) {
    case "object":
      return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [wireName(key), defaultsOf(child)]));
    case "list":
      return cloneJson(node.default as Json[]);
    case "map":
      return { ...node.default };
    default:
      return node.default;
  }
}
