import fc from "fast-check";
import * as qs from "qs";
import { checkConfiguration } from "../../provider/check";
import { desiredState, Fields, UNKNOWN } from "../../provider/desiredState";
import { diffConfiguration } from "../../provider/diff";
import { encodeForm, FormParams } from "../../provider/encodeForm";
import { createParams, updateParams } from "../../provider/requestParams";
import { configurationSchema, SchemaNode } from "../../provider/schema";
import { validConfiguration } from "../fixtures/configurationArbitraries";

// A fixed seed keeps CI repeatable; FC_SEED explores others locally.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });

describe("properties", () => {
  it("check never throws: any input passes or fails with messages", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), validConfiguration, fc.object()), (news) => {
        const result = checkConfiguration(news as Fields);
        for (const failure of result.failures) {
          expect(typeof failure.property).toBe("string");
          expect(failure.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("a declaration shows no change against its own normalized state, either way round", () => {
    fc.assert(
      fc.property(validConfiguration, (declared) => {
        expect(diffConfiguration({ ...desiredState(declared), active: true }, declared).changes).toBe(false);
        expect(diffConfiguration(declared, desiredState(declared)).changes).toBe(false);
        expect(updateParams(desiredState(declared), desiredState(declared))).toEqual({});
      }),
      { numRuns: 300 },
    );
  });

  it("normalizing twice changes nothing", () => {
    fc.assert(
      fc.property(validConfiguration, (declared) => {
        expect(desiredState(desiredState(declared))).toEqual(desiredState(declared));
      }),
    );
  });

  it("encode then decode is identity for create and update bodies, odd metadata keys included", () => {
    fc.assert(
      fc.property(validConfiguration, validConfiguration, (a, b) => {
        for (const params of [createParams(desiredState(a)), updateParams(desiredState(a), desiredState(b))]) {
          expect(readAsStripe(encodeForm(params))).toEqual(asStripeReadsIt(params));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("diff never throws, whatever Pulumi hands it", () => {
    const side = fc.oneof(oddValue(configurationSchema), validConfiguration, validConfiguration.map(desiredState), fc.constant(UNKNOWN));
    fc.assert(
      fc.property(side, side, (olds, news) => {
        const result = diffConfiguration(olds, news);
        expect(typeof result.changes).toBe("boolean");
        expect(result.changes).toBe(result.diffs.length > 0 || result.replaces.length > 0);
      }),
      { numRuns: 1000 },
    );
  });
});

/** Anything at all, JavaScript's odd values included. */
const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** Any value, or the schema's shape holding any values at any depth, the unknown sentinel among them. */
function oddValue(node: SchemaNode): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(anything, fc.constant(UNKNOWN));
  if (node.kind === "object") {
    return fc.oneof(leaf, fc.record(Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, oddValue(child)])), { requiredKeys: [] }));
  }
  if (node.kind === "list") return fc.oneof(leaf, fc.array(oddValue(node.items), { maxLength: 3 }));
  return leaf;
}

/**
 * A body read as Stripe's bracket parser reads it: `metadata[5]=x` is the key "5", never a list
 * index (qs's list reading would lose it), so a list comes back as a hash of its indexes.
 */
function readAsStripe(body: string): unknown {
  return qs.parse(body, { depth: 10, parameterLimit: 10000, plainObjects: true, parseArrays: false });
}

/** Params as `readAsStripe` gives them back: lists as hashes of indexes, `""` for an empty list, leaves as text. */
function asStripeReadsIt(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? "" : asStripeReadsIt({ ...value });
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value as FormParams).map(([k, v]) => [k, asStripeReadsIt(v)]));
  }
  return typeof value === "string" ? value : String(value);
}
