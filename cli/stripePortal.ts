#!/usr/bin/env node
/**
 * The command line: look at what a configuration gives a customer (session), find ids to adopt
 * (configurations list), find what a crash left (configurations orphans), and show reviewers what
 * a preview changes for customers (render). One file per command; this one reads the flags and
 * hands them over.
 */
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { createInterface } from "readline";
import { parseArgs } from "util";
import { ObjectNode } from "../provider/schema";
import { StripeApiError } from "../provider/stripeError";
import { validateFields } from "../provider/validateFields";
import { CliResult, failure, SYNOPSIS, usageError } from "./cliResult";
import { listCommand } from "./listCommand";
import { Confirm, orphansCommand } from "./orphansCommand";
import { CHROMIUM_COMMANDS } from "./render/screenshot";
import { renderCommand } from "./renderCommand";
import { sessionCommand } from "./sessionCommand";

export { SYNOPSIS, CLI_MISSING_KEY_MESSAGE, type CliResult } from "./cliResult";

/** The whole help text, printed by --help. */
export const USAGE = `${SYNOPSIS}

Commands:
  session                   creates a portal session and prints its URL (the session with --json)
  configurations list       lists the account's portal configurations (JSON with --json)
                            with --import-file FILE: writes FILE for \`pulumi import --file FILE\`,
                            which brings them all under Pulumi (the native plugin's resources)
  configurations orphans    lists the account's active configurations that a Pulumi state does
                            not hold (left by a crash more than 24 hours before the next up, or
                            before this version), with their names and creation times
  render                    reads the output of \`pulumi preview --json\` (PREVIEW_JSON) and
                            writes into DIR, for each portal configuration it creates, updates,
                            replaces or deletes, a page with the portal before and after side by
                            side (the changes marked) and summary.md (a sentence per change, for
                            a pull request's comment); sends nothing to Stripe, needs no key

Session options:
  --customer cus_...        the customer the session is for (required)
  --configuration bpc_...   the configuration (default: the account's default configuration)
  --return-url URL          where the portal's return link goes
                            (default: the configuration's default return URL)
  --locale LOCALE           the portal's language, e.g. fr, en-GB, auto
  --flow TYPE               open one task directly: customer_update, payment_method_update,
                            subscription_cancel, subscription_pause or subscription_update
  --subscription sub_...    the subscription a subscription_* flow is about

Orphans options:
  --state FILE              the stack's state: \`pulumi stack export > FILE\` (required)
  --deactivate              deactivate them, after a confirmation on the terminal
  --yes                     with --deactivate: no confirmation (for scripts)

Render options:
  --out DIR                 the folder for the pages and summary.md (required)
  --png                     also a PNG of each page, taken with Chromium (see CHROMIUM below);
                            where none is found, says so and skips them (exit 0)

Options of every command:
  --account acct_...   act on a connected account (default: STRIPE_ACCOUNT)
  --json               print JSON instead of text
  -h, --help           print this help

Environment:
  STRIPE_API_KEY       the secret or restricted key (required but by render; never printed)
  STRIPE_API_BASE      another API base, e.g. the local emulator (default: https://api.stripe.com)
  STRIPE_API_VERSION   another Stripe-Version (default: the pinned version)
  STRIPE_ACCOUNT       a connected account to act on
  CHROMIUM             the Chromium or Chrome that render --png runs (default: the first on
                       PATH of ${CHROMIUM_COMMANDS.join(", ")})

Exit codes: 0 done, 1 Stripe refused, bad parameters or preview file, or no key, 2 wrong usage.`;

const OPTIONS = {
  customer: { type: "string" },
  configuration: { type: "string" },
  "return-url": { type: "string" },
  locale: { type: "string" },
  flow: { type: "string" },
  subscription: { type: "string" },
  account: { type: "string" },
  active: { type: "boolean" },
  state: { type: "string" },
  "import-file": { type: "string" },
  deactivate: { type: "boolean" },
  yes: { type: "boolean" },
  out: { type: "string" },
  png: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

type Values = { [key in keyof typeof OPTIONS]?: (typeof OPTIONS)[key]["type"] extends "string" ? string : boolean };

/** The options each command takes, besides --help. */
const COMMANDS: Record<string, (keyof typeof OPTIONS)[]> = {
  session: ["customer", "configuration", "return-url", "locale", "flow", "subscription", "account", "json"],
  "configurations list": ["active", "account", "json", "import-file"],
  "configurations orphans": ["state", "account", "deactivate", "yes", "json"],
  render: ["out", "png"],
};

/**
 * Runs one command line. `confirm` asks the terminal a yes/no question (`--deactivate`); tests
 * answer it themselves.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, confirm: Confirm = terminalConfirm): Promise<CliResult> {
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

  // `render` takes its file as a positional argument; every other command is its words alone.
  const command = positionals[0] === "render" ? "render" : positionals.join(" ");
  const allowed = COMMANDS[command];
  if (!allowed) return usageError(`unknown command: ${command}`);
  const misplaced = (Object.keys(values) as (keyof typeof OPTIONS)[]).filter((name) => values[name] !== undefined && !allowed.includes(name));
  if (misplaced.length > 0) return usageError(`${misplaced.map((name) => `--${name}`).join(", ")} ${misplaced.length === 1 ? "does" : "do"} not apply to \`${command}\``);
  if (command === "render" && positionals.length > 2) return usageError(`render takes one preview file, not ${positionals.length - 1}`);
  const [badAccount] = validateFields(ACCOUNT_FLAG, { account: values.account });
  if (badAccount) return usageError(`--account ${badAccount.reason}`);

  try {
    if (command === "render") return await renderCommand({ preview: positionals[1], out: values.out, png: values.png }, env);
    if (command === "session") return await sessionCommand(values, env);
    if (command === "configurations orphans") return await orphansCommand(values, env, confirm);
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

/** A yes/no question on the terminal (on stderr, so that stdout stays the command's output); undefined without one. */
const terminalConfirm: Confirm = async (question) => {
  if (!process.stdin.isTTY) return undefined;
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => terminal.question(question, resolve));
  terminal.close();
  return /^y(es)?$/i.test(answer.trim());
};

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
