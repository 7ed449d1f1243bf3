/**
 * What a previewed change means for customers, a sentence per change (customerSentences.ts says
 * each), and `summary.md`: a section per configuration, ready to post as a pull request's comment.
 */
import { valueAt } from "../../emulator/jsonValue";
import { escapeHtmlContent } from "../../emulator/htmlPage";
import { changedFields } from "../../provider/changedFields";
import { containsUnknown, Fields } from "../../provider/desiredState";
import { resourceInputsSchema, wireName } from "../../provider/schema";
import { SENTENCES } from "./customerSentences";
import { capitalized } from "./plainWords";
import { blankSide, PortalChange, PortalSide } from "./previewChanges";

/** The sentences for one configuration: what its customers will notice, in the order of the schema. */
export function customerSentences(change: PortalChange): string[] {
  const { op, before, after } = change;
  if (op === "delete" || !after) {
    if (change.isDefault) return ["The account's default configuration stays active (Stripe cannot deactivate it): customers see no change."];
    return ["The configuration is deactivated: customers can no longer open a portal with it (Stripe keeps it, inactive)."];
  }
  if (op === "create" || !before) {
    const opening = after.adoptId
      ? `The existing configuration ${after.adoptId} is adopted and set as declared; compared with a configuration with nothing set:`
      : `A new portal configuration is created${after.stripeAccount ? ` in connected account ${after.stripeAccount}` : ""}.`;
    return [opening, ...sentencesBetween(blankSide(), after, ["stripeAccount", "adoptId"])];
  }
  if (op === "replace") {
    const where = after.stripeAccount !== before.stripeAccount ? ` in ${after.stripeAccount ? `connected account ${after.stripeAccount}` : "the platform account"}` : "";
    const opening = `The configuration is replaced: a new one is created${where} and the old one${change.id ? ` (${change.id})` : ""} is deactivated, so sessions must name the new id.`;
    return [opening, ...sentencesBetween(before, after, ["stripeAccount"])];
  }
  const sentences = sentencesBetween(before, after, []);
  return sentences.length ? sentences : ["Nothing changes for customers."];
}

/**
 * A sentence per changed field, but for the fields another change already tells: a feature turned
 * on or off tells its own settings (the sentence describes the feature as it now is, or its end),
 * and a rule's `absorbs`.
 */
export function sentencesBetween(from: PortalSide, to: PortalSide, skip: readonly string[]): string[] {
  const paths = changedFields(resourceInputsSchema, from, to).filter((path) => !skip.includes(path));
  const told = new Set(paths.flatMap((path) => SENTENCES[path]?.absorbs ?? []));
  const switched = paths.filter((path) => path.endsWith(".enabled")).map((path) => path.slice(0, -".enabled".length));
  return paths
    .filter((path) => !told.has(path) && !switched.some((feature) => path.startsWith(`${feature}.`) && path !== `${feature}.enabled`))
    .flatMap((path) => sentencesFor(path, from, to));
}

function sentencesFor(path: string, from: Fields, to: Fields): string[] {
  const rule = SENTENCES[path];
  const before = valueAt(from, path);
  const after = valueAt(to, path);
  // A whole object not known yet (`features` from another resource's output) has no rule of its own: its name says it.
  const subject = rule?.subject ?? path.split(".").map(wireName).join(" ").replace(/_/g, " ");
  if (containsUnknown(before) || containsUnknown(after)) return [`${capitalized(subject)} will be known only after deploy.`];
  if (!rule) return [`${capitalized(subject)} changes.`];
  const off = featureOffOnBothSides(path, from, to);
  if (off) return [`${capitalized(rule.subject)} changes, which customers do not see while ${off} is off.`];
  return rule.say({ before, after, from, to });
}

/** The outermost feature around `path` that is off before and after: customers see none of its settings. */
function featureOffOnBothSides(path: string, from: Fields, to: Fields): string | undefined {
  const parts = path.split(".");
  for (let depth = 1; depth < parts.length; depth++) {
    const enabled = `${parts.slice(0, depth).join(".")}.enabled`;
    if (enabled === path) break;
    const rule = SENTENCES[enabled];
    if (rule?.feature && valueAt(from, enabled) === false && valueAt(to, enabled) === false) return rule.feature;
  }
  return undefined;
}

/** How a section heading names what happens to the configuration. */
const DONE: Record<PortalChange["op"], string> = { create: "created", update: "updated", replace: "replaced", delete: "deleted" };

/** A configuration's section of the summary, its sentences given. */
export interface SummarySection {
  change: PortalChange;
  sentences: string[];
  /** The page file showing it, before and after. */
  page: string;
}

/** `summary.md`: a heading, then a section per configuration; or a line saying nothing changes. */
export function summaryMarkdown(sections: readonly SummarySection[]): string {
  const head = "## Customer portal changes\n";
  if (sections.length === 0) return `${head}\nThis preview changes no customer portal configuration.\n`;
  const parts = sections.map(({ change, sentences, page }) => {
    const what = `### \`${change.name}\`: ${DONE[change.op]}${change.id ? ` (\`${change.id}\`)` : ""}`;
    // A sentence holds the program's values (a headline): no HTML of theirs reaches the comment.
    return `${what}\n\n${sentences.map((sentence) => `- ${escapeHtmlContent(sentence)}`).join("\n")}\n\nBefore and after, side by side: \`${page}\`.\n`;
  });
  return `${head}\n${parts.join("\n")}`;
}
