/**
 * The one description of a billing-portal configuration. Validation (check), camelCase/snake_case
 * mapping, Stripe's server defaults, diffing and the emulator all walk this tree; none of them
 * lists the fields again.
 *
 * Keys are the SDK's camelCase names; the wire name is derived with `wireName` unless a node says
 * otherwise. `default` is what Stripe fills in when the field is left out on create, which is what
 * "a field left out of the program" means for this package.
 */

/**
 * What a user reads about a field in the editor, in every language: the TypeScript SDK's doc
 * comments (sdk/types.ts) and the Pulumi package schema (provider/plugin/schema.json) are both
 * generated from it (scripts/generateSources.ts). It says what the field does for a customer, its
 * limits and its default, in words.
 */
export interface Documented {
  doc?: string;
}

/**
 * `""` is Stripe's "empty this" (reset a string, empty a list, clear a map). Its create parameters
 * take it for fewer fields than its update parameters (`Emptyable` in the `stripe` types).
 */
export interface EmptyOnCreate {
  /** `false`: `""` is refused on create, though the update takes it. */
  emptyOnCreate?: boolean;
}

/** A leaf holding a string. */
export interface StringNode extends EmptyOnCreate, Documented {
  kind: "string";
  /** The name of the allowed values' type in the TypeScript SDK (`CustomerUpdateField`), when they have one. */
  enumName?: string;
  default: string | null;
  maxLength?: number;
  /** Must be an absolute http(s) URL. */
  url?: boolean;
  /** Allowed values, in Stripe's documented order. */
  enum?: readonly string[];
  /** Must start with this prefix (Stripe ids). */
  prefix?: string;
  /** Whether `""` resets the field to its default (on update; on create too unless `emptyOnCreate` is false). */
  clearable?: boolean;
  /** Must be given whenever its parent is given, and is sent with every update of its parent (Stripe requires it there). */
  required?: boolean;
}

/**
 * Stripe requires some fields beside their parent on create only. `requiredOnCreate`: the program
 * must give it too; `sentOnCreate`: the provider sends the declared or default value itself.
 */
export interface CreateRequirements {
  requiredOnCreate?: boolean;
  sentOnCreate?: boolean;
}

/** A leaf holding a boolean. */
export interface BooleanNode extends CreateRequirements, Documented {
  kind: "boolean";
  default: boolean;
  required?: boolean;
}

/** A leaf holding a whole number. */
export interface IntegerNode extends Documented {
  kind: "integer";
  default: number | null;
  minimum?: number;
  maximum?: number;
  /** A tighter maximum that depends on a sibling's value (a pause length: its count, by its unit). */
  maximumBy?: SiblingMaximum;
  required?: boolean;
}

/** `maximums[sibling value]` caps the number; `because` says which documented limit that is. */
export interface SiblingMaximum {
  /** The sibling string field (camelCase key in the same object) the maximum depends on. */
  field: string;
  maximums: Readonly<Record<string, number>>;
  because: string;
}

/** A list Stripe requires, with at least one item, when a sibling string field holds `value`. */
export interface RequiredWhen {
  /** The sibling field's camelCase key in the same object. */
  field: string;
  value: string;
}

/**
 * A list. Stripe replaces a list whole when it is sent, and wants `""` for an empty one (refused
 * for a list that must hold an item).
 */
export interface ListNode extends CreateRequirements, EmptyOnCreate, Documented {
  kind: "list";
  items: StringNode | ObjectNode;
  /** Items in camelCase like every value here (`[{ interval: "month", intervalCount: 1 }]`). */
  default: readonly unknown[];
  maxItems?: number;
  minItems?: number;
  /** Stripe treats the list as a set: order never counts as a change. */
  set?: boolean;
  /** For a set of objects, the field that identifies an item. */
  key?: string;
  /** Stripe returns it only when the request asks to expand this path. */
  expandable?: boolean;
  required?: boolean;
  /** Required (non-empty) beside a sibling's value; must then be sent with that sibling. */
  requiredWhen?: RequiredWhen;
}

/** String keys to string values, with Stripe's metadata limits. */
export interface MapNode extends EmptyOnCreate, Documented {
  kind: "map";
  default: Record<string, string>;
  maxKeys: number;
  keyMaxLength: number;
  valueMaxLength: number;
}

/** A nested object. Stripe merges it on update: only what is sent changes. */
export interface ObjectNode extends Documented {
  kind: "object";
  fields: Record<string, SchemaNode>;
  /**
   * Its type's name: `BusinessProfile` is the SDKs' output type, `BusinessProfileArgs` the
   * TypeScript SDK's input type, `stripe-portal:index:BusinessProfile` the package schema's.
   */
  typeName?: string;
  /** What the type is, where `doc` says what the field holding it does. */
  typeDoc?: string;
  /** Fields Stripe answers that are not parameters (the login page's `url`): outputs only, which no walker of the parameters sees. */
  outputOnly?: Record<string, OutputOnlyField>;
  /** Must be given whenever its parent is given (the top-level `features` on create: the provider always sends it). */
  required?: boolean;
}

export type SchemaNode = StringNode | BooleanNode | IntegerNode | ListNode | MapNode | ObjectNode;

/** An output Stripe or the provider fills in: its type (`string | null`, as the TypeScript SDK spells it) and what it is. */
export interface OutputOnlyField {
  type: "string" | "string | null" | "boolean" | "number" | "number | null" | "object";
  doc: string;
}

/** `privacyPolicyUrl` -> `privacy_policy_url`. */
export function wireName(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `privacy_policy_url` -> `privacyPolicyUrl`. */
export function camelName(wire: string): string {
  return wire.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

const PRORATION = ["always_invoice", "create_prorations", "none"] as const;
/**
 * A cancel's prorations: the pinned types list `always_invoice` too, but document "Possible values
 * are `none` and `create_prorations` [...]. Passing `always_invoice` will result in an error."
 */
const CANCEL_PRORATION = ["create_prorations", "none"] as const;

/**
 * A pause lasts at most three years ("The maximum duration is three years", pinned types of
 * `interval_options[].interval_count`): that many of each unit.
 */
export const MAX_PAUSE_COUNT = { day: 3 * 365, week: 3 * 52, month: 3 * 12, year: 3 } as const;

/** Stripe's cancellation reasons, and the set it fills in when none is given. */
export const CANCELLATION_REASONS = [
  "customer_service",
  "low_quality",
  "missing_features",
  "other",
  "switched_service",
  "too_complex",
  "too_expensive",
  "unused",
] as const;
const DEFAULT_CANCELLATION_REASONS = ["too_expensive", "missing_features", "switched_service", "unused", "other"];

const str = (doc: string, extra: Partial<StringNode> = {}): StringNode => ({ kind: "string", default: null, doc, ...extra });
const bool = (doc: string, def = false, extra: Partial<BooleanNode> = {}): BooleanNode => ({ kind: "boolean", default: def, doc, ...extra });
/** An object of a named type: what the type is (`typeDoc`), and what the field holding it does (`extra.doc`). */
const obj = (typeName: string, typeDoc: string, fields: Record<string, SchemaNode>, extra: Partial<ObjectNode> = {}): ObjectNode => ({ kind: "object", typeName, typeDoc, fields, ...extra });
const enabledFlag = (doc: string): BooleanNode => bool(doc, false, { required: true });
/** `enabled` that Stripe requires on create but not on update. */
const enabledOnCreate = (doc: string): BooleanNode => bool(doc, false, { requiredOnCreate: true });

/** The portal configuration's create and update parameters at the pinned API version. */
export const configurationSchema: ObjectNode = obj("PortalConfigurationSettings", "A customer portal configuration's settings, as Stripe's parameters name them.", {
  name: str("A name for your own reference, not shown to customers; at most 256 characters. Default: none.", { maxLength: 256, clearable: true }),
  businessProfile: obj("BusinessProfile", "The business information shown to customers in the portal.", {
    headline: str("The text above the portal's sign-in; at most 60 characters. Default: none.", { maxLength: 60, clearable: true }),
    privacyPolicyUrl: str("Link to your privacy policy, shown in the portal; an absolute http(s) URL. Default: none.", {
      url: true,
      clearable: true,
      emptyOnCreate: false,
      maxLength: 5000,
    }),
    termsOfServiceUrl: str("Link to your terms of service, shown in the portal; an absolute http(s) URL. Default: none.", {
      url: true,
      clearable: true,
      emptyOnCreate: false,
      maxLength: 5000,
    }),
  }, { doc: "The business information shown in the portal. Default: none." }),
  defaultReturnUrl: str('Where the portal\'s "return" link goes when a session names no return URL; absolute http(s). Default: none.', { url: true, clearable: true, maxLength: 5000 }),
  features: obj(
    "Features",
    "The portal's features; each left out is off.",
    {
      customerUpdate: obj("CustomerUpdate", "Lets customers edit their own billing details.", {
        enabled: enabledOnCreate("Whether customers may edit their details."),
        allowedUpdates: {
          kind: "list",
          doc: "The details they may edit (`address`, `email`, `name`, `phone`, `shipping`, `tax_id`); order does not matter. Default: none.",
          items: str("A detail a customer may edit.", { enum: ["address", "email", "name", "phone", "shipping", "tax_id"], enumName: "CustomerUpdateField" }),
          default: [],
          set: true,
        },
      }, { doc: "Editing billing details. Default: off." }),
      invoiceHistory: obj("InvoiceHistory", "Lets customers see and download their invoices.", { enabled: enabledFlag("Whether the invoice history is shown.") }, { doc: "The invoice history. Default: off." }),
      paymentMethodUpdate: obj("PaymentMethodUpdate", "Lets customers add, remove and change payment methods.", {
        enabled: enabledFlag("Whether customers may manage payment methods. Required for `subscriptionUpdate`."),
        paymentMethodConfiguration: str("A payment method configuration (`pmc_...`) deciding which payment methods are offered. Default: the account's default.", {
          prefix: "pmc_",
          clearable: true,
          maxLength: 5000,
        }),
      }, { doc: "Managing payment methods. Default: off." }),
      subscriptionCancel: obj("SubscriptionCancel", "Lets customers cancel their subscriptions.", {
        enabled: enabledOnCreate("Whether customers may cancel."),
        mode: str("Cancel at once (`immediately`), or at the end of the period already paid (`at_period_end`). Default: `at_period_end`.", {
          enum: ["at_period_end", "immediately"],
          default: "at_period_end",
        }),
        prorationBehavior: str("Prorations on an immediate cancel: `none` or `create_prorations`, which needs `mode: \"immediately\"` (`always_invoice` is refused). Default: `none`.", {
          enum: CANCEL_PRORATION,
          default: "none",
          enumName: "CancelProrationBehavior",
        }),
        cancellationReason: obj("CancellationReason", "Asks cancelling customers why they leave.", {
          enabled: enabledFlag("Whether the question is asked."),
          options: {
            kind: "list",
            doc: "The reasons offered; order does not matter. Default: `too_expensive`, `missing_features`, `switched_service`, `unused`, `other`.",
            items: str("Why a customer cancels, as Stripe lists the reasons.", { enum: CANCELLATION_REASONS, enumName: "CancellationReasonOption" }),
            default: DEFAULT_CANCELLATION_REASONS,
            set: true,
            sentOnCreate: true,
          },
          feedbackOptions: {
            kind: "list",
            doc: "Ids of custom feedback options (Billing feedback options) offered besides the reasons. Default: none.",
            items: str("A feedback option's id.", { maxLength: 5000 }),
            default: [],
          },
        }, { doc: "The cancellation survey. Default: off." }),
      }, { doc: "Cancelling subscriptions. Default: off." }),
      subscriptionPause: obj("SubscriptionPause", "Lets customers pause their subscriptions.", {
        enabled: bool("Whether customers may pause. Default: false."),
        // Left out, Stripe fills in "`interval_options` with a single one-month option" (pinned
        // types of `features.subscription_pause.duration`).
        duration: obj("PauseDuration", "How long a pause lasts.", {
          type: str("`indefinite` (until the customer resumes) or `interval_options` (one of the lengths below).", {
            enum: ["indefinite", "interval_options"],
            default: "interval_options",
            required: true,
          }),
          intervalOptions: {
            kind: "list",
            doc: "The lengths offered; required, with at least one, when `type` is `interval_options`.",
            items: obj("PauseIntervalOption", "One pause length customers may choose.", {
              interval: str("The unit of the pause: `day`, `week`, `month` or `year`.", { enum: ["day", "week", "month", "year"], default: "month", required: true }),
              intervalCount: {
                kind: "integer",
                doc: "How many units; at most three years in all (1095 days, 156 weeks, 36 months or 3 years). Default: 1.",
                default: 1,
                minimum: 1,
                maximum: MAX_PAUSE_COUNT.day,
                maximumBy: { field: "interval", maximums: MAX_PAUSE_COUNT, because: "a pause lasts at most three years" },
              },
            }),
            default: [{ interval: "month", intervalCount: 1 }],
            // "Required when `type` is `interval_options`."
            requiredWhen: { field: "type", value: "interval_options" },
          },
        }, { doc: "How long a pause lasts. Default: `interval_options` with a single one-month option (Stripe's default)." }),
      }, { doc: "Pausing subscriptions. Default: off." }),
      subscriptionUpdate: obj("SubscriptionUpdate", "Lets customers switch plans, quantities or promotion codes.", {
        enabled: enabledOnCreate("Whether customers may change subscriptions. Needs `paymentMethodUpdate.enabled`."),
        defaultAllowedUpdates: {
          kind: "list",
          doc: "What may change (`price`, `promotion_code`, `quantity`); order does not matter. Default: nothing.",
          items: str("A part of a subscription customers may change.", { enum: ["price", "promotion_code", "quantity"], enumName: "SubscriptionUpdateField" }),
          default: [],
          set: true,
        },
        prorationBehavior: str("Prorations when a subscription changes: `always_invoice`, `create_prorations` or `none`. Default: `none`.", {
          enum: PRORATION,
          default: "none",
          enumName: "ProrationBehavior",
        }),
        billingCycleAnchor: str("`now` resets the billing cycle on a change; `unchanged` keeps it. Default: `unchanged`.", { enum: ["now", "unchanged"], default: "unchanged" }),
        trialUpdateBehavior: str("What a change does to a trial: `end_trial` or `continue_trial`. Default: `end_trial`.", {
          enum: ["continue_trial", "end_trial"],
          default: "end_trial",
        }),
        scheduleAtPeriodEnd: obj("ScheduleAtPeriodEnd", "Changes that take effect at the end of the billing period instead of at once.", {
          conditions: {
            kind: "list",
            doc: "The conditions; order does not matter. Default: none (every change is immediate).",
            items: obj("ScheduleCondition", "A condition under which a change waits for the end of the period.", {
              type: str("`decreasing_item_amount` (downgrades) or `shortening_interval` (e.g. yearly to monthly).", {
                enum: ["decreasing_item_amount", "shortening_interval"],
                default: "decreasing_item_amount",
                required: true,
              }),
            }),
            default: [],
            set: true,
            key: "type",
            emptyOnCreate: false,
          },
        }, { doc: "Changes deferred to the period's end. Default: none." }),
        products: {
          kind: "list",
          doc: "The products and prices customers may switch between, at most 10; order does not matter. Default: none.",
          items: obj("SubscriptionUpdateProduct", "A product customers may switch to, with the prices they may choose.", {
            product: str("The product (`prod_...`).", { maxLength: 5000, prefix: "prod_", required: true, default: "" }),
            prices: {
              kind: "list",
              doc: "Its prices offered (`price_...`), at least one; order does not matter.",
              items: str("A price (`price_...`).", { maxLength: 5000, prefix: "price_" }),
              default: [],
              set: true,
              minItems: 1,
              required: true,
            },
            adjustableQuantity: obj("AdjustableQuantity", "Limits on the quantity customers may choose for a product.", {
              enabled: enabledFlag("Whether the quantity may be changed."),
              minimum: { kind: "integer", doc: "The smallest quantity allowed, 0 to 99999999. Default: 0.", default: 0, minimum: 0, maximum: 99999999 },
              maximum: { kind: "integer", doc: "The largest quantity allowed, 1 to 99999999 and at least `minimum`. Default: no limit.", default: null, minimum: 1, maximum: 99999999 },
            }, { doc: "Quantity limits for this product. Default: off." }),
          }),
          default: [],
          maxItems: 10,
          set: true,
          key: "product",
          expandable: true,
        },
      }, { doc: "Changing subscriptions. Default: off." }),
    },
    { required: true, doc: "The portal's features. Default: all off." },
  ),
  loginPage: obj(
    "LoginPage",
    "Stripe's hosted login page, a link customers use to sign in to the portal by email.",
    { enabled: enabledFlag("Whether the login page exists; its URL is the output `loginUrl`.") },
    { doc: "The hosted login page. Default: off.", outputOnly: { url: { type: "string | null", doc: "The page's URL while `enabled`; null otherwise." } } },
  ),
  metadata: {
    kind: "map",
    doc: "Your own key-value pairs: at most 50 keys of at most 40 characters, values of at most 500. Default: none.",
    default: {},
    maxKeys: 50,
    keyMaxLength: 40,
    valueMaxLength: 500,
    emptyOnCreate: false,
  },
});

/**
 * The resource's inputs: the configuration's fields, and the resource's own beside them (which
 * account, what to adopt, whether active), which Stripe's create parameters do not hold.
 */
export const resourceInputsSchema: ObjectNode = obj(
  "PortalConfiguration",
  "A Stripe Billing customer portal configuration, declared in full: what the program states is what Stripe holds after `pulumi up`, and a field left out keeps the default Stripe gave it. Destroying it deactivates the configuration (Stripe cannot delete one).",
  {
    ...configurationSchema.fields,
    stripeAccount: str(
      "The connected account (`acct_...`) that owns the configuration. Default: the provider's `account` setting, else your own account. Changing it replaces the resource: created in the new account, deactivated in the old.",
      { prefix: "acct_", maxLength: 255 },
    ),
    adoptId: str(
      "Take over an existing configuration instead of creating one: its id (`bpc_...`), or `\"default\"` for the account's default configuration. Read at create only: changing it later changes nothing. Adopt a configuration with one resource only. Destroying an adopted default configuration leaves it active (Stripe cannot deactivate it).",
      { maxLength: 5000 },
    ),
    // Stripe's create parameters have no `active` (only its update does: SEMANTICS.md, "Endpoints"),
    // so it is the lifecycle's: a create declaring `false` is followed by an update deactivating it.
    active: bool(
      "Whether sessions can use the configuration. `false` keeps it, deactivated (a create is then followed by an update deactivating it: Stripe creates configurations active); `true` or left out reactivates one found deactivated. Destroying the resource deactivates it either way. Default: `true`.",
      true,
    ),
  },
);

/** An output of the resource beyond the configuration's fields: its type and what it is. */
export interface ResourceOutput {
  type: "string" | "boolean" | "integer" | "object";
  /** Null when Stripe holds none. */
  nullable?: boolean;
  /** Absent when the resource has none (no account named, nothing adopted). */
  optional?: boolean;
  doc: string;
}

/** What the resource outputs besides the configuration's fields, Stripe's and the provider's. */
export const RESOURCE_OUTPUTS: Record<string, ResourceOutput> = {
  stripeAccount: { type: "string", optional: true, doc: "The connected account that owns it, if any." },
  adoptId: { type: "string", optional: true, doc: "The configuration it adopted (`\"default\"` or a `bpc_` id), if any; read at create only, so changing it later changes nothing." },
  active: { type: "boolean", doc: "Whether it can be used for sessions, as Stripe holds it: what `active` declares, unless it was changed outside Pulumi (a refresh shows it; the next up sets it back to what `active` declares)." },
  loginUrl: {
    type: "string",
    nullable: true,
    doc: "The hosted login page's URL while it is enabled, else null: `loginPage.url` as an output of its own, which a preview shows as not known yet rather than missing. Export this one.",
  },
  isDefault: { type: "boolean", doc: "Whether it is the account's default configuration (adopted with `adoptId: \"default\"`, or imported)." },
  livemode: { type: "boolean", doc: "True in live mode, false in test mode." },
  created: { type: "integer", doc: "Creation time, Unix seconds." },
  updated: { type: "integer", doc: "Last change on Stripe, Unix seconds." },
  application: { type: "string", nullable: true, doc: "The Connect application that created it, or null." },
  stripeDefaults: {
    type: "object",
    doc: "What Stripe filled in for the fields this program leaves out, as it answered when they were created or last reset. A left-out field is compared with this, not with a table of defaults, so another API version's defaults never show as a change; a later edit away from it does.",
  },
};

/**
 * Every property of the resource, each once: the configuration's fields, then `RESOURCE_OUTPUTS`
 * (which hold the resource's own inputs too). The SDKs ask for an output of each, a create's preview
 * leaves each not known yet, and the package schema lists each.
 */
export const RESOURCE_PROPERTIES: readonly string[] = [...Object.keys(resourceInputsSchema.fields).filter((key) => !(key in RESOURCE_OUTPUTS)), ...Object.keys(RESOURCE_OUTPUTS)];

/**
 * Whether Stripe takes `""` for this field: a clearable string, a list that may be empty, a map; on
 * create, only where `emptyOnCreate` does not refuse it. Anything else answers "cannot be unset".
 */
export function acceptsEmpty(node: SchemaNode, creating: boolean): boolean {
  const onUpdate = node.kind === "string" ? node.clearable === true : node.kind === "list" ? (node.minItems ?? 0) === 0 : node.kind === "map";
  return onUpdate && !(creating && (node as EmptyOnCreate).emptyOnCreate === false);
}

/** The expand paths every retrieve and update sends, so that expandable lists come back. */
export const EXPAND_PATHS: string[] = expandPaths(configurationSchema, "");

function expandPaths(node: SchemaNode, prefix: string): string[] {
  if (node.kind === "list" && node.expandable) return [prefix];
  if (node.kind !== "object") return [];
  return Object.entries(node.fields).flatMap(([key, child]) =>
    expandPaths(child, prefix ? `${prefix}.${wireName(key)}` : wireName(key)),
  );
}
