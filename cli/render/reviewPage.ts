/**
 * The review page of one previewed change: the portal before (as Stripe holds it) and after (as
 * declared, what it leaves out as Stripe fills it), side by side, drawn by the emulator's own
 * portal renderer (emulator/portalView.ts), every element that differs marked, and the summary's
 * sentences above. Self-contained like the emulator's pages: it opens from a CI artifact.
 */
import { changedFields } from "../../provider/changedFields";
import { configurationFields, wireFromCamel } from "../../provider/desiredState";
import { configurationSchema, resourceInputsSchema, wireName } from "../../provider/schema";
import { escapeHtml, htmlPage } from "../../emulator/htmlPage";
import type { JsonObject } from "../../emulator/jsonValue";
import { differingKeys, inactiveNotice, PortalDrawing, portalFeatures, portalHeader, portalSettings, settingRow } from "../../emulator/portalView";
import { PortalChange, PortalSide } from "./previewChanges";

const STYLE = `
main { max-width: 1360px; background: transparent; border: 0; padding: 0 1.5rem; margin: 1.5rem auto; }
.card, .side { background: #fff; border: 1px solid #e3e8ee; border-radius: 8px; padding: 1.25rem 1.5rem; min-width: 0; overflow-wrap: anywhere; }
.card { margin-bottom: 1.5rem; } .card h1 { margin-bottom: .5rem; } .card h2 { margin-top: 1rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; align-items: start; }
.side-title { margin: 0 0 1rem; font-size: .8rem; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: #697386; }
.before .changed, .legend .gone { background: #fde2e4; box-shadow: 0 0 0 2px #e25c6b; border-radius: 3px; }
.after .changed, .legend .new { background: #d7f5e3; box-shadow: 0 0 0 2px #2f9e63; border-radius: 3px; }
.unknown { color: #8a4b00; } .legend { color: #697386; font-size: .9rem; }
`;

/** What each side of a change is titled. */
const SIDE_TITLES = { before: "Before: as Stripe holds it", after: "After: as declared, what it leaves out as Stripe fills it" };

/** The page: the change's name and what happens, the sentences, the two portals. */
export function reviewPage(change: PortalChange, sentences: readonly string[]): string {
  const [before, after] = drawBothSides(change);
  const hidden = changedButNotDrawn(change, before.drawing, after.drawing);
  const body = `<div class="card">
<h1>${escapeHtml(change.name)}: ${escapeHtml(OPERATION_TEXT[change.op])}</h1>
<p class="muted"><code>${escapeHtml(change.type)}</code>${change.id ? ` · <code>${escapeHtml(change.id)}</code>` : ""} · from <code>pulumi preview</code>: nothing was sent to Stripe</p>
<h2>What changes for customers</h2>
<ul class="summary">${sentences.map((sentence) => `<li>${escapeHtml(sentence)}</li>`).join("")}</ul>
<p class="legend">Marked: <span class="gone">what goes</span> on the left, <span class="new">what comes</span> on the right.</p>
${hidden.length ? `<p class="legend">Also changed, not shown while its feature is off: ${hidden.map((path) => `<code>${escapeHtml(path)}</code>`).join(", ")}</p>` : ""}
</div>
<div class="sides">
<section class="side before"><p class="side-title">${SIDE_TITLES.before}</p>
${before.html}
</section>
<section class="side after"><p class="side-title">${SIDE_TITLES.after}</p>
${after.html}
</section>
</div>`;
  return htmlPage(`${change.name}: ${OPERATION_TEXT[change.op]}`, body, STYLE);
}

const OPERATION_TEXT: Record<PortalChange["op"], string> = {
  create: "a new configuration",
  update: "an update",
  replace: "a replacement",
  delete: "a delete",
};

interface DrawnSide {
  html: string;
  drawing: PortalDrawing;
}

/**
 * Both portals, drawn twice: once to learn what each side draws under which key, then with the keys
 * that differ marked. A side that does not exist (before a create, after a delete) draws a note,
 * so that everything on the other side is marked.
 */
function drawBothSides(change: PortalChange): [DrawnSide, DrawnSide] {
  const afterSide = change.op === "delete" && change.isDefault ? change.before : change.after;
  const first = [drawSide(change.before, new PortalDrawing(), "before", change), drawSide(afterSide, new PortalDrawing(), "after", change)];
  const marked = differingKeys(first[0].drawing, first[1].drawing);
  return [drawSide(change.before, new PortalDrawing(marked), "before", change), drawSide(afterSide, new PortalDrawing(marked), "after", change)];
}

function drawSide(side: PortalSide | undefined, d: PortalDrawing, which: "before" | "after", change: PortalChange): DrawnSide {
  if (!side) return { html: missingSide(which, change), drawing: d };
  const configuration = wireOf(side);
  const html = [portalHeader(d, configuration, "Customer portal"), inactiveNotice(d, configuration), portalFeatures(d, configuration), portalSettings(d, configuration, resourceRows(d, side))]
    .filter(Boolean)
    .join("\n");
  return { html, drawing: d };
}

function missingSide(which: "before" | "after", change: PortalChange): string {
  if (which === "before") return `<p class="muted">No configuration yet: this change creates it.</p>`;
  return `<p class="off">Deactivated: customers can no longer open a portal with this configuration${change.id ? ` (<code>${escapeHtml(change.id)}</code>)` : ""}. Stripe keeps it, inactive.</p>`;
}

/** The resource's own settings, below the configuration's: which account holds it, which configuration it adopted. */
function resourceRows(d: PortalDrawing, side: PortalSide): string {
  return settingRow(d, "stripe_account", "Account", side.stripeAccount ?? "the platform account") + settingRow(d, "adopt_id", "Adopted configuration", side.adoptId);
}

/** A side in Stripe's wire shape, as the portal renderer reads a configuration. */
function wireOf(side: PortalSide): JsonObject {
  return { ...(wireFromCamel(configurationSchema, configurationFields(side)) as JsonObject), active: side.active as JsonObject["active"] };
}

/** The changed fields (wire paths) that neither side draws: settings of a feature off on both sides. */
function changedButNotDrawn(change: PortalChange, before: PortalDrawing, after: PortalDrawing): string[] {
  if (!change.before || !change.after) return [];
  const drawn = [...before.drawn.keys(), ...after.drawn.keys()];
  return changedFields(resourceInputsSchema, change.before, change.after)
    .map((path) => path.split(".").map(wireName).join("."))
    .filter((path) => !drawn.some((key) => key === path || key.startsWith(`${path}[`)));
}
