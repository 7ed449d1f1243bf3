/**
 * `stripe-portal render <preview.json> --out DIR [--png]`: what a pull request changes in the
 * customer portal, for the people who review it by what customers see. It reads the JSON of
 * `pulumi preview --json` and writes, for each portal configuration created, updated, replaced or
 * deleted, a page with the portal before and after side by side (the changed elements marked), and
 * `summary.md` with a plain sentence per change, ready for the pull request's comment. It sends
 * nothing to Stripe and needs no key, like the preview it reads.
 */
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { CliResult, done, failure, usageError } from "./cliResult";
import { customerSentences, SummarySection, summaryMarkdown } from "./render/customerSummary";
import { portalChanges, PortalChange, PreviewInputError } from "./render/previewChanges";
import { reviewPage } from "./render/reviewPage";
import { CHROMIUM_COMMANDS, findChromium, screenshot } from "./render/screenshot";
import { uniqueNames } from "./uniqueNames";

/** The arguments of `render`, as stripePortal.ts parsed them. */
export interface RenderOptions {
  /** The file holding `pulumi preview --json`'s output (the positional argument). */
  preview?: string;
  /** The folder for the pages and summary.md (created when missing). */
  out?: string;
  /** Also a PNG of each page, where a Chromium is found. */
  png?: boolean;
}

/** The summary's file name in `--out`. */
export const SUMMARY_FILE = "summary.md";

/** Writes the review pages and summary.md of a preview; exit 0 even when --png finds no Chromium (it says so). */
export async function renderCommand(options: RenderOptions, env: NodeJS.ProcessEnv): Promise<CliResult> {
  if (options.preview === undefined) return usageError("render needs the file of `pulumi preview --json` (`pulumi preview --json > preview.json`)");
  if (options.out === undefined) return usageError("render needs --out DIR, the folder to write the pages and summary.md into");
  let changes: PortalChange[];
  try {
    changes = portalChanges(readPreview(options.preview));
  } catch (error) {
    if (error instanceof PreviewInputError) return failure(`${options.preview}: ${error.message}`);
    throw error;
  }

  const names = pageNames(changes);
  const sections: SummarySection[] = changes.map((change, i) => ({ change, sentences: customerSentences(change), page: `${names[i]}.html` }));
  const files: [string, string][] = [
    [join(options.out, SUMMARY_FILE), summaryMarkdown(sections)],
    ...sections.map(({ change, sentences, page }): [string, string] => [join(options.out!, page), reviewPage(change, sentences)]),
  ];
  const written: string[] = [];
  try {
    mkdirSync(options.out, { recursive: true });
    for (const [file, text] of files) {
      writeFileSync(file, text);
      written.push(file);
    }
  } catch (error) {
    return failure(`cannot write into ${options.out}: ${(error as Error).message}`);
  }
  if (changes.length === 0) return done(`Nothing to render: ${options.preview} changes no portal configuration. ${written[0]} says so.\n`);

  let note = "";
  if (options.png) {
    const chromium = findChromium(env);
    if (!chromium) {
      note = `stripe-portal: --png: no Chromium found (${CHROMIUM_COMMANDS.join(", ")} on PATH, or CHROMIUM=/path/to/chrome); the pages are written, the PNGs skipped.\n`;
    } else {
      try {
        for (const { page } of sections) {
          const png = join(options.out, page.replace(/\.html$/, ".png"));
          await screenshot(chromium, join(options.out, page), png);
          written.push(png);
        }
      } catch (error) {
        return failure(`--png: ${(error as Error).message}`, listing(options.preview, changes.length, written));
      }
    }
  }
  return { code: 0, stdout: listing(options.preview, changes.length, written), stderr: note };
}

/** The preview's JSON, or an error saying why the file is not one. */
function readPreview(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new PreviewInputError(`cannot read it: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  if (text.trim() === "") throw new PreviewInputError("it is empty, not the output of `pulumi preview --json`");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PreviewInputError(`it is not JSON, so not the output of \`pulumi preview --json\` (${(error as Error).message})`);
  }
}

/** A file name per configuration, from its resource name; a second of the same name gets `-2`. */
function pageNames(changes: readonly PortalChange[]): string[] {
  return uniqueNames(changes.map((change) => change.name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "") || "portal"));
}

function listing(preview: string, count: number, written: readonly string[]): string {
  return `Rendered ${count} portal configuration${count === 1 ? "" : "s"} from ${preview}:\n${written.map((file) => `  ${file}\n`).join("")}`;
}
