import * as pulumi from "@pulumi/pulumi";
import { checkConfiguration } from "./check";
import {
  createConfiguration,
  listConfigurations,
  retrieveConfiguration,
  StripeConfiguration,
  updateConfiguration,
} from "./configurationsApi";
import { createIdempotencyKey, identityOf, noteHeldConfiguration, replacedConfiguration } from "./createIdentity";
import { configurationFields, desiredState, Fields, stateFromWire } from "./desiredState";
import { diffConfiguration } from "./diff";
import { inputsFromOutputs, outputsFromStripe, resourceInputsOf, ResourceInputs } from "./outputs";
import { createParams, updateParams } from "./requestParams";
import { learnDefaults, recordedDefaults, stripeDefaultsOf } from "./stripeDefaults";
import { ConfigReader, resolveSettings, StripeSettings } from "./settings";
import { StripeApiError } from "./stripeError";
import { FormParams } from "./encodeForm";
import { ClientOptions, RequestOptions, StripeClient } from "./stripeClient";

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
export async function check(olds: Fields, news: Fields): Promise<pulumi.dynamic.CheckResult> {
  return checkConfiguration(news, currentSettings().account, identityOf(olds, news));
}

/**
 * Pure: no network, no key needed. Nothing to send to Stripe is DIFF_NONE, whatever the stored
 * inputs look like (a previous release's default-filled ones, another set order). Something to send
 * leaves `changes` undefined (DIFF_UNKNOWN): the dynamic-provider host forwards no changed keys, so
 * only then does the engine compare old and new inputs (the declaration) itself, which gives
 * `pulumi preview --diff` each changed property with its old and new value and honours
 * `replaceOnChanges`. The account change still replaces.
 */
export async function diff(id: string, olds: Fields, news: Fields): Promise<pulumi.dynamic.DiffResult> {
  noteHeldConfiguration(resourceInputsOf(olds).identity, id);
  const found = diffConfiguration(olds, news);
  if (!found.changes) return { changes: false };
  return { replaces: found.replaces, deleteBeforeReplace: false };
}

/**
 * One POST of what the program declares (and, for `active: false`, one update deactivating it), or,
 * with `adoptId`, one update of only what differs. What Stripe answers for the fields the program
 * leaves out becomes their learned default.
 */
export async function create(inputs: Fields): Promise<pulumi.dynamic.CreateResult> {
  const resource = resourceInputsOf(inputs);
  const declared = configurationFields(inputs);
  const client = clientFor();
  const options = { stripeAccount: resource.stripeAccount };
  if (resource.adoptId) {
    const existing = await findAdopted(client, resource.adoptId, options);
    const object = await settle(client, existing, updateParams(stateFromWire(existing as unknown as Fields), desiredState(declared)), resource.active !== false, options);
    return { id: object.id, outs: outputsFromStripe(object, resource, declared) };
  }
  const params = createParams(declared);
  const identity = resource.identity && { resource: resource.identity, account: resource.stripeAccount, replacing: replacedConfiguration(resource.identity) };
  const answer = await createConfiguration(client, params, { ...options, idempotencyKey: identity ? createIdempotencyKey(identity, params) : undefined });
  // The answer tells what Stripe filled in, even replayed: it is the create's own answer.
  const learned = learnDefaults(declared, stateFromWire(answer.body as unknown as Fields));
  // A replay is the configuration as it was created, made by an earlier run that crashed or was
  // destroyed since: what it holds now is read, and brought back to the declaration.
  const current = answer.replayed ? await retrieveConfiguration(client, answer.body.id, options) : answer.body;
  const changes = answer.replayed ? updateParams(stateFromWire(current as unknown as Fields), desiredState(declared, learned)) : {};
  const object = await settle(client, current, changes, resource.active !== false, options);
  return { id: object.id, outs: outputsFromStripe(object, resource, declared, learned) };
}

/**
 * Sends `params` to a configuration, with `active` when it is not what the program wants; nothing
 * when there is nothing to change.
 */
async function settle(client: StripeClient, current: StripeConfiguration, params: FormParams, active: boolean, options: RequestOptions): Promise<StripeConfiguration> {
  const changes = current.active === active ? params : { ...params, active };
  if (Object.keys(changes).length === 0) return current;
  return updateConfiguration(client, current.id, changes, options);
}

async function findAdopted(client: StripeClient, adoptId: string, options: RequestOptions): Promise<StripeConfiguration> {
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
 * One POST of only what changed, plus `active` when Stripe's differs from the program's (a
 * configuration deactivated outside Pulumi is reactivated). A field the program stopped declaring
 * is reset, and Stripe's answer for it becomes its learned default.
 */
export async function update(id: string, olds: Fields, news: Fields): Promise<pulumi.dynamic.UpdateResult> {
  // The adopt id and the identity are the create's: the outputs keep the ones it was made with.
  const kept = resourceInputsOf(olds);
  const resource: ResourceInputs = { ...resourceInputsOf(news), adoptId: kept.adoptId, identity: kept.identity };
  const declared = configurationFields(news);
  const learned = stripeDefaultsOf(olds);
  const held = desiredState(configurationFields(olds));
  const params = updateParams(held, desiredState(declared, learned));
  if ((olds.active !== false) !== (resource.active !== false)) params.active = resource.active !== false;
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
