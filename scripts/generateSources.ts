/**
 * `npm run generate`: writes the sources made from the schema (provider/schema.ts), which are
 * committed so that they can be read and reviewed: the TypeScript SDK's types (sdk/types.ts) and
 * the plugin's Pulumi package schema (provider/plugin/schema.json). tests/schema/generatedSources.test.ts
 * fails while either is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { packageSchema } from "../provider/plugin/packageSchema";
import { typesSource } from "./generate/typesSource";

const ROOT = path.resolve(__dirname, "..");

/** Every generated file, by its path in the repository, and its text. */
export function generatedSources(): Record<string, string> {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  return {
    "sdk/types.ts": typesSource(),
    "provider/plugin/schema.json": `${JSON.stringify(packageSchema(version), null, 2)}\n`,
  };
}

if (require.main === module) {
  for (const [file, text] of Object.entries(generatedSources())) {
    fs.writeFileSync(path.join(ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}
