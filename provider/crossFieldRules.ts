import { Fields, isRecord, isUnknown } from "./desiredState";
import { CheckFailure } from "./validateFields";

/**
 * Rules that tie one field to another, from Stripe's documented behaviour (SEMANTICS.md). They run
 * on the desired state, so a field left out counts with Stripe's default, as Stripe would see it.
 * A rule whose inputs are not known yet is skipped.
 */
export function crossFieldFailures(desired: Fields): CheckFailure[] {
  const subscriptionUpdate = fieldsAt(desired, "features", "subscriptionUpdate");
  const paymentMethodUpdate = fieldsAt(desired, "features", "paymentMethodUpdate");
  const subscriptionCancel = fieldsAt(desired, "features", "subscriptionCancel");
  const duration = fieldsAt(desired, "features", "subscriptionPause", "duration");
  const failures: CheckFailure[] = [];
  const known = (...values: unknown[]) => values.every((v) => !isUnknown(v));

  if (known(subscriptionUpdate.enabled, paymentMethodUpdate.enabled) && subscriptionUpdate.enabled === true && paymentMethodUpdate.enabled !== true) {
    failures.push({
      property: "features.subscriptionUpdate.enabled",
      reason: "cannot be true while features.paymentMethodUpdate.enabled is false: Stripe cannot enable subscription updates while payment method update is disabled",
    });
  }
  if (known(subscriptionCancel.prorationBehavior, subscriptionCancel.mode) && subscriptionCancel.prorationBehavior === "create_prorations" && subscriptionCancel.mode !== "immediately") {
    failures.push({
      property: "features.subscriptionCancel.prorationBehavior",
      reason: `"create_prorations" only works with features.subscriptionCancel.mode "immediately"`,
    });
  }
  if (known(duration.type, duration.intervalOptions) && duration.type === "interval_options" && Array.isArray(duration.intervalOptions) && duration.intervalOptions.length === 0) {
    failures.push({
      property: "features.subscriptionPause.duration.intervalOptions",
      reason: `must list at least one interval when features.subscriptionPause.duration.type is "interval_options"`,
    });
  }
  const products = subscriptionUpdate.products;
  if (Array.isArray(products)) {
    products.forEach((product, index) => {
      const quantity = (product as Fields)?.adjustableQuantity as Fields | undefined;
      if (!quantity || !known(quantity.minimum, quantity.maximum)) return;
      if (typeof quantity.maximum === "number" && typeof quantity.minimum === "number" && quantity.maximum < quantity.minimum) {
        failures.push({
          property: `features.subscriptionUpdate.products[${index}].adjustableQuantity.maximum`,
          reason: `must be at least adjustableQuantity.minimum (${quantity.minimum}); got ${quantity.maximum}`,
        });
      }
    });
  }
  return failures;
}

/** The object at a path, or an empty one where a value is not known yet. */
function fieldsAt(value: Fields, ...path: string[]): Fields {
  let current: unknown = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return isRecord(current) ? current : {};
}
