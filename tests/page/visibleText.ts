/** Visible text: tags out (block elements become spaces), entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<\/?(p|li|ul|ol|tr|td|th|thead|tbody|table|h1|h2|h3|div|main|section|br)\b[^>]*>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
