import { parseArguments } from "../../emulator/cli";
import { STRIPE_FIXTURE_DEFAULTS } from "../../emulator";

const files: Record<string, string> = {
  "other.json": '{"features.subscription_cancel.cancellation_reason.options": ["other"], "metadata": {}}',
  "broken.json": "{",
  "list.json": "[]",
};
const readFile = (path: string) => {
  if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return files[path];
};

test("--stripe-fixture-defaults answers as Stripe's fixtures; --server-defaults FILE overrides, in any order", () => {
  expect(parseArguments(["--stripe-fixture-defaults"], readFile)).toEqual({ port: 12111, serverDefaults: STRIPE_FIXTURE_DEFAULTS });
  const expected = { ...STRIPE_FIXTURE_DEFAULTS, "features.subscription_cancel.cancellation_reason.options": ["other"], metadata: {} };
  expect(parseArguments(["--stripe-fixture-defaults", "--server-defaults", "other.json"], readFile)).toEqual({ port: 12111, serverDefaults: expected });
  expect(parseArguments(["--server-defaults", "other.json", "--stripe-fixture-defaults"], readFile)).toEqual({ port: 12111, serverDefaults: expected });
});

test("explains a file it cannot use", () => {
  expect(() => parseArguments(["--server-defaults"], readFile)).toThrow("--server-defaults needs a value.");
  expect(() => parseArguments(["--server-defaults", "missing.json"], readFile)).toThrow("--server-defaults missing.json: ENOENT: no such file or directory, open 'missing.json'");
  expect(() => parseArguments(["--server-defaults", "broken.json"], readFile)).toThrow(/^--server-defaults broken\.json: .*JSON/);
  expect(() => parseArguments(["--server-defaults", "list.json"], readFile)).toThrow(
    '--server-defaults list.json: expected a JSON object of {"dotted.wire.path": value}, e.g. {"features.subscription_cancel.cancellation_reason.options": []}.',
  );
});
