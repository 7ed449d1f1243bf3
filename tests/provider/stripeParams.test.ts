import * as pulumi from "@pulumi/pulumi";
// Types only: the `stripe` package is a devDependency that states every parameter of the pinned version.
import type { BillingPortal } from "stripe/cjs/resources/BillingPortal/Configurations.js";
import { configurationSchema, SchemaNode, wireName } from "../../provider/schema";
import { PINNED_API_VERSION } from "../../provider/settings";
import type { PortalConfigurationArgs } from "../../sdk/types";
import { everyField } from "../fixtures/configurations";

/** `features.subscription_update.billing_cycle_anchor` -> `features.subscriptionUpdate.billingCycleAnchor`. */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
/** Objects inside a field's type: list items, and `Emptyable`'s `""` and scalars left out. */
type Elem<T> = T extends readonly (infer E)[] ? E : T;
type Inner<T> = Exclude<Elem<NonNullable<T>>, string | number | boolean>;
type Plain<T> = T extends pulumi.OutputInstance<infer U> | Promise<infer U> ? U : T;
type InnerArg<T> = Inner<Plain<Inner<Plain<NonNullable<T>>> | Exclude<Plain<NonNullable<T>>, readonly unknown[]>>>;
/** Every dotted path of a parameter type. */
type Paths<T, P extends string = ""> = {
  [K in keyof T & string]-?: `${P}${K}` | ([Inner<T[K]>] extends [never] ? never : Paths<Inner<T[K]>, `${P}${K}.`>);
}[keyof T & string];
type ArgPaths<T, P extends string = ""> = {
  [K in keyof T & string]-?: `${P}${K}` | ([InnerArg<T[K]>] extends [never] ? never : ArgPaths<InnerArg<T[K]>, `${P}${K}.`>);
}[keyof T & string];

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
