/** `stripe-portal configurations list`: the account's configurations, the ids to adopt. */
import { listAllConfigurations, StripeConfiguration } from "../provider/configurationsApi";
import { sessionSettings } from "../sdk/portalSession";
import { CLI_MISSING_KEY_MESSAGE, cliClient, CliResult, done, failure } from "./cliResult";

export interface ListOptions {
  active?: boolean;
  account?: string;
  json?: boolean;
}

export async function listCommand(options: ListOptions, env: NodeJS.ProcessEnv): Promise<CliResult> {
  const settings = sessionSettings({ stripeAccount: options.account }, env);
  if (!settings.apiKey) return failure(CLI_MISSING_KEY_MESSAGE);
  const configurations = await listAllConfigurations(cliClient(settings), options.active ? { active: true } : {});
  return done(options.json ? `${JSON.stringify(configurations, null, 2)}\n` : configurationTable(configurations));
}

/** One row per configuration: the columns that tell them apart. */
export function configurationTable(configurations: StripeConfiguration[]): string {
  return table([
    ["ID", "ACTIVE", "DEFAULT", "NAME", "HEADLINE"],
    ...configurations.map((c) => [
      c.id,
      c.active ? "yes" : "no",
      c.is_default ? "yes" : "no",
      textOf(c.name),
      textOf((c.business_profile as { headline?: unknown } | null)?.headline),
    ]),
  ]);
}

/** Rows as aligned columns, two spaces apart. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n") + "\n";
}

/** A name or headline on one line whatever it holds; `-` for none. */
export function textOf(value: unknown): string {
  return typeof value === "string" ? value.replace(/\s+/g, " ").trim() || "-" : "-";
}
