/**
 * What the scripts that run the suite in another set-up (testOnNode.ts, testOnSdkFloor.ts) share:
 * the suite's exit code as theirs, and a failure before it started as one line.
 */
import type { SpawnSyncReturns } from "child_process";

/** The exit code of a finished child (1 when a signal ended it); throws when it could not start. */
export function exitCodeOf(result: SpawnSyncReturns<unknown>): number {
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Runs a script's `main` on its arguments and exits with its code; a thrown error is its message on stderr and exit 1. */
export function runMain(main: (args: string[]) => number): void {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
    process.exitCode = 1;
  }
}
