/** Timeouts and small helpers shared by the real-engine test files. */
import { findPulumiCli } from "../../../scripts/pulumiCli";
import { installedPackage } from "../../engine/harness/installedPackage";
import { hostKeepsRefreshedInputs as keepsProgramRefreshedInputs } from "../../engine/harness/testing";

/**
 * The first file of a run may build, pack and install the package, and, where `npm test`'s set-up
 * did not run, build the Pulumi CLI (several minutes on 2 cores, printed as it goes).
 */
export const SETUP_TIMEOUT_MS = 20 * 60_000;
/** A test runs a few CLI commands of a second or two each. */
export const TEST_TIMEOUT_MS = 120_000;

/** Finds (or builds) the CLI and the installed package before the first stack is made. */
export async function prepareRealEngine(): Promise<void> {
  await Promise.all([findPulumiCli((line) => process.stderr.write(`${line}\n`)), installedPackage()]);
}

/** Whether the test programs' dynamic-provider host keeps the inputs a refresh returns (@pulumi/pulumi 3.216 and later: provider/dynamic/hostRelease.ts). */
export async function hostKeepsRefreshedInputs(): Promise<boolean> {
  return keepsProgramRefreshedInputs((await installedPackage()).programDir);
}
