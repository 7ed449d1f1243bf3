/**
 * The native plugin's face: Pulumi's `ResourceProvider` gRPC service for the package
 * `stripe-portal`, calling the one implementation (provider/lifecycle.ts) as the dynamic provider
 * does. What only a plugin has is here: its own config (`stripe-portal:*`, or an explicit
 * provider's arguments), the URN of every call (the create's identity), a per-property detailed
 * diff, previews of create and update, `pulumi import`, secrets in and out, and the package schema.
 * `@pulumi/pulumi/provider`'s `main` drops Configure's arguments and gives no detailed diff
 * (pulumi/pulumi#10915), so the service is served on `@pulumi/pulumi/proto` directly.
 */
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { withoutMachineryKeys } from "../check";
import { configurationFields, desiredState, Fields, isRecord, isUnknown, UNKNOWN } from "../desiredState";
import * as lifecycle from "../lifecycle";
import { RESOURCE_PROPERTIES } from "../schema";
import { PLUGIN_CONFIG_NAMESPACE, SETTINGS } from "../settings";
import { stripeDefaultsOf } from "../stripeDefaults";
import { CheckFailure, show } from "../validateFields";
import { Warn } from "./engineWarnings";
import { conceal, reveal } from "./propertyValues";
import PACKAGE_SCHEMA from "./schema.json";

const { Kind } = provproto.PropertyDiff;
type Handlers = Partial<provrpc.IResourceProviderServer>;

/** The plugin's version: the package schema's, which is the npm package's. */
export const PLUGIN_VERSION: string = PACKAGE_SCHEMA.version;

/** The service's handlers; `warn` reaches the user through the engine. */
export function providerService(warn: Warn): Handlers {
  return {
    getPluginInfo: unary(async () => {
      const info = new plugproto.PluginInfo();
      info.setVersion(PLUGIN_VERSION);
      return info;
    }),
    getSchema: unary(async () => new provproto.GetSchemaResponse().setSchema(JSON.stringify(PACKAGE_SCHEMA))),
    // The key is a secret wherever it comes from: set without `--secret`, the engine would otherwise
    // keep it in plain text among the default provider's inputs in the state.
    checkConfig: unary(async (request: provproto.CheckRequest) => {
      const news = reveal(request.getNews());
      return new provproto.CheckResponse().setInputs(conceal(news.fields, new Set([...news.secretKeys, "apiKey"])));
    }),
    diffConfig: unary(async (request: provproto.DiffRequest) => {
      const [olds, news] = [reveal(request.getOldInputs()).fields, reveal(request.getNews()).fields];
      const changed = SETTINGS.filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
      return new provproto.DiffResponse().setChanges(changed.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE).setDiffsList(changed);
    }),
    configure: unary(async (request: provproto.ConfigureRequest) => {
      // An explicit provider's arguments, or the stack's `stripe-portal:*` config: the engine sends
      // both as arguments by their own names; the variables map is the older form. A value not known
      // yet (a preview whose provider arguments are outputs of other resources) is not set.
      const args = reveal(request.getArgs()).fields;
      const variables = request.getVariablesMap();
      const config = {
        get: (name: string) => {
          const key = name.slice(`${PLUGIN_CONFIG_NAMESPACE}:`.length);
          const value = args[key] ?? variables.get(`${PLUGIN_CONFIG_NAMESPACE}:config:${key}`);
          return typeof value === "string" && !isUnknown(value) ? value : undefined;
        },
      };
      lifecycle.configure({ config }, PLUGIN_CONFIG_NAMESPACE);
      return new provproto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(false).setAcceptoutputs(false);
    }),
    check: unary(async (request: provproto.CheckRequest) => {
      const news = reveal(request.getNews());
      const { inputs, failures } = await lifecycle.check(reveal(request.getOlds()).fields, withoutMachineryKeys(news.fields));
      const response = new provproto.CheckResponse().setInputs(conceal(inputs as Fields, news.secretKeys));
      return response.setFailuresList(
        (failures ?? []).map((failure) => new provproto.CheckFailure().setProperty(failure.property).setReason(shownReason(failure, news.fields, news.secretKeys))),
      );
    }),
    diff: unary(async (request: provproto.DiffRequest) => diffResponse(request)),
    create: unary(async (request: provproto.CreateRequest) => {
      const inputs = reveal(request.getProperties());
      if (request.getPreview()) return new provproto.CreateResponse().setProperties(conceal(createPreview(inputs.fields), inputs.secretKeys));
      try {
        const { id, outs } = await lifecycle.create(inputs.fields, { identity: request.getUrn() });
        return new provproto.CreateResponse().setId(id).setProperties(conceal(outs as Fields, inputs.secretKeys));
      } catch (error) {
        if (error instanceof lifecycle.PartialCreateError) throw initFailed(error, conceal(error.properties, inputs.secretKeys));
        throw error;
      }
    }),
    read: unary(async (request: provproto.ReadRequest) => {
      const state = reveal(request.getProperties());
      const secretKeys = new Set([...state.secretKeys, ...reveal(request.getInputs()).secretKeys]);
      // No properties: `pulumi import`, by the id the user gave.
      const read = Object.keys(state.fields).length === 0 ? await lifecycle.importConfiguration(request.getId()) : await lifecycle.read(request.getId(), state.fields);
      const response = new provproto.ReadResponse().setId(read.id ?? "");
      if (!read.id) return response;
      return response.setProperties(conceal(read.props as Fields, secretKeys)).setInputs(conceal(read.inputs as Fields, secretKeys));
    }),
    update: unary(async (request: provproto.UpdateRequest) => {
      const [olds, news] = [reveal(request.getOlds()), reveal(request.getNews())];
      const secretKeys = new Set([...olds.secretKeys, ...news.secretKeys]);
      if (request.getPreview()) return new provproto.UpdateResponse().setProperties(conceal(updatePreview(olds.fields, news.fields), secretKeys));
      const { outs } = await lifecycle.update(request.getId(), olds.fields, news.fields);
      return new provproto.UpdateResponse().setProperties(conceal(outs as Fields, secretKeys));
    }),
    delete: unary(async (request: provproto.DeleteRequest) => {
      await lifecycle.deleteConfiguration(request.getId(), reveal(request.getProperties()).fields, { warn: (message) => warn(message, request.getUrn()) });
      return new emptyproto.Empty();
    }),
    cancel: unary(async () => new emptyproto.Empty()),
  };
}

/**
 * The engine's diff: nothing to send is DIFF_NONE; otherwise DIFF_SOME with each changed property
 * path (`features.subscriptionCancel.mode`) and how its input changed, so that `pulumi preview
 * --diff` shows each one, old => new; a changed account replaces.
 */
async function diffResponse(request: provproto.DiffRequest): Promise<provproto.DiffResponse> {
  const olds = reveal(request.getOlds()).fields;
  const news = reveal(request.getNews()).fields;
  const oldInputs = reveal(request.getOldInputs()).fields;
  const found = lifecycle.diffDetails(request.getId(), olds, news, { identity: request.getUrn() });
  const response = new provproto.DiffResponse().setDeletebeforereplace(false);
  if (!found.changes) return response.setChanges(provproto.DiffResponse.DiffChanges.DIFF_NONE);
  const details = response.getDetaileddiffMap();
  for (const path of [...found.diffs, ...found.replaces]) {
    const [before, after] = [valueAt(oldInputs, path), valueAt(news, path)];
    const replace = found.replaces.includes(path);
    const kind = before === undefined ? (replace ? Kind.ADD_REPLACE : Kind.ADD) : after === undefined ? (replace ? Kind.DELETE_REPLACE : Kind.DELETE) : replace ? Kind.UPDATE_REPLACE : Kind.UPDATE;
    details.set(path, new provproto.PropertyDiff().setKind(kind).setInputdiff(true));
  }
  return response
    .setChanges(provproto.DiffResponse.DiffChanges.DIFF_SOME)
    .setReplacesList(found.replaces)
    .setDiffsList([...new Set([...found.diffs, ...found.replaces].map((path) => path.split(".")[0]))])
    .setHasdetaileddiff(true);
}

/** A create's outputs in a preview: what the program declares at the top, everything Stripe fills in not known yet. */
function createPreview(inputs: Fields): Fields {
  const outputs: Fields = Object.fromEntries(RESOURCE_PROPERTIES.map((key) => [key, UNKNOWN]));
  for (const [key, value] of Object.entries(inputs)) if (!isRecord(value) && !Array.isArray(value)) outputs[key] = value;
  return outputs;
}

/**
 * An update's outputs in a preview: the configuration the program means (its left-out fields at
 * their learned defaults), the rest as held; the login page's URL not known yet when the page is
 * turned on, and the update time never.
 */
function updatePreview(olds: Fields, news: Fields): Fields {
  const desired = desiredState(configurationFields(news), stripeDefaultsOf(olds));
  const held = isRecord(olds.loginPage) ? olds.loginPage : {};
  const wanted = isRecord(desired.loginPage) ? desired.loginPage : {};
  const url = wanted.enabled === held.enabled ? (held.url ?? null) : wanted.enabled === true ? UNKNOWN : null;
  return { ...olds, ...desired, loginPage: { ...wanted, url }, loginUrl: url, active: news.active !== false, updated: UNKNOWN };
}

/** The value at a dotted path, or undefined. */
function valueAt(fields: Fields, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), fields);
}

/**
 * A check failure's reason as the CLI shows it. Secrets were revealed for the check, so for a
 * property whose top-level input was secret no value of that input may be quoted: what follows
 * "; got" (a value, or its length), and each string or number of that input the rest of the
 * reason quotes, read "a secret value" instead.
 */
function shownReason(failure: CheckFailure, news: Fields, secretKeys: ReadonlySet<string>): string {
  const topLevel = /^[^.[]+/.exec(failure.property)?.[0] ?? failure.property;
  if (!secretKeys.has(topLevel)) return failure.reason;
  const got = failure.reason.indexOf("; got ");
  let reason = got < 0 ? failure.reason : `${failure.reason.slice(0, got)}; got ${SECRET_VALUE}`;
  for (const leaf of leavesOf(news[topLevel])) {
    reason = typeof leaf === "string" ? reason.split(show(leaf)).join(SECRET_VALUE) : reason.replace(new RegExp(`(?<![\\w.])${String(leaf).replace(/[.+]/g, "\\$&")}(?![\\w.])`, "g"), SECRET_VALUE);
  }
  return reason;
}

/** What a reason says in place of a secret input's value. */
const SECRET_VALUE = "a secret value";

/** Every string and number inside a value, longest text first (a string inside another is replaced after it). */
function leavesOf(value: unknown): (string | number)[] {
  const found: (string | number)[] = [];
  const walk = (item: unknown): void => {
    if (typeof item === "string" || (typeof item === "number" && Number.isFinite(item))) found.push(item);
    else if (Array.isArray(item)) item.forEach(walk);
    else if (isRecord(item)) Object.values(item).forEach(walk);
  };
  walk(value);
  return found.sort((a, b) => String(b).length - String(a).length);
}

/** A gRPC status to answer as it is, rather than as an error's message. */
class GrpcFailure extends Error {
  constructor(readonly status: Partial<grpc.StatusObject>) {
    super(status.details);
  }
}

/**
 * A create Stripe made but the provider could not finish, as Pulumi's providers answer it: the
 * status carries an `ErrorResourceInitFailed` detail with the id and outputs, so the engine records
 * the resource (with the failure) and the next `pulumi up` updates it.
 */
function initFailed(error: lifecycle.PartialCreateError, properties: structproto.Struct): GrpcFailure {
  const detail = new provproto.ErrorResourceInitFailed().setId(error.id).setProperties(properties).setReasonsList(error.reasons);
  const packed = new anyproto.Any();
  packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const status = new statusproto.Status().setCode(grpc.status.UNKNOWN).setMessage(error.message);
  status.addDetails(packed);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  return new GrpcFailure({ code: grpc.status.UNKNOWN, details: error.message, metadata });
}

/** A handler that answers what `work` returns, or the error's message as the gRPC status (a `GrpcFailure`'s own status as it is). */
function unary<Request, Response>(work: (request: Request) => Promise<Response>): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    work(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback(error instanceof GrpcFailure ? error.status : { code: grpc.status.UNKNOWN, details: error instanceof Error ? error.message : String(error) }),
    );
  };
}
