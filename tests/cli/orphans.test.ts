/**
 * `stripe-portal configurations orphans`: the active configurations a state does not hold, against
 * the emulator and a `pulumi stack export` file; `--deactivate` after a confirmation.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Emulator, startEmulator } from "../../emulator";
import { main, SYNOPSIS } from "../../cli/stripePortal";
import { createConfiguration } from "../../provider/configurationsApi";
import { DYNAMIC_PORTAL_CONFIGURATION_TYPE, PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";
import { StripeClient } from "../../provider/stripeClient";

const KEY = "sk_test_orphans_4242";
const CONFIGURATIONS = "/v1/billing_portal/configurations";
let emulator: Emulator;
let directory: string;
let env: NodeJS.ProcessEnv;
let now = Date.UTC(2026, 11, 3, 9, 0, 0);

let heldMain: string;
let heldPlugin: string;
let orphanSameName: string;
let orphanOther: string;
let connectedOrphan: string;
let heldConnected: string;

const client = (account?: string) => new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive", account });
async function create(name: string, account?: string): Promise<string> {
  now += 60_000;
  return (await createConfiguration(client(account), { name, features: { invoice_history: { enabled: "true" } } })).body.id;
}

/** A `pulumi stack export` holding these resources. */
function exportFile(resources: { name: string; id: string; type?: string; account?: string; configurationName?: string }[]): string {
  const file = join(directory, `export-${Math.random().toString(36).slice(2)}.json`);
  const deployment = {
    version: 3,
    deployment: {
      manifest: {},
      resources: [
        { urn: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev", custom: false, type: "pulumi:pulumi:Stack" },
        ...resources.map(({ name, id, type, account, configurationName }) => ({
          urn: `urn:pulumi:dev::shop::${type ?? DYNAMIC_PORTAL_CONFIGURATION_TYPE}::${name}`,
          custom: true,
          id,
          type: type ?? DYNAMIC_PORTAL_CONFIGURATION_TYPE,
          inputs: account ? { stripeAccount: account } : {},
          outputs: { name: configurationName ?? null, active: true, ...(account ? { stripeAccount: account } : {}) },
        })),
      ],
    },
  };
  writeFileSync(file, JSON.stringify(deployment));
  return file;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, clock: () => now });
  env = { STRIPE_API_KEY: KEY, STRIPE_API_BASE: emulator.url };
  directory = mkdtempSync(join(tmpdir(), "orphans-"));
  heldMain = await create("Self-serve");
  orphanSameName = await create("Self-serve");
  heldPlugin = await create("Plugin-held");
  orphanOther = await create("Made in the Dashboard");
  const inactive = await create("Inactive");
  emulator.deactivate(inactive);
  heldConnected = await create("Bakery", "acct_1Bakery");
  connectedOrphan = await create("Bakery", "acct_1Bakery");
  emulator.clearRequests();
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});
beforeEach(() => emulator.clearRequests());

const never = async () => {
  throw new Error("asked for a confirmation");
};
const created = (id: string) => new Date(Number(emulator.configurations({ account: id === connectedOrphan ? "acct_1Bakery" : null }).find((c) => c.id === id)!.created) * 1000).toISOString();

function stateFile(): string {
  return exportFile([
    { name: "main", id: heldMain, configurationName: "Self-serve" },
    { name: "plugin", id: heldPlugin, type: PLUGIN_PORTAL_CONFIGURATION_TYPE, configurationName: "Plugin-held" },
    { name: "bakery", id: heldConnected, account: "acct_1Bakery", configurationName: "Bakery" },
  ]);
}

test("lists the active configurations the state does not hold, oldest first, with the state's resources of the same name", async () => {
  const file = stateFile();
  const result = await main(["configurations", "orphans", "--state", file], env, never);
  const [a, b] = [created(orphanSameName), created(orphanOther)];
  expect(result).toEqual({
    code: 0,
    stderr: "",
    stdout: [
      `2 active configurations of the platform account not held by ${file}:`,
      `ID                            CREATED                   NAME                   SAME NAME AS`,
      `${orphanSameName}  ${a}  Self-serve             main`,
      `${orphanOther}  ${b}  Made in the Dashboard  -`,
      "",
    ].join("\n"),
  });
  // Only reads: every page of the active configurations.
  expect(emulator.requests().map((r) => [r.method, r.path, r.query.active, r.query.limit])).toEqual([["GET", CONFIGURATIONS, "true", "100"]]);
});

test("--json, and --account for a connected account's configurations and resources", async () => {
  const result = await main(["configurations", "orphans", "--state", stateFile(), "--account", "acct_1Bakery", "--json"], env, never);
  const orphans = [{ id: connectedOrphan, name: "Bakery", created: created(connectedOrphan), sameNameAs: ["urn:pulumi:dev::shop::pulumi-nodejs:dynamic/stripe:PortalConfiguration::bakery"] }];
  expect(result).toEqual({ code: 0, stderr: "", stdout: `${JSON.stringify({ orphans, deactivated: [], failed: [] }, null, 2)}\n` });
  expect(emulator.requests().map((r) => r.account)).toEqual(["acct_1Bakery"]);
});

test("says so when there is none", async () => {
  const file = exportFile([
    { name: "main", id: heldMain },
    { name: "twin", id: orphanSameName },
    { name: "plugin", id: heldPlugin },
    { name: "other", id: orphanOther },
  ]);
  expect(await main(["configurations", "orphans", "--state", file], env, never)).toEqual({
    code: 0,
    stdout: `No orphan: every active configuration of the platform account but its default is held by ${file}.\n`,
    stderr: "",
  });
});

describe("--deactivate", () => {
  it("asks first: no deactivates nothing; no terminal to ask on is exit 2", async () => {
    const file = stateFile();
    const declined = await main(["configurations", "orphans", "--state", file, "--deactivate"], env, async (question) => {
      expect(question).toBe("Deactivate these 2 configurations? Sessions can no longer use them. [y/N] ");
      return false;
    });
    const [a, b] = [created(orphanSameName), created(orphanOther)];
    expect(declined).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        `2 active configurations of the platform account not held by ${file}:`,
        `ID                            CREATED                   NAME                   SAME NAME AS`,
        `${orphanSameName}  ${a}  Self-serve             main`,
        `${orphanOther}  ${b}  Made in the Dashboard  -`,
        "Nothing deactivated.",
        "",
      ].join("\n"),
    });
    const noTerminal = await main(["configurations", "orphans", "--state", file, "--deactivate"], env, async () => undefined);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toBe(`stripe-portal: --deactivate asks for confirmation on a terminal: add --yes to run it without one\n\n${SYNOPSIS}\n\nRun \`stripe-portal --help\` for the options.\n`);
    expect(emulator.requests().filter((r) => r.method === "POST")).toEqual([]);
  });

  /** A state holding every configuration made in beforeAll but the inactive one and the connected ones. */
  const holdingAllButNew = () =>
    exportFile([
      { name: "main", id: heldMain },
      { name: "plugin", id: heldPlugin },
      { name: "orphan-1", id: orphanSameName },
      { name: "orphan-2", id: orphanOther },
    ]);
  const deactivations = () => emulator.requests().filter((r) => r.method === "POST").map((r) => [r.path, r.body]);
  const DEACTIVATE = { active: "false", expand: ["features.subscription_update.products"] };
  /** The platform's active configurations, newest first as Stripe lists them. */
  const activeIds = () => emulator.configurations().filter((c) => c.active === true).map((c) => c.id);
  /** What stays active: those the state holds, and the account's default (made with the account, so the oldest). */
  const stillActive = () => [orphanOther, heldPlugin, orphanSameName, heldMain, emulator.configurations().find((c) => c.is_default === true)!.id];

  it("yes at the question deactivates exactly the orphans, oldest first", async () => {
    const twin = await create("Twin");
    const spare = await create("Spare");
    const file = holdingAllButNew();
    emulator.clearRequests();
    const asked: string[] = [];
    const result = await main(["configurations", "orphans", "--state", file, "--deactivate"], env, async (question) => {
      asked.push(question);
      return true;
    });
    expect(asked).toEqual(["Deactivate these 2 configurations? Sessions can no longer use them. [y/N] "]);
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        `2 active configurations of the platform account not held by ${file}:`,
        `ID                            CREATED                   NAME   SAME NAME AS`,
        `${twin}  ${created(twin)}  Twin   -`,
        `${spare}  ${created(spare)}  Spare  -`,
        `deactivated ${twin}`,
        `deactivated ${spare}`,
        "",
      ].join("\n"),
    });
    expect(deactivations()).toEqual([
      [`${CONFIGURATIONS}/${twin}`, DEACTIVATE],
      [`${CONFIGURATIONS}/${spare}`, DEACTIVATE],
    ]);
    expect(activeIds()).toEqual(stillActive());
  });

  it("--yes deactivates them without asking", async () => {
    const third = await create("Third");
    const file = holdingAllButNew();
    emulator.clearRequests();
    const result = await main(["configurations", "orphans", "--state", file, "--deactivate", "--yes"], env, never);
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        `1 active configuration of the platform account not held by ${file}:`,
        `ID                            CREATED                   NAME   SAME NAME AS`,
        `${third}  ${created(third)}  Third  -`,
        `deactivated ${third}`,
        "",
      ].join("\n"),
    });
    expect(deactivations()).toEqual([[`${CONFIGURATIONS}/${third}`, DEACTIVATE]]);
    expect(activeIds()).toEqual(stillActive());
  });

  it("with --json, one JSON document: the orphans, those deactivated and those Stripe refused (exit 1)", async () => {
    const refused = await create("Refused");
    const gone = await create("Gone");
    const file = holdingAllButNew();
    emulator.fault({ status: 400, error: { type: "invalid_request_error", message: "Not now." }, match: { method: "POST", path: `${CONFIGURATIONS}/${refused}` } });
    emulator.clearRequests();
    const result = await main(["configurations", "orphans", "--state", file, "--deactivate", "--yes", "--json"], env, never);
    const orphans = [
      { id: refused, name: "Refused", created: created(refused), sameNameAs: [] },
      { id: gone, name: "Gone", created: created(gone), sameNameAs: [] },
    ];
    expect(result).toEqual({
      code: 1,
      stdout: `${JSON.stringify({ orphans, deactivated: [gone], failed: [{ id: refused, error: "Not now." }] }, null, 2)}\n`,
      stderr: `stripe-portal: could not deactivate ${refused}: Not now.\n`,
    });
    expect(deactivations()).toEqual([
      [`${CONFIGURATIONS}/${refused}`, DEACTIVATE],
      [`${CONFIGURATIONS}/${gone}`, DEACTIVATE],
    ]);
    expect(activeIds()).toEqual([refused, ...stillActive()]);
    emulator.deactivate(refused);
  });

  it("with --json, declined or with no terminal to ask on: the same document, nothing deactivated", async () => {
    const file = stateFile();
    const orphans = [
      { id: orphanSameName, name: "Self-serve", created: created(orphanSameName), sameNameAs: ["urn:pulumi:dev::shop::pulumi-nodejs:dynamic/stripe:PortalConfiguration::main"] },
      { id: orphanOther, name: "Made in the Dashboard", created: created(orphanOther), sameNameAs: [] },
    ];
    const report = `${JSON.stringify({ orphans, deactivated: [], failed: [] }, null, 2)}\n`;
    const args = ["configurations", "orphans", "--state", file, "--deactivate", "--json"];
    expect(await main(args, env, async () => false)).toEqual({ code: 0, stdout: report, stderr: "" });
    expect(await main(args, env, async () => undefined)).toEqual({
      code: 2,
      stdout: report,
      stderr: `stripe-portal: --deactivate asks for confirmation on a terminal: add --yes to run it without one\n\n${SYNOPSIS}\n\nRun \`stripe-portal --help\` for the options.\n`,
    });
    expect(deactivations()).toEqual([]);
  });
});

test.each<[string, string[], number, string]>([
  ["no --state", ["configurations", "orphans"], 2, "configurations orphans needs --state FILE (the output of `pulumi stack export`)"],
  ["--yes without --deactivate", ["configurations", "orphans", "--state", "x.json", "--yes"], 2, "--yes goes with --deactivate"],
])("%s is a usage error", async (_, args, code, message) => {
  const result = await main(args, env, never);
  expect(result).toEqual({ code, stdout: "", stderr: `stripe-portal: ${message}\n\n${SYNOPSIS}\n\nRun \`stripe-portal --help\` for the options.\n` });
});

test("a state file that is not a stack export fails with exit 1, naming the file, before anything is sent", async () => {
  const notJson = join(directory, "not.json");
  writeFileSync(notJson, "{ nope");
  expect(await main(["configurations", "orphans", "--state", notJson], env, never)).toMatchObject({ code: 1, stderr: expect.stringMatching(new RegExp(`^stripe-portal: --state ${notJson}: cannot read it as JSON \\(`)) });
  const other = join(directory, "other.json");
  writeFileSync(other, JSON.stringify({ hello: "world" }));
  expect(await main(["configurations", "orphans", "--state", other], env, never)).toEqual({
    code: 1,
    stdout: "",
    stderr: `stripe-portal: --state ${other}: not the output of \`pulumi stack export\` (it has no deployment.resources)\n`,
  });
  expect(emulator.requests()).toEqual([]);
});

describe("configurations list --import-file", () => {
  it("writes a `pulumi import --file` file naming every configuration of the account once, the default one as default-portal", async () => {
    const file = join(directory, "import.json");
    const result = await main(["configurations", "list", "--import-file", file], env, never);
    const listed = emulator.configurations();
    expect(result).toEqual({ code: 0, stdout: `Wrote ${listed.length} configurations to ${file}. Bring them under Pulumi with:\n  pulumi import --file ${file}\n`, stderr: "" });
    const { resources } = JSON.parse(readFileSync(file, "utf8")) as { resources: { type: string; name: string; id: string }[] };
    expect(resources.map((r) => r.id).sort()).toEqual(listed.map((c) => String(c.id)).sort());
    expect(new Set(resources.map((r) => r.type))).toEqual(new Set([PLUGIN_PORTAL_CONFIGURATION_TYPE]));
    const names = Object.fromEntries(resources.map((r) => [r.id, r.name]));
    expect(names[heldMain]).toBe("self-serve");
    expect(names[orphanSameName]).toBe("self-serve-2");
    expect(names[orphanOther]).toBe("made-in-the-dashboard");
    expect(names[String(listed.find((c) => c.is_default === true)!.id)]).toBe("default-portal");
    expect(new Set(Object.values(names)).size).toBe(resources.length);
  });

  it("does not go with --json: a usage error, nothing sent or written", async () => {
    const file = join(directory, "import-json.json");
    expect(await main(["configurations", "list", "--json", "--import-file", file], env, never)).toEqual({
      code: 2,
      stdout: "",
      stderr: `stripe-portal: --json and --import-file do not go together: --import-file prints what it wrote, as text\n\n${SYNOPSIS}\n\nRun \`stripe-portal --help\` for the options.\n`,
    });
    expect(existsSync(file)).toBe(false);
    expect(emulator.requests()).toEqual([]);
  });

  it("with --account, names each configuration in its account: acct_.../bpc_...", async () => {
    const file = join(directory, "import-bakery.json");
    expect((await main(["configurations", "list", "--account", "acct_1Bakery", "--import-file", file], env, never)).code).toBe(0);
    const { resources } = JSON.parse(readFileSync(file, "utf8")) as { resources: { name: string; id: string }[] };
    expect(resources.map((r) => r.id).sort()).toEqual(emulator.configurations({ account: "acct_1Bakery" }).map((c) => `acct_1Bakery/${c.id}`).sort());
  });
});
