import * as fs from "node:fs";
import * as path from "node:path";
import * as lifecycle from "../../provider/lifecycle";
import { checkFailures, ProgramRun, RESOURCE_TYPE, runProgram } from "./harness";

const WORKFLOW = path.resolve(__dirname, "../../examples/pr-preview/.github/workflows/billing-portal.yml");

let run: ProgramRun;
beforeAll(async () => {
  run = await runProgram(() => import("../../examples/pr-preview"), {
    project: "stripe-portal-pr-preview",
    stack: "production",
    config: { "stripe-portal-pr-preview:returnUrl": "https://acme.test/billing" },
    preview: true,
  });
});

/** The workflow's top part and each job's lines, by job name. */
function workflowParts(): { head: string; jobs: Record<string, string> } {
  const text = fs.readFileSync(WORKFLOW, "utf8");
  const [head, body] = text.split(/^jobs:\n/m);
  const jobs: Record<string, string> = {};
  for (const chunk of body.split(/^(?=  [a-z-]+:\n)/m)) {
    const name = /^  ([a-z-]+):\n/.exec(chunk)?.[1];
    if (name) jobs[name] = chunk;
  }
  return { head, jobs };
}

/** The lines that are not comments. */
const code = (text: string) =>
  text
    .split("\n")
    .filter((line) => !line.trim().startsWith("#"))
    .join("\n");

describe("examples/pr-preview program", () => {
  it("declares one configuration named after the stack, with the stack's return URL", () => {
    expect(run.resources).toHaveLength(1);
    const portal = run.byName("customer-portal");
    expect(portal.type).toBe(RESOURCE_TYPE);
    expect(portal.inputs).toMatchObject({ name: "Customer portal (production)", defaultReturnUrl: "https://acme.test/billing" });
    expect(checkFailures(portal)).toEqual([]);
  });

  it("previews with no Stripe key: check and diff need none", async () => {
    const saved = process.env.STRIPE_API_KEY;
    delete process.env.STRIPE_API_KEY;
    try {
      lifecycle.configure({ config: { get: () => undefined } });
      expect(lifecycle.currentSettings().apiKey).toBeUndefined();
      const inputs = run.byName("customer-portal").inputs;
      const checked = await lifecycle.check({}, inputs);
      expect(checked.failures).toEqual([]);
      const changed = await lifecycle.diff("bpc_1", { ...checked.inputs, name: "Customer portal (old)" }, checked.inputs!);
      // Something to send: the engine is left to compare the inputs (DIFF_UNKNOWN), and nothing is replaced.
      expect(changed).toEqual({ replaces: [], deleteBeforeReplace: false });
    } finally {
      if (saved !== undefined) process.env.STRIPE_API_KEY = saved;
    }
  });
});

describe("examples/pr-preview workflow", () => {
  const { head, jobs } = workflowParts();

  it("runs on pull requests and on pushes to main", () => {
    expect(code(head)).toMatch(/^on:\n  pull_request:\n  push:\n    branches: \[main\]$/m);
    expect(Object.keys(jobs)).toEqual(["preview", "deploy"]);
  });

  it("previews pull requests with pulumi preview --diff and no Stripe key", () => {
    const preview = code(jobs.preview);
    expect(preview).toContain("if: github.event_name == 'pull_request'");
    expect(preview).toMatch(/run: pulumi preview --diff\b/);
    expect(preview).not.toMatch(/--refresh/);
    expect(preview).not.toMatch(/STRIPE/);
    expect(code(head)).not.toMatch(/STRIPE/);
  });

  it("deploys main with pulumi up and the key from a secret, in that job only", () => {
    const deploy = code(jobs.deploy);
    expect(deploy).toContain("if: github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(deploy).toMatch(/run: pulumi up --yes\b/);
    expect(deploy).toContain("STRIPE_API_KEY: ${{ secrets.STRIPE_API_KEY }}");
  });

  it("installs dependencies and the CLI in both jobs", () => {
    for (const job of Object.values(jobs)) {
      expect(job).toContain("uses: actions/checkout@v4");
      expect(job).toContain("run: npm ci");
      expect(job).toContain("uses: pulumi/actions@v6");
    }
  });
});
