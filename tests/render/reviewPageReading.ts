/** Reading a review page in tests: each side's marked elements and visible text. */
import { visibleText } from "../page/visibleText";

/** The HTML of one side's section. */
export function sideOf(html: string, side: "before" | "after"): string {
  const found = new RegExp(`<section class="side ${side}">([\\s\\S]*?)</section>`).exec(html)?.[1];
  if (found === undefined) throw new Error(`no ${side} side in the page`);
  return found;
}

/** The keys of the elements marked on a side, each once, in page order. */
export function marksOn(html: string, side: "before" | "after"): string[] {
  return [...new Set([...sideOf(html, side).matchAll(/class="[^"]*\bchanged\b[^"]*" data-change="([^"]*)"/g)].map(([, key]) => key))];
}

export function sideText(html: string, side: "before" | "after"): string {
  return visibleText(sideOf(html, side));
}
