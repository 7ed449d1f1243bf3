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

type Provider = Required<pulumi.dynamic.ResourceProvider>;

/** The host configures the provider once, before its first call: the moment to start watching the engine. */
export const configure: Provider["configure"] = async (req) => {
  watchEngine();
  lifecycle.configure(req);
};
export const check: Provider["check"] = lifecycle.check;
export const diff: Provider["diff"] = lifecycle.diff;
export const create: Provider["create"] = lifecycle.create;
export const read: Provider["read"] = lifecycle.read;
export const update: Provider["update"] = lifecycle.update;
const deleteConfiguration: Provider["delete"] = lifecycle.deleteConfiguration;

// `delete` is a reserved word, so it can only be an export's name.
export { deleteConfiguration as delete };
