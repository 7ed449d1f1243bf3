/** `expand[]` checking: Stripe refuses a path it cannot expand with a 400 naming it. */
import { invalidRequest } from "./stripeErrors";

/** The requested paths, after checking each against what the route can expand. */
export function checkExpand(requested: unknown, allowed: readonly string[]): string[] {
  const paths = Array.isArray(requested) ? (requested as string[]) : [];
  for (const path of paths) {
    if (!allowed.includes(path)) throw invalidRequest(`This property cannot be expanded (${path}).`);
  }
  return paths;
}

/** The paths under `prefix.` with the prefix removed: `data.features.x` -> `features.x` for each listed object. */
export function expandUnder(prefix: string, paths: readonly string[]): string[] {
  return paths.filter((path) => path.startsWith(`${prefix}.`)).map((path) => path.slice(prefix.length + 1));
}
