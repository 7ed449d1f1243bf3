/**
 * What each sentence of the pinned `stripe` types' billing-portal doc comments means for the
 * schema. Simple sentences are read by the patterns in `SENTENCE_PATTERNS` ("Defaults to `x`.",
 * "Valid values are `a` or `b`.", ...). Every other sentence that states (or might state) a
 * default, a limit, a requirement or an error must be listed in `READ_BY_HAND`, word for word,
 * with its reading and why: `stripeDocs.test.ts` fails on a rule-like sentence found in neither
 * place, and on an entry here that no declaration holds any more. So a new `stripe` version
 * cannot bring a default or a rule the schema silently ignores.
 */
import { checkConfigurationRules } from "../../emulator/configurationRules";
import { checkSessionConfiguration } from "../../emulator/sessionRules";
import { decodeParams } from "../../emulator/validateParams";
import { checkConfiguration } from "../../provider/check";
import { camelName, configurationSchema, MAX_PAUSE_COUNT, wireName, type ObjectNode, type SchemaNode, type StringNode } from "../../provider/schema";

/** What the emulator answers to an update (or a create) with these (wire, form-decoded) parameters: "ok" or its error message. */
function emulatorAnswer(raw: Record<string, unknown>, creating = false): string {
  try {
    decodeParams(configurationSchema, creating ? { features: {}, ...raw } : raw, { requireTopLevel: creating });
    return "ok";
  } catch (error) {
    return (error as Error).message;
  }
}

/** The property paths a declaration fails at, by the provider's check. */
const failingAt = (declaration: Record<string, unknown>): string[] => checkConfiguration(declaration).failures.map((failure) => failure.property);

/** A JSON value, as Stripe's wire objects hold it. */
export type WireJson = null | boolean | number | string | WireJson[] | { [key: string]: WireJson };

/** What a sentence says about the field it documents. */
export type Reading =
  /** Left out, Stripe holds this (in wire names): the schema's default, laid out in wire names, must equal it. */
  | { kind: "default"; value: WireJson }
  /** The values the field accepts, stated in words: the schema's enum must be exactly these. */
  | { kind: "values"; values: string[] }
  /** A value the type lists but Stripe refuses: the schema's enum must not hold it. */
  | { kind: "refused"; value: string }
  /** A list of at most this many items: the schema's `maxItems`. */
  | { kind: "maxItems"; value: number }
  /**
   * A rule the schema states another way: `holds` asserts it (with `expect`) of the field's node
   * and its wire path (`["features", "subscription_pause", ...]`); `why` says where it lives.
   */
  | { kind: "rule"; why: string; holds: (node: SchemaNode, keys: string[]) => void }
  /** States nothing the schema could hold (what the field means, what Stripe shows): why not. */
  | { kind: "noRule"; why: string };

/** Sentences that may carry a default, a limit, a requirement or an error, by the words they use. */
export const RULE_WORDS =
  /\b(defaults?|default value|required|requires?|must|error|errors|maximum|minimum|max|min|at most|at least|up to|only|limits?|cannot|can.t|valid|possible|either|no more than|allowed|compatible|unless|characters|unset|not set|not specified|empty|blank|leave|omit|omitted|instead)\b/i;

/** `a`, `b`, and `c` / `a` or `b` / `a` and `b`: the backticked values of a list in words. */
const LIST = "`[^`]+`(?:(?:,? (?:and|or) |, )`[^`]+`)*";
const valuesIn = (list: string): string[] => [...list.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
/** `x` as Stripe writes a default: a backticked string, a number, true or false. */
function literal(text: string): WireJson {
  if (text.startsWith("`")) return text.slice(1, -1);
  if (text === "true" || text === "false") return text === "true";
  return Number(text);
}

/** Whole sentences read without a person: each pattern must match the sentence from start to end. */
export const SENTENCE_PATTERNS: { pattern: RegExp; read: (match: RegExpMatchArray) => Reading[] }[] = [
  {
    pattern: /^Defaults to (?:a value of )?(`[^`]+`|-?\d+|true|false)(?: if you don't set it during creation)?\.$/,
    read: (m) => [{ kind: "default", value: literal(m[1]) }],
  },
  {
    pattern: new RegExp(`^(?:Valid|Possible) values are (${LIST})(?:, and the default value is (\`[^\`]+\`))?\\.$`),
    read: (m) => [{ kind: "values", values: valuesIn(m[1]) }, ...(m[2] ? [{ kind: "default" as const, value: literal(m[2]) }] : [])],
  },
  { pattern: new RegExp(`^Either (${LIST})\\.$`), read: (m) => [{ kind: "values", values: valuesIn(m[1]) }] },
  { pattern: /^Passing `([^`]+)` will result in an error\.$/, read: (m) => [{ kind: "refused", value: m[1] }] },
  { pattern: /^The list of up to (\d+) [a-z ]+ that [^.]+\.$/, read: (m) => [{ kind: "maxItems", value: Number(m[1]) }] },
  { pattern: /^Required when `([a-z_]+)` is `([a-z_]+)`\.$/, read: (m) => [requiredWhen(m[1], m[2])] },
];

/**
 * "Required when `type` is `interval_options`.": the schema's `requiredWhen`, checked on the
 * declaration (validateFields) and by the emulator on every create and update (validateParams),
 * which refuses the field missing or empty beside that value, and takes it left out beside another.
 */
function requiredWhen(siblingWire: string, value: string): Reading {
  return {
    kind: "rule",
    why: `the schema's \`requiredWhen\` (${siblingWire} = ${value}), checked on the declaration (provider/validateFields.ts) and on requests (emulator/validateParams.ts)`,
    holds: (node, keys) => {
      expect(node).toMatchObject({ kind: "list", requiredWhen: { field: camelName(siblingWire), value } });
      const field = keys[keys.length - 1];
      const at = (leaf: Record<string, unknown>) => keys.slice(0, -1).reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf);
      const param = `${keys[0]}${keys.slice(1).map((key) => `[${key}]`).join("")}`;
      const other = (parentOf(keys)?.fields[camelName(siblingWire)] as StringNode | undefined)?.enum?.find((candidate) => candidate !== value);
      for (const creating of [true, false]) {
        expect(emulatorAnswer(at({ [siblingWire]: value }), creating)).toBe(`Missing required param: ${param}.`);
        expect(emulatorAnswer(at({ [siblingWire]: value, [field]: "" }), creating)).toMatch(new RegExp(`^Invalid array: ${escape(param)} must have at least one element when`));
        if (other !== undefined) expect(emulatorAnswer(at({ [siblingWire]: other }), creating)).toBe("ok");
      }
      const declared = keys.slice(0, -1).map(camelName).reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { [camelName(siblingWire)]: value });
      expect(failingAt(declared)).toEqual([keys.map(camelName).join(".")]);
    },
  };
}

/** The object node holding the field at these wire keys. */
function parentOf(keys: string[]): ObjectNode | undefined {
  let node: SchemaNode | undefined = configurationSchema;
  for (const key of keys.slice(0, -1)) {
    const holder: SchemaNode | undefined = node?.kind === "list" ? node.items : node;
    node = holder?.kind === "object" ? Object.entries(holder.fields).find(([name]) => wireName(name) === key)?.[1] : undefined;
  }
  return node?.kind === "object" ? node : undefined;
}

const escape = (text: string) => text.replace(/[[\]]/g, "\\$&");

const field = (name: string): Reading => ({ kind: "noRule", why: `names what the field is (${name}); no value or limit` });

/** Sentences read by a person, word for word as the pinned declarations write them. */
export const READ_BY_HAND: Record<string, Reading[]> = {
  // features.subscription_pause.duration: the default issue 12 is about.
  "Defaults to `interval_options` with a single one-month option.": [
    { kind: "default", value: { type: "interval_options", interval_options: [{ interval: "month", interval_count: 1 }] } },
  ],
  "The maximum duration is three years.": [
    {
      kind: "rule",
      why: "three years of each unit: the schema's `maximumBy` on the interval, and the largest (in days) as the plain maximum",
      holds: (node) => {
        expect(MAX_PAUSE_COUNT).toEqual({ day: 1095, week: 156, month: 36, year: 3 });
        expect(node).toMatchObject({ kind: "integer", maximum: 1095, maximumBy: { field: "interval", maximums: MAX_PAUSE_COUNT } });
        const pause = (interval: string, intervalCount: number) => ({ features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval, intervalCount }] } } } });
        for (const [interval, most] of Object.entries(MAX_PAUSE_COUNT)) {
          expect(failingAt(pause(interval, most))).toEqual([]);
          expect(failingAt(pause(interval, most + 1))).toEqual(["features.subscriptionPause.duration.intervalOptions[0].intervalCount"]);
          const wire = (count: number) => ({ features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval, interval_count: String(count) }] } } } });
          expect(emulatorAnswer(wire(most))).toBe("ok");
          expect(emulatorAnswer(wire(most + 1))).toMatch(new RegExp(`^This value must be less than or equal to ${most}\\b`));
        }
      },
    },
  ],
  // features.subscription_cancel.proration_behavior
  "Possible values are `none` and `create_prorations`, which is only compatible with `mode=immediately`.": [
    { kind: "values", values: ["none", "create_prorations"] },
    {
      kind: "rule",
      why: "create_prorations needs mode immediately: provider/crossFieldRules.ts on the desired state, emulator/configurationRules.ts on the merged object (tests/provider/check.test.ts, tests/emulator/validation.test.ts)",
      holds: () => {
        expect(failingAt({ features: { subscriptionCancel: { enabled: true, prorationBehavior: "create_prorations" } } })).toEqual(["features.subscriptionCancel.prorationBehavior"]);
        expect(failingAt({ features: { subscriptionCancel: { enabled: true, mode: "immediately", prorationBehavior: "create_prorations" } } })).toEqual([]);
        expect(() => checkConfigurationRules({ features: { subscription_cancel: { mode: "at_period_end", proration_behavior: "create_prorations" } } })).toThrow(/mode/);
      },
    },
  ],
  // features.payment_method_update.payment_method_configuration
  "If not set, the default payment method configuration is used.": [{ kind: "default", value: null }],
  "If not set or set to an empty string, the default payment method configuration is used.": [
    { kind: "default", value: null },
    { kind: "rule", why: '`""` resets it: the field is clearable', holds: (node) => expect(node).toMatchObject({ kind: "string", clearable: true }) },
  ],
  // features.customer_update.allowed_updates, features.subscription_update.default_allowed_updates
  "When empty, customers are not updateable.": [{ kind: "default", value: [] }],
  "When empty, subscriptions are not updateable.": [{ kind: "default", value: [] }],
  // features.subscription_update.products
  "Currently, only up to one may be specified and subscriptions with multiple items are not updatable.": [{ kind: "maxItems", value: 1 }],
  // metadata
  "Individual keys can be unset by posting an empty value to them.": [
    {
      kind: "noRule",
      why: "a program removes a key by leaving it out; the provider then sends the key empty itself (provider/requestParams.ts), so an empty value is refused at check",
    },
  ],
  "All keys can be unset by posting an empty value to `metadata`.": [
    {
      kind: "rule",
      why: 'the update takes `metadata=""`; the create type (`MetadataParam`, not `Emptyable`) does not, which tests/provider/stripeParams.test.ts holds',
      holds: (node) => expect(node).toMatchObject({ kind: "map", emptyOnCreate: false }),
    },
  ],
  // Sessions
  "The price must also be included in the configuration's `features.subscription_update.products`.": [
    {
      kind: "rule",
      why: "depends on the configuration, not on the parameters: emulator/sessionRules.ts refuses it when the session is created (tests/emulator/sessions.test.ts)",
      holds: () => {
        const configuration = { id: "bpc_1", active: true, features: { subscription_update: { enabled: true, products: [{ product: "prod_1", prices: ["price_1"] }] } } };
        const confirm = (price: string) => ({ flow_data: { type: "subscription_update_confirm", subscription_update_confirm: { subscription: "sub_1", items: [{ id: "si_1", price }] } } });
        expect(() => checkSessionConfiguration(confirm("price_1"), configuration)).not.toThrow();
        expect(() => checkSessionConfiguration(confirm("price_2"), configuration)).toThrow(/price_2/);
      },
    },
  ],
  "If not specified, the session uses the default configuration.": [{ kind: "default", value: null }],
  "Leave unset to allow recovery without a deadline.": [{ kind: "default", value: null }],
  "If blank or auto, the customer's `preferred_locales` or browser's locale is used.": [{ kind: "default", value: null }],
  // Sentences with a rule word that state no rule.
  "The default URL to redirect customers to when they click on the portal's link to return to your website.": [field("a default return URL")],
  "Customers can only pause subscriptions in the redesigned customer portal.": [{ kind: "noRule", why: "where Stripe shows the feature, not what it accepts" }],
  "The maximum quantity that can be set for the product.": [field("the adjustable quantity's maximum")],
  "The minimum quantity that can be set for the product.": [field("the adjustable quantity's minimum")],
  "Setting to control when an update should be scheduled at the end of the period instead of applying immediately.": [field("schedule_at_period_end")],
  "Whether the configuration is the default.": [field("is_default, read-only")],
  "If `true`, this configuration can be managed in the Dashboard and portal sessions will use this configuration unless it is overriden when creating the session.": [
    field("is_default, read-only"),
  ],
  "When specified, only subscriptions and invoices with this `on_behalf_of` account appear in the portal.": [
    { kind: "noRule", why: "what the portal shows for on_behalf_of, not what it accepts" },
  ],
};
