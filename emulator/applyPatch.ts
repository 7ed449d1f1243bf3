/**
 * Stripe's update semantics, walked over the schema: nested objects merge (only what is sent
 * changes), lists are replaced whole (each item filled with its defaults), maps merge key by key,
 * and `UNSET` puts a field back to its default, removes a map key, or empties a map. An object
 * that does not exist yet (a create) starts from what the server fills in (`serverDefaults.ts`).
 */
import { wireName, type SchemaNode } from "../provider/schema";
import { isPlainObject, type Json, type JsonObject } from "./jsonValue";
import { childPath, defaultsOf, type ServerDefaults } from "./serverDefaults";
import { UNSET, type DecodedObject, type DecodedValue } from "./validateParams";

/**
 * The result of applying a decoded patch to `current` (`node` at the dotted wire `path`, "" for
 * the configuration). Fields outside the schema (ids, timestamps, `login_page.url`) are kept.
 */
export function applyPatch(node: SchemaNode, current: Json | undefined, patch: DecodedValue, serverDefaults: ServerDefaults = {}, path = ""): Json {
  switch (node.kind) {
    case "object": {
      const base: JsonObject = isPlainObject(current) ? { ...(current as JsonObject) } : (defaultsOf(node, serverDefaults, path) as JsonObject);
      const sent = patch as DecodedObject;
      for (const [key, child] of Object.entries(node.fields)) {
        const wire = wireName(key);
        if (Object.prototype.hasOwnProperty.call(sent, wire)) base[wire] = applyPatch(child, base[wire], sent[wire], serverDefaults, childPath(path, wire));
      }
      return base;
    }
    case "list":
      // List items take the schema's defaults: server defaults name fields of the configuration's objects only.
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
