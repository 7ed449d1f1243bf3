import * as pulumi from "@pulumi/pulumi";
import { checkConfiguration } from "./check";
import {
  createConfiguration,
  listConfigurations,
  retrieveConfiguration,
  StripeConfiguration,
  updateConfiguration,
} from "./configurationsApi";
import { configurationFields, desiredState, Fields, stateFromWire } from "./desiredState";
import { diffConfiguration } from "./diff";
import { inputsFromOutputs, outputsFromStripe, resourceInputsOf, ResourceInputs } from "./outputs";
import { createParams, updateParams } from "./requestParams";
import { learnDefaults, recordedDefaults, stripeDefaultsOf } from "./stripeDefaults";
import { ConfigReader, resolveSettings, StripeSettings } from "./settings";
import { StripeApiError } from "./stripeError";
import { ClientOptions, StripeClient } from "./stripeClient";

/**
 * The provider's operations, as the dynamic-provider host calls them. The settings live in this
 * module, in the host process: `configure` fills them from the stack config, so the key never
 * travels with the provider text.
 */
let configured: StripeSettings | undefined;

/** Reads `stripe:*` from the stack config (secrets arrive unwrapped), with environment fallbacks. */
export function configure(req: { config: ConfigReader }): void {
  configured = resolveSettings(req.config);
}

/** The settings in force: the stack's, or the environment's when `configure` has not run. */
export function currentSettings(): StripeSettings {
  return configured ?? resolveSettings();
}

let clientOptions: ClientOptions = {};

/**
 * Overrides the HTTP client's timeout, retry policy or rate-limit gate for this process: for the
 * fault suite and the benchmark, which must not wait out Stripe's real backoffs.
 */
export function useClientOptions(options: ClientOptions): void {
  clientOptions = options;
}

/**
 * The stack's `stripe:account` is applied once, by `check`, which records it among the inputs. The
 * calls then use exactly the account the resource records (none: the platform account), so that
 * setting `stripe:account` later cannot send a platform configuration's Read or Delete elsewhere.
 */
function clientFor(): StripeClient {
  return new StripeClient({ ...currentSettings(), account: undefined }, clientOptions);
}

/** Pure: no network, no key needed, so `pulumi preview` runs in a pull-request check. */
export async function check(_olds: Fields, news: Fields): Promise<pulumi.dynamic.CheckResult> {
  return checkConfiguration(news, currentSettings().account);
}

/**
 * Pure: no network, no key needed. Nothing to send to Stripe is DIFF_NONE, whatever the stored
 * inputs look like (a previous release's default-filled ones, another set order). Something to send
 * leaves `changes` undefined (DIFF_UNKNOWN): the dynamic-provider host forwards no changed keys, so
 * only then does the engine compare old and new inputs (the declaration) itself, which gives
 * `pulumi preview --diff` each changed property with its old and new value and honours
 * `replaceOnChanges`. The account change still replaces.
 */
export async function diff(_id: string, olds: Fields, news: Fields): Promise<pulumi.dynamic.DiffResult> {
  const found = diffConfiguration(olds, news);
  if (!found.changes) return { changes: false };
  return { replaces: found.replaces, deleteBeforeReplace: false };
}

/**
 * One POST of what the program declares, or, with `adoptId`, one update of only what differs. What
 * Stripe answers for the fields the program leaves out becomes their learned default.
 */
export async function create(inputs: Fields): Promise<pulumi.dynamic.CreateResult> {
  const resource = resourceInputsOf(inputs);
  const declared = configurationFields(inputs);
  const client = clientFor();
  const options = { stripeAccount: resource.stripeAccount };
  const object = resource.adoptId
    ? await adopt(client, resource.adoptId, declared, options)
    : await createConfiguration(client, createParams(declared), options);
  return { id: object.id, outs: outputsFromStripe(object, resource, declared) };
}

/** Takes over an existing configuration: no new one is created; left-out fields go back to the schema's defaults. */
async function adopt(client: StripeClient, adoptId: string, declared: Fields, options: { stripeAccount?: string }): Promise<StripeConfiguration> {
  const existing = await findAdopted(client, adoptId, options);
  const params = updateParams(stateFromWire(existing as unknown as Fields), desiredState(declared));
  if (!existing.active) params.active = true;
  if (Object.keys(params).length === 0) return existing;
  return updateConfiguration(client, existing.id, params, options);
}

async function findAdopted(client: StripeClient, adoptId: string, options: { stripeAccount?: string }): Promise<StripeConfiguration> {
  const where = options.stripeAccount ? ` in account ${options.stripeAccount}` : "";
  if (adoptId === "default") {
    const page = await listConfigurations(client, { is_default: true, limit: 1 }, options);
    if (page.data.length === 0) throw new Error(`adoptId "default": the account${where} has no default portal configuration.`);
    return page.data[0];
  }
  try {
    return await retrieveConfiguration(client, adoptId, options);
  } catch (error) {
    if (error instanceof StripeApiError && error.isMissing) {
      throw new Error(`adoptId "${adoptId}": no portal configuration with this id exists${where}. Check the id (\`stripe-portal configurations list\` lists them).`);
    }
    throw error;
  }
}

/** One GET. A configuration that is gone leaves the state; an inactive one is reported as such. */
export async function read(id: string, props: Fields): Promise<pulumi.dynamic.ReadResult> {
  const resource = resourceInputsOf(props);
  try {
    const object = await retrieveConfiguration(clientFor(), id, { stripeAccount: resource.stripeAccount });
    const outputs = outputsFromStripe(object, resource, undefined, recordedDefaults(props));
    return { id, props: outputs, inputs: inputsFromOutputs(outputs) };
  } catch (error) {
    if (error instanceof StripeApiError && error.isMissing) return { id: "" };
    throw error;
  }
}

/**
 * One POST of only what changed, plus `active=true` when the configuration was found inactive. A
 * field the program stopped declaring is reset, and Stripe's answer for it becomes its learned default.
 */
export async function update(id: string, olds: Fields, news: Fields): Promise<pulumi.dynamic.UpdateResult> {
  // The adopt id is read at create only: the outputs keep the one the resource was created with.
  const resource: ResourceInputs = { ...resourceInputsOf(news), adoptId: resourceInputsOf(olds).adoptId };
  const declared = configurationFields(news);
  const learned = stripeDefaultsOf(olds);
  const held = desiredState(configurationFields(olds));
  const params = updateParams(held, desiredState(declared, learned));
  if (olds.active === false) params.active = true;
  if (Object.keys(params).length === 0) return { outs: { ...olds, stripeDefaults: learnDefaults(declared, held, learned) } };
  const object = await updateConfiguration(clientFor(), id, params, { stripeAccount: resource.stripeAccount });
  return { outs: outputsFromStripe(object, resource, declared, learned) };
}

/**
 * Stripe cannot delete a configuration, so delete deactivates it. Already inactive or gone: no
 * call. The account's default configuration cannot be deactivated: it stays, with a warning.
 */
export async function deleteConfiguration(id: string, props: Fields): Promise<void> {
  if (props.isDefault === true) {
    await pulumi.log.warn(
      `Portal configuration ${id} is the account's default configuration: Stripe does not allow deactivating it, so it stays active and is only removed from the Pulumi state.`,
    );
    return;
  }
  if (props.active === false) return;
  try {
    await updateConfiguration(clientFor(), id, { active: false }, { stripeAccount: resourceInputsOf(props).stripeAccount });
  } catch (error) {
    if (error instanceof StripeApiError && error.isMissing) return;
    throw error;
  }
}
