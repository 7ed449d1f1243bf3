/**
 * `stripe-portal configurations orphans`: the active configurations of an account that a Pulumi
 * state does not hold. A create that a crash interrupted is answered again for 24 hours (its
 * idempotency key, provider/createIdentity.ts), so `pulumi up` never makes a second one then; this
 * finds what was left before that existed, or after those 24 hours, and can deactivate it.
 */
import { listAllConfigurations, StripeConfiguration, updateConfiguration } from "../provider/configurationsApi";
import { StripeApiError } from "../provider/stripeError";
import { sessionSettings } from "../sdk/portalSession";
import { CLI_MISSING_KEY_MESSAGE, cliClient, CliResult, done, failure, usageError } from "./cliResult";
import { table, textOf } from "./listCommand";
import { HeldConfiguration, heldConfigurations } from "./stackExport";

/** The flags of `configurations orphans`, as stripePortal.ts parsed them. */
export interface OrphansOptions {
  /** The `pulumi stack export` file whose resources count as held. */
  state?: string;
  /** A connected account to look in (else STRIPE_ACCOUNT, else the platform's). */
  account?: string;
  /** Deactivate the orphans found, after a confirmation. */
  deactivate?: boolean;
  /** With deactivate: no confirmation. */
  yes?: boolean;
  /** One JSON document on stdout (`OrphansReport`) instead of text. */
  json?: boolean;
}

/** Asks a yes/no question on the terminal; undefined when there is no terminal to ask on. */
export type Confirm = (question: string) => Promise<boolean | undefined>;

/** One configuration the state does not hold. */
export interface Orphan {
  id: string;
  name: string | null;
  /** Creation time, ISO 8601 (UTC). */
  created: string;
  /** The resources of the state with the same name: most likely the ones a crash left it beside. */
  sameNameAs: string[];
}

/** What `--json` prints, whatever happened: one document, so that stdout always parses. */
export interface OrphansReport {
  orphans: Orphan[];
  /** The ids deactivated, in the order of `orphans`; empty without `--deactivate` or its confirmation. */
  deactivated: string[];
  /** The deactivations Stripe refused, with its message. */
  failed: { id: string; error: string }[];
}

/**
 * Lists the account's active configurations that the state does not hold and, with --deactivate
 * and a yes, deactivates them; a refused deactivation is exit 1 after trying the rest.
 */
export async function orphansCommand(options: OrphansOptions, env: NodeJS.ProcessEnv, confirm: Confirm): Promise<CliResult> {
  if (options.state === undefined) return usageError("configurations orphans needs --state FILE (the output of `pulumi stack export`)");
  if (options.yes && !options.deactivate) return usageError("--yes goes with --deactivate");
  let held: HeldConfiguration[];
  try {
    held = heldConfigurations(options.state);
  } catch (error) {
    return failure((error as Error).message);
  }
  const settings = sessionSettings({ stripeAccount: options.account }, env);
  if (!settings.apiKey) return failure(CLI_MISSING_KEY_MESSAGE);
  const account = settings.account ?? null;
  const client = cliClient(settings);
  const mine = held.filter((resource) => resource.account === account);
  const orphans = findOrphans(await listAllConfigurations(client, { active: true }), mine);

  const where = account ? `account ${account}` : "the platform account";
  const listing =
    orphans.length === 0
      ? `No orphan: every active configuration of ${where} but its default is held by ${options.state}.\n`
      : `${orphans.length} active configuration${orphans.length === 1 ? "" : "s"} of ${where} not held by ${options.state}:\n${orphanTable(orphans)}`;
  // stdout: the JSON report, or the listing and what was done.
  const output = (deactivated: string[] = [], failed: OrphansReport["failed"] = [], text = "") =>
    options.json ? `${JSON.stringify({ orphans, deactivated, failed } satisfies OrphansReport, null, 2)}\n` : `${listing}${text}`;
  if (!options.deactivate || orphans.length === 0) return done(output());

  const question = `Deactivate these ${orphans.length} configuration${orphans.length === 1 ? "" : "s"}? Sessions can no longer use them. [y/N] `;
  const agreed = options.yes ? true : await confirm(question);
  if (agreed === undefined) return { ...usageError("--deactivate asks for confirmation on a terminal: add --yes to run it without one"), stdout: output() };
  if (!agreed) return done(output([], [], "Nothing deactivated.\n"));
  const deactivated: string[] = [];
  const failed: OrphansReport["failed"] = [];
  for (const orphan of orphans) {
    try {
      await updateConfiguration(client, orphan.id, { active: false });
      deactivated.push(orphan.id);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      failed.push({ id: orphan.id, error: error.message });
    }
  }
  const stdout = output(deactivated, failed, deactivated.map((id) => `deactivated ${id}\n`).join(""));
  return failed.length === 0 ? done(stdout) : failure(`could not deactivate ${failed.map(({ id, error }) => `${id}: ${error}`).join("; ")}`, stdout);
}

/** The active configurations not held, the account's default aside (Stripe cannot deactivate it), oldest first. */
export function findOrphans(active: StripeConfiguration[], held: HeldConfiguration[]): Orphan[] {
  const heldIds = new Set(held.map((resource) => resource.id));
  return active
    .filter((configuration) => configuration.active && !configuration.is_default && !heldIds.has(configuration.id))
    .sort((a, b) => a.created - b.created)
    .map((configuration) => {
      const name = typeof configuration.name === "string" ? configuration.name : null;
      return {
        id: configuration.id,
        name,
        created: new Date(configuration.created * 1000).toISOString(),
        sameNameAs: name === null ? [] : held.filter((resource) => resource.name === name).map((resource) => resource.urn),
      };
    });
}

function orphanTable(orphans: Orphan[]): string {
  return table([
    ["ID", "CREATED", "NAME", "SAME NAME AS"],
    ...orphans.map((orphan) => [orphan.id, orphan.created, textOf(orphan.name), orphan.sameNameAs.map((urn) => urn.split("::").pop()).join(", ") || "-"]),
  ]);
}
