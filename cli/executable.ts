/**
 * Whether a file can be run, for the tools this package looks for (Chromium for `render --png`)
 * and the repository's scripts (the Pulumi CLI, Go tools): one place, under cli/ so that the
 * published build has it and scripts/ can import it.
 */
import { accessSync, constants, statSync } from "fs";

/** A regular file this process may run (Windows has no execute bit: any file there). */
export function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== "win32") accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
