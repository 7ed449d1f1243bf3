/**
 * The one list of where the emulator and Stripe's `stripe-mock` judge a request differently on
 * purpose. stripe-mock checks a request against Stripe's OpenAPI specification only: types, enums,
 * required fields, `""` where the spec offers it, unknown top-level parameters. It keeps no state
 * and knows no rule the specification cannot state. The emulator also enforces what Stripe's
 * server enforces beyond the specification, each rule documented where the schema or the
 * emulator states it; and it follows the pinned API version, which is newer than stripe-mock's.
 *
 * The differential test (differential.test.ts) fails on a difference no entry explains, and on an
 * entry that explains nothing any more; the conformance test allows a stripe-mock refusal only
 * when an entry with `refusedBy: "stripe-mock"` explains it.
 */
import { isRecord } from "../../provider/desiredState";
import type { FormParams } from "../../provider/encodeForm";
import type { Verdict } from "./teeProxy";

/** One request judged by both servers. */
export interface Observation {
  method: string;
  /** The path, without the query string. */
  path: string;
  /** The form body (or query) as sent. */
  body: string;
  /** The body (or query), read as Stripe reads it. */
  params: FormParams;
  emulator: Verdict;
  stripeMock: Verdict;
}

export interface IntendedDifference {
  id: string;
  /** The server that refuses the request the other one takes. */
  refusedBy: "emulator" | "stripe-mock";
  /** Why they differ, and where Stripe documents the behaviour the emulator follows. */
  reason: string;
  /** Whether this entry accounts for the observation (the refusing side already matches `refusedBy`). */
  explains(observation: Observation): boolean;
}

/** stripe-mock's pinned version and the API version of its specification (its `spec3.json`, `info.version`). */
export const STRIPE_MOCK_SPEC = "stripe-mock v0.203.0 (API version 2026-08-26.dahlia)";

const emulatorSays = (pattern: RegExp) => (o: Observation) => pattern.test(o.emulator.message ?? "");
const emulatorParamUnder = (...prefixes: string[]) => (o: Observation) => prefixes.some((prefix) => (o.emulator.param ?? "").startsWith(prefix));

export const INTENDED_DIFFERENCES: readonly IntendedDifference[] = [
  // ---- stripe-mock's specification is older than the pinned API version ----
  {
    id: "spec-predates-pause-flow",
    refusedBy: "stripe-mock",
    reason:
      `${STRIPE_MOCK_SPEC} has no \`subscription_pause\` session flow; the pinned version 2026-10-28.endive has it ` +
      "(`flow_data.type` in node_modules/stripe/cjs/resources/BillingPortal/Sessions.d.ts). Its beta specification " +
      "(`-beta`, 2026-08-26.preview) lacks it too, and v0.203.0 is the newest release the Go module proxy serves.",
    explains: (o) => isRecord(o.params.flow_data) && o.params.flow_data.type === "subscription_pause" && /'type' validation failed: value is not in enumeration/.test(o.stripeMock.message ?? ""),
  },
  {
    id: "spec-predates-after-expiration",
    refusedBy: "stripe-mock",
    reason:
      `${STRIPE_MOCK_SPEC} has no session \`after_expiration\`; the pinned version has it (\`SessionCreateParams.after_expiration\` ` +
      "in the pinned Sessions.d.ts). stripe-mock refuses unknown top-level parameters.",
    explains: (o) => "after_expiration" in o.params && /additional properties are not allowed/.test(o.stripeMock.message ?? ""),
  },
  {
    id: "spec-predates-pause-feature",
    refusedBy: "emulator",
    reason:
      `${STRIPE_MOCK_SPEC} has no \`features.subscription_pause\` nor \`flow_data.subscription_pause\` (back in 2026-10-28.endive, ` +
      "pinned Configurations.d.ts and Sessions.d.ts), and it ignores unknown nested parameters: it takes any value there. " +
      "The emulator validates them as the pinned version documents.",
    explains: emulatorParamUnder("features[subscription_pause]", "flow_data[subscription_pause]"),
  },
  // ---- what stripe-mock's validator does not check, though the specification or Stripe states it ----
  {
    id: "nested-unknown-parameters",
    refusedBy: "emulator",
    reason:
      "stripe-mock refuses unknown parameters at the top level only (its specification marks only the request body " +
      "`additionalProperties: false`); Stripe answers `Received unknown parameter: <path>` at any depth.",
    explains: emulatorSays(/^Received unknown parameter: \S+\[/),
  },
  {
    id: "max-length",
    refusedBy: "emulator",
    reason:
      "stripe-mock v0.203.0 does not enforce the specification's `maxLength` (a 257-character `name` against `maxLength: 256` " +
      "is taken); the emulator enforces the same limits as the specification.",
    explains: emulatorSays(/^Invalid string: [\s\S]*; must be at most \d+ characters$/),
  },
  {
    id: "empty-string-unsets",
    refusedBy: "emulator",
    reason:
      "Stripe reads `\"\"` as \"unset this parameter\" and refuses it where the parameter cannot be unset (the specification " +
      "offers no `\"\"` alternative there; `Emptyable` in the pinned types): \"You passed an empty string for '<param>'...\". " +
      "stripe-mock takes `\"\"` as a valid value of any `type: string` parameter.",
    explains: emulatorSays(/^You passed an empty string for '/),
  },
  // ---- rules Stripe's server enforces that a specification cannot state ----
  {
    id: "url-format",
    refusedBy: "emulator",
    reason: "URL parameters are plain strings in the specification; Stripe refuses one that is not an absolute http(s) URL (\"Not a valid URL\").",
    explains: emulatorSays(/^Not a valid URL$/),
  },
  {
    id: "object-ids",
    refusedBy: "emulator",
    reason:
      "stripe-mock keeps no objects and takes any id; Stripe answers `No such <object>: '<id>'` for an id that names no object " +
      "of that kind (the emulator, which holds no products, prices or customers, judges by the id's prefix).",
    explains: emulatorSays(/^No such [a-z_ ]+: '/),
  },
  {
    id: "integer-range",
    refusedBy: "emulator",
    reason:
      "The specification states no minimum or maximum (and stripe-mock supports none); Stripe bounds quantities " +
      "(`adjustable_quantity` 0 to 99999999) and pause lengths (\"The maximum duration is three years\", pinned types of `interval_count`).",
    explains: emulatorSays(/^This value must be (greater|less) than or equal to \d+/),
  },
  {
    id: "list-length",
    refusedBy: "emulator",
    reason:
      "The specification states no list lengths; Stripe allows at most 10 products, and at most one " +
      "`subscription_update_confirm` item (\"Currently, only up to one may be specified\", pinned Sessions.d.ts).",
    explains: emulatorSays(/^Invalid array: \S+ must have at (most|least) \d+ elements?/),
  },
  {
    id: "metadata-limits",
    refusedBy: "emulator",
    reason: "Stripe's metadata limits (https://docs.stripe.com/api/metadata: 50 keys, keys up to 40 characters, values up to 500) are not in the specification.",
    explains: emulatorSays(/^(Invalid metadata: metadata can have at most|Metadata (keys|values) can have up to)/),
  },
  {
    id: "cancel-always-invoice",
    refusedBy: "emulator",
    reason:
      "The specification lists `always_invoice` for `subscription_cancel.proration_behavior`; the pinned types document " +
      "\"Passing `always_invoice` will result in an error.\"",
    explains: (o) => o.emulator.param === "features[subscription_cancel][proration_behavior]" && /must be one of create_prorations or none$/.test(o.emulator.message ?? ""),
  },
  {
    id: "configuration-cross-field-rules",
    refusedBy: "emulator",
    reason:
      "Rules across fields, judged on what the configuration would become (SEMANTICS.md): subscription updates need payment " +
      "method update; `create_prorations` needs `mode=immediately`; a pause's `interval_options` are \"Required when `type` is " +
      "`interval_options`\" (pinned types).",
    explains: emulatorSays(/^(Cannot enable subscription updates while payment method update is disabled\.|`proration_behavior` can only be `create_prorations`|Missing required param: features\[subscription_pause\])/),
  },
  {
    id: "default-configuration-stays-active",
    refusedBy: "emulator",
    reason: "Stripe refuses to deactivate the account's default configuration (SEMANTICS.md): \"You cannot set `active: false` on your default PortalConfiguration.\"",
    explains: emulatorSays(/^You cannot set `active: false` on your default PortalConfiguration\.$/),
  },
  {
    id: "session-cross-field-rules",
    refusedBy: "emulator",
    reason:
      "Session rules beyond the specification: a `customer` or a `customer_account` is required (the specification makes " +
      "neither required); the object a flow's `type` names must be sent with it.",
    explains: emulatorSays(/^(Missing required param: (customer|flow_data(\[[a-z_]+\])+)\.$|`flow_data(\[[a-z_]+\])+` can only be set when `flow_data(\[[a-z_]+\])*\[type\]` is )/),
  },
  {
    id: "session-configuration-state",
    refusedBy: "emulator",
    reason:
      "stripe-mock keeps no configurations; Stripe judges a session against the configuration it uses (the default one when " +
      "none is named): it must be active, a flow's feature must be enabled, a return URL must come from the session or the " +
      "configuration, and a confirmed item's price must be one the configuration offers (pinned Sessions.d.ts).",
    explains: emulatorSays(/^(You cannot create a portal session with the `[a-z_]+` flow because|You must provide a `return_url`|The portal configuration '[^']+' is not active|The price '[^']*' is not one of the prices)/),
  },
  {
    id: "list-index-gaps",
    refusedBy: "stripe-mock",
    reason:
      "A list sent with a gap in its indexes (`options[0]=a&options[2]=b`): stripe-mock decodes the gap as a null item and " +
      "refuses it; the emulator reads the form as `qs` does and closes the gap. Stripe documents no rule; the package never " +
      "sends a gap (encodeForm numbers items from 0), which the conformance test proves against stripe-mock.",
    explains: (o) => hasIndexGap(o.body) && /could not validate against any of the constraints|value is not/.test(o.stripeMock.message ?? ""),
  },
];

/** Whether some list in a form body skips an index. */
export function hasIndexGap(body: string): boolean {
  const indexes = new Map<string, Set<number>>();
  for (const part of body.split("&")) {
    const key = decodeURIComponent(part.split("=")[0]);
    for (const match of key.matchAll(/\[(\d+)\]/g)) {
      const list = key.slice(0, match.index);
      const seen = indexes.get(list) ?? new Set<number>();
      seen.add(Number(match[1]));
      indexes.set(list, seen);
    }
  }
  return [...indexes.values()].some((seen) => Math.max(...seen) + 1 !== seen.size);
}
