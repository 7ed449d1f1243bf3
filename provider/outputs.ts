import { StripeConfiguration } from "./configurationsApi";
import { IDENTITY_INPUT } from "./createIdentity";
import { configurationFields, desiredState, Fields, isUnknown, stateFromWire } from "./desiredState";
import { declarationMatching, learnDefaults, StripeDefaults, stripeDefaultsOf } from "./stripeDefaults";

/** The resource's own inputs beside the configuration's fields; outputs carry the first three forward, since Stripe does not hold them. */
export interface ResourceInputs {
  stripeAccount?: string;
  adoptId?: string;
  /** The resource's URN when it was created (createIdentity.ts); none in a resource created before it existed. */
  identity?: string;
  /** Whether the program wants the configuration active (true, the default) or kept deactivated. */
  active?: boolean;
}

/**
 * The resource's outputs: the whole normalized configuration in the inputs' camelCase shape, plus
 * what only Stripe knows, and the learned defaults of the fields the program leaves out. Because
 * they have the inputs' shape, the next diff compares like with like.
 *
 * @param declared the declaration Stripe just answered (create, update): its left-out fields learn
 *   their defaults from this answer where none was learned before. Omitted for a read, which learns nothing.
 * @param learned the learned defaults before this answer; none in a state written before they existed
 */
export function outputsFromStripe(object: StripeConfiguration, resource: ResourceInputs, declared?: Fields, learned?: StripeDefaults): Fields {
  const state = stateFromWire(object as unknown as Fields);
  const outputs: Fields = {
    ...state,
    loginPage: { ...(state.loginPage as Fields), url: object.login_page?.url ?? null },
    loginUrl: object.login_page?.url ?? null,
    active: object.active,
    isDefault: object.is_default,
    livemode: object.livemode,
    created: object.created,
    updated: object.updated,
    application: typeof object.application === "object" && object.application !== null ? object.application.id : object.application ?? null,
  };
  // A read learns nothing, and keeps a state from before learned defaults as it was (see `stripeDefaultsOf`).
  const stripeDefaults = declared ? learnDefaults(declared, state, learned) : learned;
  if (stripeDefaults) outputs.stripeDefaults = stripeDefaults;
  if (resource.stripeAccount) outputs.stripeAccount = resource.stripeAccount;
  if (resource.adoptId) outputs.adoptId = resource.adoptId;
  if (resource.identity) outputs[IDENTITY_INPUT] = resource.identity;
  return outputs;
}

/**
 * The inputs that match what Stripe holds, so that refresh then up converges: the declared fields
 * with Stripe's values, and a left-out field only where it drifted from its learned default.
 */
export function inputsFromOutputs(outputs: Fields): Fields {
  const state = desiredState(configurationFields(outputs));
  const inputs: Fields = { ...declarationMatching(state, stripeDefaultsOf(outputs)), active: outputs.active !== false };
  for (const key of ["stripeAccount", "adoptId", IDENTITY_INPUT]) if (outputs[key]) inputs[key] = outputs[key];
  return inputs;
}

/**
 * Whether `active` must be sent: Stripe's (`held`, active unless false) is not what the program wants
 * (`wanted`, true unless declared false), or the program's is not known yet (a preview). The diff,
 * the create's settling update and the update all decide it here.
 */
export function activeDiffers(held: unknown, wanted: unknown): boolean {
  return isUnknown(wanted) || (held !== false) !== (wanted !== false);
}

/** The resource inputs kept from a set of inputs or outputs. */
export function resourceInputsOf(fields: Fields): ResourceInputs {
  const text = (key: string) => (typeof fields[key] === "string" ? (fields[key] as string) : undefined);
  return { stripeAccount: text("stripeAccount"), adoptId: text("adoptId"), identity: text(IDENTITY_INPUT), active: fields.active !== false };
}
