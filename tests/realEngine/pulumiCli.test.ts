/**
 * `npm run pulumi` (scripts/pulumiCli.ts): the CLI it finds runs and is the one the real-engine
 * tests use; the dynamic-provider plugin is beside it; a PULUMI_CLI that does not run stops it with
 * what was tried; the cache folder follows XDG_CACHE_HOME.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { builtCliPath, cliPath, findPulumiCli, PULUMI_VERSION, toolCacheRoot } from "../../scripts/pulumiCli";
import { SETUP_TIMEOUT_MS } from "./harness/setup";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const SCRIPT = path.join(REPO_ROOT, "scripts", "pulumiCli.ts");
const TS_NODE = require.resolve("ts-node/dist/bin.js", { paths: [REPO_ROOT] });

function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TS_NODE, "--transpile-only", SCRIPT, ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test(
  "the CLI found runs `pulumi version` through scripts/pulumiCli.ts (`npm run pulumi`), with the dynamic-provider plugin first on its PATH",
  async () => {
    const cli = await findPulumiCli();
    expect(cli.version).toMatch(/^v3\.\d+\.\d+/);
    const plugin = path.join(cli.pluginDir, "pulumi-resource-pulumi-nodejs");
    fs.accessSync(plugin, fs.constants.X_OK);
    expect(fs.readFileSync(plugin, "utf8")).toContain("node ./node_modules/@pulumi/pulumi/cmd/dynamic-provider");
    expect(cliPath(cli, "/usr/bin").split(path.delimiter)[0]).toBe(cli.pluginDir);

    const run = await runScript(["version"], { ...process.env, PULUMI_CLI: cli.binary });
    expect({ code: run.code, stdout: run.stdout.trim() }).toEqual({ code: 0, stdout: cli.version });
  },
  SETUP_TIMEOUT_MS,
);

test("a PULUMI_CLI that does not run: exit 1 and what was tried, nothing else looked for", async () => {
  const run = await runScript(["version"], { ...process.env, PULUMI_CLI: "/nonexistent/pulumi" });
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    "pulumi-cli: PULUMI_CLI is set but does not run:\n  PULUMI_CLI (/nonexistent/pulumi): not found\nUnset it to let the project find or build a CLI.\n",
  );
});

test("the build goes to ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-portal/pulumi-<version>/", () => {
  expect(toolCacheRoot({ XDG_CACHE_HOME: "/x/cache", HOME: "/home/u" })).toBe("/x/cache/pulumi-stripe-portal");
  expect(toolCacheRoot({ HOME: "/home/u" })).toBe("/home/u/.cache/pulumi-stripe-portal");
  expect(builtCliPath({ HOME: "/home/u" })).toBe(`/home/u/.cache/pulumi-stripe-portal/pulumi-${PULUMI_VERSION}/pulumi`);
  // The same version as the Go module that builds it.
  const goMod = fs.readFileSync(path.join(REPO_ROOT, "tools", "pulumi", "go.mod"), "utf8");
  expect(goMod).toContain(`github.com/pulumi/pulumi/pkg/v3 ${PULUMI_VERSION}\n`);
  expect(goMod).toContain(`github.com/pulumi/pulumi/sdk/v3 ${PULUMI_VERSION}`);
});
