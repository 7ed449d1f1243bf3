/**
 * The tooling of the Python, Go and YAML work (tests/realEngine/harness/README-languages.md), each
 * proved the cheapest real way: `codegen` builds into the tool cache; `npm run build:sdks` writes a
 * Python SDK that pip installs and imports and a Go SDK module that a Go program compiles against,
 * both programs then run by the real CLI over `--client`; the stand-in language hosts generate for
 * `pulumi package gen-sdk` what `codegen sdk` generates; `pulumi-language-yaml` builds and runs a
 * YAML program with the real CLI. Nothing here needs the provider plugin: the programs use the
 * SDKs' types and declare no resource of the package.
 *
 * The schema is provider/plugin/schema.json when it has been generated, else a small one of the
 * same package, names and language settings (FALLBACK_SCHEMA).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_SCHEMA } from "../../scripts/buildSdks";
import { codegenDir, codegenTool, isExecutable, listFiles, standInLanguageHosts, yamlLanguageHost } from "../../scripts/codegenTool";
import { cliPath, findPulumiCli, PulumiCli, QUIET_CLI_ENV } from "../../scripts/pulumiCli";
import { startGoProgram } from "./harness/goPrograms";
import { installPythonSdk, pythonEnvironment, RunningProgram, startPythonProgram } from "./harness/pythonPrograms";
import type { CliRun } from "./harness/realStack";
import { SETUP_TIMEOUT_MS } from "./harness/setup";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js", { paths: [REPO_ROOT] });
const PYTHON_PACKAGE = "pulumi_stripe_portal";
const GO_IMPORT_BASE_PATH = "github.com/pulumi-stripe-portal/pulumi-stripe-portal/sdk/go/stripeportal";

/** The package as the provider's schema generator names it, with one resource. */
const FALLBACK_SCHEMA = {
  name: "stripe-portal",
  version: "0.1.0",
  description: "Stripe Billing customer portal configurations for Pulumi.",
  resources: {
    "stripe-portal:index:PortalConfiguration": {
      description: "A customer portal configuration.",
      inputProperties: { name: { type: "string" }, defaultReturnUrl: { type: "string" } },
      properties: { name: { type: "string" }, defaultReturnUrl: { type: "string" }, isDefault: { type: "boolean" } },
      required: ["isDefault"],
    },
  },
  language: {
    python: { packageName: PYTHON_PACKAGE, respectSchemaVersion: true, pyproject: { enabled: true } },
    go: { importBasePath: GO_IMPORT_BASE_PATH, respectSchemaVersion: true, generateResourceContainerTypes: true },
  },
};

let root: string;
let schema: string;
let sdks: { python: string; go: string };
let buildSdksRun: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-languages-"));
  schema = PROJECT_SCHEMA;
  if (!fs.existsSync(schema)) {
    schema = path.join(root, "schema.json");
    fs.writeFileSync(schema, JSON.stringify(FALLBACK_SCHEMA, null, 2));
  }
  // Built here first, with its progress on stderr, so that the script below finds it.
  await Promise.all([codegenTool(), findPulumiCli()]);
  const out = path.join(root, "sdks");
  buildSdksRun = await runProcess(process.execPath, [TS_NODE, "--transpile-only", path.join(REPO_ROOT, "scripts", "buildSdks.ts"), "--schema", schema, "--out", out], REPO_ROOT, process.env);
  sdks = { python: path.join(out, "python"), go: path.join(out, "go") };
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

test("codegen is built into the tool cache, in a folder named after a hash of tools/codegen's sources", async () => {
  const binary = await codegenTool();
  expect(binary).toBe(path.join(codegenDir(), "codegen"));
  expect(path.basename(path.dirname(binary))).toMatch(/^codegen-[0-9a-f]{16}$/);
  expect(isExecutable(binary)).toBe(true);
});

test("without Go, an empty tool cache fails at once with what to install", async () => {
  const cache = path.join(root, "empty-cache");
  // Node runs by its full path; PATH is an empty folder, so no `go` is found wherever Go lives.
  const emptyBin = path.join(root, "empty-bin");
  fs.mkdirSync(emptyBin);
  const script = `require(${JSON.stringify(path.join(REPO_ROOT, "scripts", "codegenTool"))}).codegenTool().then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); })`;
  const run = await runProcess(process.execPath, [TS_NODE, "--transpile-only", "-e", script], REPO_ROOT, {
    PATH: emptyBin,
    HOME: root,
    XDG_CACHE_HOME: cache,
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("codegen (tools/codegen) is built with Go, and `go` is not on PATH");
  expect(run.stderr).toContain("Install Go 1.26 or later (https://go.dev/dl/");
});

test("npm run build:sdks writes a Python project and a Go module, and says where", () => {
  expect(buildSdksRun).toMatchObject({ code: 0, stderr: "" });
  expect(buildSdksRun.stdout).toContain(`Python project ${PYTHON_PACKAGE} `);
  expect(buildSdksRun.stdout).toContain(`Go module ${path.dirname(GO_IMPORT_BASE_PATH)};`);
  // pip reads the README that pyproject.toml names from the project's root.
  for (const file of ["pyproject.toml", "README.md", `${PYTHON_PACKAGE}/__init__.py`]) expect(fs.existsSync(path.join(sdks.python, file))).toBe(true);
  const goMod = fs.readFileSync(path.join(sdks.go, "go.mod"), "utf8");
  expect(goMod).toMatch(new RegExp(`^module ${path.dirname(GO_IMPORT_BASE_PATH)}\\n`));
  expect(goMod).toContain("github.com/pulumi/pulumi/sdk/v3 v3.274.1");
  expect(fs.readFileSync(path.join(sdks.go, "go.sum"), "utf8")).toContain("github.com/pulumi/pulumi/sdk/v3 v3.274.1 h1:");
  expect(fs.existsSync(path.join(sdks.go, "stripeportal", "portalConfiguration.go"))).toBe(true);
});

test(
  "the Python SDK pip-installs into the Python environment and imports, leaving its folder as it was",
  async () => {
    const before = listFiles(sdks.python);
    const python = await pythonEnvironment();
    const site = await installPythonSdk(sdks.python);
    const run = await runProcess(python, ["-c", `import ${PYTHON_PACKAGE} as sdk; print(sdk.PortalConfiguration.__name__)`], root, { ...process.env, PYTHONPATH: site });
    expect(run).toMatchObject({ code: 0, stdout: "PortalConfiguration\n" });
    expect(listFiles(sdks.python)).toEqual(before);
  },
  SETUP_TIMEOUT_MS,
);

test(
  "a Python program importing the SDK runs with the real CLI over --client",
  async () => {
    const project = await CliProject.create("python");
    const program = path.join(project.dir, "__main__.py");
    fs.writeFileSync(
      program,
      [
        "import pulumi",
        `import ${PYTHON_PACKAGE} as sdk`,
        "",
        "def program():",
        '    pulumi.export("greeting", "hello from python")',
        '    pulumi.export("resourceClass", sdk.PortalConfiguration.__name__)',
        "",
      ].join("\n"),
    );
    const server = await startPythonProgram(program, sdks.python, { env: project.env });
    const outputs = await project.upWith(server);
    expect(outputs).toEqual({ greeting: "hello from python", resourceClass: "PortalConfiguration" });
  },
  SETUP_TIMEOUT_MS,
);

test(
  "the Go SDK compiles in a Go program, which the real CLI runs over --client",
  async () => {
    const project = await CliProject.create("go");
    const source = [
      "package main",
      "",
      "import (",
      '\t"reflect"',
      "",
      `\t"${GO_IMPORT_BASE_PATH}"`,
      '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
      ")",
      "",
      "func program(ctx *pulumi.Context) error {",
      '\tctx.Export("greeting", pulumi.String("hello from go"))',
      '\tctx.Export("resourceType", pulumi.String(reflect.TypeOf(stripeportal.PortalConfiguration{}).String()))',
      "\treturn nil",
      "}",
      "",
    ].join("\n");
    const server = await startGoProgram(source, sdks.go, { env: project.env, cwd: project.dir });
    const outputs = await project.upWith(server);
    expect(outputs).toEqual({ greeting: "hello from go", resourceType: "stripeportal.PortalConfiguration" });
  },
  SETUP_TIMEOUT_MS,
);

test(
  "the stand-in language hosts answer `pulumi package gen-sdk` with what `codegen sdk` writes",
  async () => {
    const hosts = await standInLanguageHosts();
    const project = await CliProject.create("python", [hosts]);
    for (const language of ["python", "go"] as const) {
      const out = path.join(project.dir, "gen-sdk");
      const run = await project.run(["package", "gen-sdk", schema, "--language", language, "--out", out]);
      expect(run.code).toBe(0);
      // The CLI says which host it used: ours, from PATH.
      expect(run.stderr).toContain(`using pulumi-language-${language} from $PATH at ${path.join(hosts, `pulumi-language-${language}`)}`);
      const ours = language === "python" ? sdks.python : path.join(sdks.go, path.basename(GO_IMPORT_BASE_PATH));
      const generated = path.join(out, language === "python" ? "python" : path.join("go", path.basename(GO_IMPORT_BASE_PATH)));
      const file = language === "python" ? `${PYTHON_PACKAGE}/portal_configuration.py` : "portalConfiguration.go";
      // The same generator: the same file, but for the tool named in its header.
      const unnamed = (text: string) => text.replace(/generated by [^*]*\*\*\*/g, "generated by <tool> ***");
      expect(unnamed(fs.readFileSync(path.join(generated, file), "utf8"))).toBe(unnamed(fs.readFileSync(path.join(ours, file), "utf8")));
    }
  },
  SETUP_TIMEOUT_MS,
);

test(
  "pulumi-language-yaml v1.25.0 builds and runs a YAML program with the real CLI",
  async () => {
    const yamlHost = await yamlLanguageHost();
    const project = await CliProject.create("yaml", [yamlHost], "outputs:\n  greeting: hello from yaml\n");
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    expect(up.code).toBe(0);
    expect(await project.outputs()).toEqual({ greeting: "hello from yaml" });
  },
  SETUP_TIMEOUT_MS,
);

/**
 * A Pulumi project and stack in a temporary folder of the test's, driven by the real CLI as
 * realStack.ts drives its stacks: a file backend, `PULUMI_HOME` and `HOME` of its own, the
 * passphrase secrets provider, and only the variables the CLI needs.
 */
class CliProject {
  private constructor(
    readonly dir: string,
    readonly env: NodeJS.ProcessEnv,
    private readonly cli: PulumiCli,
  ) {}

  /** A project of runtime (its Pulumi.yaml ends with body), with pathDirs first on the CLI's PATH, and its stack `dev`. */
  static async create(runtime: string, pathDirs: string[] = [], body = ""): Promise<CliProject> {
    const cli = await findPulumiCli();
    const base = fs.mkdtempSync(path.join(root, `${runtime}-`));
    const dir = path.join(base, "program");
    const home = path.join(base, "home");
    const backend = path.join(base, "state");
    for (const folder of [dir, home, backend]) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: languages-${runtime}\nruntime: ${runtime}\n${body}`);
    const env: NodeJS.ProcessEnv = {
      PATH: [...pathDirs, cliPath(cli, process.env.PATH ?? "")].join(path.delimiter),
      HOME: home,
      PULUMI_HOME: path.join(home, ".pulumi"),
      PULUMI_CONFIG_PASSPHRASE: "language-tooling-tests",
      ...QUIET_CLI_ENV,
      NO_COLOR: "1",
      TERM: "dumb",
    };
    const project = new CliProject(dir, env, cli);
    await project.must(["login", `file://${backend}`]);
    await project.must(["stack", "init", "dev", "--secrets-provider", "passphrase"]);
    return project;
  }

  /** `pulumi up` of the program server's program, then the stack's outputs; the server is stopped. */
  async upWith(server: RunningProgram): Promise<Record<string, unknown>> {
    try {
      const up = await this.run(["up", "--yes", "--skip-preview", `--client=${server.address}`]);
      if (up.code !== 0) throw new Error(`\`${up.command}\` exited with ${up.code}:\n${up.stdout}\n${up.stderr}\nThe program server printed:\n${server.stderr()}`);
    } finally {
      await server.stop();
    }
    return this.outputs();
  }

  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.must(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  }

  async must(args: string[]): Promise<CliRun> {
    const run = await this.run(args);
    if (run.code !== 0) throw new Error(`\`${run.command}\` exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
    return run;
  }

  async run(args: string[]): Promise<CliRun> {
    const full = [...args, "--non-interactive", "--color=never"];
    const run = await runProcess(this.cli.binary, full, this.dir, this.env);
    if (process.env.REAL_ENGINE_VERBOSE) process.stderr.write(`$ pulumi ${full.join(" ")}  (exit ${run.code})\n${run.stdout}${run.stderr}\n`);
    return { command: `pulumi ${full.join(" ")}`, ...run };
  }
}

function runProcess(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", (error) => resolve({ code: null, stdout, stderr: stderr + error.message }));
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
