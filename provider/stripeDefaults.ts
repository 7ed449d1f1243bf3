import { sameValue } from "./changedFields";
import { definedFields, Fields, isLeftOut, isRecord, learnedWhole } from "./desiredState";
import { configurationSchema, SchemaNode } from "./schema";

/**
 * What Stripe filled in for the fields the program leaves out, kept in the state as the output
 * `stripeDefaults` (a partial configuration in the inputs' camelCase shape; a whole list and the
 * metadata map count as one field).
 *
 * Why: Stripe's defaults depend on the API version (`stripe:apiVersion` is the user's choice) and
 * are not all documented, so a table of them in the schema can be wrong. Comparing a left-out field
 * with what Stripe itself answered for it can never show a change that is not there, whoever is
 * wrong about the default; a later move away from that value (an edit in the Dashboard) still shows.
 */
export type StripeDefaults = Fields;

/** The learned defaults a state (outputs) records; undefined in a state written before they existed. */
export function recordedDefaults(outputs: unknown): StripeDefaults | undefined {
  return isRecord(outputs) && isRecord(outputs.stripeDefaults) ? outputs.stripeDefaults : undefined;
}

/**
 * What a left-out field is compared with: the recorded learned defaults; none in a state written
 * before they existed, where the schema's defaults stand in. (Taking what Stripe held instead would
 * never reset a field that the previous release declared and the program has since removed, since
 * that state cannot tell a declared field from a left-out one.)
 */
export function stripeDefaultsOf(outputs: unknown): StripeDefaults {
  return recordedDefaults(outputs) ?? {};
}

/**
 * The learned defaults after Stripe answered a create or an update: for each field the program
 * leaves out, the value already learned, or else (the field was just created or reset) Stripe's
 * answer. Fields the program declares have none.
 *
 * @param declared the declaration (camelCase configuration fields)
 * @param answered Stripe's answer, normalized (`stateFromWire`)
 * @param learned the learned defaults before the call
 */
export function learnDefaults(declared: Fields, answered: Fields, learned: StripeDefaults = {}): StripeDefaults {
  return (learnNode(configurationSchema, declared, answered, learned) ?? {}) as StripeDefaults;
}

function learnNode(node: SchemaNode, declared: unknown, answered: unknown, learned: unknown): unknown {
  if (node.kind === "object") {
    const given = isRecord(declared) ? declared : {};
    const now = isRecord(answered) ? answered : {};
    // An object left out but learned in part was just reset whole: it learns whole (`learnedWhole`).
    const before = isRecord(declared) || learnedWhole(node, learned) ? (isRecord(learned) ? learned : {}) : {};
    const fields = definedFields(node, (key, child) => learnNode(child, given[key], now[key], before[key]));
    return Object.keys(fields).length > 0 ? fields : undefined;
  }
  if (!isLeftOut(node, declared)) return undefined;
  return learned !== undefined ? learned : answered;
}

/**
 * The declaration that matches what Stripe holds, for refresh: every declared field with Stripe's
 * value, and a left-out field only where Stripe's value moved away from its learned default. A
 * state without learned defaults (written before they existed) gives every field. A left-out
 * string that drifted to no value is given as `""`: the engine reads a null input as a missing
 * one, and would then see no change to make.
 */
export function declarationMatching(state: Fields, learned: StripeDefaults): Fields {
  return (matchNode(configurationSchema, state, learned) ?? {}) as Fields;
}

function matchNode(node: SchemaNode, actual: unknown, learned: unknown): unknown {
  if (node.kind === "object") {
    const held = isRecord(actual) ? actual : {};
    const known = isRecord(learned) ? learned : {};
    const fields = definedFields(node, (key, child) => matchNode(child, held[key], known[key]));
    return Object.keys(fields).length > 0 || learned === undefined ? fields : undefined;
  }
  if (learned === undefined) return actual;
  if (sameValue(node, actual, learned)) return undefined;
  return actual === null && node.kind === "string" && node.clearable === true ? "" : actual;
}
