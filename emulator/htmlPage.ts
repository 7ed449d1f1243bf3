/**
 * The frame of every page this package writes (the emulator's hosted pages, the review pages of
 * `stripe-portal render`): one self-contained HTML document with inline CSS and no script, so a
 * page opens alike from the emulator, from a file, or from a CI artifact.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * Escapes text for element content only (`&`, `<`, `>`): Markdown's text, which shows quotes as
 * typed (`escapeHtml`'s `&#39;` would read as such in the raw summary.md) but renders HTML.
 */
export function escapeHtmlContent(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c]);
}

/** The portal's look: Stripe-like colours on a white card. */
export const PORTAL_STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1f36; background: #f6f9fc; margin: 0; }
main { max-width: 760px; margin: 2rem auto; background: #fff; border: 1px solid #e3e8ee; border-radius: 8px; padding: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #e3e8ee; padding-bottom: .25rem; }
.muted { color: #697386; } .badge { display: inline-block; font-size: .75rem; padding: .1rem .5rem; border-radius: 4px; background: #ffe8cc; color: #8a4b00; }
.on { color: #0e6245; font-weight: 600; } .off { color: #a41c4e; font-weight: 600; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
code { background: #f6f9fc; padding: 0 .25rem; border-radius: 3px; } a { color: #635bff; }
`;

/** A whole document: `style` is added after the portal's own (a page's layout around the portal). */
export function htmlPage(title: string, body: string, style = ""): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${PORTAL_STYLE}${style}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
}
