import * as fs from "fs";
import * as path from "path";

/**
 * The version in the package.json of the package folder `dir`, or undefined when it cannot be read:
 * which `@pulumi/pulumi` a dynamic-provider host runs (dynamic/hostRelease.ts), which copies a
 * program loaded (sdk/oneSdkCopy.ts).
 */
export function packageVersionAt(dir: string): string | undefined {
  try {
    const { version } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: unknown };
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}
