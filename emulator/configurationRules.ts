/**
 * The rules Stripe enforces across fields of a portal configuration. They are checked on the merged
 * result of a create or update (what the configuration would become), not on the request alone,
 * because an update that sends one side of a rule is judged against the stored other side.
 */
import { valueAt, type JsonObject } from "./jsonValue";
import { invalidRequest } from "./stripeErrors";

export function checkConfigurationRules(configuration: JsonObject): void {
  if (
    valueAt(configuration, "features.subscription_update.enabled") === true &&
    valueAt(configuration, "features.payment_method_update.enabled") !== true
  ) {
    throw invalidRequest(
      "Cannot enable subscription updates while payment method update is disabled.",
      "features[subscription_update][enabled]",
    );
  }
  if (
    valueAt(configuration, "features.subscription_cancel.proration_behavior") === "create_prorations" &&
    valueAt(configuration, "features.subscription_cancel.mode") !== "immediately"
  ) {
    throw invalidRequest(
      "`proration_behavior` can only be `create_prorations` when `features[subscription_cancel][mode]` is `immediately`; subscriptions canceled at the end of the period are not prorated.",
      "features[subscription_cancel][proration_behavior]",
    );
  }
}
