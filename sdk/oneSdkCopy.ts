/**
 * One `@pulumi/pulumi` per program. A program pinned to a release outside this package's range
 * gets a second copy from npm, nested under the package; a resource registered through it then
 * fails in the middle of `pulumi up` with "Request message serialization failure: Expected argument
 * of type pulumirpc.RegisterResourceRequest" (each copy has its own protocol classes). So when the
 * package is loaded, it looks at the copies the process has loaded (Node's module cache, where the
 * language host's and the program's modules are too) and, finding two, says so, naming both
 * versions and the fix.
 */
import * as fs from "fs";
import * as path from "path";
import { packageVersionAt } from "../provider/packageVersion";

/** A copy of `@pulumi/pulumi`: its folder and version. */
export interface SdkCopy {
  dir: string;
  version: string;
}

/** The copies whose modules are among `loadedFiles` (the module cache's file names), each once. */
export function loadedSdkCopies(loadedFiles: readonly string[]): SdkCopy[] {
  const dirs = new Set<string>();
  for (const file of loadedFiles) {
    const match = /^(.*[\\/]node_modules[\\/]@pulumi[\\/]pulumi)[\\/]/.exec(file);
    if (match) dirs.add(match[1]);
  }
  return [...dirs].map((dir) => ({ dir, version: packageVersionAt(dir) ?? "of unknown version" }));
}

/**
 * The error for two copies or more, or undefined for one. `ours` is the folder of the copy this
 * package loads; the other is the program's.
 */
export function twoCopiesError(copies: readonly SdkCopy[], ours: string | undefined, range: string): Error | undefined {
  if (copies.length < 2) return undefined;
  const mine = copies.find((copy) => copy.dir === ours) ?? copies[copies.length - 1];
  const program = copies.find((copy) => copy !== mine)!;
  return new Error(
    `pulumi-stripe-portal: two copies of @pulumi/pulumi are loaded, the program's ${program.version} (${program.dir}) ` +
      `and the one this package loads, ${mine.version} (${mine.dir}); Pulumi cannot register a resource across them. ` +
      `Give the program a version this package accepts (${range}): \`npm install @pulumi/pulumi@"${range}"\`, ` +
      `or keep the program's own with \`"overrides": { "@pulumi/pulumi": "$@pulumi/pulumi" }\` in its package.json, then \`npm install\` again.`,
  );
}

/** The range of `@pulumi/pulumi` this package declares, from its own package.json. */
export function declaredSdkRange(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    if (manifest.name === "pulumi-stripe-portal") return manifest.peerDependencies?.["@pulumi/pulumi"] ?? manifest.dependencies?.["@pulumi/pulumi"] ?? "*";
  }
  return "*";
}

/** Throws `twoCopiesError` for the copies this process has loaded. Where there is no module cache (a test runner's own), there is nothing to see. */
export function requireOneSdkCopy(): void {
  if (typeof require === "undefined" || !require.cache) return;
  let ours: string | undefined;
  try {
    ours = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  } catch {
    ours = undefined;
  }
  const error = twoCopiesError(loadedSdkCopies(Object.keys(require.cache)), ours, declaredSdkRange());
  if (error) throw error;
}
