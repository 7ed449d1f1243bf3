/**
 * `npm run build:plugin [-- --archive]`: the native plugin `pulumi-resource-stripe-portal` in
 * dist/plugin/: an executable script that runs, with the `node` on PATH (20 or later), one
 * JavaScript file bundling the plugin's face, the provider's core and what they load (gRPC,
 * Pulumi's protocol, axios, qs). It needs nothing installed beside it, so it runs from any
 * working directory, as the engine starts it from the program's.
 *
 * esbuild writes the licence notices of what it bundles beside the bundle
 * (`pulumi-resource-stripe-portal.js.LEGAL.txt`), when there are any.
 *
 * `--archive` also writes `pulumi-resource-stripe-portal-v<version>-<os>-<arch>.tar.gz` (those
 * files at its root), which `pulumi plugin install resource stripe-portal <version> --file <archive>`
 * installs. No `PulumiPlugin.yaml` in it: that would make the engine start the plugin through a
 * Node.js language host instead of running the script.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(__dirname, "..");
/** Where the plugin is built: dist/plugin/, beside the package's build, never committed. */
export const PLUGIN_DIR = path.join(ROOT, "dist", "plugin");
/** The executable's name, as the engine looks for it: `pulumi-resource-<package name>`. */
export const PLUGIN_NAME = "pulumi-resource-stripe-portal";

/** The script the engine runs: node, on the bundle beside it. */
const LAUNCHER = `#!/bin/sh
# The Pulumi resource plugin of pulumi-stripe-portal: needs Node.js 20 or later on PATH.
exec node "$(dirname "$0")/${PLUGIN_NAME}.js" "$@"
`;

/** Builds the plugin into `outDir` (dist/plugin/); with `archive`, the release archive too. Returns what it wrote. */
export async function buildPlugin(options: { archive?: boolean; outDir?: string } = {}): Promise<string[]> {
  const outDir = options.outDir ?? PLUGIN_DIR;
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "provider", "plugin", "main.ts")],
    outfile: path.join(outDir, `${PLUGIN_NAME}.js`),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    legalComments: "linked",
    logLevel: "error",
    // The SDK's root, which only the dynamic face loads (lifecycle.ts, for its warnings): the plugin
    // warns through the engine. Its protocol modules (`@pulumi/pulumi/proto/...`) are bundled.
    plugins: [{ name: "sdk-root-external", setup: (b) => b.onResolve({ filter: /^@pulumi\/pulumi$/ }, (args) => ({ path: args.path, external: true })) }],
  });
  const launcher = path.join(outDir, PLUGIN_NAME);
  fs.writeFileSync(launcher, LAUNCHER, { mode: 0o755 });
  const legal = path.join(outDir, `${PLUGIN_NAME}.js.LEGAL.txt`);
  const written = [launcher, path.join(outDir, `${PLUGIN_NAME}.js`), ...(fs.existsSync(legal) ? [legal] : [])];
  if (options.archive) written.push(archivePlugin(outDir));
  return written;
}

/** `pulumi-resource-stripe-portal-v<version>-<os>-<arch>.tar.gz`, in dist/plugin/, named as Pulumi names plugin releases. */
function archivePlugin(outDir: string): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const archive = path.join(outDir, `${PLUGIN_NAME}-v${version}-${os}-${arch}.tar.gz`);
  const files = fs.readdirSync(outDir).filter((file) => file.startsWith(PLUGIN_NAME) && !file.endsWith(".tar.gz"));
  const tar = spawnSync("tar", ["-czf", archive, "-C", outDir, ...files], { encoding: "utf8" });
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  return archive;
}

if (require.main === module) {
  buildPlugin({ archive: process.argv.includes("--archive") }).then(
    (written) => written.forEach((file) => console.log(`wrote ${path.relative(ROOT, file)}`)),
    (error: Error) => {
      console.error(`build:plugin failed: ${error.message}`);
      process.exit(1);
    },
  );
}
