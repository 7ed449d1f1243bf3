/**
 * `npm run demo` run as a process. There is no Pulumi CLI on the machines that run these tests, so
 * PULUMI_CLI picks the CLI: a missing one (the command must stop at once with the install help),
 * one that fails, and a fake one that stands in for Pulumi against the real emulator, so that
 * everything around the CLI call runs for real.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";

const ROOT = path.resolve(__dirname, "../..");
const TS_NODE = require.resolve("ts-node/dist/bin.js");

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

const INSTALL_HELP = ["https://www.pulumi.com/docs/install/", "curl -fsSL https://get.pulumi.com | sh", "brew install pulumi/tap/pulumi"];

describe("npm run demo without a Pulumi CLI", () => {
  it("stops at once, non-zero, with how to install the CLI, and writes nothing", async () => {
    const demoDir = path.join(tmp, "demo");
    const ran = await runDemo(["--dir", demoDir], { PULUMI_CLI: path.join(tmp, "no-such-pulumi") }, "npm");
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`${path.join(tmp, "no-such-pulumi")} (PULUMI_CLI): not found`);
    for (const line of INSTALL_HELP) expect(ran.stderr).toContain(line);
    expect(ran.stdout).not.toContain("Stripe emulator on");
    expect(fs.existsSync(demoDir)).toBe(false);
  }, 30_000);

  it("treats a CLI that cannot run as none, and says why", async () => {
    const broken = script("pulumi", 'process.stderr.write("error while loading shared libraries: libc.so\\n"); process.exit(127);');
    const ran = await runDemo(["--dir", path.join(tmp, "demo")], { PULUMI_CLI: broken });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`${broken} (PULUMI_CLI): exited with code 127: error while loading shared libraries: libc.so`);
    for (const line of INSTALL_HELP) expect(ran.stderr).toContain(line);
  }, 30_000);

  it("answers wrong arguments with the usage and code 2", async () => {
    const ran = await runDemo(["--destory"], { PULUMI_CLI: path.join(tmp, "no-such-pulumi") });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('Unknown argument "--destory".');
    expect(ran.stderr).toContain("usage: npm run demo");
  }, 30_000);
});

/**
 * A stand-in for the Pulumi CLI: it logs how it was called and, for `up`, creates a configuration
 * in the emulator named by STRIPE_API_BASE (once per stack, as Pulumi would), keeping the id in
 * the file backend's folder; `stack output` prints it and `destroy` deactivates it.
 */
const FAKE_PULUMI = `
const fs = require("fs");
const path = require("path");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_PULUMI_LOG, JSON.stringify({ args, cwd: process.cwd(), env: {
  PULUMI_BACKEND_URL: process.env.PULUMI_BACKEND_URL, PULUMI_HOME: process.env.PULUMI_HOME,
  PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE, STRIPE_API_KEY: process.env.STRIPE_API_KEY,
  STRIPE_API_BASE: process.env.STRIPE_API_BASE, STRIPE_ACCOUNT: process.env.STRIPE_ACCOUNT } }) + "\\n");
const backend = (process.env.PULUMI_BACKEND_URL || "").replace(/^file:\\/\\//, "");
const stackFile = path.join(backend, "fake-stack.json");
const stack = fs.existsSync(stackFile) ? JSON.parse(fs.readFileSync(stackFile, "utf8")) : {};
const stripe = (p, body) => fetch(process.env.STRIPE_API_BASE + p, { method: "POST", body,
  headers: { authorization: "Bearer " + process.env.STRIPE_API_KEY, "content-type": "application/x-www-form-urlencoded" } }).then((r) => r.json());
(async () => {
  const cmd = args.slice(0, 2).join(" ");
  if (args[0] === "version") console.log("v3.999.0");
  else if (cmd === "stack select") console.log("created stack dev");
  else if (args[0] === "up") {
    if (stack.id) console.log("Resources: 1 unchanged");
    else {
      const created = await stripe("/v1/billing_portal/configurations", "default_return_url=https://acme.test/account&features[invoice_history][enabled]=true&login_page[enabled]=true");
      fs.writeFileSync(stackFile, JSON.stringify({ id: created.id, loginUrl: created.login_page.url }));
      console.log("Resources: + 1 created");
    }
  } else if (cmd === "stack output") console.log(JSON.stringify({ configurationId: stack.id, loginUrl: stack.loginUrl }));
  else if (args[0] === "destroy") {
    if (stack.id) await stripe("/v1/billing_portal/configurations/" + stack.id, "active=false");
    fs.rmSync(stackFile, { force: true });
    console.log("Resources: - 1 deleted");
  } else { console.error("fake pulumi: unexpected " + args.join(" ")); process.exit(3); }
})().catch((e) => { console.error("fake pulumi: " + e.message); process.exit(1); });
`;

function succeeded(ran: Ran): void {
  if (ran.code !== 0) throw new Error(`npm run demo exited with ${ran.code}:\n${ran.stdout}\n${ran.stderr}`);
}

interface Call {
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

describe("npm run demo with a Pulumi CLI (a fake one, against the real emulator)", () => {
  function setUp() {
    const log = path.join(tmp, "calls.jsonl");
    const demoDir = path.join(tmp, "demo");
    const env = { PULUMI_CLI: script("pulumi", FAKE_PULUMI), FAKE_PULUMI_LOG: log, STRIPE_ACCOUNT: "acct_fromTheShell", STRIPE_API_KEY: "sk_live_fromTheShell" };
    const calls = (): Call[] => {
      const lines = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
      fs.rmSync(log, { force: true });
      return lines.map((line) => JSON.parse(line) as Call);
    };
    return { demoDir, env, calls, args: ["--dir", demoDir, "--skip-build"] };
  }

  it("deploys, prints the id and a session link, stops the emulator; runs again from the kept state; tears down", async () => {
    const { demoDir, env, calls, args } = setUp();

    const first = await runDemo(args, env);
    succeeded(first);
    const id = /Portal configuration: (bpc_\w+)/.exec(first.stdout)?.[1];
    expect(id).toBeDefined();
    const made = calls();
    expect(made.map((c) => c.args)).toEqual([
      ["version"],
      ["stack", "select", "--create", "dev", "--non-interactive"],
      ["up", "--yes", "--stack", "dev"],
      ["stack", "output", "--json", "--stack", "dev"],
    ]);
    const base = made[2].env.STRIPE_API_BASE!;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const call of made) {
      expect(call.cwd).toBe(ROOT);
      expect(call.env).toMatchObject({
        PULUMI_BACKEND_URL: `file://${path.join(demoDir, "state")}`,
        PULUMI_HOME: path.join(demoDir, "home"),
        PULUMI_CONFIG_PASSPHRASE: expect.any(String),
      });
      expect(call.env.STRIPE_ACCOUNT).toBeUndefined();
    }
    expect(made[0].env.STRIPE_API_KEY).toBeUndefined();
    expect(made[2].env.STRIPE_API_KEY).toMatch(/^sk_test_/);
    expect(first.stdout).toContain(`Portal preview for cus_demo: ${base}/p/session/`);
    expect(first.stdout).toMatch(new RegExp(`Hosted login page: ${base}/p/login/\\w+`));
    expect(first.stdout).toContain("npm run demo -- --destroy");
    // The emulator has stopped, and kept the configuration in the demo folder.
    await expect(fetch(`${base}/v1/billing_portal/configurations`)).rejects.toThrow();
    const kept = fs.readFileSync(path.join(demoDir, "emulator-state.json"), "utf8");
    expect(kept).toContain(id);

    const second = await runDemo([...args, "--customer", "cus_again"], env);
    succeeded(second);
    expect(second.stdout).toContain(`Portal configuration: ${id}`);
    const again = calls();
    expect(again.map((c) => c.args[0])).toEqual(["version", "stack", "up", "stack"]);
    // The same port as last time, so the URLs kept in the stack's outputs still open.
    expect(again[2].env.STRIPE_API_BASE).toBe(base);
    expect(second.stdout).toContain(`Portal preview for cus_again: ${base}/p/session/`);

    const down = await runDemo([...args, "--destroy"], env);
    succeeded(down);
    expect(calls().map((c) => c.args)).toEqual([["version"], ["stack", "select", "--create", "dev", "--non-interactive"], ["destroy", "--yes", "--stack", "dev"]]);
    expect(down.stdout).toContain("The demo stack is torn down");
    expect(down.stdout).not.toContain("Portal preview");
    const emulator = await startEmulator({ stateFile: path.join(demoDir, "emulator-state.json") });
    try {
      expect(emulator.configurations().find((c) => c.id === id)).toMatchObject({ active: false });
    } finally {
      await emulator.stop();
    }
  }, 90_000);

  it("stops with the CLI's failure and stops the emulator when pulumi up fails", async () => {
    const { env, calls, args } = setUp();
    const failing = script("pulumi-failing", `${FAKE_PULUMI.replace('else if (args[0] === "up") {', 'else if (args[0] === "up") { console.error("error: update failed"); process.exit(255); } else if (false) {')}`);
    const ran = await runDemo(args, { ...env, PULUMI_CLI: failing });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("`pulumi up --yes --stack dev` failed (exited with code 255); see its output above.");
    const base = calls()[2].env.STRIPE_API_BASE!;
    await expect(fetch(`${base}/v1/billing_portal/configurations`)).rejects.toThrow();
  }, 60_000);
});
