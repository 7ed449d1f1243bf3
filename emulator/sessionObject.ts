/** The `billing_portal.session` object, with its flow rendered from `sessionSchema`. */
import type { ObjectNode } from "../provider/schema";
import { sessionSchema } from "../provider/sessionSchema";
import { inStripeKeyOrder } from "./configurationObject";
import type { Json, JsonObject } from "./jsonValue";
import { renderTagged } from "./taggedUnions";
import type { DecodedObject } from "./validateParams";

export interface NewSessionContext {
  id: string;
  nowSeconds: number;
  livemode: boolean;
  /** The configuration id, or the configuration object when the request expanded it. */
  configuration: string | JsonObject;
  returnUrl: string;
  url: string;
}

const flowDataNode = sessionSchema.fields.flowData as ObjectNode;
const afterExpirationNode = sessionSchema.fields.afterExpiration as ObjectNode;

export function newSession(params: DecodedObject, context: NewSessionContext): JsonObject {
  const session: JsonObject = {
    id: context.id,
    object: "billing_portal.session",
    configuration: context.configuration,
    created: context.nowSeconds,
    customer: (params.customer as string | undefined) ?? null,
    customer_account: (params.customer_account as string | undefined) ?? null,
    flow: params.flow_data === undefined ? null : renderFlow(params.flow_data as DecodedObject),
    livemode: context.livemode,
    locale: (params.locale as string | undefined) ?? null,
    on_behalf_of: (params.on_behalf_of as string | undefined) ?? null,
    return_url: context.returnUrl,
    url: context.url,
  };
  if (params.after_expiration !== undefined) session.after_expiration = renderTagged(afterExpirationNode, params.after_expiration as DecodedObject);
  return inStripeKeyOrder(session) as JsonObject;
}

/**
 * The flow as Stripe answers it. `customer_update` is answered (null, or `{}` for that flow type)
 * although it takes no parameters, so it is the one key not found in the schema.
 */
function renderFlow(flowData: DecodedObject): Json {
  const flow = renderTagged(flowDataNode, flowData);
  flow.customer_update = flowData.type === "customer_update" ? {} : null;
  return flow;
}
