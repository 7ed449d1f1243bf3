import type { PortalSide } from "../../cli/render/previewChanges";

/** A copy of `side` with `value` at the camelCase `path` (`features.invoiceHistory.enabled`). */
export function withValue(side: PortalSide, path: string, value: unknown): PortalSide {
  const copy = JSON.parse(JSON.stringify(side)) as PortalSide;
  const keys = path.split(".");
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((here, key) => here[key] as Record<string, unknown>, copy);
  parent[keys[keys.length - 1]] = value;
  return copy;
}
