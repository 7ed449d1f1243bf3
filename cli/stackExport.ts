/** The portal configurations a Pulumi state holds, read from `pulumi stack export`. */
import { readFileSync } from "fs";
import { PORTAL_CONFIGURATION_TYPES } from "../provider/resourceTypes";

/** One configuration a state holds. */
export interface HeldConfiguration {
  urn: string;
  id: string;
  /** The Connect account that owns it, or null for the platform account. */
  account: string | null;
  /** Its name on Stripe when the state was written, or null. */
  name: string | null;
}

interface ExportedResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/**
 * The portal configurations in the JSON of `pulumi stack export` (dynamic and plugin resources
 * alike). Throws a message naming the file when it is not such an export.
 */
export function heldConfigurations(file: string): HeldConfiguration[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`--state ${file}: cannot read it as JSON (${(error as Error).message.split("\n")[0]})`);
  }
  const resources = (parsed as { deployment?: { resources?: unknown } } | null)?.deployment?.resources;
  if (!Array.isArray(resources)) {
    throw new Error(`--state ${file}: not the output of \`pulumi stack export\` (it has no deployment.resources)`);
  }
  return (resources as ExportedResource[])
    .filter((resource) => typeof resource.type === "string" && PORTAL_CONFIGURATION_TYPES.includes(resource.type) && typeof resource.id === "string" && resource.id !== "")
    .map((resource) => {
      const outputs = resource.outputs ?? {};
      const account = outputs.stripeAccount ?? resource.inputs?.stripeAccount;
      return {
        urn: String(resource.urn),
        id: resource.id as string,
        account: typeof account === "string" ? account : null,
        name: typeof outputs.name === "string" ? outputs.name : null,
      };
    });
}
