/**
 * `stripe-portal configurations list`: the account's configurations, the ids to adopt; with
 * `--import-file`, a file for `pulumi import --file` that brings every one of them under Pulumi
 * through the native plugin.
 */
import { writeFileSync } from "fs";
import { listAllConfigurations, StripeConfiguration } from "../provider/configurationsApi";
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../provider/resourceTypes";
import { sessionSettings } from "../sdk/portalSession";
import { CLI_MISSING_KEY_MESSAGE, cliClient, CliResult, done, failure, usageError } from "./cliResult";
import { uniqueNames } from "./uniqueNames";

/** The flags of `configurations list`, as stripePortal.ts parsed them. */
export interface ListOptions {
  /** Only the active configurations (`active=true` on the request). */
  active?: boolean;
  /** A connected account whose configurations to list (else STRIPE_ACCOUNT, else the platform's). */
  account?: string;
  /** Stripe's configuration objects as JSON instead of the table. */
  json?: boolean;
  /** Write a `pulumi import --file` file here instead of listing. */
  "import-file"?: string;
}

/** Lists the account's configurations, or writes them into a file for `pulumi import --file`. */
export async function listCommand(options: ListOptions, env: NodeJS.ProcessEnv): Promise<CliResult> {
  // --import-file's stdout is a line of text about the file; --json would promise JSON there.
  if (options.json && options["import-file"] !== undefined) return usageError("--json and --import-file do not go together: --import-file prints what it wrote, as text");
  const settings = sessionSettings({ stripeAccount: options.account }, env);
  if (!settings.apiKey) return failure(CLI_MISSING_KEY_MESSAGE);
  const configurations = await listAllConfigurations(cliClient(settings), options.active ? { active: true } : {});
  const file = options["import-file"];
  if (file !== undefined) {
    const resources = importResources(configurations, settings.account);
    writeFileSync(file, `${JSON.stringify({ resources }, null, 2)}\n`);
    return done(`Wrote ${resources.length} configuration${resources.length === 1 ? "" : "s"} to ${file}. Bring them under Pulumi with:\n  pulumi import --file ${file}\n`);
  }
  return done(options.json ? `${JSON.stringify(configurations, null, 2)}\n` : configurationTable(configurations));
}

/** One resource of a `pulumi import --file` file. */
export interface ImportResource {
  type: string;
  name: string;
  /** The import id: the configuration's, after its connected account's and a slash. */
  id: string;
}

/**
 * The resources of `pulumi import --file`, one per configuration, oldest first: named after the
 * configuration's name (the default configuration `default-portal`, one without a name after its
 * id), each name once (the older of two namesakes keeps the plain name).
 */
export function importResources(configurations: StripeConfiguration[], account: string | undefined): ImportResource[] {
  const oldestFirst = [...configurations].sort((a, b) => a.created - b.created);
  const names = uniqueNames(
    oldestFirst.map((configuration) => (configuration.is_default ? "default-portal" : slug(configuration.name) || configuration.id.toLowerCase().replace(/_/g, "-"))),
  );
  return oldestFirst.map((configuration, i) => ({
    type: PLUGIN_PORTAL_CONFIGURATION_TYPE,
    name: names[i],
    id: account ? `${account}/${configuration.id}` : configuration.id,
  }));
}

/** `Self-serve customers` -> `self-serve-customers`: a resource name a program can hold. */
function slug(value: unknown): string {
  return typeof value === "string" ? value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") : "";
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
