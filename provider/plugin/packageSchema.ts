/**
 * The Pulumi package schema of the `stripe-portal` plugin, written from provider/schema.ts: the
 * resource, its object types, the provider's config, and what Pulumi's code generators need for
 * Python and Go. The plugin answers GetSchema with it; provider/plugin/schema.json is the same,
 * committed for code generation and review (`npm run generate`; a test fails while it is stale).
 *
 * Defaults, limits and allowed values are in each description, in the words the TypeScript SDK
 * shows, and never as schema `default`s: the generated SDKs would then send a default as if the
 * program declared it, and a field left out would no longer take what Stripe fills in.
 */
import { PLUGIN_PORTAL_CONFIGURATION_TYPE } from "../resourceTypes";
import { ObjectNode, RESOURCE_OUTPUTS, RESOURCE_PROPERTIES, resourceInputsSchema, ResourceOutput, SchemaNode } from "../schema";
import { configName, PLUGIN_CONFIG_NAMESPACE, Setting, SETTING_DOCS, SETTINGS } from "../settings";
import { mustBeGiven } from "../validateFields";

/** The plugin's package name, which is its config namespace. */
export const PACKAGE_NAME = PLUGIN_CONFIG_NAMESPACE;

/** A property as the package schema spells it. */
type PropertySpec = Record<string, unknown>;

/** The whole schema, for `version` (the plugin's, which is the npm package's). */
export function packageSchema(version: string): Record<string, unknown> {
  const types: Record<string, unknown> = {};
  const typeRef = (node: ObjectNode): string => {
    const token = `${PACKAGE_NAME}:index:${node.typeName}`;
    if (!(token in types)) {
      types[token] = {
        type: "object",
        description: node.typeDoc,
        properties: Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, propertySpec(child, typeRef)])),
        ...required(node),
      };
    }
    return `#/types/${token}`;
  };

  const inputProperties = Object.fromEntries(Object.entries(resourceInputsSchema.fields).map(([key, child]) => [key, propertySpec(child, typeRef)]));
  const properties = Object.fromEntries(
    RESOURCE_PROPERTIES.map((key) => [key, key in RESOURCE_OUTPUTS ? outputSpec(RESOURCE_OUTPUTS[key]) : propertySpec(resourceInputsSchema.fields[key], typeRef)]),
  );
  const requiredProperties = RESOURCE_PROPERTIES.filter((key) => !RESOURCE_OUTPUTS[key]?.optional);
  // The stack config feeds the default provider only: an explicit provider's argument falls back
  // to the environment, so its description is the setting's alone, and the config's says its name first.
  const settings = (describe: (setting: Setting) => string) =>
    Object.fromEntries(SETTINGS.map((setting) => [setting, { type: "string", description: describe(setting), ...(setting === "apiKey" ? { secret: true } : {}) }]));
  const config = settings((setting) => `Stack config \`${configName(setting, PLUGIN_CONFIG_NAMESPACE)}\`. ${SETTING_DOCS[setting]}`);

  return {
    name: PACKAGE_NAME,
    displayName: "Stripe customer portal",
    version,
    description: "Stripe Billing customer portal configurations, declared in full: what a program states is what Stripe holds after `pulumi up`.",
    keywords: ["pulumi", "stripe", "billing", "customer portal", "category/utility", "kind/native"],
    homepage: "https://github.com/pulumi-stripe-portal/pulumi-stripe-portal#readme",
    repository: "https://github.com/pulumi-stripe-portal/pulumi-stripe-portal",
    license: "Apache-2.0",
    publisher: "pulumi-stripe-portal",
    config: { variables: config },
    provider: { description: "The Stripe account and API the resources of this provider use.", inputProperties: settings((setting) => SETTING_DOCS[setting]) },
    resources: {
      [PLUGIN_PORTAL_CONFIGURATION_TYPE]: {
        description: resourceInputsSchema.typeDoc,
        inputProperties,
        properties,
        required: requiredProperties,
      },
    },
    types,
    language: {
      python: { packageName: "pulumi_stripe_portal", respectSchemaVersion: true, pyproject: { enabled: true } },
      go: { importBasePath: "github.com/pulumi-stripe-portal/pulumi-stripe-portal/sdk/go/stripeportal", respectSchemaVersion: true, generateResourceContainerTypes: false },
      nodejs: { packageName: "pulumi-stripe-portal/plugin", respectSchemaVersion: true },
    },
  };
}

function propertySpec(node: SchemaNode, typeRef: (node: ObjectNode) => string): PropertySpec {
  const described = (spec: PropertySpec) => (node.doc ? { ...spec, description: node.doc } : spec);
  switch (node.kind) {
    case "object":
      return described({ $ref: typeRef(node) });
    case "list":
      return described({ type: "array", items: propertySpec({ ...node.items, doc: undefined }, typeRef) });
    case "map":
      return described({ type: "object", additionalProperties: { type: "string" } });
    case "boolean":
      return described({ type: "boolean" });
    case "integer":
      return described({ type: "integer" });
    case "string":
      return described({ type: "string" });
  }
}

function outputSpec(output: ResourceOutput): PropertySpec {
  const type = output.type === "object" ? { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } } : { type: output.type };
  return { ...type, description: output.doc };
}

/** The fields a program must give when it gives the object (Stripe requires them beside it). */
function required(node: ObjectNode): { required?: string[] } {
  const keys = Object.entries(node.fields)
    .filter(([, child]) => mustBeGiven(child))
    .map(([key]) => key);
  return keys.length > 0 ? { required: keys } : {};
}
