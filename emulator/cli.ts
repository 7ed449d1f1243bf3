/**
 * `npm run emulator`: serves the emulator until Ctrl-C.
 *
 *   --port N          (default 12111, stripe-mock's port)
 *   --host H          (default 127.0.0.1)
 *   --state FILE      keep configurations and idempotency keys (24 h) in FILE across restarts
 *   --rate-limit N    requests per second before 429s (25 mimics test mode)
 *   --accept-live-keys  let sk_live_/rk_live_ keys in, with separate live-mode data
 *   --stripe-fixture-defaults  fill in left-out fields as Stripe's own fixtures do (metadata null, ...)
 *   --server-defaults FILE     fill in left-out fields from FILE, JSON {"dotted.wire.path": value}
 */
import * as fs from "node:fs";
import { startEmulator, STRIPE_FIXTURE_DEFAULTS, type EmulatorOptions, type ServerDefaults } from "./index";

const USAGE = "usage: npm run emulator -- [--port 12111] [--host 127.0.0.1] [--state FILE] [--rate-limit N] [--accept-live-keys] [--stripe-fixture-defaults] [--server-defaults FILE]";

/**
 * `--help`'s guidance, the same as the README's "Emulator or stripe-mock: which to use": the two
 * answer different questions, and the tests use both.
 */
export const WHICH_TO_USE = [
  "Emulator or stripe-mock: which to use",
  "  This emulator: a stateful stand-in for Stripe's billing-portal API at the pinned API version",
  "  (2026-10-28.endive). Configurations persist, updates merge, sessions open a portal page, and it",
  "  enforces Stripe's rules beyond the OpenAPI specification (limits, rules across fields, the",
  "  default configuration staying active), with faults, rate limits and a request log. Use it to",
  "  try programs (`pulumi up` against it), for demos, and for tests of behaviour.",
  "  stripe-mock (Stripe's own, github.com/stripe/stripe-mock; `npm test` builds the version that",
  "  scripts/ensure-stripe-mock.sh pins): keeps nothing and answers fixed fixtures, but checks every",
  "  request against Stripe's OpenAPI specification (API version 2026-08-26.dahlia: no",
  "  subscription_pause yet). Use it as the independent judge that requests have Stripe's shape,",
  "  not to see what a change does.",
  "  Where they judge differently, and why: tests/stripeMock/intendedDifferences.ts.",
].join("\n");

/** Command-line arguments as emulator options, or an explanation of what is wrong. `readFile` reads `--server-defaults`' file. */
export function parseArguments(argv: readonly string[], readFile: (path: string) => string = (path) => fs.readFileSync(path, "utf8")): EmulatorOptions {
  const options: EmulatorOptions = { port: 12111 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value. ${USAGE}`);
      return next;
    };
    const whole = (text: string) => {
      if (!/^\d+$/.test(text)) throw new Error(`${flag} needs a whole number, not ${JSON.stringify(text)}.`);
      return Number(text);
    };
    if (flag === "--port") options.port = whole(value());
    else if (flag === "--host") options.host = value();
    else if (flag === "--state") options.stateFile = value();
    else if (flag === "--rate-limit") options.rateLimit = whole(value());
    else if (flag === "--accept-live-keys") options.acceptLiveKeys = true;
    else if (flag === "--stripe-fixture-defaults") options.serverDefaults = { ...STRIPE_FIXTURE_DEFAULTS, ...options.serverDefaults };
    else if (flag === "--server-defaults") options.serverDefaults = { ...options.serverDefaults, ...serverDefaultsFile(value(), readFile) };
    else if (flag === "--help" || flag === "-h") throw new Error(`${USAGE}\n\n${WHICH_TO_USE}`);
    else throw new Error(`Unknown argument ${flag}. ${USAGE}`);
  }
  return options;
}

/** The JSON object of `--server-defaults FILE`; the paths and values are checked when the emulator starts. */
function serverDefaultsFile(path: string, readFile: (path: string) => string): ServerDefaults {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFile(path));
  } catch (error) {
    throw new Error(`--server-defaults ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--server-defaults ${path}: expected a JSON object of {"dotted.wire.path": value}, e.g. {"features.subscription_cancel.cancellation_reason.options": []}.`);
  }
  return parsed as ServerDefaults;
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    const asked = process.argv.slice(2).some((flag) => flag === "--help" || flag === "-h");
    // Help that was asked for is an answer (stdout, success), not a usage error.
    if (asked) console.log((error as Error).message);
    else console.error((error as Error).message);
    process.exitCode = asked ? 0 : 2;
    return;
  }
  const emulator = await startEmulator(options);
  console.log(`Stripe billing-portal emulator listening on ${emulator.url}`);
  console.log(`  state: ${options.stateFile ?? "in memory"}; rate limit: ${options.rateLimit ? `${options.rateLimit}/s` : "off"}`);
  console.log("Point the provider at it:");
  console.log(`  export STRIPE_API_BASE=${emulator.url}`);
  console.log("  export STRIPE_API_KEY=sk_test_emulator   # any sk_test_ key works");
  console.log(`Control routes: ${emulator.url}/_emulator (requests, faults, rate-limit, configurations)`);
  const stop = () => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
