import * as pulumi from "@pulumi/pulumi";
import { IDENTITY_INPUT } from "../provider/createIdentity";
import { PROVIDER_TEXT } from "../provider/providerText";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE } from "../provider/resourceTypes";
import { configurationSchema } from "../provider/schema";
import { BusinessProfile, Features, LoginPage, PortalConfigurationArgs } from "./types";

/** Every property of the resource: the schema's fields, then what the provider and Stripe add. */
export const PORTAL_CONFIGURATION_PROPERTIES: readonly string[] = [
  ...Object.keys(configurationSchema.fields),
  ...["stripeAccount", "adoptId", "active", "loginUrl", "isDefault", "livemode", "created", "updated", "application", "stripeDefaults"],
];

/** A dynamic resource's type, which routes it to Pulumi's dynamic-provider host. */
export const PORTAL_CONFIGURATION_TYPE = DYNAMIC_PORTAL_CONFIGURATION_TYPE;

/** Pulumi creates an output only for a key it is given: `undefined` asks for the output alone. */
const EVERY_OUTPUT = Object.fromEntries(PORTAL_CONFIGURATION_PROPERTIES.map((key) => [key, undefined]));

/**
 * A Stripe Billing customer portal configuration, declared in full: what the program states is
 * what Stripe holds after `pulumi up`, and a field left out keeps the default Stripe gave it. Destroying it
 * deactivates the configuration (Stripe cannot delete one). The Stripe key comes from the stack
 * config `stripe:apiKey` (a secret) or `STRIPE_API_KEY`; `pulumi preview` needs no key.
 */
export class PortalConfiguration extends pulumi.CustomResource {
  // `declare`: the base constructor sets these; a class field would reset them to undefined.

  /** The name, or null. */
  declare public readonly name: pulumi.Output<string | null>;
  /** The business information shown in the portal. */
  declare public readonly businessProfile: pulumi.Output<BusinessProfile>;
  /** The default return URL, or null. */
  declare public readonly defaultReturnUrl: pulumi.Output<string | null>;
  /** Every feature with every setting, defaults filled in. */
  declare public readonly features: pulumi.Output<Features>;
  /** The hosted login page and its URL. */
  declare public readonly loginPage: pulumi.Output<LoginPage>;
  /**
   * The hosted login page's URL while it is enabled, else null: `loginPage.url` as an output of its
   * own, which a preview shows as not known yet rather than missing. Export this one.
   */
  declare public readonly loginUrl: pulumi.Output<string | null>;
  /** The metadata. */
  declare public readonly metadata: pulumi.Output<Record<string, string>>;
  /** The connected account that owns it, if any. */
  declare public readonly stripeAccount: pulumi.Output<string | undefined>;
  /** The configuration it adopted (`"default"` or a `bpc_` id), if any; read at create only, so changing it later changes nothing. */
  declare public readonly adoptId: pulumi.Output<string | undefined>;
  /** Whether it can be used for sessions: what `active` declares, or false after a deactivation outside Pulumi (the next up reactivates it). */
  declare public readonly active: pulumi.Output<boolean>;
  /** Whether it is the account's default configuration (only through `adoptId: "default"`). */
  declare public readonly isDefault: pulumi.Output<boolean>;
  /** True in live mode, false in test mode. */
  declare public readonly livemode: pulumi.Output<boolean>;
  /** Creation time, Unix seconds. */
  declare public readonly created: pulumi.Output<number>;
  /** Last change on Stripe, Unix seconds. */
  declare public readonly updated: pulumi.Output<number>;
  /** The Connect application that created it, or null. */
  declare public readonly application: pulumi.Output<string | null>;
  /**
   * What Stripe filled in for the fields this program leaves out, as it answered when they were
   * created or last reset. A left-out field is compared with this, not with a table of defaults,
   * so another API version's defaults never show as a change; a later edit away from it does.
   */
  declare public readonly stripeDefaults: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: PortalConfigurationArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // What `pulumi.dynamic.Resource` registers, with the provider text written once (providerText.ts)
    // instead of serialized from an object, and the URN the provider derives a create's
    // idempotency key from (provider/createIdentity.ts).
    const identity = { [IDENTITY_INPUT]: urnOf(name, opts?.parent) };
    super(PORTAL_CONFIGURATION_TYPE, name, { ...EVERY_OUTPUT, ...args, ...identity, __provider: PROVIDER_TEXT }, opts);
  }
}

/**
 * The URN the engine gives the resource, known before it registers (in a preview too). The
 * parent's URN is awaited as a plain value: an input that is the parent's output would make the
 * resource depend on its parent, and a component parent's dependents wait for all its children.
 */
function urnOf(name: string, parent: pulumi.Resource | undefined): pulumi.Output<string> {
  const parentUrn = parent && new Promise<string>((resolve) => parent.urn.apply(resolve));
  return pulumi.createUrn(name, PORTAL_CONFIGURATION_TYPE, parentUrn && pulumi.output(parentUrn));
}
