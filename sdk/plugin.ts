/**
 * `pulumi-stripe-portal/plugin`: the same resource served by the native plugin
 * (`pulumi-resource-stripe-portal`, which must be installed: README, "The plugin"), for a
 * TypeScript stack that moves to it, or one that wants `pulumi import`. Same arguments, same
 * outputs, another type token (`stripe-portal:index:PortalConfiguration`) and its own config
 * (`stripe-portal:apiKey`, ...). TypeScript programs otherwise use the dynamic resource
 * (`pulumi-stripe-portal`), which needs nothing installed.
 */
import * as pulumi from "@pulumi/pulumi";
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../provider/resourceTypes";
import PACKAGE_SCHEMA from "../provider/plugin/schema.json";
import { PORTAL_CONFIGURATION_PROPERTIES } from "./portalConfiguration";
import { requireOneSdkCopy } from "./oneSdkCopy";
import { PortalConfigurationArgs, PortalConfigurationOutputs } from "./types";

requireOneSdkCopy();

/** The plugin version these classes ask the engine for: this package's. */
const VERSION = PACKAGE_SCHEMA.version;

/** Pulumi creates an output only for a key it is given: `undefined` asks for the output alone. */
const EVERY_OUTPUT = Object.fromEntries(PORTAL_CONFIGURATION_PROPERTIES.map((key) => [key, undefined]));

export interface PortalConfiguration extends PortalConfigurationOutputs {}

/** A Stripe Billing customer portal configuration, through the native plugin. */
export class PortalConfiguration extends pulumi.CustomResource {
  constructor(name: string, args: PortalConfigurationArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(PLUGIN_PORTAL_CONFIGURATION_TYPE, name, { ...EVERY_OUTPUT, ...args }, { version: VERSION, ...opts });
  }
}

/** An explicit provider of the plugin: another account, key or API base than the stack config's. */
export interface ProviderArgs {
  /** The Stripe secret or restricted key; kept secret in the state. Default: the stack config `stripe-portal:apiKey`, else `STRIPE_API_KEY`. */
  apiKey?: pulumi.Input<string>;
  /** Another API base, e.g. a local emulator. Default: `stripe-portal:apiBase`, else `STRIPE_API_BASE`, else `https://api.stripe.com`. */
  apiBase?: pulumi.Input<string>;
  /** The `Stripe-Version` every request sends. Default: `stripe-portal:apiVersion`, else `STRIPE_API_VERSION`, else the pinned version. */
  apiVersion?: pulumi.Input<string>;
  /** The Connect account of resources that name no `stripeAccount`. Default: `stripe-portal:account`, else `STRIPE_ACCOUNT`. */
  account?: pulumi.Input<string>;
}

/** The plugin's provider, for `{ provider }` in a resource's options. */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts: pulumi.ResourceOptions = {}) {
    const inputs = { ...args, apiKey: args.apiKey === undefined ? undefined : pulumi.secret(args.apiKey) };
    super(PACKAGE_SCHEMA.name, name, inputs, { version: VERSION, ...opts });
  }
}
