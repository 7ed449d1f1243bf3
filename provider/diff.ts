import { changedFields } from "./changedFields";
import { configurationFields, containsUnknown, desiredState, Fields, isRecord, isUnknown, UNKNOWN } from "./desiredState";
import { activeDiffers } from "./outputs";
import { configurationSchema } from "./schema";
import { stripeDefaultsOf } from "./stripeDefaults";

/** What `pulumi preview` shows for one resource. */
export interface ConfigurationDiff {
  changes: boolean;
  /** Properties whose change replaces the configuration (only the Stripe account). */
  replaces: string[];
  /** Every changed property path, e.g. `features.subscriptionCancel.mode`. */
  diffs: string[];
  deleteBeforeReplace: false;
}

/**
 * Compares what Stripe holds (the last outputs, or what refresh read) with what the program
 * declares, a left-out field standing for its learned default (`stripeDefaults`). `changes` is
 * false exactly when an update would change nothing on Stripe: defaults, the order of sets and
 * read-only fields never count. A configuration whose `active` is not the program's counts as a
 * change (the update reactivates or deactivates it). `adoptId` is read at create only and never counts.
 * Never throws: Pulumi may hand a side that is not an object (see `heldFields`, `declaredFields`).
 */
export function diffConfiguration(olds: unknown, news: unknown): ConfigurationDiff {
  const held = heldFields(olds);
  const declared = declaredFields(news);
  const replaces = sameAccount(held.stripeAccount, declared.stripeAccount) ? [] : ["stripeAccount"];
  const desired = desiredState(configurationFields(declared), stripeDefaultsOf(held));
  const diffs = changedFields(configurationSchema, desiredState(configurationFields(held)), desired);
  // Stripe's `active` against the program's (true unless declared false): either way, an update sends it.
  if (activeDiffers(held.active, declared.active)) diffs.push("active");
  return { changes: diffs.length > 0 || replaces.length > 0, replaces, diffs, deleteBeforeReplace: false };
}

/** Old state that is not an object tells nothing of what Stripe holds: every field may differ. */
function heldFields(olds: unknown): Fields {
  return isRecord(olds) ? olds : unknownFields();
}

/**
 * A declaration that is wholly unknown (preview) leaves every input unknown, the account too; one
 * that is not an object otherwise declares nothing, as Check reads it.
 */
function declaredFields(news: unknown): Fields {
  if (isRecord(news)) return news;
  return isUnknown(news) ? { ...unknownFields(), stripeAccount: UNKNOWN, active: UNKNOWN } : {};
}

function unknownFields(): Fields {
  return Object.fromEntries(Object.keys(configurationSchema.fields).map((key) => [key, UNKNOWN]));
}

function sameAccount(a: unknown, b: unknown): boolean {
  if (containsUnknown(b)) return false;
  return (a ?? null) === (b ?? null);
}
