/**
 * `npm run test:sdk-floor [jest arguments]`: the tests that run the package in a Pulumi program
 * (tests/realEngine with the real CLI, tests/engine through the dynamic-provider host) with the
 * oldest `@pulumi/pulumi` the package's range accepts, installed in the program before the packed
 * package, as a program pinned to it has it (tests/engine/harness/installedPackage.ts,
 * `PULUMI_SDK_VERSION`). The floor is read from package.json, so the range and its proof move together.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { exitCodeOf, runMain } from "./runScript";

const ROOT = path.resolve(__dirname, "..");

/** The lowest version a `^x.y.z` (or `>=x.y.z`) range accepts. */
export function rangeFloor(range: string): string {
  const match = /^(?:\^|>=\s*)?(\d+\.\d+\.\d+)/.exec(range.trim());
  if (!match) throw new Error(`cannot read the lowest version of the range ${JSON.stringify(range)}`);
  return match[1];
}

/** The `@pulumi/pulumi` range the package declares. */
export function declaredRange(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
  const range = manifest.peerDependencies?.["@pulumi/pulumi"] ?? manifest.dependencies?.["@pulumi/pulumi"];
  if (!range) throw new Error("package.json declares no @pulumi/pulumi");
  return range;
}

function main(jestArgs: string[]): number {
  const floor = rangeFloor(declaredRange());
  process.stdout.write(`Running the program tests with @pulumi/pulumi ${floor}, the floor of ${declaredRange()}\n`);
  const args = jestArgs.length > 0 ? jestArgs : ["tests/realEngine", "tests/engine"];
  const result = spawnSync(process.execPath, [require.resolve("jest/bin/jest", { paths: [ROOT] }), ...args], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, PULUMI_SDK_VERSION: floor },
  });
  return exitCodeOf(result);
}

if (require.main === module) runMain(main);
