/**
 * The `billing_portal.configuration` object: built on create, changed on update, and rendered for
 * an answer. The settings part comes from walking `configurationSchema`; this file adds only what
 * Stripe keeps outside the parameters (id, timestamps, `active`, `is_default`, `login_page.url`)
 * and the ways an answer differs from what is stored (unexpanded lists are left out, fields the
 * request's API version does not have are left out, and `billing_cycle_anchor: "unchanged"` is
 * answered as null).
 */
import { configurationSchema, EXPAND_PATHS } from "../provider/schema";
import { API_VERSION, pathsAbsentAt } from "./apiVersions";
import { applyPatch } from "./applyPatch";
import { checkConfigurationRules } from "./configurationRules";
import { canonicalJson, cloneJson, isPlainObject, valueAt, type Json, type JsonObject } from "./jsonValue";
import type { ServerDefaults } from "./serverDefaults";
import { invalidRequest } from "./stripeErrors";
import { decodeParams, type DecodedObject } from "./validateParams";

export interface ConfigurationClock {
  /** Unix seconds for `created` / `updated`. */
  nowSeconds: number;
  /** A fresh hosted login page URL, for when `login_page.enabled` turns on. */
  newLoginUrl: () => string;
  /** What a create that leaves a field out gets instead of the schema's default. */
  serverDefaults?: ServerDefaults;
}

export interface NewConfigurationContext extends ConfigurationClock {
  id: string;
  livemode: boolean;
  isDefault?: boolean;
}

/** What the Dashboard sets up for an account's default configuration (Stripe creates it on first use of the portal). */
const DEFAULT_CONFIGURATION_PARAMS = {
  features: {
    customer_update: { enabled: "true", allowed_updates: ["email", "address"] },
    invoice_history: { enabled: "true" },
    payment_method_update: { enabled: "true" },
  },
};

/** Stripe answers this path as null while it holds the default `unchanged`. */
const BILLING_CYCLE_ANCHOR = "features.subscription_update.billing_cycle_anchor";

/** A configuration created from decoded create parameters, with Stripe's defaults filled in. */
export function newConfiguration(params: DecodedObject, context: NewConfigurationContext): JsonObject {
  const settings = applyPatch(configurationSchema, undefined, params, context.serverDefaults) as JsonObject;
  const configuration: JsonObject = {
    id: context.id,
    object: "billing_portal.configuration",
    active: true,
    application: null,
    created: context.nowSeconds,
    is_default: context.isDefault ?? false,
    livemode: context.livemode,
    updated: context.nowSeconds,
    ...settings,
  };
  syncLoginUrl(configuration, context.newLoginUrl);
  checkConfigurationRules(configuration);
  return configuration;
}

/** The default configuration an account gets the first time the emulator touches it. */
export function newDefaultConfiguration(context: Omit<NewConfigurationContext, "isDefault">): JsonObject {
  const params = decodeParams(configurationSchema, DEFAULT_CONFIGURATION_PARAMS, { requireTopLevel: true });
  return newConfiguration(params, { ...context, isDefault: true });
}

/** The configuration after decoded update parameters; `updated` moves only when something changed. */
export function updatedConfiguration(
  current: JsonObject,
  params: DecodedObject,
  clock: ConfigurationClock,
): { configuration: JsonObject; changed: boolean } {
  if (params.active === false && current.is_default === true) {
    throw invalidRequest("You cannot set `active: false` on your default PortalConfiguration.", "active");
  }
  const next = applyPatch(configurationSchema, cloneJson(current), params, clock.serverDefaults) as JsonObject;
  if (typeof params.active === "boolean") next.active = params.active;
  syncLoginUrl(next, clock.newLoginUrl);
  checkConfigurationRules(next);
  const changed = canonicalJson({ ...next, updated: 0 }) !== canonicalJson({ ...current, updated: 0 });
  if (changed) next.updated = clock.nowSeconds;
  return { configuration: next, changed };
}

/** The configuration as Stripe answers it, given the expand paths of the request (relative to the object) and its API version. */
export function renderConfiguration(configuration: JsonObject, expand: readonly string[], apiVersion: string = API_VERSION): JsonObject {
  const copy = cloneJson(configuration);
  for (const path of EXPAND_PATHS) {
    if (!expand.includes(path)) removeAt(copy, path);
  }
  for (const path of pathsAbsentAt(apiVersion)) removeAt(copy, path);
  if (valueAt(copy, BILLING_CYCLE_ANCHOR) === "unchanged") setAt(copy, BILLING_CYCLE_ANCHOR, null);
  return inStripeKeyOrder(copy) as JsonObject;
}

/** `login_page.url` exists exactly while the login page is enabled. */
function syncLoginUrl(configuration: JsonObject, newLoginUrl: () => string): void {
  const loginPage = configuration.login_page;
  if (!isPlainObject(loginPage)) return;
  const page = loginPage as JsonObject;
  if (page.enabled === true) page.url = typeof page.url === "string" ? page.url : newLoginUrl();
  else page.url = null;
}

function removeAt(root: JsonObject, path: string): void {
  const keys = path.split(".");
  const parent = valueAt(root, keys.slice(0, -1).join("."));
  if (isPlainObject(parent)) delete parent[keys[keys.length - 1]];
}

function setAt(root: JsonObject, path: string, value: Json): void {
  const keys = path.split(".");
  const parent = valueAt(root, keys.slice(0, -1).join("."));
  if (isPlainObject(parent)) parent[keys[keys.length - 1]] = value;
}

/** `id` and `object` first, then keys alphabetically, as Stripe writes its objects; metadata keeps the caller's order. */
export function inStripeKeyOrder(value: Json, key?: string): Json {
  if (Array.isArray(value)) return value.map((item) => inStripeKeyOrder(item));
  if (!isPlainObject(value) || key === "metadata") return value;
  const rank = (k: string) => (k === "id" ? 0 : k === "object" ? 1 : 2);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, inStripeKeyOrder((value as JsonObject)[k], k)]));
}
