import type * as pulumi from "@pulumi/pulumi";
import { checkConfiguration } from "./check";
import {
  createConfiguration,
  listConfigurations,
  retrieveConfiguration,
  StripeConfiguration,
  updateConfiguration,
} from "./configurationsApi";
import { identityOf, noteHeldConfiguration, replacedConfiguration } from "./createIdentity";
import { configurationFields, declaredState, desiredState, Fields, stateFromWire } from "./desiredState";
import { importedDeclaration } from "./importedDeclaration";
import { ConfigurationDiff, diffConfiguration } from "./diff";
import { activeDiffers, inputsFromOutputs, outputsFromStripe, resourceInputsOf, ResourceInputs } from "./outputs";
import { createParams, updateParams } from "./requestParams";
import { learnDefaults, recordedDefaults, stripeDefaultsOf } from "./stripeDefaults";
import { ConfigNamespace, ConfigReader, resolveSettings, StripeSettings } from "./settings";
import { StripeApiError } from "./stripeError";
import { redactSecrets } from "./redactSecrets";
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
 * The dynamic face's diff (the plugin answers with `diffDetails`); it stays in this module, whose
 * path the package exports (`pulumi-stripe-portal/dist/provider/lifecycle`) and tests call.
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
 * leaves out becomes their learned default. The POST's idempotency key is derived from the
 * resource's identity (createIdentity.ts): a create sent again after a crash is answered with the
 * configuration the first one made (a replay), which is then read and brought to the declaration.
 * Once the configuration exists, a failure of what follows is a `PartialCreateError`.
 */
export async function create(inputs: Fields, context: CallContext = {}): Promise<pulumi.dynamic.CreateResult> {
  const resource = resourceInputsOf(inputs);
  const declared = configurationFields(inputs);
  const client = clientFor();
  const options = { stripeAccount: resource.stripeAccount };
  const active = resource.active !== false;
  if (resource.adoptId) {
    const existing = await findAdopted(client, resource.adoptId, options);
    const object = (await settle(client, existing, updateParams(stateFromWire(existing as unknown as Fields), desiredState(declared)), active, options)) ?? existing;
    return { id: object.id, outs: outputsFromStripe(object, resource, declared) };
  }
  const urn = context.identity ?? resource.identity;
  const identity = urn ? { resource: urn, account: resource.stripeAccount, replacing: replacedConfiguration(urn) } : undefined;
  const answer = await createConfiguration(client, createParams(declared), options, identity);
  // The answer tells what Stripe filled in, even replayed: it is the create's own answer.
  const learned = learnDefaults(declared, stateFromWire(answer.body as unknown as Fields));
  let current = answer.body;
  let known = !answer.replayed;
  try {
    // A replay is the configuration as it was created, made by an earlier run that crashed or was
    // destroyed since: what it holds now is read, and brought back to the declaration.
    if (answer.replayed) {
      current = await retrieveConfiguration(client, answer.body.id, options);
      known = true;
    }
    const changes = answer.replayed ? updateParams(stateFromWire(current as unknown as Fields), desiredState(declared, learned)) : {};
    const object = (await settle(client, current, changes, active, options)) ?? current;
    return { id: object.id, outs: outputsFromStripe(object, resource, declared, learned) };
  } catch (error) {
    const outs = outputsFromStripe(current, resource, declared, learned);
    throw new PartialCreateError(current.id, outs, unfinishedMessage(current, known, answer.replayed, active, identity !== undefined, error));
  }
}

/**
 * A create whose configuration Stripe made, but whose update after it failed (deactivating it for
 * `active: false`, or bringing a replayed one back to the declaration). It carries what Pulumi's
 * providers answer for a resource created but not initialized (`ErrorResourceInitFailed`): its id
 * and outputs, which the engine then records (with the failure), so the next `pulumi up` finishes it
 * by an update, rather than leaving a configuration that no state holds. The dynamic-provider host
 * reads `id`, `properties` and `reasons` off a thrown error itself; the plugin sends them (providerService.ts).
 */
export class PartialCreateError extends Error {
  /** The failure, as the engine keeps it with the resource (`initErrors`). */
  readonly reasons: string[];

  constructor(
    /** The configuration's id. */
    readonly id: string,
    /** Its outputs as Stripe last answered them. */
    readonly properties: Fields,
    message: string,
  ) {
    super(message);
    this.name = "PartialCreateError";
    this.reasons = [message];
  }

  /** The same failure with other outputs: a face adds what its host needs to them. */
  withProperties(properties: Fields): PartialCreateError {
    return new PartialCreateError(this.id, properties, this.message);
  }
}

/** What a `PartialCreateError` tells the user: which configuration, in what state, and what finishes it. Never the key. */
function unfinishedMessage(current: StripeConfiguration, known: boolean, replayed: boolean, active: boolean, keyed: boolean, error: unknown): string {
  const step = !known ? "reading it" : !replayed && !active ? "deactivating it (`active: false`)" : "bringing it to the declaration";
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.?$/, ".");
  const state = known ? ` It is ${current.active ? "active" : "inactive"}.` : "";
  const replay = keyed ? "; were it missing from the state, a `pulumi up` within 24 hours would get this same configuration again (its create's idempotency key) and finish it, and `stripe-portal configurations orphans` lists it" : "";
  const text = `Portal configuration ${current.id} was created, but ${step} failed: ${reason}${state} Pulumi keeps it in the state, so the next \`pulumi up\` finishes it${replay}.`;
  return redactSecrets(text, [currentSettings().apiKey]);
}

/**
 * Sends `params` to a configuration, with `active` when Stripe's is not what the program wants
 * (`activeDiffers`). Nothing to send: no call, and undefined.
 */
async function settle(client: StripeClient, held: { id: string; active?: unknown }, params: FormParams, active: boolean, options: RequestOptions): Promise<StripeConfiguration | undefined> {
  const changes = activeDiffers(held.active, active) ? { ...params, active } : params;
  if (Object.keys(changes).length === 0) return undefined;
  return updateConfiguration(client, held.id, changes, options);
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
  const object = await settle(clientFor(), { id, active: olds.active }, params, resource.active !== false, { stripeAccount: resource.stripeAccount });
  if (!object) return { outs: { ...olds, stripeDefaults: learnDefaults(declared, held, learned) } };
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
