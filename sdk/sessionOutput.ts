import type * as pulumi from "@pulumi/pulumi";
import { ConfigReader, configName } from "../provider/settings";
import type { PortalSession } from "./portalSession";

/**
 * A session created from a Pulumi program, where the configuration id is an Output.
 *
 * - At `up`, it reads the stack's `stripe:*` config as the provider does, so a program that
 *   deploys with `pulumi config set --secret stripe:apiKey` needs nothing else; the key through
 *   `getSecret`, so it stays secret and Pulumi warns of nothing.
 * - A preview creates nothing and needs no key: the session is unknown until `up` (Pulumi shows
 *   `output<string>`), even when the id is known, as on every preview after the first `up`.
 *
 * Pulumi is loaded here only: application code and the command line never come this way.
 */
export function sessionOutput(configuration: pulumi.Output<string>, create: (id: string, stack: ConfigReader) => Promise<PortalSession>): pulumi.Output<PortalSession> {
  const sdk = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  // Secret either way: the URL lets anyone into the customer's portal, keep it out of plain-text state.
  if (sdk.runtime.isDryRun()) {
    // Through the id's apply, so the unknown session keeps the configuration's dependencies.
    return sdk.secret(configuration.apply(() => sdk.output(sdk.unknown) as unknown as pulumi.Output<PortalSession>));
  }
  const apiKey = stackConfig(sdk, configName("apiKey"), (config, name) => config.getSecret(name));
  return sdk.secret(sdk.all([configuration, apiKey]).apply(([id, key]) => create(id, stackReader(sdk, key))));
}

/** The stack config as the settings read it, with the key already out of its secret. */
function stackReader(sdk: typeof pulumi, apiKey: string | undefined): ConfigReader {
  return { get: (fullKey) => (fullKey === configName("apiKey") ? apiKey : stackConfig(sdk, fullKey, (config, name) => config.get(name))) };
}

/** Reads a full key (`stripe:apiBase`) through `pulumi.Config`, which takes its namespace and name apart. */
function stackConfig<V>(sdk: typeof pulumi, fullKey: string, read: (config: pulumi.Config, name: string) => V): V {
  const colon = fullKey.indexOf(":");
  return read(new sdk.Config(fullKey.slice(0, colon)), fullKey.slice(colon + 1));
}
