/**
 * The `__provider` text of every `PortalConfiguration`: the dynamic-provider host evaluates it and
 * calls `handler()` to get the provider. It is written here instead of letting Pulumi's closure
 * serializer turn a provider object into text, for three reasons:
 * - the engine stores it twice in each resource's state (inputs and outputs) and rewrites the whole
 *   state after every step, so its size is paid per resource, per step: one `require` is ~100 bytes,
 *   the serializer's text of seven methods 2.6 KB;
 * - it is the same text whatever the `@pulumi/pulumi` version and package manager (the serializer's
 *   output follows both), and a changed text is listed in users' next preview that has a real change;
 * - it names the package, never a path of the machine that built it, and holds no secret, so the
 *   engine always runs the installed package's code, in refresh and destroy too.
 */

/** The input (and output) under which Pulumi's dynamic-provider host finds a resource's provider text. */
export const PROVIDER_KEY = "__provider";

/** The package's provider module, by the name the package's `exports` map gives it. */
export const PROVIDER_MODULE = "pulumi-stripe-portal/dist/provider/portalConfigurationProvider";

/** The provider text stored in the state. Changing it shows a `__provider` change in users' previews: keep it. */
export const PROVIDER_TEXT = `exports.handler = () => require(${JSON.stringify(PROVIDER_MODULE)});\n`;
