/**
 * The plugin's property values: protobuf `Struct`s to plain objects and back, with Pulumi's secrets.
 * The engine sends a secret wrapped (`{"4dabf…": "1b47…", "value": …}`, since the plugin accepts
 * secrets) and expects it back wrapped; the provider's core works on plain values. So a secret is
 * revealed on the way in, its top-level property noted, and that property concealed again on the
 * way out. A value not known yet (a preview) stays Pulumi's unknown string, which the core knows.
 */
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { Fields, isRecord } from "../desiredState";
import { SECRET_KEY, SECRET_MARK } from "../pulumiSecret";


/** Properties with their secrets unwrapped, and which top-level properties held one. */
export interface Revealed {
  fields: Fields;
  secretKeys: Set<string>;
}

/** A request's struct as plain properties, secrets revealed. */
export function reveal(struct: structproto.Struct | undefined): Revealed {
  const secretKeys = new Set<string>();
  const plain = (struct?.toJavaScript() ?? {}) as Fields;
  const fields = Object.fromEntries(
    Object.entries(plain).map(([key, value]) => {
      const { value: revealed, secret } = revealValue(value);
      if (secret) secretKeys.add(key);
      return [key, revealed];
    }),
  );
  return { fields, secretKeys };
}

function revealValue(value: unknown): { value: unknown; secret: boolean } {
  if (isRecord(value) && value[SECRET_KEY] === SECRET_MARK) return { value: revealValue(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(revealValue);
    return { value: items.map((item) => item.value), secret: items.some((item) => item.secret) };
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, child]) => [key, revealValue(child)] as const);
    return { value: Object.fromEntries(entries.map(([key, child]) => [key, child.value])), secret: entries.some(([, child]) => child.secret) };
  }
  return { value, secret: false };
}

/**
 * A response's struct: the properties with each of `secretKeys` wrapped as a secret again, and
 * nothing `undefined` (which a struct cannot hold: a property without a value is left out).
 */
export function conceal(fields: Fields, secretKeys: ReadonlySet<string> = new Set()): structproto.Struct {
  const defined = JSON.parse(JSON.stringify(fields)) as Fields;
  for (const key of secretKeys) if (key in defined) defined[key] = { [SECRET_KEY]: SECRET_MARK, value: defined[key] };
  return structproto.Struct.fromJavaScript(defined as Record<string, structproto.JavaScriptValue>);
}
