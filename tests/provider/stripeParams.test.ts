// Types only: the `stripe` package is a devDependency that states every parameter of the pinned version.
import type { BillingPortal } from "stripe/cjs/resources/BillingPortal/Configurations.js";
import { configurationSchema, SchemaNode, wireName } from "../../provider/schema";
import { PINNED_API_VERSION } from "../../provider/settings";
import type { PortalConfigurationArgs } from "../../sdk/types";
import { everyField } from "../fixtures/configurations";
import type { ArgPaths, Camel, Paths } from "../fixtures/stripeParamPaths";

type StripeFieldPaths =
  | Camel<Paths<Omit<BillingPortal.ConfigurationCreateParams, "expand">>>
  | Camel<Paths<Omit<BillingPortal.ConfigurationUpdateParams, "expand" | "active">>>;
type SdkPaths = ArgPaths<PortalConfigurationArgs>;

/** Compiles only while the SDK has every parameter of the pinned version: `npm test` type-checks first. */
type MissingFromSdk = Exclude<StripeFieldPaths, SdkPaths>;
const noParameterMissing: [MissingFromSdk] extends [never] ? true : MissingFromSdk = true;

function schemaPaths(node: SchemaNode, prefix = ""): string[] {
  if (node.kind === "list") return schemaPaths(node.items, `${prefix}[]`);
  if (node.kind !== "object") return [prefix];
  return Object.entries(node.fields).flatMap(([key, child]) => [...(child.kind === "object" ? [] : []), ...schemaPaths(child, prefix ? `${prefix}.${key}` : key)]);
}

function valuePaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => valuePaths(item, `${prefix}[]`)))];
  if (typeof value === "object" && value !== null && !prefix.endsWith("metadata")) {
    return Object.entries(value).flatMap(([key, child]) => valuePaths(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

describe("the schema against the pinned API version", () => {
  it("pins the version whose parameters the schema models", () => {
    expect(noParameterMissing).toBe(true);
    expect(PINNED_API_VERSION).toBe("2026-10-28.endive");
  });

  it("holds exactly the SDK's fields (every field of the compile-checked fixture, no other)", () => {
    expect(schemaPaths(configurationSchema).sort()).toEqual(valuePaths(everyField).sort());
  });

  it("derives Stripe's wire names", () => {
    expect(wireName("privacyPolicyUrl")).toBe("privacy_policy_url");
    expect(wireName("invoiceHistory")).toBe("invoice_history");
  });
});
