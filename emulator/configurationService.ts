/**
 * What the configuration endpoints do, given raw (qs-decoded) parameters: validate against the
 * route's schema tree, apply Stripe's semantics, keep the result in the store, and render the answer.
 */
import { EXPAND_PATHS } from "../provider/schema";
import { API_VERSION } from "./apiVersions";
import { newConfiguration, renderConfiguration, updatedConfiguration } from "./configurationObject";
import { checkExpand, expandUnder } from "./expand";
import type { JsonObject } from "./jsonValue";
import { pageOf } from "./listPage";
import { newObjectId } from "./objectIds";
import {
  CONFIGURATION_EXPANDABLE,
  createConfigurationParams,
  LIST_EXPANDABLE,
  listConfigurationsParams,
  retrieveConfigurationParams,
  updateConfigurationParams,
} from "./routeParams";
import type { ServerDefaults } from "./serverDefaults";
import type { ConfigurationStore, Scope } from "./store";
import { resourceMissing } from "./stripeErrors";
import { decodeParams } from "./validateParams";

export interface ServiceContext {
  store: ConfigurationStore;
  scope: Scope;
  nowSeconds: number;
  /** Where the emulator serves hosted pages (`login_page.url`, session URLs). */
  baseUrl: string;
  /** The request's `Stripe-Version` (default: the pinned one): which parameters exist and which fields are answered. */
  apiVersion?: string;
  /** What a create that leaves a field out gets instead of the schema's default. */
  serverDefaults?: ServerDefaults;
}

function clockOf(context: ServiceContext) {
  return {
    nowSeconds: context.nowSeconds,
    newLoginUrl: () => `${context.baseUrl}/p/login/${newObjectId("")}`,
    serverDefaults: context.serverDefaults,
  };
}

function versionOf(context: ServiceContext): string {
  return context.apiVersion ?? API_VERSION;
}

/** The stored configuration, or Stripe's 404 (also for an id that belongs to another account or mode). */
export function findConfiguration(context: ServiceContext, id: string): JsonObject {
  const found = context.store.find(context.scope, id);
  if (!found) throw resourceMissing("configuration", id, "configuration");
  return found;
}

export function createConfiguration(context: ServiceContext, raw: unknown): JsonObject {
  const params = decodeParams(createConfigurationParams(versionOf(context)), raw, { requireTopLevel: true });
  const expand = checkExpand(params.expand, CONFIGURATION_EXPANDABLE);
  const configuration = newConfiguration(params, {
    ...clockOf(context),
    id: newObjectId("bpc_"),
    livemode: context.scope.livemode,
  });
  context.store.add(context.scope, configuration);
  return renderConfiguration(configuration, expand, versionOf(context));
}

export function retrieveConfiguration(context: ServiceContext, id: string, raw: unknown): JsonObject {
  const params = decodeParams(retrieveConfigurationParams, raw, { requireTopLevel: false });
  const expand = checkExpand(params.expand, CONFIGURATION_EXPANDABLE);
  return renderConfiguration(findConfiguration(context, id), expand, versionOf(context));
}

export function updateConfiguration(context: ServiceContext, id: string, raw: unknown): JsonObject {
  const params = decodeParams(updateConfigurationParams(versionOf(context)), raw, { requireTopLevel: false });
  const expand = checkExpand(params.expand, CONFIGURATION_EXPANDABLE);
  const current = findConfiguration(context, id);
  const { configuration, changed } = updatedConfiguration(current, params, clockOf(context));
  if (changed) context.store.replace(context.scope, configuration);
  return renderConfiguration(configuration, expand, versionOf(context));
}

/** An out-of-band (Dashboard) edit: the update semantics, answered with every expandable list included. */
export function editConfiguration(context: ServiceContext, id: string, raw: unknown): JsonObject {
  updateConfiguration(context, id, raw);
  return renderConfiguration(findConfiguration(context, id), EXPAND_PATHS, versionOf(context));
}

export function listConfigurations(context: ServiceContext, raw: unknown): JsonObject {
  const params = decodeParams(listConfigurationsParams, raw, { requireTopLevel: false });
  const expand = expandUnder("data", checkExpand(params.expand, LIST_EXPANDABLE));
  const newestFirst = context.store.all(context.scope).reverse();
  const keep = (configuration: JsonObject) =>
    (params.active === undefined || configuration.active === params.active) &&
    (params.is_default === undefined || configuration.is_default === params.is_default);
  const page = pageOf(
    newestFirst,
    keep,
    {
      limit: (params.limit as number | undefined) ?? 10,
      startingAfter: params.starting_after as string | undefined,
      endingBefore: params.ending_before as string | undefined,
    },
    "configuration",
  );
  return {
    object: "list",
    data: page.data.map((configuration) => renderConfiguration(configuration, expand, versionOf(context))),
    has_more: page.hasMore,
    url: "/v1/billing_portal/configurations",
  };
}

/** Everything in a scope as Stripe objects with every expandable list included, newest first. */
export function allConfigurations(context: ServiceContext): JsonObject[] {
  return context.store
    .all(context.scope)
    .reverse()
    .map((configuration) => renderConfiguration(configuration, EXPAND_PATHS, versionOf(context)));
}
