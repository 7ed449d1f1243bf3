/**
 * The yardstick of what registering a `PortalConfiguration` costs: the cheapest dynamic resource
 * Pulumi allows, one provider object shared by every resource (so serialized once, as ours), a
 * class that passes the declared arguments straight to `pulumi.dynamic.Resource`, and nothing of
 * this package loaded. Given the same declarations, the engine receives the same inputs, and the
 * difference is what the SDK adds.
 */
import type { Struct } from "../tests/engine/harness/mockProgram";

/** The bare resource's type token, as the engine receives it. */
export const BARE_TYPE = "pulumi-nodejs:dynamic/bench:Bare";

/**
 * A program declaring one bare resource per entry, with the same arguments. With `properties`,
 * every one of them is also given to Pulumi as `undefined`, as the SDK does to get an output for
 * each: the same inputs reach the engine, and Pulumi builds an output per property.
 */
export function bareProgram(resources: Record<string, Struct>, properties: readonly string[] = []): string {
  const lines = Object.entries(resources).map(([name, args]) => `new Bare(${JSON.stringify(name)}, ${JSON.stringify(args, null, 2)});`);
  return [...bareClass(properties), ...lines, ""].join("\n");
}

/**
 * The same resources as a program the real CLI runs over `--client` (tests/realEngine/harness):
 * `module.exports` is the program function, declaring `Bare(namePrefix + i, declarations[i])`.
 */
export function bareModule(declarations: Struct[], namePrefix: string): string {
  return [
    ...bareClass(),
    `const declarations = ${JSON.stringify(declarations)};`,
    `module.exports = async () => {`,
    `  declarations.forEach((args, i) => new Bare(${JSON.stringify(namePrefix)} + i, args));`,
    `};`,
    "",
  ].join("\n");
}

/** The bare resource's provider (it calls nothing: its create answers the inputs) and class. */
function bareClass(properties: readonly string[] = []): string[] {
  return [
    `const pulumi = require("@pulumi/pulumi");`,
    `const provider = { async create(inputs) { return { id: "bare", outs: inputs }; } };`,
    `const EVERY_PROPERTY = Object.fromEntries(${JSON.stringify(properties)}.map((key) => [key, undefined]));`,
    `class Bare extends pulumi.dynamic.Resource {`,
    `  constructor(name, args, opts) { super(provider, name, { ...EVERY_PROPERTY, ...args }, opts, "bench", "Bare"); }`,
    `}`,
  ];
}
