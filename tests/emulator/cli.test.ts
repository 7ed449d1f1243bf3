import { spawn } from "child_process";
import * as path from "path";
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

test("`npm run emulator` prints where it listens and how to point the provider at it, serves there, and stops on SIGTERM", async () => {
  // Its own process group, so that Ctrl-C's signal reaches npm and the emulator beneath it alike.
  const child = spawn("npm", ["run", "--silent", "emulator", "--", "--port", "0"], { cwd: path.resolve(__dirname, "../.."), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  // "close" comes once every process holding the output pipe, the emulator included, has exited.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let url: string | undefined;
  try {
    for (let waited = 0; !stdout.includes("Control routes") && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect(stdout).toBe(
      [
        `Stripe billing-portal emulator listening on ${url}`,
        "  state: in memory; rate limit: off",
        "Point the provider at it:",
        `  export STRIPE_API_BASE=${url}`,
        "  export STRIPE_API_KEY=sk_test_emulator   # any sk_test_ key works",
        `Control routes: ${url}/_emulator (requests, faults, rate-limit, configurations)`,
        "",
      ].join("\n"),
    );
    // What it prints works: the printed key lists the account's default configuration there.
    const response = await fetch(`${url}/v1/billing_portal/configurations`, { headers: { authorization: "Bearer sk_test_emulator" } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { is_default: boolean }[] }).data.map((c) => c.is_default)).toEqual([true]);
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
  await closed;
  await expect(fetch(`${url}/v1/billing_portal/configurations`)).rejects.toThrow("fetch failed");
}, 90_000);
