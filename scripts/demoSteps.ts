/**
 * The pure steps of `npm run demo`: arguments, paths, the environment of the Pulumi CLI, where the
 * CLI may come from, the CLI's arguments, the stack outputs and what is printed. No file, process
 * or network access here: `scripts/demo.ts` does the I/O and calls these.
 */
import * as path from "node:path";

/** The stack the demo deploys. */
export const DEMO_STACK = "dev";
/** Any `sk_test_` key opens the emulator; this one never reaches Stripe. */
export const DEMO_API_KEY = "sk_test_local_emulator_demo";
/** The passphrase of the demo stack's secrets, fixed so that every run opens the same stack. */
export const DEMO_PASSPHRASE = "stripe-portal-local-demo";
/** The customer whose portal session the demo opens. */
export const DEMO_CUSTOMER = "cus_demo";
/** Where everything the demo keeps lives, under the project (gitignored). */
export const DEMO_DIR = ".pulumi-demo";

/** `npm run demo -- --help`, and what follows a usage error. */
export const USAGE = `usage: npm run demo [-- options]

Deploys the quick-start portal configuration (index.ts) to a local Stripe emulator with the
Pulumi CLI, then prints its id and the link of a portal session for a demo customer.

  --destroy          tear the demo stack down instead (pulumi destroy)
  --serve            keep the emulator running after the run, so the session link opens (Ctrl-C stops it)
  --customer ID      the customer of the portal session (default ${DEMO_CUSTOMER})
  --dir PATH         where the state lives (default ${DEMO_DIR}/ in the project)
  --skip-build       do not rebuild dist/ even when the sources are newer
  -h, --help         this text

Environment:
  PULUMI_CLI         the Pulumi CLI to run; default: the one \`npm run pulumi\` finds (pulumi
                     on PATH, else the pulumi npm package, else one built once from the Go module proxy)`;

/** What the command line asks the demo to do. */
export interface DemoOptions {
  destroy: boolean;
  serve: boolean;
  customer: string;
  /** Absolute, or relative to the project; undefined means `.pulumi-demo/`. */
  dir?: string;
  skipBuild: boolean;
  help: boolean;
}

/** Wrong arguments: the message says what, and the usage follows. */
export class DemoUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = "DemoUsageError";
  }
}

/** The options of `npm run demo -- …`; a wrong argument throws DemoUsageError. */
export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const options: DemoOptions = { destroy: false, serve: false, customer: DEMO_CUSTOMER, skipBuild: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new DemoUsageError(`${arg} needs a value.`);
      return next;
    };
    if (arg === "--destroy") options.destroy = true;
    else if (arg === "--serve") options.serve = true;
    else if (arg === "--customer") options.customer = value();
    else if (arg === "--dir") options.dir = value();
    else if (arg === "--skip-build") options.skipBuild = true;
    else if (arg === "--help" || arg === "-h") options.help = true;
    else throw new DemoUsageError(`Unknown argument ${JSON.stringify(arg)}.`);
  }
  if (!/^cus_[A-Za-z0-9_]+$/.test(options.customer)) throw new DemoUsageError(`--customer needs a customer id (cus_...), not ${JSON.stringify(options.customer)}.`);
  if (options.destroy && options.serve) throw new DemoUsageError("--serve shows a session after a deployment; it does not go with --destroy.");
  return options;
}

/** Every place the demo writes to. */
export interface DemoPaths {
  /** The Pulumi project: the repository root, holding Pulumi.yaml and index.ts. */
  projectDir: string;
  /** `.pulumi-demo/`. */
  demoDir: string;
  /** The file state backend's folder. */
  backendDir: string;
  /** PULUMI_HOME: the CLI's workspace, plugins and (with the npm package) its download. */
  pulumiHome: string;
  /** The emulator's configurations, kept across runs. */
  emulatorStateFile: string;
}

/** The demo's folders and files under projectDir (`dir`, when given, replaces `.pulumi-demo/`). */
export function demoPaths(projectDir: string, dir?: string): DemoPaths {
  const demoDir = path.resolve(projectDir, dir ?? DEMO_DIR);
  return {
    projectDir,
    demoDir,
    backendDir: path.join(demoDir, "state"),
    pulumiHome: path.join(demoDir, "home"),
    emulatorStateFile: path.join(demoDir, "emulator-state.json"),
  };
}

/** `file://` URL of a local folder, as PULUMI_BACKEND_URL wants it (forward slashes on Windows too). */
export function fileBackendUrl(folder: string): string {
  const slashed = folder.replace(/\\/g, "/");
  return `file://${slashed.startsWith("/") ? "" : "/"}${slashed}`;
}

/** The variables the Stripe provider and the SDK read; the demo's own replace them, none leaks in from the shell. */
export const STRIPE_VARIABLES = ["STRIPE_API_KEY", "STRIPE_API_BASE", "STRIPE_API_VERSION", "STRIPE_ACCOUNT"];

/**
 * The environment of every Pulumi CLI run: a local file backend, the demo passphrase and a
 * PULUMI_HOME in the demo folder, so nothing lands in the home directory or a Pulumi Cloud
 * account; with the emulator's URL once it runs, the provider's Stripe settings point at it.
 */
export function pulumiEnvironment(base: NodeJS.ProcessEnv, paths: DemoPaths, emulatorUrl?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of [...STRIPE_VARIABLES, "PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_ACCESS_TOKEN"]) delete env[name];
  Object.assign(env, {
    PULUMI_BACKEND_URL: fileBackendUrl(paths.backendDir),
    PULUMI_CONFIG_PASSPHRASE: DEMO_PASSPHRASE,
    PULUMI_HOME: paths.pulumiHome,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  });
  if (emulatorUrl !== undefined) {
    env.STRIPE_API_KEY = DEMO_API_KEY;
    env.STRIPE_API_BASE = emulatorUrl;
  }
  return env;
}

/** Where the emulator listens: the port of the last run (so the URLs in the stack's outputs stay valid), else a free one. */
export function emulatorPort(saved: string | undefined): number {
  const port = Number(saved?.trim());
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 0;
}

/** How to install a Pulumi CLI, printed when none runs. */
export const INSTALL_HELP = `Install the Pulumi CLI, then run \`npm run demo\` again:
  curl -fsSL https://get.pulumi.com | sh      # Linux, macOS
  brew install pulumi/tap/pulumi              # macOS, Homebrew
  https://www.pulumi.com/docs/install/        # Windows and every other way
or set PULUMI_CLI to a pulumi binary.`;

/** The message of a run that found no CLI: what `npm run pulumi`'s search tried (its error), and how to install one. */
export function noCliMessage(searchError: string): string {
  return [`npm run demo needs the Pulumi CLI, and none could run here.`, searchError.trim(), "", INSTALL_HELP].join("\n");
}

/** Pulumi's Node.js language host: with it, the CLI runs the program itself. */
export const LANGUAGE_HOST = "pulumi-language-nodejs";

/**
 * The Node.js language host on `pathValue` (the CLI's PATH), if any. Pulumi's releases ship it
 * beside the CLI; a CLI built from the Go module proxy has none (its module has no version there),
 * and then the demo serves the program to the CLI itself, as the Automation API does.
 */
export function findLanguageHost(pathValue: string, isExecutable: (file: string) => boolean, platform: NodeJS.Platform = process.platform): string | undefined {
  const windows = platform === "win32";
  const join = windows ? path.win32.join : path.posix.join;
  for (const dir of pathValue.split(windows ? ";" : ":")) {
    if (dir === "") continue;
    const file = join(dir, windows ? `${LANGUAGE_HOST}.exe` : LANGUAGE_HOST);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

/** The one-line reason a CLI run failed. */
export function runFailure(result: { error?: { code?: string; message: string }; code: number | null; signal?: string | null; stderr: string }): string {
  if (result.error) return result.error.code === "ENOENT" ? "not found" : `could not start (${result.error.message})`;
  const lastLine = result.stderr.trim().split(/\r?\n/).filter(Boolean).pop();
  const how = result.signal ? `stopped by ${result.signal}` : `exited with code ${result.code}`;
  return lastLine ? `${how}: ${lastLine}` : how;
}

/**
 * The Pulumi CLI runs of one demo, in order. `programServer` is the address of the program served
 * by the demo itself (no language host): `up` then asks it to run the program (`--client`).
 */
export function pulumiRuns(options: Pick<DemoOptions, "destroy">, programServer?: string): { select: string[]; change: string[]; outputs: string[] } {
  const stack = ["--stack", DEMO_STACK];
  return {
    // Creates the stack on the first run; the passphrase secrets provider is the file backend's default.
    select: ["stack", "select", "--create", DEMO_STACK, "--non-interactive"],
    change: options.destroy
      ? ["destroy", "--yes", ...stack]
      : ["up", "--yes", ...stack, ...(programServer ? [`--client=${programServer}`] : [])],
    outputs: ["stack", "output", "--json", ...stack],
  };
}

/** What the demo reads from the stack: the quick-start program's exports. */
export interface StackOutputs {
  configurationId: string;
  loginUrl?: string;
}

/** `pulumi stack output --json` of the root program. */
export function parseStackOutputs(text: string): StackOutputs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`pulumi stack output --json printed something that is not JSON: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("pulumi stack output --json did not print an object.");
  const outputs = parsed as Record<string, unknown>;
  if (typeof outputs.configurationId !== "string" || !outputs.configurationId.startsWith("bpc_")) {
    throw new Error(`The stack has no configurationId output (got ${JSON.stringify(outputs.configurationId)}); did pulumi up succeed?`);
  }
  return { configurationId: outputs.configurationId, loginUrl: typeof outputs.loginUrl === "string" ? outputs.loginUrl : undefined };
}

/** Whether dist/ must be rebuilt: a file the provider host loads is missing or older than the newest source. */
export function needsBuild(newestSourceMs: number, builtMs: readonly (number | undefined)[]): boolean {
  if (builtMs.length === 0 || builtMs.some((ms) => ms === undefined)) return true;
  return newestSourceMs > Math.min(...(builtMs as number[]));
}

/** What a successful run prints last. */
export function summary(input: { outputs: StackOutputs; customer: string; sessionUrl: string; serve: boolean; demoDir: string }): string {
  const lines = [
    "",
    `Portal configuration: ${input.outputs.configurationId}`,
    `Portal preview for ${input.customer}: ${input.sessionUrl}`,
  ];
  if (input.outputs.loginUrl) lines.push(`Hosted login page: ${input.outputs.loginUrl}`);
  lines.push(
    "",
    input.serve
      ? "The emulator keeps running so the links open; Ctrl-C stops it."
      : "The emulator stops now, and the links with it: `npm run demo -- --serve` keeps it running.",
    `State: ${input.demoDir} (delete it to start over). Tear down: npm run demo -- --destroy`,
  );
  return lines.join("\n");
}
