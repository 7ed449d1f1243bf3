/**
 * A PNG of a review page, taken by a Chromium the machine already has (headless, a fresh profile,
 * no network of its own). The page is as tall as its content: a first run measures it (a copy of
 * the page with one line of script writes its height into the DOM it dumps; the page itself stays
 * free of script), the second takes the picture at that height.
 */
import { execFile } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { delimiter, join } from "path";
import { pathToFileURL } from "url";
import { isExecutable } from "../executable";

/** The commands a Chromium goes by on Linux and macOS installs, in the order they are tried. */
export const CHROMIUM_COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] as const;

/** The page's width in the picture: two portals side by side. */
export const SCREENSHOT_WIDTH = 1400;
const MIN_HEIGHT = 400;
const MAX_HEIGHT = 16_000;
const RUN_TIMEOUT_MS = 60_000;

/** `CHROMIUM` (a path) when set, else the first of `CHROMIUM_COMMANDS` on `PATH`; undefined when there is none. */
export function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  if (env.CHROMIUM) return isExecutable(env.CHROMIUM) ? env.CHROMIUM : undefined;
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const command of CHROMIUM_COMMANDS) {
    const found = dirs.map((dir) => join(dir, command)).find(isExecutable);
    if (found) return found;
  }
  return undefined;
}

/** Writes `pngFile`: the page `htmlFile` as Chromium draws it, `SCREENSHOT_WIDTH` wide and as tall as its content. */
export async function screenshot(chromium: string, htmlFile: string, pngFile: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "stripe-portal-render-"));
  try {
    const height = await pageHeight(chromium, htmlFile, work);
    await runChromium(chromium, work, [`--screenshot=${pngFile}`, `--window-size=${SCREENSHOT_WIDTH},${height}`, pathToFileURL(htmlFile).href]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The height of the page's content at the picture's width. */
async function pageHeight(chromium: string, htmlFile: string, work: string): Promise<number> {
  const measured = join(work, "measure.html");
  const script = `<script>document.documentElement.setAttribute("data-height", String(document.documentElement.scrollHeight));</script>`;
  writeFileSync(measured, readFileSync(htmlFile, "utf8").replace("</body>", `${script}</body>`));
  const dom = await runChromium(chromium, work, ["--dump-dom", `--window-size=${SCREENSHOT_WIDTH},${MIN_HEIGHT}`, pathToFileURL(measured).href]);
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1]);
  if (!Number.isFinite(height) || height <= 0) throw new Error(`Chromium did not measure the page ${htmlFile}`);
  return Math.min(Math.max(height, MIN_HEIGHT), MAX_HEIGHT);
}

/** Runs Chromium headless with a new profile in `work`; resolves with what it printed on stdout. */
function runChromium(chromium: string, work: string, args: string[]): Promise<string> {
  const profile = mkdtempSync(join(work, "profile-"));
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(chromium, [...flags, ...args], { timeout: RUN_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${chromium} failed: ${error.message.split("\n")[0]}${stderr ? `\n${stderr.trim().split("\n").slice(-5).join("\n")}` : ""}`));
      else resolve(stdout);
    });
  });
}
