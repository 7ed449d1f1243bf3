// Types only: the `stripe` package is a devDependency that states every parameter of the pinned version.
import type { BillingPortal } from "stripe/cjs/resources/BillingPortal/Configurations.js";
import { decodeParams } from "../../emulator/validateParams";
import { desiredState, Fields } from "../../provider/desiredState";
import { decodeForm, encodeForm } from "../../provider/encodeForm";
import { createParams } from "../../provider/requestParams";
import { acceptsEmpty, configurationSchema, SchemaNode, wireName } from "../../provider/schema";
import { PINNED_API_VERSION } from "../../provider/settings";
import type { PortalConfigurationArgs } from "../../sdk/types";
import { everyField } from "../fixtures/configurations";
import type { ArgPaths, Camel, EmptyablePaths, Paths, Unlisted } from "../fixtures/stripeParamPaths";

type StripeFieldPaths =
  | Camel<Paths<Omit<BillingPortal.ConfigurationCreateParams, "expand">>>
  | Camel<Paths<Omit<BillingPortal.ConfigurationUpdateParams, "expand" | "active">>>;
type SdkPaths = ArgPaths<PortalConfigurationArgs>;
type CreateEmptyable = EmptyablePaths<Omit<BillingPortal.ConfigurationCreateParams, "expand">>;
type UpdateEmptyable = EmptyablePaths<Omit<BillingPortal.ConfigurationUpdateParams, "expand" | "active">>;

/** Compiles only while the SDK has every parameter of the pinned version: `npm test` type-checks first. */
type MissingFromSdk = Exclude<StripeFieldPaths, SdkPaths>;
const noParameterMissing: [MissingFromSdk] extends [never] ? true : MissingFromSdk = true;

/** Where the pinned create type takes `""`: `satisfies` refuses a path it does not, `createListed` one left out. */
const CREATE_EMPTYABLE = [
  "name",
  "default_return_url",
  "business_profile.headline",
  "features.customer_update.allowed_updates",
  "features.payment_method_update.payment_method_configuration",
  "features.subscription_cancel.cancellation_reason.feedback_options",
  "features.subscription_cancel.cancellation_reason.options",
  "features.subscription_pause.duration.interval_options",
  "features.subscription_update.default_allowed_updates",
  "features.subscription_update.products",
] as const satisfies readonly CreateEmptyable[];
/** Where the update type takes it: the create's, and four that the create type refuses. */
const UPDATE_EMPTYABLE = [
  ...CREATE_EMPTYABLE,
  "business_profile.privacy_policy_url",
  "business_profile.terms_of_service_url",
  "features.subscription_update.schedule_at_period_end.conditions",
  "metadata",
] as const satisfies readonly UpdateEmptyable[];
type CreateUnlisted = Unlisted<CreateEmptyable, typeof CREATE_EMPTYABLE>;
type UpdateUnlisted = Unlisted<UpdateEmptyable, typeof UPDATE_EMPTYABLE>;
const createListed: [CreateUnlisted] extends [never] ? true : CreateUnlisted = true;
const updateListed: [UpdateUnlisted] extends [never] ? true : UpdateUnlisted = true;

function schemaPaths(node: SchemaNode, prefix = ""): string[] {
  if (node.kind === "list") return schemaPaths(node.items, `${prefix}[]`);
  if (node.kind !== "object") return [prefix];
  return Object.entries(node.fields).flatMap(([key, child]) => [...(child.kind === "object" ? [] : []), ...schemaPaths(child, prefix ? `${prefix}.${key}` : key)]);
}

/** A field of the schema: its camelCase keys from the root, and its node. */
interface SchemaField {
  keys: string[];
  node: SchemaNode;
}

/** Every field, list items' fields included (their keys run through the list's). */
function schemaFields(node: SchemaNode, keys: string[] = []): SchemaField[] {
  const inner = node.kind === "list" ? node.items : node;
  const below = inner.kind === "object" ? Object.entries(inner.fields).flatMap(([key, child]) => schemaFields(child, [...keys, key])) : [];
  return keys.length > 0 ? [{ keys, node }, ...below] : below;
}

/** The dotted wire paths of the fields that take `""`, named as `EmptyablePaths` names them. */
function emptyablePaths(creating: boolean): string[] {
  return schemaFields(configurationSchema)
    .filter(({ node }) => acceptsEmpty(node, creating))
    .map(({ keys }) => keys.map(wireName).join("."))
    .sort();
}

/** `declared` with the field at `keys` (no list on the way) set to `value`. */
function withField(declared: Fields, keys: string[], value: unknown): Fields {
  const [key, ...rest] = keys;
  const inner = (declared[key] ?? {}) as Fields;
  return { ...declared, [key]: rest.length === 0 ? value : withField(inner, rest, value) };
}

/** What a program may declare for "empty" in a field of this kind. */
function emptyForms(node: SchemaNode): unknown[] {
  if (node.kind === "list") return [[], null];
  if (node.kind === "map") return [{}, null];
  return ["", null];
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

  it('takes "" exactly where the pinned create and update types do', () => {
    expect([createListed, updateListed]).toEqual([true, true]);
    expect(emptyablePaths(true)).toEqual([...CREATE_EMPTYABLE].sort());
    expect(emptyablePaths(false)).toEqual([...UPDATE_EMPTYABLE].sort());
  });

  it('never sends "" on create where the create type refuses it, whatever empty form the program declares', () => {
    const refusedOnCreate = schemaFields(configurationSchema).filter(({ node }) => acceptsEmpty(node, false) && !acceptsEmpty(node, true));
    expect(refusedOnCreate.map(({ keys }) => keys.map(wireName).join(".")).sort()).toEqual(UPDATE_EMPTYABLE.filter((path) => !(CREATE_EMPTYABLE as readonly string[]).includes(path)).sort());
    for (const { keys, node } of refusedOnCreate) {
      for (const base of [{}, everyField as Fields]) {
        for (const empty of emptyForms(node)) {
          const body = decodeForm(encodeForm(createParams(desiredState(withField(base, keys, empty)))));
          // The emulator's create validation answers Stripe's 400 for "" where the create type has none.
          expect(() => decodeParams(configurationSchema, body, { requireTopLevel: true })).not.toThrow();
        }
      }
    }
  });

  it("derives Stripe's wire names", () => {
    expect(wireName("privacyPolicyUrl")).toBe("privacy_policy_url");
    expect(wireName("invoiceHistory")).toBe("invoice_history");
  });
});
