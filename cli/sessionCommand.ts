/** `stripe-portal session`: a portal session for a customer, as the SDK's `createPortalSession` makes one. */
import { CheckFailure } from "../provider/validateFields";
import { FlowDataParams, PortalSessionParams, PortalSessionParamsError, portalSessionFailures, postPortalSession, sessionSettings } from "../sdk/portalSession";
import { CLI_MISSING_KEY_MESSAGE, cliClient, CliResult, done, failure, usageError } from "./cliResult";

/** The flags of `session`, as stripePortal.ts parsed them; each checked as the SDK checks its parameter. */
export interface SessionOptions {
  /** The customer (`cus_…`); required. */
  customer?: string;
  /** The configuration (`bpc_…`); else the account's default. */
  configuration?: string;
  /** Where the portal's return link goes; else the configuration's default return URL. */
  "return-url"?: string;
  /** The portal's language (`fr`, `en-GB`, `auto`). */
  locale?: string;
  /** A flow type, opening one task directly. */
  flow?: string;
  /** The subscription of a `subscription_*` flow. */
  subscription?: string;
  /** A connected account to act on (else STRIPE_ACCOUNT). */
  account?: string;
  /** The whole session as JSON instead of its URL. */
  json?: boolean;
}

/** The flows that name a subscription, and the object of `flowData` that carries it. */
const SUBSCRIPTION_FLOWS = {
  subscription_cancel: "subscriptionCancel",
  subscription_pause: "subscriptionPause",
  subscription_update: "subscriptionUpdate",
} as const;

/** Creates a portal session and prints its URL (the session with --json); parameters the SDK would refuse fail before anything is sent. */
export async function sessionCommand(options: SessionOptions, env: NodeJS.ProcessEnv): Promise<CliResult> {
  if (options.subscription !== undefined && subscriptionObject(options.flow) === undefined) {
    return usageError(`--subscription goes with --flow ${Object.keys(SUBSCRIPTION_FLOWS).join(", --flow ")}`);
  }
  const params = sessionParams(options);
  const failures = portalSessionFailures(params).map((failure) =>
    failure.property === "flowData.subscriptionUpdateConfirm"
      ? { property: "flowData.type", reason: "subscription_update_confirm needs subscription items, which only the SDK's createPortalSession takes" }
      : failure,
  );
  if (failures.length > 0) return failure(`invalid session parameters: ${failures.map(describeFailure).join("; ")}`);
  const settings = sessionSettings({ stripeAccount: options.account }, env);
  if (!settings.apiKey) return failure(CLI_MISSING_KEY_MESSAGE);
  try {
    const created = await postPortalSession(cliClient(settings), params);
    return done(options.json ? `${JSON.stringify(created, null, 2)}\n` : `${created.url}\n`);
  } catch (error) {
    // Checked above; kept so that a rule added to the SDK alone still ends as exit 1.
    if (error instanceof PortalSessionParamsError) return failure(`invalid session parameters: ${error.failures.map(describeFailure).join("; ")}`);
    throw error;
  }
}

function sessionParams(options: SessionOptions): PortalSessionParams {
  const params: PortalSessionParams = {
    customer: options.customer,
    configuration: options.configuration,
    returnUrl: options["return-url"],
    locale: options.locale as PortalSessionParams["locale"],
  };
  const flow = options.flow;
  if (flow !== undefined) {
    const object = subscriptionObject(flow);
    // Built from flags, so not known to fit a flow's type: portalSessionFailures judges it as it does a JavaScript caller's.
    params.flowData = { type: flow, ...(object && options.subscription !== undefined ? { [object]: { subscription: options.subscription } } : {}) } as FlowDataParams;
  }
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as PortalSessionParams;
}

/** The `flowData` object that names the subscription of a flow, for the flows that have one. */
function subscriptionObject(flow: string | undefined): string | undefined {
  return flow !== undefined && Object.hasOwn(SUBSCRIPTION_FLOWS, flow) ? SUBSCRIPTION_FLOWS[flow as keyof typeof SUBSCRIPTION_FLOWS] : undefined;
}

/** A failure in the words of the command line: the flag, not the SDK's parameter. */
function describeFailure(failure: CheckFailure): string {
  const { property, reason } = failure;
  if (property === "customer" && reason.startsWith("is required")) return "--customer is required";
  const objectMissing = /^flowData\.(subscription\w+)$/.exec(property);
  if (objectMissing && reason.startsWith("is required")) return `--subscription is required with --flow ${String(reason.match(/"(\w+)"/)?.[1])}`;
  const flags: Record<string, string> = { customer: "--customer", configuration: "--configuration", returnUrl: "--return-url", locale: "--locale", "flowData.type": "--flow" };
  const flag = flags[property] ?? (/^flowData\.subscription\w+\.subscription$/.test(property) ? "--subscription" : property);
  return `${flag} ${reason}`;
}
