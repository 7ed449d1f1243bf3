/**
 * Realistic, varied `PortalConfiguration` arguments (tiers, plans, seats, cancellation surveys,
 * pauses, metadata), deterministic per index, all valid for Check and for Stripe. The placeholder
 * `prod_`/`price_`/`pmc_` ids are accepted by the emulator as by the examples.
 */
import type { Struct } from "../tests/engine/harness/mockProgram";

const TIERS = ["starter", "team", "business", "enterprise"] as const;
const OWNERS = ["billing", "growth", "payments", "support", "platform"];
const CUSTOMER_FIELDS = ["address", "email", "name", "phone", "shipping", "tax_id"];
const REASONS = ["too_expensive", "missing_features", "switched_service", "unused", "customer_service", "too_complex", "low_quality", "other"];

/** `values` rotated by `by`, so that sets come in varied orders (Check must sort them). */
function rotate<T>(values: readonly T[], by: number): T[] {
  const shift = by % values.length;
  return [...values.slice(shift), ...values.slice(0, shift)];
}

function products(i: number): Struct[] {
  return Array.from({ length: i % 4 }, (_, k) => ({
    product: `prod_Bench${k}`,
    prices: k % 2 ? [`price_Bench${k}Yearly`, `price_Bench${k}Monthly`] : [`price_Bench${k}Monthly`],
    ...(k === 1 ? { adjustableQuantity: { enabled: true, minimum: 1 + (i % 3), maximum: 10 + (i % 50) } } : {}),
  }));
}

/** The arguments of the `i`-th configuration of a pipeline. */
export function declaration(i: number): Struct {
  const tier = TIERS[i % TIERS.length];
  const plans = products(i);
  const immediately = i % 3 === 0;
  const cancels = i % 7 !== 6;
  return {
    name: `Acme ${tier} portal #${i}`,
    businessProfile: {
      headline: `Acme ${tier}: manage your plan (${i})`,
      privacyPolicyUrl: "https://acme.test/privacy",
      ...(i % 2 ? { termsOfServiceUrl: "https://acme.test/terms" } : {}),
    },
    ...(i % 5 !== 0 ? { defaultReturnUrl: `https://acme.test/account/${i}` } : {}),
    features: {
      ...(i % 4 !== 3 ? { customerUpdate: { enabled: true, allowedUpdates: rotate(CUSTOMER_FIELDS, i).slice(0, 1 + (i % 6)) } } : {}),
      invoiceHistory: { enabled: i % 3 !== 2 },
      paymentMethodUpdate: { enabled: plans.length > 0 || i % 2 === 0, ...(i % 6 === 0 ? { paymentMethodConfiguration: `pmc_Bench${i % 10}` } : {}) },
      subscriptionCancel: cancels
        ? {
            enabled: true,
            mode: immediately ? "immediately" : "at_period_end",
            ...(immediately ? { prorationBehavior: "create_prorations" } : {}),
            ...(i % 2 === 0 ? { cancellationReason: { enabled: true, options: rotate(REASONS, i).slice(0, 2 + (i % 5)) } } : {}),
          }
        : { enabled: false },
      subscriptionPause:
        i % 4 === 0
          ? { enabled: true, duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }, { interval: "month", intervalCount: 3 }] } }
          : { enabled: i % 4 === 1 },
      subscriptionUpdate:
        plans.length > 0
          ? {
              enabled: true,
              defaultAllowedUpdates: ["price", ...(i % 2 ? ["quantity"] : []), ...(i % 3 === 0 ? ["promotion_code"] : [])],
              products: plans,
              prorationBehavior: i % 2 ? "create_prorations" : "always_invoice",
              ...(i % 5 === 0 ? { scheduleAtPeriodEnd: { conditions: [{ type: "shortening_interval" }, { type: "decreasing_item_amount" }] } } : {}),
            }
          : { enabled: false },
    },
    ...(i % 3 === 0 ? { loginPage: { enabled: true } } : {}),
    metadata: { tier, index: String(i), owner: OWNERS[i % OWNERS.length] },
  };
}

/** `declaration(i)` with one field changed, a different one depending on `i`: what a pull request does. */
export function withOneChange(i: number): Struct {
  const declared = JSON.parse(JSON.stringify(declaration(i))) as Record<string, any>;
  switch (i % 3) {
    case 0:
      declared.businessProfile.headline = `Acme: your plan, your way (${i})`;
      break;
    case 1:
      declared.metadata.owner = "finance";
      break;
    default:
      declared.features.invoiceHistory.enabled = !declared.features.invoiceHistory.enabled;
  }
  return declared as Struct;
}
