/**
 * The declaration fingerprint: under a dynamic-provider host that drops the inputs a refresh
 * returns (hostRelease.ts), the engine's own comparison of old and new inputs cannot see a change
 * made outside Pulumi, so the provider keeps in the outputs a fingerprint of the declaration it
 * last made Stripe hold. A change the next diff finds under the same declaration was made outside Pulumi.
 */
import { createHash } from "crypto";
import { canonicalJson } from "../canonicalJson";
import { withoutMachineryKeys } from "../check";

/** The output holding the fingerprint (a `__` key: never read as part of a declaration). */
export const DECLARATION_OUTPUT = "__declaration";

/** A fingerprint of checked inputs: what the program declares, without the dynamic resource's machinery. */
export function declarationFingerprint(inputs: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalJson(withoutMachineryKeys(inputs))).digest("hex").slice(0, 32);
}
