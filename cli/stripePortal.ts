#!/usr/bin/env node
import { parseArgs } from "util";
import { listConfigurations, StripeConfiguration } from "../provider/configurationsApi";
import { StripeClient } from "../provider/stripeClient";
import { StripeApiError } from "../provider/stripeError";
import { createPortalSession, PortalSessionParams, PortalSessionParamsError, sessionSettings } from "../sdk/portalSession";

/** The command line: look at what a configuration gives a customer, and find ids to adopt. */
export const USAGE = `Usage:
  stripe-portal session --customer cus_... [--configuration bpc_...] [--return-url URL]
                        [--locale fr] [--flow TYPE --subscription sub_...] [--json]
  stripe-portal configurations list [--active] [--json]
  stripe-portal --help

Creates a portal session (prints its URL, or the whole session with --json), or lists the
account's portal configurations as a table.

Common options:
  --account acct_...   act on a connected account (default: STRIPE_ACCOUNT)

Environment:
  STRIPE_API_KEY       the secret or restricted key (required)
  STRIPE_API_BASE      another API base, e.g. the local emulator (default: https://api.stripe.com)
  STRIPE_API_VERSION   another Stripe-Version (default: the pinned version)

Exit codes: 0 done, 1 Stripe refused or the parameters are invalid, 2 wrong usage.`;

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
} as const;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { code: values.help ? 0 : 2, stdout: values.help ? `${USAGE}\n` : "", stderr: values.help ? "" : `${USAGE}\n` };
  const options = { stripeAccount: values.account };
  try {
    if (positionals.length === 1 && positionals[0] === "session") {
      const session = await createPortalSession(sessionParams(values), { ...options, ...settingsFrom(env) });
      return { code: 0, stdout: values.json ? `${JSON.stringify(session, null, 2)}\n` : `${session.url}\n`, stderr: "" };
    }
    if (positionals.length === 2 && positionals[0] === "configurations" && positionals[1] === "list") {
      const client = new StripeClient(sessionSettings({ ...options, ...settingsFrom(env) }, env));
      const page = await listConfigurations(client, values.active ? { active: true, limit: 100 } : { limit: 100 });
      return { code: 0, stdout: values.json ? `${JSON.stringify(page.data, null, 2)}\n` : configurationTable(page.data), stderr: "" };
    }
    return usageError(`unknown command: ${positionals.join(" ")}`);
  } catch (error) {
    if (error instanceof StripeApiError || error instanceof PortalSessionParamsError) return { code: 1, stdout: "", stderr: `error: ${error.message}\n` };
    throw error;
  }
}

function settingsFrom(env: NodeJS.ProcessEnv) {
  return { apiKey: env.STRIPE_API_KEY, apiBase: env.STRIPE_API_BASE, apiVersion: env.STRIPE_API_VERSION, stripeAccount: env.STRIPE_ACCOUNT };
}

function usageError(message: string): CliResult {
  return { code: 2, stdout: "", stderr: `stripe-portal: ${message}\n\n${USAGE}\n` };
}

function sessionParams(values: { [key: string]: string | boolean | undefined }): PortalSessionParams {
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const params: PortalSessionParams = { customer: text("customer"), configuration: text("configuration"), returnUrl: text("return-url"), locale: text("locale") as PortalSessionParams["locale"] };
  const flow = text("flow");
  if (flow) {
    const subscription = text("subscription");
    const key = flow.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    params.flowData = { type: flow as NonNullable<PortalSessionParams["flowData"]>["type"], ...(subscription ? { [key]: { subscription } } : {}) };
  }
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as PortalSessionParams;
}

/** One row per configuration: the columns that tell them apart. */
export function configurationTable(configurations: StripeConfiguration[]): string {
  const rows = [
    ["ID", "ACTIVE", "DEFAULT", "NAME", "HEADLINE"],
    ...configurations.map((c) => [
      c.id,
      c.active ? "yes" : "no",
      c.is_default ? "yes" : "no",
      typeof c.name === "string" ? c.name : "-",
      typeof (c.business_profile as { headline?: unknown })?.headline === "string" ? ((c.business_profile as { headline: string }).headline) : "-",
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n") + "\n";
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
