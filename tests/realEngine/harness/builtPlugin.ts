/**
 * The native plugin as `npm run build:plugin -- --archive` builds it, for the real-engine tests:
 * built once per version of the sources (keyed by the packed package's hash, which the same
 * sources make), under a lock, beside the engine tests' other builds.
 */
import * as fs from "fs";
import * as path from "path";
import { buildPlugin, PLUGIN_NAME } from "../../../scripts/buildPlugin";
import { CACHE_ROOT, installedPackage, readReady, withLock, writeReady } from "../../engine/harness/installedPackage";

export interface BuiltPlugin {
  /** The folder holding the executable `pulumi-resource-stripe-portal` and its bundle. */
  dir: string;
  /** The release archive `pulumi plugin install resource stripe-portal <version> --file` takes. */
  archive: string;
  version: string;
}

let memo: Promise<BuiltPlugin> | undefined;

export function builtPlugin(): Promise<BuiltPlugin> {
  memo ??= build();
  return memo;
}

async function build(): Promise<BuiltPlugin> {
  const pkg = await installedPackage();
  const name = `plugin-${pkg.tarballSha256.slice(0, 16)}`;
  const dir = path.join(CACHE_ROOT, name);
  await withLock(name, async () => {
    if (readReady(dir)) return;
    await buildPlugin({ archive: true, outDir: dir });
    writeReady(dir, { version: pkg.version });
  });
  const archive = fs.readdirSync(dir).find((file) => file.startsWith(PLUGIN_NAME) && file.endsWith(".tar.gz"));
  if (!archive) throw new Error(`no plugin archive in ${dir}`);
  return { dir, archive: path.join(dir, archive), version: pkg.version };
}
