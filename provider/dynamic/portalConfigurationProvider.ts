/**
 * The dynamic provider of `PortalConfiguration`, the provider's face for TypeScript programs: the
 * module the provider text stored in each resource's state requires by name (providerText.ts),
 * through the package's `exports` map (its public path, `dist/provider/portalConfigurationProvider`,
 * is older than this folder and stays). Pulumi's dynamic-provider host calls its
 * exports as the provider's methods, so they must keep these names for as long as states that
 * name this module exist.
 */
import type * as pulumi from "@pulumi/pulumi";
import { watchEngine } from "../engineWatch";
import * as lifecycle from "../lifecycle";
import { DECLARATION_OUTPUT, declarationFingerprint } from "./declarationFingerprint";
import { hostRelease, keepsRefreshedInputs } from "./hostRelease";
import { PROVIDER_KEY } from "./providerText";

type Provider = Required<pulumi.dynamic.ResourceProvider>;

/** The host configures the provider once, before its first call: the moment to start watching the engine. */
export const configure: Provider["configure"] = async (req) => {
  watchEngine();
  lifecycle.configure(req);
};
/** Check, as both faces share it: pure, no key needed. */
export const check: Provider["check"] = lifecycle.check;
/**
 * Something to send is DIFF_UNKNOWN (lifecycle.ts): the engine then compares the old and new
 * inputs and shows each changed one. A host that drops a refresh's inputs (hostRelease.ts) would
 * then hide a change made outside Pulumi, since the inputs did not change: there, a change that
 * the declaration did not make (its fingerprint, kept in the outputs, is the same) is DIFF_SOME, and
 * the preview lists the resource's inputs beside the update.
 */
export const diff: Provider["diff"] = async (id, olds, news) => {
  const found = await lifecycle.diff(id, olds, news);
  const drifted = !refreshedInputsKept && found.changes === undefined && olds[DECLARATION_OUTPUT] === declarationFingerprint(news);
  return drifted ? { ...found, changes: true } : found;
};
const refreshedInputsKept = keepsRefreshedInputs(hostRelease());

/** The outputs, with the declaration's fingerprint where the host needs it (`diff`). */
const withFingerprint = (outs: Record<string, unknown> | undefined, declaration: Record<string, unknown>) =>
  refreshedInputsKept ? outs : { ...outs, [DECLARATION_OUTPUT]: declarationFingerprint(declaration) };

/**
 * The create, its outputs with the declaration's fingerprint (`diff`). A create Stripe made but could
 * not finish (lifecycle.ts `PartialCreateError`) is thrown with its id and outputs, which the host
 * answers as a resource created but not initialized, so the engine keeps it; the host adds its
 * `__provider` only to a create's answer, so it is added here, since every later call needs it.
 */
export const create: Provider["create"] = async (inputs) => {
  try {
    const created = await lifecycle.create(inputs);
    return { ...created, outs: withFingerprint(created.outs, inputs) };
  } catch (error) {
    if (error instanceof lifecycle.PartialCreateError) throw error.withProperties({ ...withFingerprint(error.properties, inputs), [PROVIDER_KEY]: inputs[PROVIDER_KEY] });
    throw error;
  }
};
/** The read, keeping the declaration's fingerprint (`diff`) in the outputs: a refresh must not drop it. */
export const read: Provider["read"] = async (id, props) => {
  const found = await lifecycle.read(id, props);
  return found.props && props[DECLARATION_OUTPUT] !== undefined ? { ...found, props: { ...found.props, [DECLARATION_OUTPUT]: props[DECLARATION_OUTPUT] } } : found;
};
/** The update, its outputs with the new declaration's fingerprint (`diff`). */
export const update: Provider["update"] = async (id, olds, news) => {
  const updated = await lifecycle.update(id, olds, news);
  return { ...updated, outs: withFingerprint(updated.outs, news) };
};
const deleteConfiguration: Provider["delete"] = lifecycle.deleteConfiguration;

// `delete` is a reserved word, so it can only be an export's name.
export { deleteConfiguration as delete };
