/**
 * The TypeScript `ProviderArgs` of the plugin (sdk/plugin.ts) document each argument in the words of
 * provider/settings.ts `SETTING_DOCS`, which the package schema gives Python and Go: a doc comment
 * cannot be computed, so this test keeps the two from drifting apart.
 */
import * as fs from "fs";
import * as path from "path";
import { SETTING_DOCS, SETTINGS } from "../../provider/settings";

test("each ProviderArgs argument is documented with its SETTING_DOCS text, and there is no other", () => {
  const source = fs.readFileSync(path.join(__dirname, "../../sdk/plugin.ts"), "utf8");
  const body = /export interface ProviderArgs \{\n([\s\S]*?)\n\}/.exec(source)?.[1] ?? "";
  const documented = [...body.matchAll(/ {2}\/\*\* (.*) \*\/\n {2}(\w+)\?: pulumi\.Input<string>;/g)].map(([, doc, name]) => [name, doc]);
  expect(documented).toEqual(SETTINGS.map((setting) => [setting, SETTING_DOCS[setting]]));
});
