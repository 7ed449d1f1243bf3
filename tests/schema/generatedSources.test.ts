/**
 * The sources written from the schema (sdk/types.ts, provider/plugin/schema.json) are committed as
 * `npm run generate` writes them, and say what the schema says: the same doc text in the
 * TypeScript SDK and in the package schema that Python and Go see.
 */
import * as fs from "fs";
import * as path from "path";
import { generatedSources } from "../../scripts/generateSources";
import { configurationSchema, RESOURCE_OUTPUTS, resourceInputsSchema, SchemaNode } from "../../provider/schema";
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../../provider/resourceTypes";

const ROOT = path.resolve(__dirname, "../..");
const generated = generatedSources();

test.each(Object.keys(generated))("%s is what `npm run generate` writes from the schema", (file) => {
  expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toBe(generated[file]);
});

/** Every field's doc, by dotted path (list items walked through). */
function docs(node: SchemaNode, prefix = ""): [string, string | undefined][] {
  const holder = node.kind === "list" ? node.items : node;
  if (holder.kind !== "object") return [];
  return Object.entries(holder.fields).flatMap(([key, child]) => {
    const at = prefix ? `${prefix}.${key}` : key;
    return [[at, child.doc] as [string, string | undefined], ...docs(child, at)];
  });
}

test("every field has a doc", () => {
  expect(docs(resourceInputsSchema).filter(([, doc]) => !doc).map(([at]) => at)).toEqual([]);
});

test("the package schema gives every property the doc the TypeScript SDK shows", () => {
  const schema = JSON.parse(generated["provider/plugin/schema.json"]) as {
    resources: Record<string, { inputProperties: Record<string, { description: string; $ref?: string }>; properties: Record<string, { description: string }> }>;
    types: Record<string, { properties: Record<string, { description: string; $ref?: string; items?: { $ref?: string } }> }>;
    config: { variables: Record<string, { secret?: boolean }> };
  };
  const resource = schema.resources[PLUGIN_PORTAL_CONFIGURATION_TYPE];
  /** The package schema's description of a dotted path, following `$ref`s. */
  const described = (at: string): string | undefined => {
    let properties = resource.inputProperties;
    let found: { description: string; $ref?: string; items?: { $ref?: string } } | undefined;
    for (const key of at.split(".")) {
      found = properties[key];
      const ref = found?.$ref ?? found?.items?.$ref;
      if (ref) properties = schema.types[ref.replace("#/types/", "")].properties;
    }
    return found?.description;
  };
  const types = generated["sdk/types.ts"];
  for (const [at, doc] of docs(resourceInputsSchema)) {
    expect({ at, doc: described(at) }).toEqual({ at, doc });
    expect(types).toContain(`/** ${doc} */\n  ${at.split(".").pop()}`);
  }
  for (const [key, output] of Object.entries(RESOURCE_OUTPUTS)) {
    expect(resource.properties[key].description).toBe(output.doc);
    expect(types).toContain(`/** ${output.doc} */\n  readonly ${key}:`);
  }
  expect(Object.keys(resource.properties)).toEqual(expect.arrayContaining(Object.keys(configurationSchema.fields)));
  expect(schema.config.variables.apiKey.secret).toBe(true);
  expect(Object.entries(schema.config.variables).filter(([, variable]) => variable.secret).map(([key]) => key)).toEqual(["apiKey"]);
});
