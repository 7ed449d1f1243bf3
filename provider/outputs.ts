import { StripeConfiguration } from "./configurationsApi";
import { configurationFields, desiredState, Fields, stateFromWire } from "./desiredState";

/** The resource's own inputs that outputs carry forward, since Stripe does not hold them. */
export interface ResourceInputs {
  stripeAccount?: string;
  adoptId?: string;
}

/**
 * The resource's outputs: the whole normalized configuration in the inputs' camelCase shape, plus
 * what only Stripe knows. Because they have the inputs' shape, the next diff compares like with like.
 */
export function outputsFromStripe(object: StripeConfiguration, resource: ResourceInputs): Fields {
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
  if (resource.stripeAccount) outputs.stripeAccount = resource.stripeAccount;
  if (resource.adoptId) outputs.adoptId = resource.adoptId;
  return outputs;
}

/** The inputs that match what Stripe holds, so that refresh then up converges. */
export function inputsFromOutputs(outputs: Fields): Fields {
  const inputs: Fields = { ...desiredState(configurationFields(outputs)), active: outputs.active !== false };
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
