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
import { EVERY_OUTPUT } from "./everyOutput";
import { requireOneSdkCopy } from "./oneSdkCopy";
import { PortalConfigurationArgs, PortalConfigurationOutputs } from "./types";

requireOneSdkCopy();

/** The plugin version these classes ask the engine for: this package's. */
const VERSION = PACKAGE_SCHEMA.version;

/** The resource's outputs, declared once from the schema (sdk/types.ts): the class and this interface merge, so each output is typed without writing it again. */
export interface PortalConfiguration extends PortalConfigurationOutputs {}

/** A Stripe Billing customer portal configuration, through the native plugin. */
export class PortalConfiguration extends pulumi.CustomResource {
  constructor(name: string, args: PortalConfigurationArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(PLUGIN_PORTAL_CONFIGURATION_TYPE, name, { ...EVERY_OUTPUT, ...args }, { version: VERSION, ...opts });
  }
}

/**
 * An explicit provider of the plugin: another account, key or API base than the default provider's.
 * It gets only these arguments: the stack config (`stripe-portal:*`) feeds the default provider
 * alone, so a left-out argument falls back to the environment. The key is kept secret in the state.
 * Each argument's doc is provider/settings.ts `SETTING_DOCS`, word for word (tests/sdk/pluginProviderArgs.test.ts).
 */
export interface ProviderArgs {
  /** The Stripe secret (`sk_test_`, `sk_live_`) or restricted (`rk_test_`, `rk_live_`) key; needed by up, refresh and destroy, not by preview. Default: the `STRIPE_API_KEY` environment variable. */
  apiKey?: pulumi.Input<string>;
  /** Another API base, e.g. a local emulator. Default: the `STRIPE_API_BASE` environment variable, else `https://api.stripe.com`. */
  apiBase?: pulumi.Input<string>;
  /** The `Stripe-Version` every request sends. Default: the `STRIPE_API_VERSION` environment variable, else `2026-10-28.endive`, the version whose parameters the schema models. */
  apiVersion?: pulumi.Input<string>;
  /** The Connect account (`acct_...`) of resources that name no `stripeAccount`. Default: the `STRIPE_ACCOUNT` environment variable, else your own account. */
  account?: pulumi.Input<string>;
}

/** The plugin's provider, for `{ provider }` in a resource's options. */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts: pulumi.ResourceOptions = {}) {
    const inputs = { ...args, apiKey: args.apiKey === undefined ? undefined : pulumi.secret(args.apiKey) };
    super(PACKAGE_SCHEMA.name, name, inputs, { version: VERSION, ...opts });
  }
}
