/**
 * Stripe's update semantics, walked over the schema: nested objects merge (only what is sent
 * changes), lists are replaced whole (each item filled with its defaults), maps merge key by key,
 * and `UNSET` puts a field back to its default, removes a map key, or empties a map.
 */
import { wireName, type SchemaNode } from "../provider/schema";
import { isPlainObject, type Json, type JsonObject } from "./jsonValue";
import { defaultsOf } from "./schemaDefaults";
import { UNSET, type DecodedObject, type DecodedValue } from "./validateParams";

/** The result of applying a decoded patch to `current`. Fields outside the schema (ids, timestamps, `login_page.url`) are kept. */
export function applyPatch(node: SchemaNode, current: Json | undefined, patch: DecodedValue): Json {
  switch (node.kind) {
    case "object": {
      const base: JsonObject = isPlainObject(current) ? { ...(current as JsonObject) } : (defaultsOf(node) as JsonObject);
      const sent = patch as DecodedObject;
      for (const [key, child] of Object.entries(node.fields)) {
        const wire = wireName(key);
        if (Object.prototype.hasOwnProperty.call(sent, wire)) base[wire] = applyPatch(child, base[wire], sent[wire]);
      }
      return base;
    }
    case "list":
      return (patch as DecodedValue[]).map((item) => applyPatch(node.items, defaultsOf(node.items), item));
    case "map": {
      if (patch === UNSET) return {};
      const next: JsonObject = isPlainObject(current) ? { ...(current as JsonObject) } : {};
      for (const [key, value] of Object.entries(patch as DecodedObject)) {
        if (value === UNSET) delete next[key];
        else next[key] = value as string;
      }
      return next;
    }
    default:
      return patch === UNSET ? node.default : (patch as Json);
  }
}
