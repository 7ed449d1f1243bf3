/**
 * Which API versions the emulator speaks, and how the configuration object differs between them.
 * The one place that knows a version: a request's `Stripe-Version` picks the parameters the
 * endpoints accept and the fields their answers carry (the stored configuration keeps everything,
 * as Stripe keeps it whatever version reads it).
 *
 * `features.subscription_pause` was "removed in 2024-04-10, back in 2026-10-28.endive"
 * (SEMANTICS.md; the pinned `stripe` package's CHANGELOG, 15.0.0 and 23.1.0). Versions before
 * 2024-04-10, whose `subscription_pause` had another shape, are not modelled: they are answered
 * as 2024-04-10 is.
 */
import { configurationSchema, wireName, type ObjectNode } from "../provider/schema";
import { PINNED_API_VERSION } from "../provider/settings";

/** The version the package pins, spoken when a request names none. */
export const API_VERSION = PINNED_API_VERSION;

/** A field that exists only from `since` on: camelCase path in the schema. */
interface AddedField {
  path: readonly string[];
  since: string;
}

const ADDED_FIELDS: readonly AddedField[] = [{ path: ["features", "subscriptionPause"], since: "2026-10-28.endive" }];

/** `2026-08-26.dahlia` -> `2026-08-26`; a version without a date counts as the pinned one. */
function releaseDate(version: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(version)?.[0] ?? releaseDate(API_VERSION);
}

/** Whether `version` came out before `than` (by release date; the codename only names it). */
export function isOlderVersion(version: string, than: string): boolean {
  return releaseDate(version) < releaseDate(than);
}

function absentAt(version: string): readonly AddedField[] {
  return ADDED_FIELDS.filter((field) => isOlderVersion(version, field.since));
}

/** The configuration's parameters at `version`: the schema without the fields it does not have yet. */
export function configurationSchemaAt(version: string): ObjectNode {
  let node = configurationSchema;
  for (const field of absentAt(version)) node = without(node, field.path);
  return node;
}

/** The dotted wire paths an answer at `version` leaves out (`features.subscription_pause`). */
export function pathsAbsentAt(version: string): string[] {
  return absentAt(version).map((field) => field.path.map(wireName).join("."));
}

/** A copy of `node` without the field at `path` (camelCase keys). */
function without(node: ObjectNode, path: readonly string[]): ObjectNode {
  const [key, ...rest] = path;
  const fields = { ...node.fields };
  const child = fields[key];
  if (rest.length === 0) delete fields[key];
  else if (child?.kind === "object") fields[key] = without(child, rest);
  return { ...node, fields };
}
