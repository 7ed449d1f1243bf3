/**
 * Whether the Pulumi engine this provider process works for is still there. Killed (`kill -9` of
 * the CLI), it leaves the provider process running, re-parented; every request still queued in
 * the rate-limit gate would then reach Stripe with no state ever recording its answer. So once the
 * engine is gone, the client sends nothing more (stripeClient.ts asks before every attempt) and
 * the process ends.
 *
 * How it is seen: the engine starts every plugin with a pipe on its standard input and never
 * writes to it or closes it (sdk/go/common/resource/plugin/plugin.go, `execPlugin`:
 * `cmd.StdinPipe()`); the pipe reaches end-of-file only when the engine's process is gone.
 */
import { fstatSync } from "fs";
import type { Readable } from "stream";

let goneReason: string | undefined;
let watching = false;

/** Why requests must not be sent any more, or undefined while the engine is there. */
export function engineGoneReason(): string | undefined {
  return goneReason;
}

/** The reason given to every request not sent once the engine is gone. */
export const ENGINE_GONE = "The Pulumi engine that started this provider is gone, so nothing more is sent to Stripe.";

/**
 * Watches standard input for the engine going away, once per process. A standard input that is not
 * a pipe (a terminal, /dev/null: the provider started by hand or by a test) tells nothing, and is
 * left alone.
 *
 * @param input the engine's pipe (default: standard input)
 * @param onGone what ends the process (default: exit at once; in-flight requests are dropped, and a
 *   create sent again later is answered with the configuration it made: createIdentity.ts)
 */
export function watchEngine(input: Readable = process.stdin, onGone: () => void = () => process.exit(0), isPipe: () => boolean = standardInputIsPipe): void {
  if (watching || !isPipe()) return;
  watching = true;
  const gone = () => {
    if (goneReason !== undefined) return;
    goneReason = ENGINE_GONE;
    onGone();
  };
  input.on("end", gone);
  input.on("close", gone);
  input.on("error", gone);
  // Read (and drop) whatever comes, so that end-of-file is seen.
  input.on("data", () => undefined);
  input.resume();
}

function standardInputIsPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}
