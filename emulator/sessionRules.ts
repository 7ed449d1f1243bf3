/** The session rules that tie fields together or depend on the configuration the session uses. */
import { sessionSchema } from "../provider/sessionSchema";
import { valueAt, type JsonObject } from "./jsonValue";
import { invalidRequest } from "./stripeErrors";
import { checkTaggedUnions } from "./taggedUnions";
import type { DecodedObject } from "./validateParams";

/** Rules on the parameters alone: someone to open the portal for, and complete flows. */
export function checkSessionParams(params: DecodedObject): void {
  if (params.customer === undefined && params.customer_account === undefined) {
    throw invalidRequest("Missing required param: customer.", "customer");
  }
  checkTaggedUnions(sessionSchema, params, "");
}

/** Rules against the configuration: it must be active, a flow needs its feature enabled, and a confirmed price must be offered. */
export function checkSessionConfiguration(params: DecodedObject, configuration: JsonObject): void {
  if (configuration.active !== true) {
    throw invalidRequest(
      `The portal configuration '${String(configuration.id)}' is not active. Reactivate it with \`active=true\` or create the session with an active configuration.`,
      "configuration",
    );
  }
  const flowType = valueAt(params, "flow_data.type");
  if (typeof flowType !== "string") return;
  const feature = featureOfFlow(flowType, configuration);
  if (feature && valueAt(configuration, `features.${feature}.enabled`) !== true) {
    throw invalidRequest(
      `You cannot create a portal session with the \`${flowType}\` flow because the \`${feature}\` feature is disabled on portal configuration '${String(configuration.id)}'.`,
      "flow_data[type]",
    );
  }
  checkConfirmPrices(params, configuration);
}

/**
 * An item's price "must also be included in the configuration's
 * `features.subscription_update.products`" (pinned types of `subscription_update_confirm.items[].price`).
 */
function checkConfirmPrices(params: DecodedObject, configuration: JsonObject): void {
  const items = valueAt(params, "flow_data.subscription_update_confirm.items");
  if (!Array.isArray(items)) return;
  const products = valueAt(configuration, "features.subscription_update.products");
  const offered = new Set((Array.isArray(products) ? products : []).flatMap((product) => {
    const prices = valueAt(product, "prices");
    return Array.isArray(prices) ? prices : [];
  }));
  items.forEach((item, index) => {
    const price = valueAt(item, "price");
    if (typeof price !== "string" || offered.has(price)) return;
    throw invalidRequest(
      `The price '${price}' is not one of the prices in \`features.subscription_update.products\` of portal configuration '${String(configuration.id)}'.`,
      `flow_data[subscription_update_confirm][items][${index}][price]`,
    );
  });
}

/** The feature a flow uses: the longest feature name the flow type starts with (`subscription_update_confirm` -> `subscription_update`). */
function featureOfFlow(flowType: string, configuration: JsonObject): string | undefined {
  const features = Object.keys((valueAt(configuration, "features") as JsonObject | undefined) ?? {});
  return features
    .filter((feature) => flowType === feature || flowType.startsWith(`${feature}_`))
    .sort((a, b) => b.length - a.length)[0];
}

/** The session's `return_url`: the one sent, else the configuration's `default_return_url`. */
export function resolveReturnUrl(params: DecodedObject, configuration: JsonObject): string {
  if (typeof params.return_url === "string") return params.return_url;
  if (typeof configuration.default_return_url === "string") return configuration.default_return_url;
  throw invalidRequest("You must provide a `return_url` or set a default return URL on your portal configuration.", "return_url");
}
