/** Pulumi programs of the real-engine tests, as the CommonJS text `RealStack.setProgram` takes. */
import type { CliRun } from "./realStack";

/** One `PortalConfiguration`: its arguments, and resource options as JavaScript text (`{ replaceOnChanges: [...] }`). */
export interface Declared {
  args: Record<string, unknown>;
  options?: Record<string, unknown>;
}

/**
 * A program declaring one `PortalConfiguration` per entry, exporting each id under its name. The
 * program is served to the CLI by programServer.cjs, which calls the exported function.
 */
export function portalProgram(resources: Record<string, Declared>): string {
  const lines = Object.entries(resources).map(
    ([name, { args, options }]) =>
      `  ids[${JSON.stringify(name)}] = new PortalConfiguration(${JSON.stringify(name)}, ${JSON.stringify(args)}, ${JSON.stringify(options ?? {})}).id;`,
  );
  return [`const { PortalConfiguration } = require("pulumi-stripe-portal");`, `module.exports = async () => {`, `  const ids = {};`, ...lines, `  return ids;`, `};`, ""].join("\n");
}

/**
 * What the CLI printed, for exact comparison: the `[urn=…]` lines and timings dropped, each id
 * named in `ids` replaced by `<name>`, trailing blanks trimmed.
 */
export function printed(run: CliRun, ids: Record<string, string> = {}): string {
  let text = run.stdout
    .split("\n")
    .filter((line) => !/^\s*\[urn=/.test(line) && !/^Duration: /.test(line))
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n");
  for (const [name, id] of Object.entries(ids)) text = text.split(id).join(`<${name}>`);
  return text.trim();
}
