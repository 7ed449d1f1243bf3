import { IDENTITY_INPUT } from "./createIdentity";
import { crossFieldFailures } from "./crossFieldRules";
import { configurationFields, declaredState, desiredState, Fields, isUnknown } from "./desiredState";
import { resourceInputsSchema } from "./schema";
import { CheckFailure, validateFields } from "./validateFields";

/**
 * The inputs without what machinery adds beside the declaration: every `__` key (the dynamic
 * resource's provider text `__provider` and identity `__identity`, an SDK's `__defaults`, the
 * dynamic face's `__declaration` fingerprint), a prefix no field of the schema has. Check, the
 * plugin and the declaration fingerprint all read a declaration through this one rule.
 */
export function withoutMachineryKeys(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([key]) => !key.startsWith("__")));
}

/** What check answers: the inputs to store, or the failures that stop the program before anything is sent. */
export interface CheckResult {
  /** The inputs the engine stores: the declaration, sets in canonical order; left-out fields stay out. */
  inputs: Fields;
  failures: CheckFailure[];
}

/**
 * Pure validation of a declaration, before anything reaches Stripe. On success the inputs come
 * back normalized, so that the preview compares like with like. `defaultAccount` is the stack's
 * `stripe:account`, which an input that names no account inherits (changing it moves the resource).
 * `identity` (createIdentity.ts) is kept among the inputs for the create's idempotency key.
 */
export function checkConfiguration(news: Fields, defaultAccount?: string, identity?: string): CheckResult {
  const declared = withoutMachineryKeys(news);
  const failures = validateFields(resourceInputsSchema, declared);
  const adoptId = declared.adoptId;
  if (typeof adoptId === "string" && !isUnknown(adoptId) && adoptId !== "default" && !adoptId.startsWith("bpc_")) {
    failures.push({ property: "adoptId", reason: `must be "default" or a configuration id starting with "bpc_"; got ${JSON.stringify(adoptId)}` });
  }
  if (adoptId === "default" && declared.active === false) {
    failures.push({ property: "active", reason: `cannot be false with adoptId "default": Stripe does not allow deactivating the account's default configuration` });
  }
  if (failures.length > 0) return { inputs: news, failures };

  const fields = configurationFields(declared);
  // `active` is always among the inputs: a preview after a refresh that found the configuration
  // deactivated then shows `active: false => true` rather than an update with no detail.
  const inputs: Fields = { ...declaredState(fields), active: declared.active ?? true };
  const account = declared.stripeAccount ?? defaultAccount;
  if (account !== undefined && account !== null) inputs.stripeAccount = account;
  if (adoptId !== undefined && adoptId !== null) inputs.adoptId = adoptId;
  if (identity !== undefined) inputs[IDENTITY_INPUT] = identity;
  return { inputs, failures: crossFieldFailures(desiredState(fields)) };
}
