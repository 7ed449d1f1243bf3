/**
 * `npm run emulator`: serves the emulator until Ctrl-C.
 *
 *   --port N          (default 12111, stripe-mock's port)
 *   --host H          (default 127.0.0.1)
 *   --state FILE      keep configurations in FILE across restarts
 *   --rate-limit N    requests per second before 429s (25 mimics test mode)
 *   --accept-live-keys  let sk_live_/rk_live_ keys in, with separate live-mode data
 */
import { startEmulator, type EmulatorOptions } from "./index";

const USAGE = "usage: npm run emulator -- [--port 12111] [--host 127.0.0.1] [--state FILE] [--rate-limit N] [--accept-live-keys]";

/** Command-line arguments as emulator options, or an explanation of what is wrong. */
export function parseArguments(argv: readonly string[]): EmulatorOptions {
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
    else if (flag === "--help" || flag === "-h") throw new Error(USAGE);
    else throw new Error(`Unknown argument ${flag}. ${USAGE}`);
  }
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
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
