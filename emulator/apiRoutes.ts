/** The `/v1` routes the emulator serves: which endpoint a method and path name, and running it. */
import type { Permission } from "./auth";
import {
  createConfiguration,
  listConfigurations,
  retrieveConfiguration,
  updateConfiguration,
  type ServiceContext,
} from "./configurationService";
import type { JsonObject } from "./jsonValue";
import type { SessionRegistry } from "./sessionRegistry";
import { createSession } from "./sessionService";

export type RouteName = "createConfiguration" | "retrieveConfiguration" | "updateConfiguration" | "listConfigurations" | "createSession";

export interface ApiRoute {
  name: RouteName;
  /** The object id in the path, for retrieve and update. */
  id?: string;
  /** What a restricted key needs: GETs read, POSTs write. */
  permission: Permission;
  /** The resource part of Stripe's permission name (`rak_<resource>_<permission>`). */
  resource: string;
}

const CONFIGURATIONS = "/v1/billing_portal/configurations";

/** The endpoint for a method and path, or undefined for Stripe's "Unrecognized request URL". */
export function matchRoute(method: string, path: string): ApiRoute | undefined {
  const configuration = { resource: "billing_portal_configuration" };
  if (path === CONFIGURATIONS) {
    if (method === "POST") return { name: "createConfiguration", permission: "write", ...configuration };
    if (method === "GET") return { name: "listConfigurations", permission: "read", ...configuration };
  }
  const item = new RegExp(`^${CONFIGURATIONS}/([^/]+)$`).exec(path);
  if (item) {
    const id = decodeURIComponent(item[1]);
    if (method === "GET") return { name: "retrieveConfiguration", id, permission: "read", ...configuration };
    if (method === "POST") return { name: "updateConfiguration", id, permission: "write", ...configuration };
  }
  if (path === "/v1/billing_portal/sessions" && method === "POST") {
    return { name: "createSession", permission: "write", resource: "billing_portal_session" };
  }
  return undefined;
}

/** Runs an endpoint on raw (qs-decoded) parameters; refusals are thrown as `StripeError`s. */
export function runRoute(route: ApiRoute, context: ServiceContext & { sessions: SessionRegistry }, params: unknown): { status: number; body: JsonObject } {
  switch (route.name) {
    case "createConfiguration":
      return { status: 200, body: createConfiguration(context, params) };
    case "retrieveConfiguration":
      return { status: 200, body: retrieveConfiguration(context, route.id as string, params) };
    case "updateConfiguration":
      return { status: 200, body: updateConfiguration(context, route.id as string, params) };
    case "listConfigurations":
      return { status: 200, body: listConfigurations(context, params) };
    case "createSession":
      return { status: 200, body: createSession(context, params) };
  }
}
