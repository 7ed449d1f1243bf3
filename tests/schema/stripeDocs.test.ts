/**
 * The schema against what the pinned `stripe` package documents: its billing-portal declarations
 * are read (tests/fixtures/stripeDocs.ts), every sentence of their doc comments that may state a
 * default, a limit, a requirement or an error is read (tests/schema/stripeDocReadings.ts), and
 * each reading, each string-literal union and each required parameter is compared with the
 * schema. Upgrading `stripe` re-reads them: a default that moved, a value added or refused, or a
 * new rule in words fails here until the schema (or a reasoned reading) follows.
 */
import { isDeepStrictEqual } from "util";
import { defaultsOf } from "../../emulator/serverDefaults";
import { isRecord } from "../../provider/desiredState";
import { configurationSchema, wireName, type CreateRequirements, type SchemaNode } from "../../provider/schema";
import { sessionSchema } from "../../provider/sessionSchema";
import { documentedProperties, type DocumentedProperty } from "../fixtures/stripeDocs";
import { READ_BY_HAND, RULE_WORDS, SENTENCE_PATTERNS, type Reading } from "./stripeDocReadings";

/** A documented type and the schema that models it. */
interface DocRoot {
  file: string;
  type: string;
  schema: SchemaNode;
  /** For parameter types: which request, for the required-parameter rules. */
  request?: "create" | "update";
  /** Top-level wire keys the object spells otherwise than the parameters (`flow` for `flow_data`). */
  renames?: Record<string, string>;
}

const ROOTS: DocRoot[] = [
  { file: "Configurations.d.ts", type: "BillingPortal.ConfigurationCreateParams", schema: configurationSchema, request: "create" },
  { file: "Configurations.d.ts", type: "BillingPortal.ConfigurationUpdateParams", schema: configurationSchema, request: "update" },
  { file: "Configurations.d.ts", type: "Configuration", schema: configurationSchema },
  { file: "Sessions.d.ts", type: "BillingPortal.SessionCreateParams", schema: sessionSchema, request: "create" },
  { file: "Sessions.d.ts", type: "Session", schema: sessionSchema, renames: { flow: "flow_data" } },
];

/** Parameters of the pinned types that the schema leaves out on purpose, and why. */
const PARAMETERS_NOT_IN_SCHEMA: Record<string, string> = {
  expand: "a request option every route takes (the provider sends EXPAND_PATHS itself), not a field of the object",
  active:
    "an update parameter only: a resource input beside the schema (provider/schema.ts, `resourceInputsSchema`), which the lifecycle sends in an update (after the create, for `active: false`)",
};

/** One documented property, the schema field it maps to (if any), and what its sentences say. */
interface Documented {
  root: DocRoot;
  property: DocumentedProperty;
  path: string;
  node: SchemaNode | undefined;
  readings: Reading[];
}

const usedByHand = new Set<string>();
const unread: string[] = [];

function readingsOf(sentence: string, where: string): Reading[] {
  for (const { pattern, read } of SENTENCE_PATTERNS) {
    const match = sentence.match(pattern);
    if (match) return read(match);
  }
  if (Object.prototype.hasOwnProperty.call(READ_BY_HAND, sentence)) {
    usedByHand.add(sentence);
    return READ_BY_HAND[sentence];
  }
  if (RULE_WORDS.test(sentence)) unread.push(`${where}: ${JSON.stringify(sentence)}`);
  return [];
}

/** The schema node at wire keys, list items walked through; undefined where the schema has no such field. */
function nodeAt(schema: SchemaNode, keys: string[], renames: Record<string, string> = {}): SchemaNode | undefined {
  let here: SchemaNode | undefined = schema;
  keys.forEach((key, depth) => {
    const wire = depth === 0 ? (renames[key] ?? key) : key;
    const holder: SchemaNode | undefined = here?.kind === "list" ? here.items : here;
    here = holder?.kind === "object" ? Object.entries(holder.fields).find(([field]) => wireName(field) === wire)?.[1] : undefined;
  });
  return here;
}

const DOCUMENTED: Documented[] = ROOTS.flatMap((root) =>
  documentedProperties(root.file, root.type).map((property) => {
    const path = property.keys.join(".");
    const where = `${root.type} ${path}`;
    return { root, property, path, node: nodeAt(root.schema, property.keys, root.renames), readings: property.sentences.flatMap((sentence) => readingsOf(sentence, where)) };
  }),
);

const describeAt = ({ root, path }: Documented) => `${root.type} ${path}`;
const readingsOfKind = <K extends Reading["kind"]>(kind: K) =>
  DOCUMENTED.flatMap((documented) => documented.readings.filter((reading): reading is Extract<Reading, { kind: K }> => reading.kind === kind).map((reading) => ({ documented, reading })));

/** The schema's default of a node in wire names, as Stripe would answer it (list items' left-out fields at their defaults). */
function wireDefault(node: SchemaNode): unknown {
  switch (node.kind) {
    case "object":
      return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [wireName(key), wireDefault(child)]));
    case "list":
      return node.default.map((item) => itemInWire(node.items, item));
    case "map":
      return { ...node.default };
    default:
      return node.default;
  }
}

function itemInWire(node: SchemaNode, item: unknown): unknown {
  if (node.kind !== "object" || !isRecord(item)) return item;
  return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [wireName(key), key in item ? itemInWire(child, item[key]) : wireDefault(child)]));
}

/** The string node holding a field's values: the field, or a list's items. */
function valuesNode(node: SchemaNode | undefined) {
  const leaf = node?.kind === "list" ? node.items : node;
  return leaf?.kind === "string" ? leaf : undefined;
}

const sorted = (values: readonly string[]) => [...values].sort();

describe("the schema against the pinned stripe package's billing-portal documentation", () => {
  it("finds every documented type and the fields issue 12 is about", () => {
    for (const root of ROOTS) expect(DOCUMENTED.filter((documented) => documented.root === root).length).toBeGreaterThan(10);
    const paths = DOCUMENTED.map(describeAt);
    expect(paths).toEqual(
      expect.arrayContaining([
        "BillingPortal.ConfigurationCreateParams features.subscription_pause.duration",
        "BillingPortal.ConfigurationUpdateParams features.subscription_cancel.proration_behavior",
        "BillingPortal.SessionCreateParams flow_data.subscription_update_confirm.items",
      ]),
    );
  });

  it("reads every sentence that may state a default, a limit, a requirement or an error", () => {
    // A sentence listed here needs a reading in tests/schema/stripeDocReadings.ts (READ_BY_HAND).
    expect(unread).toEqual([]);
  });

  it("keeps no hand reading of a sentence the declarations no longer hold", () => {
    expect(Object.keys(READ_BY_HAND).filter((sentence) => !usedByHand.has(sentence))).toEqual([]);
  });

  it("models every documented parameter, but the few it leaves out on purpose", () => {
    const unmapped = DOCUMENTED.filter((documented) => documented.root.request && !documented.node).map((documented) => documented.path);
    expect([...new Set(unmapped)].sort()).toEqual(Object.keys(PARAMETERS_NOT_IN_SCHEMA).sort());
  });

  it("has no field the documented parameters lack", () => {
    for (const schema of [configurationSchema, sessionSchema]) {
      const documented = new Set(DOCUMENTED.filter((d) => d.root.request && d.root.schema === schema).map((d) => d.path));
      expect(schemaPaths(schema).filter((path) => !documented.has(path))).toEqual([]);
    }
  });

  it("holds every documented default", () => {
    const defaults = readingsOfKind("default");
    expect(defaults.length).toBeGreaterThanOrEqual(10);
    const disagreements = defaults
      .filter(({ documented, reading }) => !documented.node || !equalJson(wireDefault(documented.node), reading.value))
      .map(({ documented, reading }) => `${describeAt(documented)}: documented ${JSON.stringify(reading.value)}, schema ${documented.node ? JSON.stringify(wireDefault(documented.node)) : "has no such field"}`);
    expect(disagreements).toEqual([]);
  });

  it("allows exactly the documented values: the type's union, or the values its words list, without those it says are refused", () => {
    const disagreements: string[] = [];
    for (const documented of DOCUMENTED) {
      const { property, readings, node } = documented;
      const inWords = readings.flatMap((reading) => (reading.kind === "values" ? [reading.values] : []));
      const refused = readings.flatMap((reading) => (reading.kind === "refused" ? [reading.value] : []));
      for (const values of inWords) {
        const notInType = values.filter((value) => !property.literals.includes(value));
        if (notInType.length > 0) disagreements.push(`${describeAt(documented)}: the words list ${notInType.join(", ")}, which the type does not`);
      }
      const expected = inWords[0] ?? property.literals.filter((value) => !refused.includes(value));
      const schemaValues = valuesNode(node)?.enum;
      if (expected.length === 0 && schemaValues === undefined) continue;
      if (!node) {
        if (documented.root.request) disagreements.push(`${describeAt(documented)}: documented values ${expected.join(", ")} for a field the schema lacks`);
        continue;
      }
      if (expected.length === 0) disagreements.push(`${describeAt(documented)}: the schema allows only ${schemaValues!.join(", ")}, the type any string`);
      else if (!equalJson(sorted(schemaValues ?? []), sorted(expected))) {
        disagreements.push(`${describeAt(documented)}: documented ${sorted(expected).join(", ")}; schema ${schemaValues ? sorted(schemaValues).join(", ") : "no enum"}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("holds the documented list limits", () => {
    const limits = readingsOfKind("maxItems");
    expect(limits.map(({ documented }) => documented.path)).toEqual(expect.arrayContaining(["features.subscription_update.products", "flow_data.subscription_update_confirm.items"]));
    const disagreements = limits
      .filter(({ documented, reading }) => documented.node?.kind !== "list" || documented.node.maxItems !== reading.value)
      .map(({ documented, reading }) => `${describeAt(documented)}: documented at most ${reading.value}, schema ${documented.node?.kind === "list" ? documented.node.maxItems : "no list"}`);
    expect(disagreements).toEqual([]);
  });

  it("is a list exactly where the types hold a list", () => {
    const disagreements = DOCUMENTED.filter(({ node, property }) => node && (node.kind === "list") !== property.list).map(describeAt);
    expect(disagreements).toEqual([]);
  });

  it("requires exactly what the parameter types require", () => {
    const disagreements = DOCUMENTED.filter(({ root, node }) => root.request && node)
      .filter(({ root, property, node }) => {
        // An update may send any subset of the top-level fields: the schema's `required` there is the create's.
        if (root.request === "update" && property.keys.length === 1) return false;
        return property.optional === requiredBySchema(node!, root.request!);
      })
      .map((documented) => `${describeAt(documented)}: ${documented.property.optional ? "optional" : "required"} in the type`);
    expect(disagreements).toEqual([]);
  });

  const rules = readingsOfKind("rule");
  it.each(rules.map(({ documented, reading }) => [`${describeAt(documented)}: ${reading.why}`, documented, reading] as const))("holds the rule %s", (_, documented, reading) => {
    expect(documented.node).toBeDefined();
    reading.holds(documented.node!, documented.property.keys);
  });

  it("the emulator fills in the schema's defaults, laid out as Stripe answers them", () => {
    expect(defaultsOf(configurationSchema)).toEqual(wireDefault(configurationSchema));
  });
});

function requiredBySchema(node: SchemaNode, request: "create" | "update"): boolean {
  if (node.kind === "map") return false;
  const onCreate = node as CreateRequirements;
  return node.required === true || (request === "create" && (onCreate.requiredOnCreate === true || onCreate.sentOnCreate === true));
}

/** Every field's dotted wire path, list items walked through (`features.subscription_update.products.prices`). */
function schemaPaths(node: SchemaNode, prefix = ""): string[] {
  const holder = node.kind === "list" ? node.items : node;
  if (holder.kind !== "object") return [];
  return Object.entries(holder.fields).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${wireName(key)}` : wireName(key);
    return [path, ...schemaPaths(child, path)];
  });
}

function equalJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}
