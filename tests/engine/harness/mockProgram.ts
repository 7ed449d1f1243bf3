/**
 * Runs a user's Pulumi program (JavaScript text) in the installed program directory, in a child
 * `node` process, under `pulumi.runtime.setMocks`. What comes back is what the engine would
 * receive: each resource's RegisterResource inputs, including the serialized `__provider`.
 */
import { spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Struct = { [key: string]: Json };

export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  /** The RegisterResource `object` struct: the program's inputs plus `__provider`. */
  inputs: Struct;
}

export interface ProgramRun {
  registrations: Registration[];
  /** Calls of Pulumi's closure serializer, and the time spent in them. */
  serialization: { calls: number; ms: number };
  /** From loading the program to the last registration. */
  programMs: number;
}

export interface ProgramOptions {
  /** Run as a preview: outputs of other resources stay unknown. Default false (an update). */
  preview?: boolean;
  /** The stack config the CLI would pass (`PULUMI_CONFIG`), e.g. `{"stripe:apiKey": "..."}`. */
  config?: Record<string, string>;
  /** Extra environment variables of the program's process. */
  env?: Record<string, string>;
}

export const PROJECT = "engine-test";
export const STACK = "dev";

const RUNNER = path.join(__dirname, "mockRunner.cjs");
let counter = 0;

/** Writes `source` as a program file in `programDir` and runs it under mocks. */
export async function runProgram(programDir: string, source: string, options: ProgramOptions = {}): Promise<ProgramRun> {
  const dir = path.join(programDir, "programs");
  fs.mkdirSync(dir, { recursive: true });
  const base = `program-${process.pid}-${++counter}-${randomBytes(4).toString("hex")}`;
  const programFile = path.join(dir, `${base}.js`);
  const resultFile = path.join(dir, `${base}.result.json`);
  fs.writeFileSync(programFile, source);
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ENGINE_TEST_PREVIEW: String(options.preview ?? false),
      ENGINE_TEST_PROJECT: PROJECT,
      ENGINE_TEST_STACK: STACK,
      PULUMI_CONFIG: JSON.stringify(options.config ?? {}),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(Object.keys(options.config ?? {}).filter((key) => key === "stripe:apiKey")),
      ...options.env,
    };
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [RUNNER, programFile, resultFile], { cwd: programDir, env, stdio: ["ignore", "ignore", "pipe"] });
      let errors = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
      child.on("error", reject);
      child.on("close", (exitCode) => resolve({ code: exitCode, stderr: errors }));
    });
    if (code !== 0) throw new Error(`The program exited with ${code}:\n${stderr}`);
    return JSON.parse(fs.readFileSync(resultFile, "utf8")) as ProgramRun;
  } finally {
    fs.rmSync(programFile, { force: true });
    fs.rmSync(resultFile, { force: true });
  }
}

/** The one registration named `name`. */
export function registered(run: ProgramRun, name: string): Registration {
  const found = run.registrations.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`Expected one resource "${name}", found ${found.length}: ${run.registrations.map((r) => r.name).join(", ")}`);
  return found[0];
}
