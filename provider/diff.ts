import { changedFields } from "./changedFields";
import { configurationFields, containsUnknown, desiredState, Fields } from "./desiredState";
import { configurationSchema } from "./schema";

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
 * declares. `changes` is false exactly when an update would change nothing on Stripe: defaults,
 * the order of sets and read-only fields never count. A deactivated configuration counts as a
 * change (the update reactivates it). `adoptId` is read at create only and never counts.
 */
export function diffConfiguration(olds: Fields, news: Fields): ConfigurationDiff {
  const replaces = sameAccount(olds.stripeAccount, news.stripeAccount) ? [] : ["stripeAccount"];
  const diffs = changedFields(configurationSchema, desiredState(configurationFields(olds)), desiredState(configurationFields(news)));
  if (olds.active === false) diffs.push("active");
  return { changes: diffs.length > 0 || replaces.length > 0, replaces, diffs, deleteBeforeReplace: false };
}

function sameAccount(a: unknown, b: unknown): boolean {
  if (containsUnknown(b)) return false;
  return (a ?? null) === (b ?? null);
}
