/**
 * The package with the `@pulumi/pulumi` a program already has (issue 20): a plain `npm install` of
 * the packed package into a program pinned to the range's floor keeps one copy; a program pinned
 * below the range gets a second copy, and the package then says so when it is loaded instead of
 * failing in the middle of `pulumi up`. And an SST app (README, "In an SST app"): its config
 * bundled as SST bundles it, run under Pulumi's mocks with SST's `@pulumi/pulumi`, and the
 * dynamic-provider host started from `.sst/platform`, as SST starts it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build } from "esbuild";
import { Emulator, startEmulator } from "../../emulator";
import { PROVIDER_TEXT } from "../../provider/dynamic/providerText";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { declaredRange, rangeFloor } from "../../scripts/testOnSdkFloor";
import { refOf } from "../engine/harness/engine";
import { installedPackage } from "../engine/harness/installedPackage";
import { ProviderHost } from "../engine/harness/providerHost";
import { ACME, acmeCreateBody, CONFIGURATIONS } from "../engine/harness/testing";

/** Three npm installs (the registry's packages cached after the first run) and a bundle. */
jest.setTimeout(300_000);

const FLOOR = rangeFloor(declaredRange());
/** The release just below the floor, outside the range. */
const BELOW = "3.214.0";
let root: string;
let tarball: string;
/** A program pinned to the floor, given the package: the SST app's root below too. */
let atFloor: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-sdk-range-"));
  tarball = (await installedPackage()).tarball;
  atFloor = program("at-floor", FLOOR);
}, 300_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function npm(args: string[], cwd: string): void {
  const result = spawnSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
}

/** A program folder pinned to `version`, then given the packed package with a plain `npm install`. */
function program(name: string, version: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", private: true, dependencies: { "@pulumi/pulumi": version } }, null, 2));
  npm(["install"], dir);
  npm(["install", tarball], dir);
  return dir;
}

/** Every copy of @pulumi/pulumi installed under `dir`, by version. */
function installedCopies(dir: string): string[] {
  const found: string[] = [];
  const visit = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      const scoped = entry.startsWith("@") ? fs.readdirSync(path.join(modules, entry)).map((name) => path.join(entry, name)) : [entry];
      for (const name of scoped) {
        const at = path.join(modules, name);
        if (name === path.join("@pulumi", "pulumi")) found.push((JSON.parse(fs.readFileSync(path.join(at, "package.json"), "utf8")) as { version: string }).version);
        visit(path.join(at, "node_modules"));
      }
    }
  };
  visit(path.join(dir, "node_modules"));
  return found.sort();
}

/** Loads the program's @pulumi/pulumi, as its language host does, then the package. */
function loadInProgram(dir: string) {
  return spawnSync(process.execPath, ["-e", 'require("@pulumi/pulumi"); require("pulumi-stripe-portal"); console.log("loaded")'], { cwd: dir, encoding: "utf8" });
}

test(`a program pinned to the range's floor (${FLOOR}) keeps its one copy`, () => {
  expect(FLOOR).toBe("3.215.0");
  expect(installedCopies(atFloor)).toEqual([FLOOR]);
  const run = loadInProgram(atFloor);
  expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: "loaded\n", stderr: "" });
});

test(`a program pinned below the range (${BELOW}) gets a second copy, which the package names when it is loaded`, () => {
  const below = program("below-range", BELOW);
  const nested = path.join(below, "node_modules", "pulumi-stripe-portal", "node_modules", "@pulumi", "pulumi");
  const nestedVersion = (JSON.parse(fs.readFileSync(path.join(nested, "package.json"), "utf8")) as { version: string }).version;
  // The program's, and npm's newest of the range nested under the package: no other.
  const [major, minor] = nestedVersion.split(".").map(Number);
  expect({ major, atLeastFloorMinor: minor >= Number(FLOOR.split(".")[1]) }).toEqual({ major: 3, atLeastFloorMinor: true });
  expect(installedCopies(below)).toEqual([BELOW, nestedVersion]);
  const run = loadInProgram(below);
  expect(run.status).toBe(1);
  // Node's report of the uncaught error: where it was thrown (the package's own copy), the line, then the message, whole.
  const [where, ...after] = run.stderr.split("\n");
  const at = where.lastIndexOf(":");
  expect({ file: where.slice(0, at), lineIsNumber: /^\d+$/.test(where.slice(at + 1)) }).toEqual({
    file: path.join(fs.realpathSync(path.join(below, "node_modules", "pulumi-stripe-portal")), "dist", "sdk", "oneSdkCopy.js"),
    lineIsNumber: true,
  });
  expect(after.slice(0, 4)).toEqual([
    "        throw error;",
    "        ^",
    "",
    `Error: pulumi-stripe-portal: two copies of @pulumi/pulumi are loaded, the program's ${BELOW} (${fs.realpathSync(path.join(below, "node_modules", "@pulumi", "pulumi"))}) ` +
      `and the one this package loads, ${nestedVersion} (${fs.realpathSync(nested)}); Pulumi cannot register a resource across them. ` +
      `Give the program a version this package accepts (${declaredRange()}): \`npm install @pulumi/pulumi@"${declaredRange()}"\`, ` +
      'or keep the program\'s own with `"overrides": { "@pulumi/pulumi": "$@pulumi/pulumi" }` in its package.json, then `npm install` again.',
  ]);
});

describe("in an SST app", () => {
  let platform: string;
  let emulator: Emulator;

  beforeAll(async () => {
    // The app's root holds the package (`npm install pulumi-stripe-portal`); SST keeps its own
    // @pulumi/pulumi, the floor, in .sst/platform.
    platform = path.join(atFloor, ".sst", "platform");
    fs.mkdirSync(platform, { recursive: true });
    fs.writeFileSync(path.join(platform, "package.json"), JSON.stringify({ name: "sst-platform", private: true, dependencies: { "@pulumi/pulumi": FLOOR } }, null, 2));
    npm(["install"], platform);
    emulator = await startEmulator({ port: 0 });
  }, 300_000);
  afterAll(() => emulator?.stop());

  test("its config, bundled as SST bundles it and run under Pulumi's mocks with SST's @pulumi/pulumi, registers the configuration with its provider text", async () => {
    fs.writeFileSync(
      path.join(atFloor, "sst.config.ts"),
      `export default $config({
  app() {
    return { name: "shop", home: "local" };
  },
  async run() {
    const { PortalConfiguration } = await import("pulumi-stripe-portal");
    const portal = new PortalConfiguration("portal", ${JSON.stringify(ACME)});
    return { portal: portal.id };
  },
});
`,
    );
    // SST's own options for the app's config (its pkg/js): ESM for Node, @pulumi/* left external,
    // a `require` for the CommonJS it bundles.
    const outfile = path.join(platform, "eval", "eval-1.mjs");
    await build({
      stdin: { contents: 'import mod from "./sst.config.ts";\nexport { mod };\n', resolveDir: atFloor, sourcefile: "eval.ts", loader: "ts" },
      banner: {
        js: [
          "import { createRequire as topLevelCreateRequire } from 'module';",
          "const require = topLevelCreateRequire(import.meta.url);",
          'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url";',
          'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url));',
        ].join("\n"),
      },
      mainFields: ["module", "main"],
      external: ["@pulumi/*", "@aws-sdk/*", "esbuild", "archiver", "glob"],
      format: "esm",
      platform: "node",
      bundle: true,
      outfile,
      logLevel: "silent",
    });
    const runner = path.join(platform, "eval", "run-mocked.mjs");
    fs.writeFileSync(
      runner,
      `import * as pulumi from "@pulumi/pulumi";
globalThis.$config = (config) => config;
const registered = [];
pulumi.runtime.setMocks({ newResource: (args) => (registered.push({ type: args.type, name: args.name, inputs: args.inputs }), { id: args.name + "-id", state: args.inputs }), call: (args) => args.inputs }, "shop", "dev", false);
const { mod } = await import(${JSON.stringify(outfile)});
const outputs = await mod.run();
const id = await new Promise((resolve) => outputs.portal.apply(resolve));
const sdk = JSON.parse((await import("fs")).readFileSync(new URL("../node_modules/@pulumi/pulumi/package.json", import.meta.url), "utf8")).version;
console.log(JSON.stringify({ sdk, id, registered }));
`,
    );
    const run = spawnSync(process.execPath, [runner], { cwd: atFloor, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as { sdk: string; id: string; registered: { type: string; name: string; inputs: Record<string, unknown> }[] };
    expect(result.sdk).toBe(FLOOR);
    expect(result.id).toBe("portal-id");
    expect(result.registered.map((r) => [r.type, r.name])).toEqual([[DYNAMIC_PORTAL_CONFIGURATION_TYPE, "portal"]]);
    const { __provider, __identity, ...inputs } = result.registered[0].inputs;
    expect(__provider).toBe(PROVIDER_TEXT);
    // The app's URN: SST's project ("shop", from app()) and stack.
    expect(__identity).toBe(`urn:pulumi:dev::shop::${DYNAMIC_PORTAL_CONFIGURATION_TYPE}::portal`);
    expect(inputs).toEqual(ACME);
  });

  test("the dynamic-provider host started from .sst/platform loads the package from the app's node_modules and creates against the emulator", async () => {
    const host = await ProviderHost.start(platform);
    try {
      await host.configure({ "stripe:apiBase": emulator.url, "stripe:apiKey": "sk_test_sstApp42" }, ["stripe:apiKey"]);
      const ref = refOf({ type: DYNAMIC_PORTAL_CONFIGURATION_TYPE, name: "portal" });
      const { inputs, failures } = await host.check(ref, {}, { ...ACME, __provider: PROVIDER_TEXT, __identity: ref.urn });
      expect(failures).toEqual([]);
      const created = await host.create(ref, inputs);
      expect(created.id).toMatch(/^bpc_/);
      expect(emulator.requests().map((r) => ({ method: r.method, path: r.path, body: r.body }))).toEqual([{ method: "POST", path: CONFIGURATIONS, body: acmeCreateBody() }]);
    } finally {
      await host.stop();
    }
    // What the host loaded: the package of the app's root, with SST's @pulumi/pulumi.
    expect(fs.existsSync(path.join(platform, "node_modules", "pulumi-stripe-portal"))).toBe(false);
    expect(fs.existsSync(path.join(atFloor, "node_modules", "pulumi-stripe-portal", "dist", "provider", "dynamic", "portalConfigurationProvider.js"))).toBe(true);
  });
});
