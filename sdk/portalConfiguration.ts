import * as pulumi from "@pulumi/pulumi";
import { IDENTITY_INPUT } from "../provider/createIdentity";
import { PROVIDER_KEY, PROVIDER_TEXT } from "../provider/dynamic/providerText";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE } from "../provider/resourceTypes";
import { EVERY_OUTPUT } from "./everyOutput";
import { PortalConfigurationArgs, PortalConfigurationOutputs } from "./types";

/**
 * The dynamic resource's type, which routes it to Pulumi's dynamic-provider host: an alias of
 * provider/resourceTypes.ts `DYNAMIC_PORTAL_CONFIGURATION_TYPE`, kept for compatibility with code
 * that imports it from this module (`dist/sdk/portalConfiguration`), where it lived before
 * resourceTypes.ts held both faces' types.
 */
export const PORTAL_CONFIGURATION_TYPE = DYNAMIC_PORTAL_CONFIGURATION_TYPE;

/** The resource's outputs, declared once from the schema (sdk/types.ts): the class and this interface merge, so each output is typed without writing it again. */
export interface PortalConfiguration extends PortalConfigurationOutputs {}

/**
 * A Stripe Billing customer portal configuration, declared in full: what the program states is
 * what Stripe holds after `pulumi up`, and a field left out keeps the default Stripe gave it. Destroying it
 * deactivates the configuration (Stripe cannot delete one). The Stripe key comes from the stack
 * config `stripe:apiKey` (a secret) or `STRIPE_API_KEY`; `pulumi preview` needs no key.
 */
export class PortalConfiguration extends pulumi.CustomResource {
  constructor(name: string, args: PortalConfigurationArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // What `pulumi.dynamic.Resource` registers, with the provider text written once (provider/dynamic/providerText.ts)
    // instead of serialized from an object, and the URN the provider derives a create's
    // idempotency key from (provider/createIdentity.ts).
    const identity = { [IDENTITY_INPUT]: urnOf(name, opts?.parent) };
    super(PORTAL_CONFIGURATION_TYPE, name, { ...EVERY_OUTPUT, ...args, ...identity, [PROVIDER_KEY]: PROVIDER_TEXT }, opts);
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
