import { parseArguments } from "../../emulator/cli";

test("defaults to stripe-mock's port", () => {
  expect(parseArguments([])).toEqual({ port: 12111 });
});

test("reads every flag", () => {
  expect(parseArguments(["--port", "0", "--host", "0.0.0.0", "--state", "s.json", "--rate-limit", "25", "--accept-live-keys"])).toEqual({
    port: 0,
    host: "0.0.0.0",
    stateFile: "s.json",
    rateLimit: 25,
    acceptLiveKeys: true,
  });
});

test("explains bad input", () => {
  expect(() => parseArguments(["--port"])).toThrow("--port needs a value.");
  expect(() => parseArguments(["--rate-limit", "fast"])).toThrow('--rate-limit needs a whole number, not "fast".');
  expect(() => parseArguments(["--verbose"])).toThrow("Unknown argument --verbose.");
});
