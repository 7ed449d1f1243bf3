import { crossFieldFailures } from "./crossFieldRules";
import { configurationFields, declaredState, desiredState, Fields, isUnknown } from "./desiredState";
import { configurationSchema, ObjectNode } from "./schema";
import { CheckFailure, validateFields } from "./validateFields";

/** The resource's own inputs beside Stripe's fields: which account, and what to adopt. */
export const resourceInputsSchema: ObjectNode = {
  kind: "object",
  fields: {
    ...configurationSchema.fields,
    stripeAccount: { kind: "string", default: null, prefix: "acct_", maxLength: 255 },
    adoptId: { kind: "string", default: null, maxLength: 5000 },
  },
};

/** Keys Pulumi itself adds to a dynamic resource's inputs. */
const PULUMI_KEYS = new Set(["__provider"]);

export interface CheckResult {
  /** The inputs the engine stores: the declaration, sets in canonical order; left-out fields stay out. */
  inputs: Fields;
  failures: CheckFailure[];
}

/**
 * Pure validation of a declaration, before anything reaches Stripe. On success the inputs come
 * back normalized, so that the preview compares like with like. `defaultAccount` is the stack's
 * `stripe:account`, which an input that names no account inherits (changing it moves the resource).
 */
export function checkConfiguration(news: Fields, defaultAccount?: string): CheckResult {
  const declared = Object.fromEntries(Object.entries(news ?? {}).filter(([key]) => !PULUMI_KEYS.has(key)));
  const failures = validateFields(resourceInputsSchema, declared);
  const adoptId = declared.adoptId;
  if (typeof adoptId === "string" && !isUnknown(adoptId) && adoptId !== "default" && !adoptId.startsWith("bpc_")) {
    failures.push({ property: "adoptId", reason: `must be "default" or a configuration id starting with "bpc_"; got ${JSON.stringify(adoptId)}` });
  }
  if (failures.length > 0) return { inputs: news, failures };

  const fields = configurationFields(declared);
  // A declared configuration is active: with `active` among the inputs, a preview after a refresh
  // that found it deactivated shows `active: false => true` rather than an update with no detail.
  const inputs: Fields = { ...declaredState(fields), active: true };
  const account = declared.stripeAccount ?? defaultAccount;
  if (account !== undefined && account !== null) inputs.stripeAccount = account;
  if (adoptId !== undefined && adoptId !== null) inputs.adoptId = adoptId;
  return { inputs, failures: crossFieldFailures(desiredState(fields)) };
}
