/**
 * What every example program (and the root quick start) declares, captured under Pulumi's mocks the
 * way `tests/examples/harness.ts` captures one: for proofs that run each declaration through the
 * provider. Each program module is imported once per test file, so call this once (in `beforeAll`).
 */
import { runProgram, type ProgramRun } from "../examples/harness";

/** One `PortalConfiguration` an example declares. */
export interface ExampleDeclaration {
  /** `basic/basic`, `tiers/portal-gold`: the example and the resource's name. */
  label: string;
  inputs: Record<string, unknown>;
}

/** Each program, with the project and config its own test runs it with. */
const PROGRAMS: { example: string; load: () => Promise<Record<string, unknown>>; options: Parameters<typeof runProgram>[1] }[] = [
  { example: "quickstart", load: () => import("../../index"), options: { project: "stripe-portal-quickstart" } },
  { example: "basic", load: () => import("../../examples/basic"), options: { project: "stripe-portal-basic" } },
  { example: "full", load: () => import("../../examples/full"), options: { project: "stripe-portal-full" } },
  { example: "tiers", load: () => import("../../examples/tiers"), options: { project: "stripe-portal-tiers" } },
  { example: "adopt-default", load: () => import("../../examples/adopt-default"), options: { project: "stripe-portal-adopt-default" } },
  { example: "connect", load: () => import("../../examples/connect"), options: { project: "stripe-portal-connect" } },
  { example: "session", load: () => import("../../examples/session"), options: { project: "stripe-portal-session" } },
  {
    example: "pr-preview",
    load: () => import("../../examples/pr-preview"),
    options: { project: "stripe-portal-pr-preview", stack: "production", config: { "stripe-portal-pr-preview:returnUrl": "https://acme.test/billing" }, preview: true },
  },
];

/** The examples' directories this covers, for a test that no example is left out. */
export const EXAMPLES_COVERED = PROGRAMS.map((program) => program.example).filter((example) => example !== "quickstart");

export async function exampleDeclarations(): Promise<ExampleDeclaration[]> {
  const declarations: ExampleDeclaration[] = [];
  for (const program of PROGRAMS) {
    const run: ProgramRun = await runProgram(program.load, program.options);
    for (const resource of run.resources) declarations.push({ label: `${program.example}/${resource.name}`, inputs: resource.inputs });
  }
  return declarations;
}

/**
 * The declaration without `features.subscriptionPause`, for API versions before 2026-10-28.endive,
 * which do not have it (`full` and `tiers` declare it); unchanged when it declares none.
 */
export function withoutPause(declaration: ExampleDeclaration): ExampleDeclaration {
  const features = declaration.inputs.features as Record<string, unknown> | undefined;
  if (!features || !("subscriptionPause" in features)) return declaration;
  const { subscriptionPause: _pause, ...rest } = features;
  return { label: `${declaration.label} (without subscriptionPause)`, inputs: { ...declaration.inputs, features: rest } };
}
