/** Every example is a Pulumi program with its README, and has a test here; the root is a Pulumi project too. */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = ["adopt-default", "basic", "connect", "full", "pr-preview", "session", "tiers"];

function pulumiYaml(dir: string): string {
  return fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
}

describe("the examples", () => {
  it("are exactly the documented ones", () => {
    const found = fs.readdirSync(path.join(ROOT, "examples"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(found.sort()).toEqual(EXAMPLES);
  });

  it.each(EXAMPLES)("%s is a TypeScript Pulumi program with a README and a test", (name) => {
    const dir = path.join(ROOT, "examples", name);
    for (const file of ["Pulumi.yaml", "index.ts", "README.md", "tsconfig.json"]) expect(fs.existsSync(path.join(dir, file))).toBe(true);
    const yaml = pulumiYaml(dir);
    expect(yaml).toMatch(new RegExp(`^name: stripe-portal-${name}$`, "m"));
    expect(yaml).toMatch(/^runtime:\n  name: nodejs\n  options:\n    typescript: true$/m);
    // package.json's "main" is the SDK, so each program names its own entry point.
    expect(yaml).toMatch(/^main: index\.ts$/m);
    expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toMatch(/from "pulumi-stripe-portal"/);
    expect(fs.existsSync(path.join(__dirname, `${name}.test.ts`))).toBe(true);
  });
});

describe("the root project", () => {
  it("is the quick-start program, named and pointed at index.ts", () => {
    const yaml = pulumiYaml(ROOT);
    expect(yaml).toMatch(/^name: stripe-portal-quickstart$/m);
    expect(yaml).toMatch(/^runtime:\n  name: nodejs\n  options:\n    typescript: true$/m);
    expect(yaml).toMatch(/^main: index\.ts$/m);
  });

  it("resolves the package by name to this repository, as the provider text stored with each resource needs", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(pkg.devDependencies["pulumi-stripe-portal"]).toBe("file:.");
    expect(fs.realpathSync(require.resolve("pulumi-stripe-portal/package.json", { paths: [ROOT] }))).toBe(fs.realpathSync(path.join(ROOT, "package.json")));
    // The build and the published files leave the programs out.
    expect(pkg.files).not.toContain("examples");
    expect(pkg.files).not.toContain("index.ts");
  });
});
