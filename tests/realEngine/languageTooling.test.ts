/**
 * The tooling of the Python, Go and YAML work (tests/realEngine/harness/README-languages.md), what
 * the program tests (languages, import, yaml) do not already show: `codegen` is built into the
 * tool cache, and fails at once without Go; `npm run build:sdks` writes a Python project and a Go
 * module and says where; the Python SDK installs without touching its folder; the stand-in
 * language hosts answer `pulumi package gen-sdk` with what `codegen sdk` writes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_SCHEMA } from "../../scripts/buildSdks";
import { CODEGEN_MODULE, codegenDir, codegenTool, listFiles, standInLanguageHosts } from "../../scripts/codegenTool";
import { goModGoVersion } from "../../scripts/goBuild";
import { isExecutable } from "../../scripts/toolCache";
import { findPulumiCli } from "../../scripts/pulumiCli";
import { installPythonSdk, pythonEnvironment } from "./harness/pythonPrograms";
import { RealStack, runProcess } from "./harness/realStack";
import { SETUP_TIMEOUT_MS } from "./harness/setup";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js", { paths: [REPO_ROOT] });
const PYTHON_PACKAGE = "pulumi_stripe_portal";
const GO_IMPORT_BASE_PATH = "github.com/pulumi-stripe-portal/pulumi-stripe-portal/sdk/go/stripeportal";

let root: string;
let schema: string;
let sdks: { python: string; go: string };
let buildSdksRun: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-portal-languages-"));
  schema = PROJECT_SCHEMA;
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
  // The release asked for is the go line of the tools' go.mod files, which agree.
  const goLine = goModGoVersion();
  expect(goModGoVersion(CODEGEN_MODULE)).toBe(goLine);
  expect(run.stderr).toBe(
    "codegen (tools/codegen) is built with Go, and `go` is not on PATH (spawnSync go ENOENT). " +
      `Install Go ${goLine} or later (https://go.dev/dl/; the tools' go.mod files ask for it) and run again.\n`,
  );
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
  "the stand-in language hosts answer `pulumi package gen-sdk` with what `codegen sdk` writes",
  async () => {
    const hosts = await standInLanguageHosts();
    const project = `name: gen-sdk\nruntime: python\nplugins:\n  languages:\n${["python", "go"].map((language) => `    - name: ${language}\n      path: ${hosts}\n`).join("")}`;
    const stack = await RealStack.create({ name: "gen-sdk", program: "", project });
    try {
      for (const language of ["python", "go"] as const) {
        const out = path.join(stack.workDir, "gen-sdk");
        const run = await stack.run(["package", "gen-sdk", schema, "--language", language, "--out", out]);
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: `SDK has been written to ${path.join(out, language)}\n` });
        const ours = language === "python" ? sdks.python : path.join(sdks.go, path.basename(GO_IMPORT_BASE_PATH));
        const generated = path.join(out, language === "python" ? "python" : path.join("go", path.basename(GO_IMPORT_BASE_PATH)));
        const file = language === "python" ? `${PYTHON_PACKAGE}/portal_configuration.py` : "portalConfiguration.go";
        // The same generator: the same file, but for the tool named in its header.
        const unnamed = (text: string) => text.replace(/generated by [^*]*\*\*\*/g, "generated by <tool> ***");
        expect(unnamed(fs.readFileSync(path.join(generated, file), "utf8"))).toBe(unnamed(fs.readFileSync(path.join(ours, file), "utf8")));
      }
    } finally {
      stack.remove();
    }
  },
  SETUP_TIMEOUT_MS,
);
