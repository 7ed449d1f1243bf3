/**
 * The portal configurations a `pulumi preview --json` changes, each as two whole configurations:
 * before (the old state: what Stripe holds, every field) and after (the declaration, its left-out
 * fields as Stripe will fill them). The same reading for the dynamic provider's resources and the
 * native plugin's: both keep the inputs' camelCase shape in the state, and learned defaults beside
 * it (provider/stripeDefaults.ts).
 */
import { configurationFields, defaultState, desiredState, Fields, isRecord } from "../../provider/desiredState";
import { SECRET_KEY } from "../../provider/pulumiSecret";
import { PORTAL_CONFIGURATION_TYPES } from "../../provider/resourceTypes";
import { stripeDefaultsOf } from "../../provider/stripeDefaults";

/** What the preview does to a configuration; a replacement's three steps count as one. */
export type PortalOperation = "create" | "update" | "replace" | "delete";

/**
 * A configuration with the resource's own settings beside its fields (`active`, `stripeAccount`,
 * `adoptId`): the shape of provider/schema.ts's `resourceInputsSchema`, every field given.
 */
export type PortalSide = Fields;

/** One configuration the preview changes: what `render` draws a page and writes sentences for. */
export interface PortalChange {
  urn: string;
  /** The resource's name in the program (the URN's last part). */
  name: string;
  type: string;
  op: PortalOperation;
  /** The configuration's id; none for a create. */
  id?: string;
  /** As Stripe holds it; none for a create. */
  before?: PortalSide;
  /** As the program declares it; none for a delete. */
  after?: PortalSide;
  /** The account's default configuration (adopted): a delete leaves it active, since Stripe cannot deactivate it. */
  isDefault: boolean;
}

/** A file that is not what the command reads: its message says what is wrong, for the person who gave it. */
export class PreviewInputError extends Error {}

interface Step {
  op?: unknown;
  urn?: unknown;
  oldState?: { type?: unknown; id?: unknown; inputs?: unknown; outputs?: unknown };
  newState?: { type?: unknown; id?: unknown; inputs?: unknown };
}

const OPERATIONS: Record<string, PortalOperation> = {
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
};

/** The portal configurations the preview creates, updates, replaces or deletes, in the preview's order. */
export function portalChanges(preview: unknown): PortalChange[] {
  const steps = stepsOf(preview);
  const byUrn = new Map<string, { op: PortalOperation; oldState?: Step["oldState"]; newState?: Step["newState"] }>();
  for (const step of steps) {
    const op = typeof step.op === "string" ? OPERATIONS[step.op] : undefined;
    const type = step.newState?.type ?? step.oldState?.type;
    if (!op || typeof step.urn !== "string" || typeof type !== "string" || !PORTAL_CONFIGURATION_TYPES.includes(type)) continue;
    const seen = byUrn.get(step.urn);
    byUrn.set(step.urn, { op, oldState: seen?.oldState ?? step.oldState, newState: seen?.newState ?? step.newState });
  }
  return [...byUrn].map(([urn, { op, oldState, newState }]) => changeOf(urn, op, oldState, newState));
}

/** The steps of a preview, or an error naming what the file is instead. */
function stepsOf(preview: unknown): Step[] {
  if (!isRecord(preview)) throw new PreviewInputError("it is not the output of `pulumi preview --json` (that is a JSON object)");
  const failed = Array.isArray(preview.diagnostics)
    ? preview.diagnostics.filter((d): d is Fields => isRecord(d) && d.severity === "error").map((d) => String(d.message).trim())
    : [];
  if (failed.length > 0) throw new PreviewInputError(`the preview failed, so it shows no complete change: ${failed.join("; ")}`);
  if (!Array.isArray(preview.steps)) {
    const what = isRecord(preview.deployment) ? " (it looks like `pulumi stack export`)" : "";
    throw new PreviewInputError(`it is not the output of \`pulumi preview --json\`${what}: it has no "steps" list`);
  }
  return preview.steps.filter(isRecord) as Step[];
}

function changeOf(urn: string, op: PortalOperation, oldState: Step["oldState"], newState: Step["newState"]): PortalChange {
  const outputs = secretsHidden(oldState?.outputs);
  const oldInputs = secretsHidden(oldState?.inputs);
  const inputs = secretsHidden(newState?.inputs);
  const before = op === "create" || !isRecord(outputs) ? undefined : heldSide(outputs, isRecord(oldInputs) ? oldInputs : {});
  // A replacement is a new configuration: what the program leaves out takes Stripe's create defaults, not what the old one learned.
  const learned = op === "update" ? stripeDefaultsOf(outputs) : {};
  const after = op === "delete" || !isRecord(inputs) ? undefined : declaredSide(inputs, learned, isRecord(outputs) ? outputs : {});
  const id = oldState?.id ?? newState?.id;
  return {
    urn,
    name: urn.split("::").pop() ?? urn,
    type: String(newState?.type ?? oldState?.type),
    op,
    id: typeof id === "string" && id !== "" ? id : undefined,
    before,
    after,
    isDefault: isRecord(outputs) && outputs.isDefault === true,
  };
}

/** The old outputs: the configuration as Stripe holds it, every field (normalized, so sets compare in one order). */
function heldSide(outputs: Fields, oldInputs: Fields): PortalSide {
  return {
    ...desiredState(configurationFields(outputs)),
    stripeAccount: outputs.stripeAccount ?? null,
    adoptId: oldInputs.adoptId ?? null,
    active: outputs.active ?? true,
  };
}

/** The new inputs: the declaration, its left-out fields as Stripe fills them (learned, else its documented defaults). */
function declaredSide(inputs: Fields, learned: Fields, outputs: Fields): PortalSide {
  return {
    ...desiredState(configurationFields(inputs), learned),
    // Left out, the account is the provider's setting, which the old state already holds.
    stripeAccount: inputs.stripeAccount ?? outputs.stripeAccount ?? null,
    adoptId: inputs.adoptId ?? null,
    active: inputs.active ?? true,
  };
}

/** A configuration with nothing set, as Stripe creates it: what a new configuration is compared with. */
export function blankSide(): PortalSide {
  return { ...defaultState(), stripeAccount: null, adoptId: null, active: true };
}

/** What a secret shows as, on the pages and in summary.md. */
const SECRET_TEXT = "[secret]";

/**
 * The value with every secret as `[secret]`: the pages and summary.md go to a pull request's
 * comment and CI artifacts. The CLI's preview JSON masks secrets itself (v3.274.1 prints
 * `[secret]` even with `--show-secrets`); a secret in Pulumi's serialized form, plaintext and all
 * (as `pulumi stack export --show-secrets` writes one), is masked here too.
 */
function secretsHidden(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(secretsHidden);
  if (!isRecord(value)) return value;
  if (SECRET_KEY in value) return SECRET_TEXT;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, secretsHidden(item)]));
}
