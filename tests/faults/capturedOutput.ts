import { format } from "node:util";

/** What a stretch of tests wrote to the console and to stdout/stderr. */
export interface CapturedOutput {
  /** Everything written so far, one entry per call. */
  written(): string[];
  /** Stops recording; the streams and the console work as before. */
  restore(): void;
}

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace", "dir"] as const;

/**
 * Records every console call and every write to stdout/stderr, still passing each one on, so that a
 * test can assert on what would have reached a log without changing what a person sees.
 */
export function captureOutput(): CapturedOutput {
  const consoleSpies = CONSOLE_METHODS.map((method) => jest.spyOn(console, method));
  const streamSpies = [process.stdout, process.stderr].map((stream) => jest.spyOn(stream, "write"));
  return {
    written: () => [
      ...consoleSpies.flatMap((spy) => spy.mock.calls.map((args) => format(...args))),
      ...streamSpies.flatMap((spy) => spy.mock.calls.map(([chunk]) => (typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")))),
    ],
    restore: () => [...consoleSpies, ...streamSpies].forEach((spy) => spy.mockRestore()),
  };
}
