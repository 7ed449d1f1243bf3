/** What `POST /v1/billing_portal/sessions` does: validate, resolve the configuration, create and remember the session. */
import { newSession } from "./sessionObject";
import { renderConfiguration } from "./configurationObject";
import { findConfiguration, type ServiceContext } from "./configurationService";
import { checkExpand, expandUnder } from "./expand";
import type { JsonObject } from "./jsonValue";
import { newObjectId, randomAlphanumeric } from "./objectIds";
import { createSessionParams, SESSION_EXPANDABLE } from "./routeParams";
import type { SessionRegistry } from "./sessionRegistry";
import { checkSessionConfiguration, checkSessionParams, resolveReturnUrl } from "./sessionRules";
import { decodeParams } from "./validateParams";

export function createSession(context: ServiceContext & { sessions: SessionRegistry }, raw: unknown): JsonObject {
  const params = decodeParams(createSessionParams, raw, { requireTopLevel: true });
  const expand = checkExpand(params.expand, SESSION_EXPANDABLE);
  checkSessionParams(params);
  const configuration =
    typeof params.configuration === "string"
      ? findConfiguration(context, params.configuration)
      : context.store.defaultOf(context.scope);
  checkSessionConfiguration(params, configuration);
  const token = `${context.scope.livemode ? "live" : "test"}_${randomAlphanumeric(32)}`;
  const session = newSession(params, {
    id: newObjectId("bps_"),
    nowSeconds: context.nowSeconds,
    livemode: context.scope.livemode,
    configuration: expand.includes("configuration")
      ? renderConfiguration(configuration, expandUnder("configuration", expand), context.apiVersion)
      : (configuration.id as string),
    returnUrl: resolveReturnUrl(params, configuration),
    url: `${context.baseUrl}/p/session/${token}`,
  });
  context.sessions.add(token, { session, scope: context.scope });
  return session;
}
