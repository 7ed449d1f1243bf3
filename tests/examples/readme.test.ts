/** The README says what the code does: its texts, names and lists are checked against the code here. */
import * as fs from "node:fs";
import * as path from "node:path";
import { USAGE as CLI_USAGE } from "../../cli/stripePortal";
import { checkConfiguration } from "../../provider/check";
import * as lifecycle from "../../provider/lifecycle";
import { configurationSchema, RESOURCE_PROPERTIES, resourceInputsSchema, SchemaNode } from "../../provider/schema";
import { MISSING_KEY_MESSAGE, PINNED_API_VERSION, SETTING_SOURCES } from "../../provider/settings";
import { USAGE as DEMO_USAGE } from "../../scripts/demoSteps";
import { Emulator, startEmulator } from "./harness";

const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The text of a `## ` section. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

function leafPaths(node: SchemaNode, prefix = ""): string[] {
  if (node.kind === "object") return Object.entries(node.fields).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
  if (node.kind === "list" && node.items.kind === "object") return leafPaths(node.items, `${prefix}[]`);
  return [prefix];
}

describe("the README", () => {
  it("gives the two set-up commands, and .ci/run runs the test one exactly", () => {
    expect(README).toContain("npm install && npm run demo");
    expect(README).toContain("npm ci && npm test");
    // .ci/run: the README's test command, then the suite under Node 24 (npm run test:node).
    const ci = fs.readFileSync(path.join(ROOT, ".ci/run"), "utf8");
    expect(ci.trim().split("\n").slice(-3)).toEqual(["npm ci && npm test || exit", "npm run test:node -- 24", "npm run test:sdk-floor"]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(pkg.scripts.demo).toMatch(/scripts\/demo\.ts/);
    for (const option of ["--destroy", "--serve", "--customer", "PULUMI_CLI"]) {
      expect(DEMO_USAGE).toContain(option);
      expect(README).toContain(option);
    }
  });

  it("shows the root program's configuration as the quick start", () => {
    const program = fs.readFileSync(path.join(ROOT, "index.ts"), "utf8");
    const declaration = /const config = new portal\.PortalConfiguration\("main", \{[\s\S]*?\n\}\);/.exec(program)?.[0];
    expect(declaration).toBeDefined();
    expect(section("Quick start")).toContain(declaration!);
  });

  it("names every setting with its environment fallback, and the pinned version", () => {
    const configuration = section("Configuration");
    for (const { config, env } of Object.values(SETTING_SOURCES)) expect(configuration).toMatch(new RegExp(`\\| \`${config}\` \\| \`${env}\` \\|`));
    expect(configuration).toContain("pulumi config set --secret stripe:apiKey");
    expect(README).toContain(PINNED_API_VERSION);
  });

  it("documents every argument and every output of PortalConfiguration", () => {
    const resource = section("Resource: `PortalConfiguration`");
    for (const argument of leafPaths(resourceInputsSchema)) expect(resource).toContain(`| \`${argument}\` |`);
    expect(RESOURCE_PROPERTIES.length).toBeGreaterThan(10);
    for (const output of ["id", ...RESOURCE_PROPERTIES]) expect(resource).toContain(`| \`${output}\` |`);
  });

  it("lists every example", () => {
    const examples = fs.readdirSync(path.join(ROOT, "examples"), { withFileTypes: true }).filter((e) => e.isDirectory());
    for (const example of examples) expect(section("Examples")).toContain(`[\`${example.name}\`](examples/${example.name})`);
  });

  it("quotes the check failures, the missing-key message and the adoption error as the code words them", async () => {
    const errors = section("Errors");
    const { failures } = checkConfiguration({
      featurs: {},
      businessProfile: { headline: "x".repeat(61), privacyPolicyUrl: "/privacy" },
      features: { subscriptionCancel: { enabled: true, mode: "later" } },
    });
    expect(failures).toHaveLength(4);
    for (const failure of failures) expect(errors).toContain(`${failure.property}: ${failure.reason}`);
    const [crossField] = checkConfiguration({ features: { subscriptionUpdate: { enabled: true } } }).failures;
    expect(errors).toContain(`${crossField.property}: ${crossField.reason}`);
    expect(errors).toContain(MISSING_KEY_MESSAGE);

    const emulator: Emulator = await startEmulator();
    try {
      lifecycle.configure({ config: { get: (key: string) => ({ "stripe:apiKey": "sk_test_readme", "stripe:apiBase": emulator.url })[key] } });
      const adopting = lifecycle.create({ features: {}, adoptId: "bpc_123" });
      await expect(adopting).rejects.toThrow();
      expect(section("Behaviour")).toContain(((await adopting.catch((e: Error) => e)) as Error).message);
    } finally {
      await emulator.stop();
    }
  });

  it("documents the command line as it is", () => {
    const cli = section("The emulator and the command line");
    const exitCodes = /Exit codes: .*/.exec(CLI_USAGE)?.[0];
    expect(exitCodes).toBeDefined();
    expect(cli).toContain(exitCodes!);
    for (const usage of [
      "stripe-portal session --customer cus_",
      "stripe-portal configurations list [--active] [--account acct_...] [--json | --import-file FILE]",
      "stripe-portal configurations orphans --state FILE [--account acct_...]",
      "stripe-portal render ",
    ]) {
      expect(CLI_USAGE).toContain(usage);
      expect(cli).toContain(usage);
    }
  });

  it("explains every dependency", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const dependencies = section("Dependencies");
    for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) expect(dependencies).toContain(`\`${name}\``);
  });
});
