/** The type tokens a `PortalConfiguration` has in a Pulumi state: one per face of the provider. */

/** The dynamic resource's, which routes it to Pulumi's dynamic-provider host: `pulumi-nodejs:dynamic/<module>:<type>`. */
export const DYNAMIC_PORTAL_CONFIGURATION_TYPE = "pulumi-nodejs:dynamic/stripe:PortalConfiguration";

/** The native plugin's (package `stripe-portal`), for Python, Go and YAML programs and `pulumi import`. */
export const PLUGIN_PORTAL_CONFIGURATION_TYPE = "stripe-portal:index:PortalConfiguration";

/** Every type a portal configuration is held under. */
export const PORTAL_CONFIGURATION_TYPES: readonly string[] = [DYNAMIC_PORTAL_CONFIGURATION_TYPE, PLUGIN_PORTAL_CONFIGURATION_TYPE];
