import * as pulumi from "@pulumi/pulumi";
import { portalConfigurationProvider } from "../provider";
import { BusinessProfile, Features, LoginPage, PortalConfigurationArgs } from "./types";

/**
 * A Stripe Billing customer portal configuration, declared in full: what the program states is
 * what Stripe holds after `pulumi up`, and a field left out means Stripe's default. Destroying it
 * deactivates the configuration (Stripe cannot delete one). The Stripe key comes from the stack
 * config `stripe:apiKey` (a secret) or `STRIPE_API_KEY`; `pulumi preview` needs no key.
 */
export class PortalConfiguration extends pulumi.dynamic.Resource {
  /** The name, or null. */
  public readonly name!: pulumi.Output<string | null>;
  /** The business information shown in the portal. */
  public readonly businessProfile!: pulumi.Output<BusinessProfile>;
  /** The default return URL, or null. */
  public readonly defaultReturnUrl!: pulumi.Output<string | null>;
  /** Every feature with every setting, defaults filled in. */
  public readonly features!: pulumi.Output<Features>;
  /** The hosted login page and its URL. */
  public readonly loginPage!: pulumi.Output<LoginPage>;
  /** The metadata. */
  public readonly metadata!: pulumi.Output<Record<string, string>>;
  /** The connected account that owns it, if any. */
  public readonly stripeAccount!: pulumi.Output<string | undefined>;
  /** Whether it can be used for sessions; false after a deactivation outside Pulumi (the next up reactivates it). */
  public readonly active!: pulumi.Output<boolean>;
  /** Whether it is the account's default configuration (only through `adoptId: "default"`). */
  public readonly isDefault!: pulumi.Output<boolean>;
  /** True in live mode, false in test mode. */
  public readonly livemode!: pulumi.Output<boolean>;
  /** Creation time, Unix seconds. */
  public readonly created!: pulumi.Output<number>;
  /** Last change on Stripe, Unix seconds. */
  public readonly updated!: pulumi.Output<number>;
  /** The Connect application that created it, or null. */
  public readonly application!: pulumi.Output<string | null>;

  constructor(name: string, args: PortalConfigurationArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const outputsOnly = { active: undefined, isDefault: undefined, livemode: undefined, created: undefined, updated: undefined, application: undefined };
    super(portalConfigurationProvider, name, { ...outputsOnly, ...args }, opts, "stripe", "PortalConfiguration");
  }
}
