import { RESOURCE_PROPERTIES } from "../provider/schema";

/**
 * Every property of the resource as `undefined`, spread under a resource's arguments: Pulumi creates
 * an output only for a key it is given, and `undefined` asks for the output alone.
 */
export const EVERY_OUTPUT: Readonly<Record<string, undefined>> = Object.fromEntries(RESOURCE_PROPERTIES.map((key) => [key, undefined]));
