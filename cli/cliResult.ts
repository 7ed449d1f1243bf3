/** What a command printed and how it ended, and the few ways a command ends. */
import { DEFAULT_RETRY_POLICY } from "../provider/retryPolicy";
import { StripeSettings } from "../provider/settings";
import { StripeClient } from "../provider/stripeClient";

/** What a run printed and how it ended; commands are pure but for their Stripe calls, so tests run them in-process too. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The short usage, printed after a usage error. */
export const SYNOPSIS = `Usage:
  stripe-portal session --customer cus_... [--configuration bpc_...] [--return-url URL]
                        [--locale fr] [--flow TYPE [--subscription sub_...]]
                        [--account acct_...] [--json]
  stripe-portal configurations list [--active] [--account acct_...] [--json | --import-file FILE]
  stripe-portal configurations orphans --state FILE [--account acct_...]
                                       [--deactivate [--yes]] [--json]
  stripe-portal render PREVIEW_JSON --out DIR [--png]
  stripe-portal --help | --version`;

/** What a CLI user reads when no key is set: the command line reads the environment only, not stack config. */
export const CLI_MISSING_KEY_MESSAGE =
  "No Stripe API key is set. Set the STRIPE_API_KEY environment variable (e.g. `export STRIPE_API_KEY=sk_test_...`); " +
  "the command line does not read the Pulumi stack config (stripe:apiKey).";

/** Exit 0 with this output. */
export function done(stdout: string): CliResult {
  return { code: 0, stdout, stderr: "" };
}

/** Exit 1: Stripe refused, the parameters or the preview file are invalid, or no key is set. */
export function failure(message: string, stdout = ""): CliResult {
  return { code: 1, stdout, stderr: `stripe-portal: ${message}\n` };
}

/** Exit 2: wrong usage, with the synopsis. */
export function usageError(message: string): CliResult {
  return { code: 2, stdout: "", stderr: `stripe-portal: ${message}\n\n${SYNOPSIS}\n\nRun \`stripe-portal --help\` for the options.\n` };
}

/** A person is waiting: Stripe's own library's two retries, not the provider's six. */
const CLI_RETRIES = 2;

/** The client every command uses. */
export function cliClient(settings: StripeSettings): StripeClient {
  return new StripeClient(settings, { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: CLI_RETRIES } });
}
