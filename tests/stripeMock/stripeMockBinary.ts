/**
 * Where the `stripe-mock` binary is. The rule (PATH, else the cache outside the repository, else
 * built there with `go install` at the pinned version, else a clear failure) lives only in
 * scripts/ensure-stripe-mock.sh; this runs it and reads the path it prints.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const SCRIPT = path.resolve(__dirname, "../../scripts/ensure-stripe-mock.sh");

let located: string | undefined;

/** The binary's path; throws the script's own explanation when it cannot be found or built. */
export function stripeMockBinary(): string {
  if (located) return located;
  try {
    located = execFileSync("sh", [SCRIPT], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`stripe-mock is not available:\n${stderr}`);
  }
  return located;
}
