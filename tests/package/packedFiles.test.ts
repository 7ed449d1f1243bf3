/**
 * What `npm publish` would put on the registry, asked of npm itself (`npm pack --dry-run --json` in
 * the repository, after `npm test`'s build): exactly LICENSE, README.md, CHANGELOG.md,
 * package.json and the compiled SDK, provider, emulator and CLI (JavaScript and type
 * declarations), one pair per source file; no tests, sources, source maps, fixtures or stale
 * build output; every entry point package.json names; and a size within the budget below.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The budget: about twice the size of 0.1.0 (98 kB packed, 337 kB unpacked). Going past it means
 * something unintended got in (fixtures, a bundled dependency, a browser, a stale build).
 */
const MAX_PACKED_BYTES = 200_000;
const MAX_UNPACKED_BYTES = 800_000;

/** The compiled directories the package publishes, each built from the source directory of the same name. */
const PUBLISHED_DIRS = ["sdk", "provider", "emulator", "cli"];
/** Besides the compiled sources: the plugin's package schema, which `pulumi-stripe-portal/plugin` reads its version from. */
const ALWAYS = ["CHANGELOG.md", "LICENSE", "README.md", "package.json", "dist/provider/plugin/schema.json"];
const ALLOWED = [/^(CHANGELOG\.md|LICENSE|README\.md|package\.json|dist\/provider\/plugin\/schema\.json)$/, /^dist\/(sdk|provider|emulator|cli)\/([\w-]+\/)*[\w-]+\.(js|d\.ts)$/];

interface PackResult {
  name: string;
  version: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

function npm(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("npm", args, {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 32 * 1024 * 1024,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The `.ts` files of a source directory that `npm run build` compiles (tsconfig.build.json leaves out tests). */
function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") && !entry.name.endsWith(".test.ts")) found.push(child);
    }
  };
  visit(dir);
  return found;
}

let packed: PackResult;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, "dist", "sdk", "index.js"))) {
    throw new Error("dist/ is not built: run `npm run build` first (`npm test` does).");
  }
  const result = npm(["pack", "--dry-run", "--json", "--ignore-scripts"]);
  expect(result.stderr).not.toMatch(/npm (warn|error)/);
  expect(result.status).toBe(0);
  packed = (JSON.parse(result.stdout) as PackResult[])[0];
}, 120_000);

test("npm pack publishes only the allowed files", () => {
  const outside = packed.files.map((file) => file.path).filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
  expect(outside).toEqual([]);
});

test("npm pack publishes exactly the license, the docs, package.json and one .js and .d.ts per compiled source file", () => {
  const expected = [
    ...ALWAYS,
    ...PUBLISHED_DIRS.flatMap((dir) => sourceFiles(dir).flatMap((source) => [`dist/${source.replace(/\.ts$/, ".js")}`, `dist/${source.replace(/\.ts$/, ".d.ts")}`])),
  ].sort();
  const published = packed.files.map((file) => file.path).sort();
  const stale = published.filter((file) => !expected.includes(file));
  // A file in dist/ whose source was renamed or removed: `rm -rf dist && npm run build` before publishing.
  expect({ missing: expected.filter((file) => !published.includes(file)), stale }).toEqual({ missing: [], stale: [] });
});

test("every entry point package.json names is published", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    main: string;
    types: string;
    bin: Record<string, string>;
    exports: Record<string, string | Record<string, string>>;
  };
  const targets = [
    manifest.main,
    manifest.types,
    ...Object.values(manifest.bin),
    ...Object.values(manifest.exports).flatMap((target) => (typeof target === "string" ? [target] : Object.values(target))),
  ].map((target) => target.replace(/^\.\//, ""));
  const published = new Set(packed.files.map((file) => file.path));
  expect(targets.filter((target) => !published.has(target))).toEqual([]);
  // The subpath every resource's provider text requires by name, the one states from builds before it
  // require (their serialized methods each `require` the lifecycle), and the SDK's types.
  expect(manifest.exports["./dist/provider/portalConfigurationProvider"]).toEqual({
    types: "./dist/provider/dynamic/portalConfigurationProvider.d.ts",
    default: "./dist/provider/dynamic/portalConfigurationProvider.js",
  });
  expect(manifest.exports["./dist/provider/lifecycle"]).toEqual({ types: "./dist/provider/lifecycle.d.ts", default: "./dist/provider/lifecycle.js" });
  expect(manifest.exports["."]).toEqual({ types: "./dist/sdk/index.d.ts", default: "./dist/sdk/index.js" });
});

test(`the tarball stays within ${MAX_PACKED_BYTES} bytes packed and ${MAX_UNPACKED_BYTES} unpacked`, () => {
  expect(packed.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
  expect(packed.unpackedSize).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
});

test("the published LICENSE is the Apache License 2.0 that package.json names", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { license: string };
  const license = fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8");
  expect(manifest.license).toBe("Apache-2.0");
  expect(license).toContain("Apache License\n                           Version 2.0, January 2004");
  expect(license).toContain("END OF TERMS AND CONDITIONS");
});

test("npm publish --dry-run accepts the package", () => {
  const result = npm(["publish", "--dry-run", "--ignore-scripts"]);
  expect(result.status).toBe(0);
  // npm warns only that nobody is logged in, which a dry run does not need.
  expect(result.stderr.split("\n").filter((line) => /^npm (warn|error)/.test(line) && !/requires you to be logged in/.test(line))).toEqual([]);
  expect(result.stdout).toContain(`+ ${packed.name}@${packed.version}`);
}, 120_000);
