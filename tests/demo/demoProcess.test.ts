/**
 * `npm run demo` run as a process, end to end: the real Pulumi CLI (found or built as `npm run
 * pulumi` does), the real emulator the demo starts, the quick-start program. What the CLI printed
 * is checked, and what the emulator kept (its state file in the demo folder) says what reached it.
 * PULUMI_CLI stands in for the CLI only where the CLI must be missing, broken or failing.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findPulumiCli } from "../../scripts/pulumiCli";

const ROOT = path.resolve(__dirname, "../..");
const TS_NODE = require.resolve("ts-node/dist/bin.js");
/** `pulumi stack select --create` writes the stack's passphrase salt here (gitignored). */
const STACK_CONFIG = path.join(ROOT, "Pulumi.dev.yaml");
/** Where npm test's set-up did not run, the first use may build the CLI (minutes on 2 cores). */
const SETUP_TIMEOUT_MS = 20 * 60_000;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(args: string[], env: NodeJS.ProcessEnv, via: "npm" | "ts-node" = "ts-node"): Promise<Ran> {
  const [command, commandArgs] =
    via === "npm" ? ["npm", ["run", "--silent", "demo", "--", ...args]] : [process.execPath, [TS_NODE, "--transpile-only", "scripts/demo.ts", ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, commandArgs as string[], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "demo-test-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `#!${process.execPath}\n${body}\n`, { mode: 0o755 });
  return file;
}

function succeeded(ran: Ran): void {
  if (ran.code !== 0) throw new Error(`npm run demo exited with ${ran.code}:\n${ran.stdout}\n${ran.stderr}`);
}

const INSTALL_HELP = ["https://www.pulumi.com/docs/install/", "curl -fsSL https://get.pulumi.com | sh", "brew install pulumi/tap/pulumi"];

describe("npm run demo without a Pulumi CLI", () => {
  it("stops at once, non-zero, with what was tried and how to install the CLI, and writes nothing", async () => {
    const demoDir = path.join(tmp, "demo");
    const missing = path.join(tmp, "no-such-pulumi");
    const ran = await runDemo(["--dir", demoDir], { PULUMI_CLI: missing }, "npm");
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("npm run demo needs the Pulumi CLI, and none could run here.");
    expect(ran.stderr).toContain(`PULUMI_CLI (${missing}): not found`);
    for (const line of INSTALL_HELP) expect(ran.stderr).toContain(line);
    expect(ran.stdout).not.toContain("Stripe emulator on");
    expect(fs.existsSync(demoDir)).toBe(false);
  }, 30_000);

  it("treats a CLI that cannot run as none, and says why", async () => {
    const broken = script("pulumi", 'process.stderr.write("error while loading shared libraries: libc.so\\n"); process.exit(127);');
    const ran = await runDemo(["--dir", path.join(tmp, "demo")], { PULUMI_CLI: broken });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`PULUMI_CLI (${broken}): \`pulumi version\` exited with 127: error while loading shared libraries: libc.so`);
    for (const line of INSTALL_HELP) expect(ran.stderr).toContain(line);
  }, 30_000);

  it("answers wrong arguments with the usage and code 2", async () => {
    const ran = await runDemo(["--destory"], { PULUMI_CLI: path.join(tmp, "no-such-pulumi") });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('Unknown argument "--destory".');
    expect(ran.stderr).toContain("usage: npm run demo");
  }, 30_000);
});

interface EmulatorState {
  scopes: Record<string, { id: string; active: boolean; updated: number; livemode: boolean; name: string | null; metadata: Record<string, string> }[]>;
}

describe("npm run demo with the real Pulumi CLI", () => {
  let createdStackConfig = false;
  beforeAll(async () => {
    await findPulumiCli((line) => process.stderr.write(`${line}\n`));
    createdStackConfig = !fs.existsSync(STACK_CONFIG);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => {
    if (createdStackConfig) fs.rmSync(STACK_CONFIG, { force: true });
  });

  it("creates the configuration, then shows no changes, then deactivates it with --destroy", async () => {
    const demoDir = path.join(tmp, "demo");
    // Stripe settings of the shell reach neither the CLI nor the provider: a live key would make a live-mode configuration.
    const env = { STRIPE_ACCOUNT: "acct_fromTheShell", STRIPE_API_KEY: "sk_live_fromTheShell" };
    const args = ["--dir", demoDir, "--skip-build"];
    const state = () => JSON.parse(fs.readFileSync(path.join(demoDir, "emulator-state.json"), "utf8")) as EmulatorState;
    const ours = () => state().scopes["test:platform"].filter((c) => c.name === "Self-serve customers");

    const first = await runDemo(args, env);
    succeeded(first);
    expect(first.stdout).toMatch(/Pulumi CLI v\d+\.\d+\.\d+ \(/);
    expect(first.stdout).toContain("$ pulumi up --yes --stack dev\n");
    expect(first.stdout).toMatch(/\+ {2}pulumi-nodejs:dynamic\/stripe:PortalConfiguration main created/);
    expect(first.stdout).toMatch(/Resources:\s+\+ 2 created/);
    const id = /Portal configuration: (bpc_\w+)/.exec(first.stdout)?.[1];
    const base = /Stripe emulator on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.stdout)?.[1];
    expect(first.stdout).toContain(`configurationId: "${id}"`);
    expect(first.stdout).toContain(`Portal preview for cus_demo: ${base}/p/session/`);
    expect(first.stdout).toMatch(new RegExp(`Hosted login page: ${base}/p/login/\\w+`));
    // Only the platform's test-mode scope holds it: no live key, no account from the shell.
    expect(Object.keys(state().scopes).sort()).toEqual(["test:platform"]);
    const [created] = ours();
    expect(ours()).toHaveLength(1);
    expect(created).toMatchObject({ id, active: true, livemode: false, metadata: { team: "billing" } });
    // The emulator has stopped with the demo.
    await expect(fetch(`${base}/v1/billing_portal/configurations`)).rejects.toThrow();

    const second = await runDemo([...args, "--customer", "cus_again"], env);
    succeeded(second);
    expect(second.stdout).toMatch(/Resources:\s+2 unchanged/);
    expect(second.stdout).not.toMatch(/PortalConfiguration main (creating|updating|created|updated)/);
    expect(second.stdout).toContain(`Portal configuration: ${id}`);
    // The same port as last time, so the URLs kept in the stack's outputs still open.
    expect(second.stdout).toContain(`Portal preview for cus_again: ${base}/p/session/`);
    expect(ours()).toEqual([created]);

    const down = await runDemo([...args, "--destroy"], env);
    succeeded(down);
    expect(down.stdout).toContain("$ pulumi destroy --yes --stack dev\n");
    expect(down.stdout).toMatch(/Resources:\s+- 2 deleted/);
    expect(down.stdout).toContain("The demo stack is torn down");
    expect(down.stdout).not.toContain("Portal preview");
    expect(ours()).toEqual([expect.objectContaining({ id, active: false })]);
  }, 180_000);

  it("stops with the CLI's failure and stops the emulator when pulumi up fails", async () => {
    const log = path.join(tmp, "calls.jsonl");
    // Answers `version` and `stack select` as Pulumi does, then fails the update.
    const failing = script(
      "pulumi",
      `const args = process.argv.slice(2);
require("fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, base: process.env.STRIPE_API_BASE }) + "\\n");
if (args[0] === "version") console.log("v3.999.0");
else if (args[0] === "stack") console.log("created stack dev");
else { console.error("error: update failed"); process.exit(255); }`,
    );
    const ran = await runDemo(["--dir", path.join(tmp, "demo"), "--skip-build"], { PULUMI_CLI: failing });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("`pulumi up --yes --stack dev` failed (exited with code 255); see its output above.");
    const calls = fs.readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { args: string[]; base?: string });
    const up = calls.find((call) => call.args[0] === "up")!;
    // Without a language host beside the CLI, the demo serves the program itself.
    expect(up.args).toEqual(["up", "--yes", "--stack", "dev", expect.stringMatching(/^--client=127\.0\.0\.1:\d+$/)]);
    await expect(fetch(`${up.base}/v1/billing_portal/configurations`)).rejects.toThrow();
  }, 60_000);
});
