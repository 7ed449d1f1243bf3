import type * as pulumi from "@pulumi/pulumi";

/**
 * The dynamic provider the SDK's `PortalConfiguration` uses. Pulumi serializes this object into the
 * stack's state and the engine runs it later, possibly after the package was upgraded. So each
 * method only `require`s the installed package's implementation by name: the stored text stays
 * small, holds no secret and no path of the machine that built it, and always runs the code of
 * the package that is installed.
 */
export const portalConfigurationProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    return require("pulumi-stripe-portal/dist/provider/lifecycle").configure(req);
  },
  async check(olds, news) {
    return require("pulumi-stripe-portal/dist/provider/lifecycle").check(olds, news);
  },
  async diff(id, olds, news) {
    return require("pulumi-stripe-portal/dist/provider/lifecycle").diff(id, olds, news);
  },
  async create(inputs) {
    return require("pulumi-stripe-portal/dist/provider/lifecycle").create(inputs);
  },
  async read(id, props) {
    return require("pulumi-stripe-portal/dist/provider/lifecycle").read(id, props);
  },
  async update(id, olds, news) {
    return require("pulumi-stripe-portal/dist/provider/lifecycle").update(id, olds, news);
  },
  async delete(id, props) {
    return require("pulumi-stripe-portal/dist/provider/lifecycle").deleteConfiguration(id, props);
  },
};

export { StripeApiError } from "./stripeError";
export { StripeClient } from "./stripeClient";
export { resolveSettings, PINNED_API_VERSION } from "./settings";
export type { StripeSettings } from "./settings";
