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
 * `""` is Stripe's "empty this" (reset a string, empty a list, clear a map). Its create parameters
 * take it for fewer fields than its update parameters (`Emptyable` in the `stripe` types).
 */
export interface EmptyOnCreate {
  /** `false`: `""` is refused on create, though the update takes it. */
  emptyOnCreate?: boolean;
}

/** A leaf holding a string. */
export interface StringNode extends EmptyOnCreate {
  kind: "string";
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
export interface BooleanNode extends CreateRequirements {
  kind: "boolean";
  default: boolean;
  required?: boolean;
}

/** A leaf holding a whole number. */
export interface IntegerNode {
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
export interface ListNode extends CreateRequirements, EmptyOnCreate {
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
export interface MapNode extends EmptyOnCreate {
  kind: "map";
  default: Record<string, string>;
  maxKeys: number;
  keyMaxLength: number;
  valueMaxLength: number;
}

/** A nested object. Stripe merges it on update: only what is sent changes. */
export interface ObjectNode {
  kind: "object";
  fields: Record<string, SchemaNode>;
  /** Must be given whenever its parent is given (the top-level `features` on create: the provider always sends it). */
  required?: boolean;
}

export type SchemaNode = StringNode | BooleanNode | IntegerNode | ListNode | MapNode | ObjectNode;

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

const str = (extra: Partial<StringNode> = {}): StringNode => ({ kind: "string", default: null, ...extra });
const bool = (def = false, extra: Partial<BooleanNode> = {}): BooleanNode => ({ kind: "boolean", default: def, ...extra });
const obj = (fields: Record<string, SchemaNode>, extra: Partial<ObjectNode> = {}): ObjectNode => ({ kind: "object", fields, ...extra });
const enabledFlag = (): BooleanNode => bool(false, { required: true });
/** `enabled` that Stripe requires on create but not on update. */
const enabledOnCreate = (): BooleanNode => bool(false, { requiredOnCreate: true });

/** The portal configuration's create and update parameters at the pinned API version. */
export const configurationSchema: ObjectNode = obj({
  name: str({ maxLength: 256, clearable: true }),
  businessProfile: obj({
    headline: str({ maxLength: 60, clearable: true }),
    privacyPolicyUrl: str({ url: true, clearable: true, emptyOnCreate: false, maxLength: 5000 }),
    termsOfServiceUrl: str({ url: true, clearable: true, emptyOnCreate: false, maxLength: 5000 }),
  }),
  defaultReturnUrl: str({ url: true, clearable: true, maxLength: 5000 }),
  features: obj(
    {
      customerUpdate: obj({
        enabled: enabledOnCreate(),
        allowedUpdates: {
          kind: "list",
          items: str({ enum: ["address", "email", "name", "phone", "shipping", "tax_id"] }),
          default: [],
          set: true,
        },
      }),
      invoiceHistory: obj({ enabled: enabledFlag() }),
      paymentMethodUpdate: obj({
        enabled: enabledFlag(),
        paymentMethodConfiguration: str({ prefix: "pmc_", clearable: true, maxLength: 5000 }),
      }),
      subscriptionCancel: obj({
        enabled: enabledOnCreate(),
        mode: str({ enum: ["at_period_end", "immediately"], default: "at_period_end" }),
        prorationBehavior: str({ enum: CANCEL_PRORATION, default: "none" }),
        cancellationReason: obj({
          enabled: enabledFlag(),
          options: {
            kind: "list",
            items: str({ enum: CANCELLATION_REASONS }),
            default: DEFAULT_CANCELLATION_REASONS,
            set: true,
            sentOnCreate: true,
          },
          feedbackOptions: { kind: "list", items: str({ maxLength: 5000 }), default: [] },
        }),
      }),
      subscriptionPause: obj({
        enabled: bool(false),
        // Left out, Stripe fills in "`interval_options` with a single one-month option" (pinned
        // types of `features.subscription_pause.duration`).
        duration: obj({
          type: str({ enum: ["indefinite", "interval_options"], default: "interval_options", required: true }),
          intervalOptions: {
            kind: "list",
            items: obj({
              interval: str({ enum: ["day", "week", "month", "year"], default: "month", required: true }),
              intervalCount: {
                kind: "integer",
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
        }),
      }),
      subscriptionUpdate: obj({
        enabled: enabledOnCreate(),
        defaultAllowedUpdates: {
          kind: "list",
          items: str({ enum: ["price", "promotion_code", "quantity"] }),
          default: [],
          set: true,
        },
        prorationBehavior: str({ enum: PRORATION, default: "none" }),
        billingCycleAnchor: str({ enum: ["now", "unchanged"], default: "unchanged" }),
        trialUpdateBehavior: str({ enum: ["continue_trial", "end_trial"], default: "end_trial" }),
        scheduleAtPeriodEnd: obj({
          conditions: {
            kind: "list",
            items: obj({
              type: str({ enum: ["decreasing_item_amount", "shortening_interval"], default: "decreasing_item_amount", required: true }),
            }),
            default: [],
            set: true,
            key: "type",
            emptyOnCreate: false,
          },
        }),
        products: {
          kind: "list",
          items: obj({
            product: str({ maxLength: 5000, prefix: "prod_", required: true, default: "" }),
            prices: {
              kind: "list",
              items: str({ maxLength: 5000, prefix: "price_" }),
              default: [],
              set: true,
              minItems: 1,
              required: true,
            },
            adjustableQuantity: obj({
              enabled: enabledFlag(),
              minimum: { kind: "integer", default: 0, minimum: 0, maximum: 99999999 },
              maximum: { kind: "integer", default: null, minimum: 1, maximum: 99999999 },
            }),
          }),
          default: [],
          maxItems: 10,
          set: true,
          key: "product",
          expandable: true,
        },
      }),
    },
    { required: true },
  ),
  loginPage: obj({ enabled: enabledFlag() }),
  metadata: { kind: "map", default: {}, maxKeys: 50, keyMaxLength: 40, valueMaxLength: 500, emptyOnCreate: false },
});

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
