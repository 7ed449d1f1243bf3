import { StripeConfiguration } from "./configurationsApi";
import { configurationFields, desiredState, Fields, stateFromWire } from "./desiredState";
import { declarationMatching, learnDefaults, StripeDefaults, stripeDefaultsOf } from "./stripeDefaults";

/** The resource's own inputs that outputs carry forward, since Stripe does not hold them. */
export interface ResourceInputs {
  stripeAccount?: string;
  adoptId?: string;
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
  return outputs;
}

/**
 * The inputs that match what Stripe holds, so that refresh then up converges: the declared fields
 * with Stripe's values, and a left-out field only where it drifted from its learned default.
 */
export function inputsFromOutputs(outputs: Fields): Fields {
  const state = desiredState(configurationFields(outputs));
  const inputs: Fields = { ...declarationMatching(state, stripeDefaultsOf(outputs)), active: outputs.active !== false };
  if (outputs.stripeAccount) inputs.stripeAccount = outputs.stripeAccount;
  if (outputs.adoptId) inputs.adoptId = outputs.adoptId;
  return inputs;
}

/** The resource inputs kept from a set of inputs or outputs. */
export function resourceInputsOf(fields: Fields): ResourceInputs {
  return {
    stripeAccount: typeof fields.stripeAccount === "string" ? fields.stripeAccount : undefined,
    adoptId: typeof fields.adoptId === "string" ? fields.adoptId : undefined,
  };
}
