/**
 * `npm run test:node -- <line> [jest arguments]`: the whole suite (`npm test`: its pretest, tsc,
 * the build and jest) under another Node.js line than the machine's, fetched from the npm registry
 * (see nodeFromRegistry.ts). That Node goes first on `PATH`, so npm, tsc, jest and every process
 * the tests start run on it. It uses the installed node_modules (`npm ci` first).
 *
 *   npm run test:node -- 24
 *   npm run test:node -- 22 tests/engine
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { fetchNode, isNodeLine } from "./nodeFromRegistry";
import { exitCodeOf, runMain } from "./runScript";

const USAGE = "usage: npm run test:node -- <node line, e.g. 22 or 24> [jest arguments]";

function main(args: string[]): number {
  const [line, ...jestArgs] = args;
  if (!line || !isNodeLine(line)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const fetched = fetchNode(line);
  process.stdout.write(`Running the suite under Node.js ${fetched.version} (${fetched.node})\n`);
  const env = { ...process.env, PATH: [fetched.binDir, process.env.PATH ?? ""].join(path.delimiter) };
  // npm's own entry point when this runs under `npm run`, started with the fetched node; else
  // whichever npm is on PATH (its `#!/usr/bin/env node` then finds the fetched node first).
  const npmCli = process.env.npm_execpath;
  const npmArgs = ["test", ...(jestArgs.length > 0 ? ["--", ...jestArgs] : [])];
  const result = npmCli && /\.c?js$/.test(npmCli)
    ? spawnSync(fetched.node, [npmCli, ...npmArgs], { stdio: "inherit", env })
    : spawnSync("npm", npmArgs, { stdio: "inherit", env, shell: process.platform === "win32" });
  return exitCodeOf(result);
}

if (require.main === module) runMain(main);
