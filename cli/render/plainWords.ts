/** Small pieces of plain English for the summary's sentences: lists, quotes, a list's additions and removals, pause lengths. */
import { isRecord, jsonText } from "../../provider/desiredState";

/** `a`, `a and b`, `a, b and c` (or "or"). */
export function listing(items: readonly string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/** A text value as a reader sees it quoted. */
export function quoted(value: unknown): string {
  return `“${String(value)}”`;
}

/** The text with its first letter upper case: a subject ("the portal's headline") opening a sentence. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a list gains and loses, items compared whole; a non-list counts as empty. */
export function listDelta(before: unknown, after: unknown): { added: unknown[]; removed: unknown[] } {
  const a = Array.isArray(before) ? before : [];
  const b = Array.isArray(after) ? after : [];
  const has = (list: unknown[], item: unknown) => list.some((other) => jsonText(other) === jsonText(item));
  return { added: b.filter((item) => !has(a, item)), removed: a.filter((item) => !has(b, item)) };
}

/** `[{interval: "month", intervalCount: 3}, {…1}]` -> `1 or 3 months`; mixed units -> `2 weeks or 1 month`. */
export function pauseLengths(options: unknown): string {
  const lengths = (Array.isArray(options) ? options : []).filter(isRecord).map((o) => ({ unit: String(o.interval), count: Number(o.intervalCount) }));
  if (lengths.length === 0) return "no length";
  const units = new Set(lengths.map((length) => length.unit));
  if (units.size === 1) {
    const counts = lengths.map((length) => length.count).sort((a, b) => a - b);
    return `${listing(counts.map(String), "or")} ${lengths[0].unit}${counts[counts.length - 1] === 1 ? "" : "s"}`;
  }
  return listing(lengths.map(({ unit, count }) => `${count} ${unit}${count === 1 ? "" : "s"}`), "or");
}
