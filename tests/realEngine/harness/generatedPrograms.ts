/**
 * Programs written as a user writes them (a Python `__main__.py`, a Go `main.go`, a TypeScript
 * `index.ts`: code Pulumi generated, or the README's quick starts), served to the real CLI the way
 * these tests serve programs (`--client`): Python and Go through their program servers, which call
 * a `program` function, TypeScript through the Node.js one.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { startGoProgram } from "./goPrograms";
import { RunningProgram, startPythonProgram } from "./pythonPrograms";
import { CliRun, RealStack } from "./realStack";

export type Runtime = "nodejs" | "python" | "go";

/** The SDKs `npm run build:sdks` generated (buildSdks.ts). */
export interface Sdks {
  python: string;
  go: string;
}

/** Serves `code` for `stack`; for TypeScript, the stack's own program server serves it (undefined). */
async function serve(runtime: Runtime, stack: RealStack, code: string, sdks: Sdks): Promise<RunningProgram | undefined> {
  if (runtime === "nodejs") {
    fs.writeFileSync(path.join(stack.workDir, "user-program.js"), ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText);
    stack.setProgram('module.exports = async () => ({ ...require("./user-program.js") });\n');
    return undefined;
  }
  if (runtime === "python") {
    const file = path.join(stack.workDir, "__main__.py");
    fs.writeFileSync(file, code);
    const wrapper = path.join(stack.workDir, "program.py");
    fs.writeFileSync(wrapper, `import runpy\n\n\ndef program():\n    runpy.run_path(${JSON.stringify(file)})\n`);
    return startPythonProgram(wrapper, sdks.python);
  }
  // Go: `main` runs `pulumi.Run(func(ctx) error { … })`; the program server runs that function itself.
  const opening = "func main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error {\n";
  const closing = "\t})\n}\n";
  if (!code.includes(opening) || !code.endsWith(closing)) throw new Error(`a Go program of another shape than \`func main() { pulumi.Run(func(ctx *pulumi.Context) error { … }) }\`:\n${code}`);
  return startGoProgram(code.replace(opening, "func program(ctx *pulumi.Context) error {\n").slice(0, -closing.length) + "}\n", sdks.go);
}

/** `pulumi preview --diff` (with `args`) or `pulumi up` of `code`. */
export async function runUserProgram(command: "preview" | "up", runtime: Runtime, stack: RealStack, code: string, sdks: Sdks, ...args: string[]): Promise<CliRun> {
  const server = await serve(runtime, stack, code, sdks);
  try {
    if (command === "preview") return server ? await stack.previewOn(server.address, ...args) : await stack.preview(...args);
    return server ? await stack.upOn(server.address, ...args) : await stack.up(...args);
  } finally {
    await server?.stop();
  }
}
