/** `npm run emulator -- --help` and the README give the same guidance on the emulator and stripe-mock. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArguments, WHICH_TO_USE } from "../../emulator/cli";
import { STRIPE_MOCK_SPEC } from "./intendedDifferences";

const ROOT = path.resolve(__dirname, "../..");

test("--help ends with the guidance on which to use, and names the list of differences", () => {
  expect(() => parseArguments(["--help"])).toThrow(`\n\n${WHICH_TO_USE}`);
  expect(WHICH_TO_USE.split("\n")[0]).toBe("Emulator or stripe-mock: which to use");
  expect(WHICH_TO_USE).toContain("tests/stripeMock/intendedDifferences.ts");
  expect(fs.existsSync(path.join(ROOT, "tests/stripeMock/intendedDifferences.ts"))).toBe(true);
  expect(WHICH_TO_USE).toContain("scripts/ensure-stripe-mock.sh");
  expect(fs.existsSync(path.join(ROOT, "scripts/ensure-stripe-mock.sh"))).toBe(true);
});

test("the README's section shows that guidance word for word", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("\n### Emulator or stripe-mock: which to use\n");
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  expect(section).toContain("```\n" + WHICH_TO_USE + "\n```");
});

test("`npm run emulator -- --help` prints it and succeeds", () => {
  const run = spawnSync("npx", ["ts-node", "--transpile-only", "emulator/cli.ts", "--help"], { cwd: ROOT, encoding: "utf8" });
  expect(run.status).toBe(0);
  expect(run.stdout.endsWith(`${WHICH_TO_USE}\n`)).toBe(true);
}, 60_000);

test("the differences list names the stripe-mock version the set-up script pins", () => {
  const script = fs.readFileSync(path.join(ROOT, "scripts/ensure-stripe-mock.sh"), "utf8");
  const pinned = /^STRIPE_MOCK_VERSION="(v[\d.]+)"$/m.exec(script)?.[1];
  expect(pinned).toBeDefined();
  expect(STRIPE_MOCK_SPEC).toContain(`stripe-mock ${pinned} `);
});
