/**
 * The key set with `pulumi config set --secret stripe:apiKey` and the real Pulumi CLI: it is stored
 * encrypted in the stack's config file, and appears in no command's output (up, preview, refresh, a
 * failed update whose Stripe error quotes it, destroy, with the engine's own verbose log on) and in
 * no file the CLI wrote (state, backups, history, logs) in clear. `pulumi stack export
 * --show-secrets` decrypts it where the engine itself keeps every stack config value for a dynamic
 * provider (the default provider's inputs), and nowhere else; with the key only in the deploy
 * job's environment, no state holds it at all.
 */
import * as fs from "fs";
import * as path from "path";
import { Emulator, startEmulator } from "../../emulator";
import { ACME, CONFIGURATIONS, EXPAND, takeRequests } from "../engine/harness/testing";
import { encryptedSecret } from "../engine/harness/providerHost";
import { portalProgram } from "./harness/programs";
import { PORTAL_TYPE, RealStack } from "./harness/realStack";
import { prepareRealEngine, SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./harness/setup";

jest.setTimeout(TEST_TIMEOUT_MS);

const KEY = "sk_test_realEngineSecretKey4242";
let emulator: Emulator;
let stack: RealStack;

beforeAll(async () => {
  await prepareRealEngine();
  emulator = await startEmulator({ port: 0 });
  stack = await RealStack.create({ name: "keys", program: portalProgram({ acme: { args: ACME } }), config: { "stripe:apiBase": emulator.url }, secrets: { "stripe:apiKey": KEY } });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await emulator?.stop();
  stack?.remove();
});

test("config set --secret stores the key encrypted in Pulumi.keys.yaml", () => {
  const configFile = fs.readFileSync(path.join(stack.workDir, "Pulumi.keys.yaml"), "utf8");
  expect(configFile).toMatch(/^ {2}stripe:apiKey:\n {4}secure: v1:[A-Za-z0-9+/=:]+$/m);
  expect(configFile).not.toContain(KEY);
});

test("up (with the engine's verbose log), preview, refresh, a failed update whose Stripe error quotes the key: the key is in no output", async () => {
  const up = await stack.up("--logtostderr", "-v=9", "--logflow");
  expect(up.code).toBe(0);
  const [{ id }] = await stack.resources();
  expect(takeRequests(emulator).map(({ method, path }) => `${method} ${path}`)).toEqual([`POST ${CONFIGURATIONS}`]);
  expect((await stack.preview("--expect-no-changes")).code).toBe(0);
  expect((await stack.refresh()).code).toBe(0);

  emulator.fault({ status: 500, shouldRetry: false, error: { type: "api_error", message: `Upstream proxy refused Bearer ${KEY}` }, match: { method: "POST" } });
  stack.setProgram(portalProgram({ acme: { args: { ...ACME, name: "Acme renamed" } } }));
  const failed = await stack.up();
  expect(failed.code).not.toBe(0);
  expect(failed.stderr).toContain("error: Upstream proxy refused Bearer [redacted]\n");
  expect(takeRequests(emulator)).toEqual([
    { method: "GET", path: `${CONFIGURATIONS}/${id}`, query: { expand: EXPAND }, body: {} },
    { method: "POST", path: `${CONFIGURATIONS}/${id}`, query: {}, body: { name: "Acme renamed", expand: EXPAND } },
  ]);

  for (const run of stack.runs) {
    expect({ command: run.command.replace(KEY, "<the key, given on the command line>"), printed: run.stdout + run.stderr }).toEqual({
      command: expect.any(String),
      printed: expect.not.stringContaining(KEY),
    });
  }
});

test("stack export: the key only as ciphertext; --show-secrets decrypts it only where the engine keeps the stack config for the dynamic provider", async () => {
  const exported = await stack.exportDeployment();
  expect(exported.text).not.toContain(KEY);
  const provider = exported.json.deployment.resources!.find((r) => r.type === "pulumi:providers:pulumi-nodejs")!;
  const encrypted = encryptedSecret();
  expect(provider.inputs).toEqual({ "stripe:apiBase": emulator.url, "stripe:apiKey": encrypted });
  expect(provider.outputs).toEqual({ "stripe:apiBase": emulator.url, "stripe:apiKey": encrypted });

  // Pulumi hands a dynamic provider the whole stack config (pkg/resource/deploy/target.go,
  // GetPackageConfig) and keeps it, secrets encrypted, as the default provider's inputs: any
  // `--secret` config is there. The configuration's own inputs and outputs never hold it.
  const shown = await stack.exportDeployment("--show-secrets");
  const holding = shown.json.deployment.resources!.filter((r) => JSON.stringify(r).includes(KEY));
  expect(holding.map((r) => [r.type, JSON.stringify(r.inputs).includes(KEY), JSON.stringify(r.outputs).includes(KEY)])).toEqual([
    ["pulumi:providers:pulumi-nodejs", true, true],
  ]);
  const portal = shown.json.deployment.resources!.find((r) => r.type === PORTAL_TYPE)!;
  expect(JSON.stringify(portal)).not.toContain("sk_test_");
});

test("with the key only in the deploy job's environment (STRIPE_API_KEY), not even --show-secrets holds it", async () => {
  const envStack = await RealStack.create({ name: "env-key", program: portalProgram({ acme: { args: ACME } }), config: { "stripe:apiBase": emulator.url } });
  try {
    envStack.setEnv({ STRIPE_API_KEY: KEY });
    expect((await envStack.up()).code).toBe(0);
    expect(takeRequests(emulator).map(({ method, path }) => `${method} ${path}`)).toEqual([`POST ${CONFIGURATIONS}`]);
    const shown = await envStack.exportDeployment("--show-secrets");
    expect(shown.json.deployment.resources!.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack", "pulumi:providers:pulumi-nodejs", PORTAL_TYPE]);
    expect(shown.text).not.toContain(KEY);
    expect(envStack.runs.filter((run) => (run.stdout + run.stderr).includes(KEY))).toEqual([]);
    expect(envStack.writtenFiles().filter((file) => fs.readFileSync(file).includes(KEY))).toEqual([]);
  } finally {
    envStack.remove();
  }
});

test("destroy; then no file the CLI wrote holds the key in clear: state, its backups and history, PULUMI_HOME, the program folder", async () => {
  expect((await stack.destroy()).code).toBe(0);
  const printing = stack.runs.filter((run) => (run.stdout + run.stderr).includes(KEY)).map((run) => run.command);
  expect(printing).toEqual([`pulumi stack export --show-secrets --stack keys --non-interactive --color=never`]);
  const files = stack.writtenFiles();
  // The state and its history are there to be searched.
  expect(files.filter((file) => file.includes(`${path.sep}state${path.sep}.pulumi${path.sep}`)).length).toBeGreaterThan(3);
  expect(files.filter((file) => fs.readFileSync(file).includes(KEY))).toEqual([]);
});
