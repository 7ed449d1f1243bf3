/**
 * The `@pulumi/pulumi` release whose dynamic-provider host runs this provider: the program's own
 * (or, in an SST app, SST's in `.sst/platform`), which need not be the copy this package resolves.
 * Releases before 3.216.0 drop the inputs a refresh returns (their host's `read` does not pass
 * `ReadResult.inputs` on), so after a refresh the engine still holds the old declaration as the
 * inputs, and its own comparison of old and new inputs would find no change to correct.
 */
import { packageVersionAt } from "../packageVersion";

/** The first release whose host keeps the inputs a refresh returns. */
export const REFRESHED_INPUTS_SINCE = "3.216.0";

/** The host's release, from the path of its main module (`…/@pulumi/pulumi/cmd/dynamic-provider/index.js`); undefined outside a host. */
export function hostRelease(mainModule: string | undefined = require.main?.filename): string | undefined {
  const match = mainModule === undefined ? null : /^(.*[\\/]@pulumi[\\/]pulumi)[\\/]cmd[\\/]dynamic-provider[\\/]/.exec(mainModule);
  if (!match) return undefined;
  return packageVersionAt(match[1]);
}

/** Whether a host of `release` keeps the inputs a refresh returns (an unknown release is taken to). */
export function keepsRefreshedInputs(release: string | undefined): boolean {
  if (release === undefined) return true;
  const [major, minor] = release.split(".").map(Number);
  const [sinceMajor, sinceMinor] = REFRESHED_INPUTS_SINCE.split(".").map(Number);
  return major > sinceMajor || (major === sinceMajor && minor >= sinceMinor);
}
