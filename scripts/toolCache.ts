import * as os from "node:os";
import * as path from "node:path";

/**
 * `${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-portal`: the tools the tests need and the
 * repository does not hold (the Pulumi CLI built from Go modules, other Node lines), kept once
 * per machine. `scripts/ensure-stripe-mock.sh` uses the same folder.
 */
export function toolCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
  return path.join(base, "pulumi-stripe-portal");
}

/** A file that can be run: a tool found in the cache or on PATH (one definition, shared with the CLI). */
export { isExecutable } from "../cli/executable";
