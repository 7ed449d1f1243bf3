import { Fields, isRecord, isUnknown, UNKNOWN } from "./desiredState";
import { CheckFailure } from "./validateFields";

/**
 * Rules that tie one field to another, from Stripe's documented behaviour (SEMANTICS.md). They run
 * on the desired state, so a field left out counts with Stripe's default, as Stripe would see it.
 * A rule is skipped while any value it reads is not known yet, the value itself or any object on
 * the way to it (a preview may hold a whole feature as unknown). Rules the schema can state next
 * to a field (a pause's `intervalOptions` required by its `type`, its count capped by its unit) live
 * in the schema and are checked on the declaration by `validateFields`.
 */
export function crossFieldFailures(desired: Fields): CheckFailure[] {
  const failures: CheckFailure[] = [];

  const updates = knownValues(desired, "features.subscriptionUpdate.enabled", "features.paymentMethodUpdate.enabled");
  if (updates?.[0] === true && updates[1] !== true) {
    failures.push({
      property: "features.subscriptionUpdate.enabled",
      reason: "cannot be true while features.paymentMethodUpdate.enabled is false: Stripe cannot enable subscription updates while payment method update is disabled",
    });
  }
  const cancel = knownValues(desired, "features.subscriptionCancel.prorationBehavior", "features.subscriptionCancel.mode");
  if (cancel?.[0] === "create_prorations" && cancel[1] !== "immediately") {
    failures.push({
      property: "features.subscriptionCancel.prorationBehavior",
      reason: `"create_prorations" only works with features.subscriptionCancel.mode "immediately"`,
    });
  }
  const [products] = knownValues(desired, "features.subscriptionUpdate.products") ?? [];
  if (Array.isArray(products)) {
    products.forEach((product, index) => {
      const [minimum, maximum] = knownValues(product, "adjustableQuantity.minimum", "adjustableQuantity.maximum") ?? [];
      if (typeof maximum === "number" && typeof minimum === "number" && maximum < minimum) {
        failures.push({
          property: `features.subscriptionUpdate.products[${index}].adjustableQuantity.maximum`,
          reason: `must be at least adjustableQuantity.minimum (${minimum}); got ${maximum}`,
        });
      }
    });
  }
  return failures;
}

/** The values at dotted paths, or undefined if any of them is not known yet. */
function knownValues(root: unknown, ...paths: string[]): unknown[] | undefined {
  const values = paths.map((path) => valueAt(root, path));
  return values.some(isUnknown) ? undefined : values;
}

/** The value at a dotted path: UNKNOWN if it or an object on the way is unknown, undefined if absent. */
function valueAt(root: unknown, path: string): unknown {
  let current = root;
  for (const key of path.split(".")) {
    if (isUnknown(current)) return UNKNOWN;
    current = isRecord(current) ? current[key] : undefined;
  }
  return current;
}
