/**
 * The package as a user gets it, on Node.js 24 (the current LTS line, fetched from the npm
 * registry): the packed tarball installed into a fresh Pulumi TypeScript project with the README's
 * own install command, the README's quick-start program type-checked with the project's compiler,
 * and run under Pulumi's mocks.
 *
 * The project is what `pulumi new typescript` makes (package.json, tsconfig.json, Pulumi.yaml),
 * written here since the template cannot be downloaded. The tarball is the engine tests' (built,
 * packed and cached by installedPackage()). npm's cache is used first (`--prefer-offline`), so
 * this works offline once the dependencies were fetched.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FetchedNode, fetchNode } from "../../scripts/nodeFromRegistry";
import { installedPackage, InstalledPackage } from "../engine/harness/installedPackage";
import { quickStart as quickStartDeclaration } from "../fixtures/configurations";
import { PROVIDER_MODULE, PROVIDER_TEXT } from "../../provider/dynamic/providerText";

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The README's `## Quick start` section. */
function quickStart(): string {
  const start = README.indexOf("\n## Quick start\n");
  if (start < 0) throw new Error('README has no section "Quick start"');
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The program of the quick start: its first TypeScript block. */
function quickStartProgram(): string {
  const block = /```ts\n([\s\S]*?)```/.exec(quickStart());
  if (!block) throw new Error("README's quick start has no ```ts block");
  return block[1];
}

/** The quick start's install command, as words (its comment left out). */
function quickStartInstall(): string[] {
  const line = quickStart()
    .split("\n")
    .find((text) => /^npm install .*\.tgz/.test(text));
  if (!line) throw new Error("README's quick start has no `npm install ... .tgz` line");
  return line.replace(/#.*$/, "").trim().split(/\s+/);
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let node24: FetchedNode;
let pkg: InstalledPackage;
let projectDir: string;
let install: Run;
let installCommand: string[];

/** Each step starts Node 24 processes (npm, tsc, the program) that take seconds on a loaded machine. */
const STEP_TIMEOUT_MS = 5 * 60 * 1000;

/** Runs a command in the project with Node 24 first on PATH (npm's `#!/usr/bin/env node` finds it). */
function inProject(command: string, args: string[]): Run {
  const result = spawnSync(command, args, {
    cwd: projectDir,
    encoding: "utf8",
    timeout: 10 * 60 * 1000,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      PATH: [node24.binDir, process.env.PATH ?? ""].join(path.delimiter),
      npm_config_update_notifier: "false",
      npm_config_audit: "false",
      npm_config_fund: "false",
    },
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: `${result.stderr ?? ""}${result.error ? String(result.error) : ""}` };
}

beforeAll(async () => {
  node24 = fetchNode("24");
  pkg = await installedPackage();
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-user-project-"));
  // `pulumi new typescript`'s files.
  fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), "name: stripe-portal-quickstart\nruntime:\n  name: nodejs\n  options:\n    packagemanager: npm\ndescription: A minimal TypeScript Pulumi program\n");
  fs.writeFileSync(
    path.join(projectDir, "package.json"),
    JSON.stringify({ name: "stripe-portal-quickstart", main: "index.ts", devDependencies: { "@types/node": "^24" } }, null, 4) + "\n",
  );
  fs.writeFileSync(
    path.join(projectDir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          outDir: "bin",
          target: "es2020",
          module: "commonjs",
          moduleResolution: "node",
          sourceMap: true,
          experimentalDecorators: true,
          pretty: true,
          noFallthroughCasesInSwitch: true,
          noImplicitReturns: true,
          forceConsistentCasingInFileNames: true,
        },
        files: ["index.ts"],
      },
      null,
      4,
    ) + "\n",
  );
  fs.writeFileSync(path.join(projectDir, "index.ts"), quickStartProgram());
  fs.copyFileSync(pkg.tarball, path.join(projectDir, path.basename(pkg.tarball)));
  installCommand = quickStartInstall();
  install = inProject(installCommand[0], [...installCommand.slice(1), "--prefer-offline"]);
}, 20 * 60 * 1000);

afterAll(() => {
  if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
}, STEP_TIMEOUT_MS);

test("npm runs on Node 24 in the project", () => {
  const versions = inProject("npm", ["version", "--json"]);
  expect(versions.status).toBe(0);
  expect((JSON.parse(versions.stdout) as { node: string }).node).toBe(node24.version);
}, STEP_TIMEOUT_MS);

test("the README's install command names the tarball that `npm pack` makes, and installs it with no engine warning", () => {
  expect(installCommand).toContain(`./${path.basename(pkg.tarball)}`);
  expect(install.stderr.split("\n").filter((line) => /EBADENGINE|^npm error/.test(line))).toEqual([]);
  expect(install.status).toBe(0);
  const installed = JSON.parse(fs.readFileSync(path.join(projectDir, "node_modules", "pulumi-stripe-portal", "package.json"), "utf8")) as { version: string };
  expect(installed.version).toBe(pkg.version);
  // TypeScript below 7: Pulumi runs TypeScript programs through its compiler API, which 7 has not.
  const typescript = JSON.parse(fs.readFileSync(path.join(projectDir, "node_modules", "typescript", "package.json"), "utf8")) as { version: string };
  expect(typescript.version).toMatch(/^5\./);
}, STEP_TIMEOUT_MS);

test("the quick-start program type-checks with the project's tsconfig, and with Node16 resolution (the exports map's types)", () => {
  const tsc = path.join(projectDir, "node_modules", "typescript", "bin", "tsc");
  const build = inProject(node24.node, [tsc, "-p", "."]);
  expect(build.stdout + build.stderr).toBe("");
  expect(build.status).toBe(0);
  const node16 = inProject(node24.node, [tsc, "-p", ".", "--noEmit", "--module", "node16", "--moduleResolution", "node16"]);
  expect(node16.stdout + node16.stderr).toBe("");
  expect(node16.status).toBe(0);
}, STEP_TIMEOUT_MS);

test("the quick-start program runs under Pulumi's mocks on Node 24: one PortalConfiguration with the declared inputs and its exports", () => {
  const result = path.join(projectDir, "mocked.json");
  const run = inProject(node24.node, [path.join(__dirname, "mockedProgram.cjs"), path.join(projectDir, "bin", "index.js"), result]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const mocked = JSON.parse(fs.readFileSync(result, "utf8")) as {
    node: string;
    resources: { type: string; name: string; inputs: Record<string, unknown> }[];
    exported: Record<string, unknown>;
  };
  expect(mocked.node).toBe(`v${node24.version}`);
  expect(mocked.resources.map(({ type, name }) => ({ type, name }))).toEqual([{ type: "pulumi-nodejs:dynamic/stripe:PortalConfiguration", name: "main" }]);
  const { __provider: provider, __identity: identity, ...inputs } = mocked.resources[0].inputs;
  // The README's quick start declares the repository's quick-start configuration (the fixture index.ts also declares).
  expect(inputs).toEqual(quickStartDeclaration);
  // The URN the provider derives the create's idempotency key from.
  expect(identity).toBe("urn:pulumi:dev::stripe-portal-quickstart::pulumi-nodejs:dynamic/stripe:PortalConfiguration::main");
  // The provider text, stored in the stack's state, loads the provider module by name.
  expect(provider).toBe(PROVIDER_TEXT);
  expect(mocked.exported).toEqual({ configurationId: "main-id", loginUrl: "https://billing.stripe.com/p/login/test_mocked" });
}, STEP_TIMEOUT_MS);

test("from the project, the exports map resolves the provider module the provider text requires, and hides the rest", () => {
  const probe = [
    'const lifecycle = require("pulumi-stripe-portal/dist/provider/lifecycle");',
    `const provider = require(${JSON.stringify(PROVIDER_MODULE)});`,
    'const emulator = require("pulumi-stripe-portal/dist/emulator");',
    "let hidden;",
    'try { require("pulumi-stripe-portal/dist/provider/schema"); hidden = "resolved"; } catch (error) { hidden = error.code; }',
    "const functions = (module) => Object.keys(module).filter((key) => typeof module[key] === 'function').sort();",
    "console.log(JSON.stringify({ lifecycle: functions(lifecycle), provider: functions(provider), startEmulator: typeof emulator.startEmulator, hidden }));",
  ].join("\n");
  const run = inProject(node24.node, ["-e", probe]);
  expect(run.stderr).toBe("");
  const found = JSON.parse(run.stdout) as { lifecycle: string[]; provider: string[]; startEmulator: string; hidden: string };
  // States written before the provider module existed require the lifecycle module by name.
  expect(found.lifecycle).toEqual(expect.arrayContaining(["check", "configure", "create", "deleteConfiguration", "diff", "read", "update"]));
  expect(found.provider).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
  expect(found.startEmulator).toBe("function");
  expect(found.hidden).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
}, STEP_TIMEOUT_MS);

test("the package's `stripe-portal` command is linked into the project and runs on Node 24", () => {
  const version = inProject(path.join(projectDir, "node_modules", ".bin", "stripe-portal"), ["--version"]);
  expect(version.stderr).toBe("");
  expect(version.stdout).toBe(`${pkg.version}\n`);
  expect(version.status).toBe(0);
}, STEP_TIMEOUT_MS);
