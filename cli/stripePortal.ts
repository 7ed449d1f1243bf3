#!/usr/bin/env node
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { parseArgs } from "util";
import { listConfigurations, StripeConfiguration } from "../provider/configurationsApi";
import { DEFAULT_RETRY_POLICY } from "../provider/retryPolicy";
import { StripeSettings } from "../provider/settings";
import { StripeClient } from "../provider/stripeClient";
import { StripeApiError } from "../provider/stripeError";
import { ObjectNode } from "../provider/schema";
import { CheckFailure, validateFields } from "../provider/validateFields";
import { FlowDataParams, PortalSessionParams, PortalSessionParamsError, portalSessionFailures, postPortalSession, sessionSettings } from "../sdk/portalSession";

/** The command line: look at what a configuration gives a customer, and find ids to adopt. */
export const SYNOPSIS = `Usage:
  stripe-portal session --customer cus_... [--configuration bpc_...] [--return-url URL]
                        [--locale fr] [--flow TYPE [--subscription sub_...]]
                        [--account acct_...] [--json]
  stripe-portal configurations list [--active] [--account acct_...] [--json]
  stripe-portal --help | --version`;

/** The whole help text, printed by --help. */
export const USAGE = `${SYNOPSIS}

Commands:
  session               creates a portal session and prints its URL (the session with --json)
  configurations list   lists the account's portal configurations (JSON with --json)

Session options:
  --customer cus_...        the customer the session is for (required)
  --configuration bpc_...   the configuration (default: the account's default configuration)
  --return-url URL          where the portal's return link goes
                            (default: the configuration's default return URL)
  --locale LOCALE           the portal's language, e.g. fr, en-GB, auto
  --flow TYPE               open one task directly: customer_update, payment_method_update,
                            subscription_cancel, subscription_pause or subscription_update
  --subscription sub_...    the subscription a subscription_* flow is about

Options of every command:
  --account acct_...   act on a connected account (default: STRIPE_ACCOUNT)
  --json               print JSON instead of text
  -h, --help           print this help

Environment:
  STRIPE_API_KEY       the secret or restricted key (required; never printed)
  STRIPE_API_BASE      another API base, e.g. the local emulator (default: https://api.stripe.com)
  STRIPE_API_VERSION   another Stripe-Version (default: the pinned version)
  STRIPE_ACCOUNT       a connected account to act on

Exit codes: 0 done, 1 Stripe refused, the parameters are invalid or no key is set, 2 wrong usage.`;

/** What a CLI user reads when no key is set: the command line reads the environment only, not stack config. */
export const CLI_MISSING_KEY_MESSAGE =
  "No Stripe API key is set. Set the STRIPE_API_KEY environment variable (e.g. `export STRIPE_API_KEY=sk_test_...`); " +
  "the command line does not read the Pulumi stack config (stripe:apiKey).";

/** What a run printed and how it ended; `main` is pure but for the Stripe call, so tests run it in-process too. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const OPTIONS = {
  customer: { type: "string" },
  configuration: { type: "string" },
  "return-url": { type: "string" },
  locale: { type: "string" },
  flow: { type: "string" },
  subscription: { type: "string" },
  account: { type: "string" },
  active: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

type Values = { [key in keyof typeof OPTIONS]?: (typeof OPTIONS)[key]["type"] extends "string" ? string : boolean };

/** The options each command takes, besides --help. */
const COMMANDS: Record<string, (keyof typeof OPTIONS)[]> = {
  session: ["customer", "configuration", "return-url", "locale", "flow", "subscription", "account", "json"],
  "configurations list": ["active", "account", "json"],
};

/** The flows that name a subscription, and the object of `flowData` that carries it. */
const SUBSCRIPTION_FLOWS = {
  subscription_cancel: "subscriptionCancel",
  subscription_pause: "subscriptionPause",
  subscription_update: "subscriptionUpdate",
} as const;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const values = parsed.values as Values;
  const { positionals } = parsed;
  if (values.help) return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  if (values.version) return { code: 0, stdout: `${packageVersion()}\n`, stderr: "" };
  if (positionals.length === 0) return usageError("missing command");

  const command = positionals.join(" ");
  const allowed = COMMANDS[command];
  if (!allowed) return usageError(`unknown command: ${command}`);
  const misplaced = (Object.keys(values) as (keyof typeof OPTIONS)[]).filter((name) => values[name] !== undefined && !allowed.includes(name));
  if (misplaced.length > 0) return usageError(`${misplaced.map((name) => `--${name}`).join(", ")} ${misplaced.length === 1 ? "does" : "do"} not apply to \`${command}\``);
  const [badAccount] = validateFields(ACCOUNT_FLAG, { account: values.account });
  if (badAccount) return usageError(`--account ${badAccount.reason}`);

  try {
    if (command === "session") return await session(values, env);
    return await listCommand(values, env);
  } catch (error) {
    if (error instanceof StripeApiError) return failure(error.message);
    throw error;
  }
}

/**
 * `--account` names whom to act as, not a session parameter: a wrong one is a usage error (exit
 * 2), caught before anything is sent, in the words the SDK uses for any Stripe id.
 */
const ACCOUNT_FLAG: ObjectNode = { kind: "object", fields: { account: { kind: "string", default: null, prefix: "acct_", maxLength: 5000 } } };

async function session(values: Values, env: NodeJS.ProcessEnv): Promise<CliResult> {
  if (values.subscription !== undefined && subscriptionObject(values.flow) === undefined) {
    return usageError(`--subscription goes with --flow ${Object.keys(SUBSCRIPTION_FLOWS).join(", --flow ")}`);
  }
  const params = sessionParams(values);
  const failures = portalSessionFailures(params).map((failure) =>
    failure.property === "flowData.subscriptionUpdateConfirm"
      ? { property: "flowData.type", reason: "subscription_update_confirm needs subscription items, which only the SDK's createPortalSession takes" }
      : failure,
  );
  if (failures.length > 0) return failure(`invalid session parameters: ${failures.map(describeFailure).join("; ")}`);
  const settings = sessionSettings({ stripeAccount: values.account }, env);
  if (!settings.apiKey) return failure(CLI_MISSING_KEY_MESSAGE);
  try {
    const created = await postPortalSession(cliClient(settings), params);
    return { code: 0, stdout: values.json ? `${JSON.stringify(created, null, 2)}\n` : `${created.url}\n`, stderr: "" };
  } catch (error) {
    // Checked above; kept so that a rule added to the SDK alone still ends as exit 1.
    if (error instanceof PortalSessionParamsError) return failure(`invalid session parameters: ${error.failures.map(describeFailure).join("; ")}`);
    throw error;
  }
}

async function listCommand(values: Values, env: NodeJS.ProcessEnv): Promise<CliResult> {
  const settings = sessionSettings({ stripeAccount: values.account }, env);
  if (!settings.apiKey) return failure(CLI_MISSING_KEY_MESSAGE);
  const client = cliClient(settings);
  const configurations: StripeConfiguration[] = [];
  // Every page, so that no id to adopt is left out.
  for (let startingAfter: string | undefined; ; ) {
    const page = await listConfigurations(client, { ...(values.active ? { active: true } : {}), limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) });
    configurations.push(...page.data);
    if (!page.has_more || page.data.length === 0) break;
    startingAfter = page.data[page.data.length - 1].id;
  }
  return { code: 0, stdout: values.json ? `${JSON.stringify(configurations, null, 2)}\n` : configurationTable(configurations), stderr: "" };
}

/** A person is waiting: Stripe's own library's two retries, not the provider's six. */
const CLI_RETRIES = 2;

function cliClient(settings: StripeSettings): StripeClient {
  return new StripeClient(settings, { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: CLI_RETRIES } });
}

function failure(message: string): CliResult {
  return { code: 1, stdout: "", stderr: `stripe-portal: ${message}\n` };
}

function usageError(message: string): CliResult {
  return { code: 2, stdout: "", stderr: `stripe-portal: ${message}\n\n${SYNOPSIS}\n\nRun \`stripe-portal --help\` for the options.\n` };
}

function sessionParams(values: Values): PortalSessionParams {
  const params: PortalSessionParams = {
    customer: values.customer,
    configuration: values.configuration,
    returnUrl: values["return-url"],
    locale: values.locale as PortalSessionParams["locale"],
  };
  const flow = values.flow;
  if (flow !== undefined) {
    const object = subscriptionObject(flow);
    // Built from flags, so not known to fit a flow's type: portalSessionFailures judges it as it does a JavaScript caller's.
    params.flowData = { type: flow, ...(object && values.subscription !== undefined ? { [object]: { subscription: values.subscription } } : {}) } as FlowDataParams;
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

/** One row per configuration: the columns that tell them apart. */
export function configurationTable(configurations: StripeConfiguration[]): string {
  const rows = [
    ["ID", "ACTIVE", "DEFAULT", "NAME", "HEADLINE"],
    ...configurations.map((c) => [
      c.id,
      c.active ? "yes" : "no",
      c.is_default ? "yes" : "no",
      typeof c.name === "string" ? oneLine(c.name) : "-",
      typeof (c.business_profile as { headline?: unknown })?.headline === "string" ? oneLine((c.business_profile as { headline: string }).headline) : "-",
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n") + "\n";
}

/** Keeps a table row on one line whatever a name or headline holds. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim() || "-";
}

/** This package's version, from the package.json above the running file (source or dist). */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "pulumi-stripe-portal" && manifest.version) return manifest.version;
    }
    if (dirname(dir) === dir) return "unknown";
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (result) => {
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      process.exitCode = result.code;
    },
    (error: Error) => {
      process.stderr.write(`stripe-portal: unexpected error: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
