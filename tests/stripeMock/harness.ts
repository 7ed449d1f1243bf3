/**
 * Starts Stripe's `stripe-mock` on a free port for one test file (`beforeAll`), and
 * stops it (`afterAll`). stripe-mock validates each request against Stripe's OpenAPI
 * specification and answers with Stripe's fixtures; it keeps no state.
 */
import { ChildProcess, spawn } from "child_process";
import { stripeMockBinary } from "./stripeMockBinary";

export interface StripeMock {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs stripe-mock with its bundled specification. `-http-port 0` lets it listen on a port the
 * system picks (no race with another process for a port chosen beforehand) and, unlike
 * `-http-addr`, turns off its default HTTPS listener on 12112; the port is read from the line it
 * prints.
 */
export async function startStripeMock(): Promise<StripeMock> {
  const child = spawn(stripeMockBinary(), ["-http-port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await listeningPort(child);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The port of stripe-mock's `Listening for HTTP at address: [::]:<port>`; rejects with its output when it exits first. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /Listening for HTTP at address: .*:(\d+)\n/.exec(output)?.[1];
      if (port) {
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        // Keep draining, so a full pipe never blocks the server.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(Number(port));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) => reject(new Error(`stripe-mock could not start: ${error.message}`)));
    child.once("exit", (code) => reject(new Error(`stripe-mock exited (code ${code}) before listening:\n${output}`)));
  });
}
