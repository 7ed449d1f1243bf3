/**
 * `stripe-portal render` given what is not a preview of a portal change: a usage error, a one-line
 * error naming the file and what it is instead, or "nothing to render"; never a stack trace; and
 * secrets, never shown. (The real previews it is for are in realPreview.test.ts.)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { renderCommand, RenderOptions } from "../../cli/renderCommand";

let work: string;
beforeEach(() => (work = mkdtempSync(join(tmpdir(), "render-command-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Runs the command on a file holding `text`, with no Chromium to be found. */
async function render(text: string | undefined, options: Partial<RenderOptions> = {}) {
  const preview = join(work, "preview.json");
  if (text !== undefined) writeFileSync(preview, text);
  return renderCommand({ preview, out: join(work, "out"), ...options }, { PATH: "" });
}

/** A one-line message, and nothing like a stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
}

describe("usage", () => {
  it("needs the preview file and --out (exit 2, with the synopsis)", async () => {
    const noFile = await renderCommand({ out: work }, {});
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("stripe-portal: render needs the file of `pulumi preview --json`");
    const noOut = await renderCommand({ preview: join(work, "p.json") }, {});
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("stripe-portal: render needs --out DIR");
  });
});

describe("bad input: a clear error (exit 1)", () => {
  const cases: [string, string | undefined, string][] = [
    ["a missing file", undefined, "cannot read it: no such file"],
    ["an empty file", "", "it is empty, not the output of `pulumi preview --json`"],
    ["text that is not JSON", "Previewing update (dev):\n  + pulumi:pulumi:Stack", "it is not JSON, so not the output of `pulumi preview --json` (Unexpected token"],
    ["a JSON list", "[1, 2]", "it is not the output of `pulumi preview --json` (that is a JSON object)"],
    ["a stack export", JSON.stringify({ version: 3, deployment: { resources: [] } }), "it is not the output of `pulumi preview --json` (it looks like `pulumi stack export`): it has no \"steps\" list"],
    [
      "a preview that failed",
      JSON.stringify({ steps: [], diagnostics: [{ message: "error: property features.x has a problem\n", severity: "error" }] }),
      "the preview failed, so it shows no complete change: error: property features.x has a problem",
    ],
  ];
  it.each(cases)("%s", async (_, text, message) => {
    const result = await render(text);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`stripe-portal: ${join(work, "preview.json")}: ${message}`);
    expectOneLine(result.stderr);
    expect(existsSync(join(work, "out"))).toBe(false);
  });
});

describe("an --out that cannot be written", () => {
  it("a clear error (exit 1)", async () => {
    const file = join(work, "taken");
    writeFileSync(file, "a file, not a folder");
    const result = await render(JSON.stringify({ steps: [] }), { out: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^stripe-portal: cannot write into ${file}: EEXIST`));
    expectOneLine(result.stderr);
  });
});

describe("a preview with no portal configuration to render", () => {
  it("says nothing to render, exits 0, and writes a summary saying so (the pull request's comment stays true)", async () => {
    const preview = { steps: [{ op: "same", urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", newState: { type: "pulumi:pulumi:Stack" } }, { op: "create", urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", newState: { type: "aws:s3/bucket:Bucket", inputs: {} } }], changeSummary: { same: 1, create: 1 } };
    const result = await render(JSON.stringify(preview), { png: true });
    expect(result).toEqual({ code: 0, stdout: `Nothing to render: ${join(work, "preview.json")} changes no portal configuration. ${join(work, "out", "summary.md")} says so.\n`, stderr: "" });
    expect(readdirSync(join(work, "out"))).toEqual(["summary.md"]);
    expect(readFileSync(join(work, "out", "summary.md"), "utf8")).toBe("## Customer portal changes\n\nThis preview changes no customer portal configuration.\n");
  });

  it("skips a portal configuration the preview leaves the same", async () => {
    const preview = { steps: [{ op: "same", urn: "urn:pulumi:dev::p::stripe-portal:index:PortalConfiguration::portal", newState: { type: "stripe-portal:index:PortalConfiguration", inputs: {} } }] };
    const result = await render(JSON.stringify(preview));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Nothing to render/);
  });
});

describe("secrets", () => {
  /**
   * A secret in Pulumi's serialized form with its plaintext, as `pulumi stack export --show-secrets` writes one
   * (the real CLI's preview JSON prints `[secret]` instead, even with --show-secrets).
   */
  const shown = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(value) });
  const TYPE = "stripe-portal:index:PortalConfiguration";
  const PLAINTEXT = "Launch code 0000";

  it("show as [secret] on the pages and in summary.md, even one serialized with its plaintext", async () => {
    const preview = {
      steps: [
        {
          op: "create",
          urn: `urn:pulumi:dev::shop::${TYPE}::fresh`,
          newState: { type: TYPE, inputs: { businessProfile: { headline: shown(PLAINTEXT) }, features: { invoiceHistory: { enabled: true } }, metadata: shown({ owner: PLAINTEXT }) } },
        },
        {
          op: "update",
          urn: `urn:pulumi:dev::shop::${TYPE}::held`,
          oldState: { type: TYPE, id: "bpc_held", inputs: {}, outputs: { businessProfile: { headline: shown(PLAINTEXT) }, active: true, isDefault: false } },
          newState: { type: TYPE, id: "bpc_held", inputs: { businessProfile: { headline: "Acme billing" } } },
        },
      ],
    };
    const result = await render(JSON.stringify(preview));
    expect(result.code).toBe(0);
    const out = join(work, "out");
    expect(readdirSync(out).sort()).toEqual(["fresh.html", "held.html", "summary.md"]);
    for (const file of readdirSync(out)) expect(readFileSync(join(out, file), "utf8")).not.toContain(PLAINTEXT);
    expect(readFileSync(join(out, "summary.md"), "utf8")).toBe(
      [
        "## Customer portal changes",
        "",
        "### `fresh`: created",
        "",
        "- A new portal configuration is created.",
        "- The portal shows the headline “[secret]”.",
        "- Invoice history is shown: customers can see and download their invoices.",
        "",
        "Before and after, side by side: `fresh.html`.",
        "",
        "### `held`: updated (`bpc_held`)",
        "",
        "- The portal's headline changes from “[secret]” to “Acme billing”.",
        "",
        "Before and after, side by side: `held.html`.",
        "",
      ].join("\n"),
    );
    for (const page of ["fresh.html", "held.html"]) expect(readFileSync(join(out, page), "utf8")).toContain("[secret]");
  });
});
