/** Reading a review page in tests: each side's marked elements and visible text. */

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

/** Visible text: tags out (block elements become spaces), entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<\/?(p|li|ul|ol|tr|td|th|thead|tbody|table|h1|h2|h3|div|main|section|br)\b[^>]*>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

export function sideText(html: string, side: "before" | "after"): string {
  return visibleText(sideOf(html, side));
}
