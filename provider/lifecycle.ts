import type * as pulumi from "@pulumi/pulumi";
import { checkConfiguration } from "./check";
import {
  createConfiguration,
  listConfigurations,
  retrieveConfiguration,
  StripeConfiguration,
  updateConfiguration,
} from "./configurationsApi";
import { createIdempotencyKey, identityOf, noteHeldConfiguration, replacedConfiguration } from "./createIdentity";
import { configurationFields, declaredState, desiredState, Fields, stateFromWire } from "./desiredState";
import { importedDeclaration } from "./importedDeclaration";
import { ConfigurationDiff, diffConfiguration } from "./diff";
import { inputsFromOutputs, outputsFromStripe, resourceInputsOf, ResourceInputs } from "./outputs";
import { createParams, updateParams } from "./requestParams";
import { learnDefaults, recordedDefaults, stripeDefaultsOf } from "./stripeDefaults";
import { ConfigNamespace, ConfigReader, resolveSettings, StripeSettings } from "./settings";
import { StripeApiError } from "./stripeError";
import { FormParams } from "./encodeForm";
import { ClientOptions, RequestOptions, StripeClient } from "./stripeClient";

/**
 * The provider's operations: the one implementation both faces call, the dynamic provider
 * (provider/dynamic) and the native plugin (provider/plugin). The settings live in this module,
 * in the provider's process: `configure` fills them from the stack config, so the key never
 * travels with the provider text or the resources' inputs.
 */
let configured: StripeSettings | undefined;

/**
 * Reads the stack config (secrets arrive unwrapped), with environment fallbacks: `stripe:*` for
 * the dynamic provider, `stripe-portal:*` for the plugin.
 */
export function configure(req: { config: ConfigReader }, namespace: ConfigNamespace = "stripe"): void {
  configured = resolveSettings(req.config, process.env, namespace);
}

/** What a face knows of the call beyond the properties. */
export interface CallContext {
  /**
   * The resource's URN as it was when created, for the create's idempotency key: the plugin gets it
   * with every call; the dynamic provider carries it among the inputs (createIdentity.ts).
   */
  identity?: string;
  /** Shows the user a warning (the dynamic host logs through @pulumi/pulumi, the plugin through the engine). */
  warn?: (message: string) => Promise<void>;
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
export async function diff(id: string, olds: Fields, news: Fields, context: CallContext = {}): Promise<pulumi.dynamic.DiffResult> {
  const found = diffDetails(id, olds, news, context);
  if (!found.changes) return { changes: false };
  return { replaces: found.replaces, deleteBeforeReplace: false };
}

/**
 * Every changed property path, for a face that shows them itself (the plugin's detailed diff).
 * The engine diffs a resource before it replaces it: the configuration it holds is noted, so that
 * the replacement's create gets a key of its own (createIdentity.ts).
 */
export function diffDetails(id: string, olds: Fields, news: Fields, context: CallContext = {}): ConfigurationDiff {
  noteHeldConfiguration(context.identity ?? resourceInputsOf(olds).identity, id);
  return diffConfiguration(olds, news);
}

/**
 * One POST of what the program declares (and, for `active: false`, one update deactivating it), or,
 * with `adoptId`, one update of only what differs. What Stripe answers for the fields the program
 * leaves out becomes their learned default.
 */
export async function create(inputs: Fields, context: CallContext = {}): Promise<pulumi.dynamic.CreateResult> {
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
  const urn = context.identity ?? resource.identity;
  const identity = urn && { resource: urn, account: resource.stripeAccount, replacing: replacedConfiguration(urn) };
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
  const found = await findConfiguration(client, adoptId, options);
  if (found) return found;
  const where = options.stripeAccount ? ` in account ${options.stripeAccount}` : "";
  if (adoptId === "default") throw new Error(`adoptId "default": the account${where} has no default portal configuration.`);
  throw new Error(`adoptId "${adoptId}": no portal configuration with this id exists${where}. Check the id (\`stripe-portal configurations list\` lists them).`);
}

/** A configuration by id, or the account's default one for `"default"`; undefined when there is none. */
async function findConfiguration(client: StripeClient, idOrDefault: string, options: RequestOptions): Promise<StripeConfiguration | undefined> {
  if (idOrDefault === "default") return (await listConfigurations(client, { is_default: true, limit: 1 }, options)).data[0];
  try {
    return await retrieveConfiguration(client, idOrDefault, options);
  } catch (error) {
    if (error instanceof StripeApiError && error.isMissing) return undefined;
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
 * `pulumi import` of a configuration Stripe holds (one GET, or the list call for `default`): its
 * id, outputs, and the declaration that a program holding it states (importedDeclaration.ts),
 * whose left-out fields learn Stripe's values as their defaults. The import id names the
 * configuration, `bpc_...` or `default` (the account's default configuration), after a connected
 * account's id and a slash for one of its own: `acct_.../bpc_...`. Gone: an empty id, which the
 * engine reports as a resource that does not exist.
 */
export async function importConfiguration(importId: string): Promise<{ id: string; props?: Fields; inputs?: Fields }> {
  const { account, configuration } = parseImportId(importId);
  const options = { stripeAccount: account };
  const object = await findConfiguration(clientFor(), configuration, options);
  if (!object) return { id: "" };
  const declared = importedDeclaration(stateFromWire(object as unknown as Fields));
  const resource: ResourceInputs = { stripeAccount: account };
  const inputs: Fields = { ...declaredState(declared), ...(object.active ? {} : { active: false }), ...(account ? { stripeAccount: account } : {}) };
  return { id: object.id, props: outputsFromStripe(object, resource, declared), inputs };
}

/** The import id's account and configuration; a clear error for anything else. */
function parseImportId(importId: string): { account?: string; configuration: string } {
  const match = /^(?:(acct_[A-Za-z0-9]+)\/)?(bpc_[A-Za-z0-9]+|default)$/.exec(importId);
  if (!match) {
    throw new Error(
      `import id ${JSON.stringify(importId)}: must be a configuration id (bpc_...) or "default" (the account's default configuration), after "acct_.../" for a connected account's; \`stripe-portal configurations list\` lists them.`,
    );
  }
  return { account: match[1], configuration: match[2] };
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
export async function deleteConfiguration(id: string, props: Fields, context: CallContext = {}): Promise<void> {
  if (props.isDefault === true) {
    await (context.warn ?? logWarning)(
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

/** The dynamic provider's warnings: @pulumi/pulumi's log, which its host connects to the engine (loaded only then). */
async function logWarning(message: string): Promise<void> {
  const { log } = await import("@pulumi/pulumi");
  await log.warn(message);
}
