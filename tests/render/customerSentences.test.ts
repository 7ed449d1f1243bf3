/**
 * The summary's sentence table: a sentence for every leaf of the resource's schema (so no field is
 * ever left out of a summary), each a plain sentence whatever the change, and the sentences the
 * issue names, word for word.
 */
import { leafPaths, SENTENCES } from "../../cli/render/customerSentences";
import { customerSentences, sentencesBetween } from "../../cli/render/customerSummary";
import { pauseLengths } from "../../cli/render/plainWords";
import { valueAt } from "../../emulator/jsonValue";
import { blankSide, PortalChange, PortalSide } from "../../cli/render/previewChanges";
import { isRecord, UNKNOWN } from "../../provider/desiredState";
import { ObjectNode, resourceInputsSchema, SchemaNode } from "../../provider/schema";
import { withValue } from "./portalSideWith";

/** The schema node at a camelCase path. */
function nodeAt(path: string): SchemaNode {
  return path.split(".").reduce<SchemaNode>((node, key) => (node as ObjectNode).fields[key], resourceInputsSchema);
}

/** A blank configuration with every feature (and the cancellation question) on: every setting is seen by customers. */
function everythingOn(): PortalSide {
  return leafPaths(resourceInputsSchema)
    .filter((path) => path.endsWith(".enabled"))
    .reduce((side, path) => withValue(side, path, true), blankSide());
}

/** A valid value of a node that differs from `current`. */
function otherValue(node: SchemaNode, current: unknown): unknown {
  switch (node.kind) {
    case "boolean":
      return current !== true;
    case "integer":
      return Number(current ?? 0) + 1;
    case "map":
      return { team: "billing" };
    case "string":
      if (node.enum) return node.enum.find((value) => value !== current);
      if (node.url) return "https://acme.test/new";
      return `${node.prefix ?? ""}new_value`;
    case "list": {
      const item = node.items.kind === "object" ? objectItem(node.items) : otherValue(node.items, undefined);
      return [...(Array.isArray(current) ? current : []).filter((existing) => JSON.stringify(existing) !== JSON.stringify(item)), item].slice(-1);
    }
    case "object":
      return objectItem(node);
  }
}

function objectItem(node: ObjectNode): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node.fields).map(([key, child]) => [key, child.kind === "list" ? ["price_new"] : child.kind === "object" ? objectItem(child) : child.kind === "integer" ? 2 : otherValue(child, child.default)]));
}

describe("the sentence table", () => {
  it("has a sentence for every leaf path of the resource's schema, and for nothing else", () => {
    const leaves = leafPaths(resourceInputsSchema);
    expect(leaves.length).toBeGreaterThanOrEqual(31);
    expect(Object.keys(SENTENCES).sort()).toEqual([...leaves].sort());
  });

  it("gives every field's change at least one plain sentence: capitalized, ending with a full stop, no raw value", () => {
    for (const path of leafPaths(resourceInputsSchema)) {
      const from = everythingOn();
      const to = withValue(from, path, otherValue(nodeAt(path), valueAt(from, path)));
      const sentences = sentencesBetween(from, to, []);
      expect({ path, count: sentences.length > 0 }).toEqual({ path, count: true });
      for (const sentence of sentences) {
        expect({ path, sentence }).toEqual({ path, sentence: expect.stringMatching(/^[A-Z“].*[.]$/) });
        expect({ path, sentence }).not.toEqual({ path, sentence: expect.stringMatching(/undefined|\[object|NaN|^\S+\.\S+ changes/) });
      }
      // And back: the opposite change also reads as a sentence.
      expect({ path, back: sentencesBetween(to, from, []).length > 0 }).toEqual({ path, back: true });
    }
  });

  it("says a value not known until deploy in words", () => {
    const from = everythingOn();
    expect(sentencesBetween(from, withValue(from, "defaultReturnUrl", UNKNOWN), [])).toEqual(["The portal's return link will be known only after deploy."]);
  });

  it("says a setting of a feature that stays off changes without being seen", () => {
    const from = blankSide();
    expect(sentencesBetween(from, withValue(from, "features.subscriptionCancel.mode", "immediately"), [])).toEqual([
      "When a cancellation takes effect changes, which customers do not see while cancelling is off.",
    ]);
  });

  it("tells a feature turned on in one sentence, its settings included", () => {
    const from = everythingOn();
    const off = withValue(from, "features.subscriptionPause.enabled", false);
    const on = withValue(
      withValue(off, "features.subscriptionPause.enabled", true),
      "features.subscriptionPause.duration.intervalOptions",
      [{ interval: "month", intervalCount: 3 }, { interval: "month", intervalCount: 1 }],
    );
    expect(sentencesBetween(off, on, [])).toEqual(["Customers can pause subscriptions, for 1 or 3 months."]);
    expect(sentencesBetween(on, off, [])).toEqual(["Customers can no longer pause subscriptions."]);
  });
});

describe("the sentences the issue names", () => {
  const from = everythingOn();
  it("a cancellation mode from immediately to the period's end", () => {
    const immediately = withValue(from, "features.subscriptionCancel.mode", "immediately");
    expect(sentencesBetween(immediately, from, [])).toEqual(["Customers can no longer cancel immediately: cancellations take effect at the end of the billing period."]);
  });

  it("the invoice history turned off", () => {
    expect(sentencesBetween(from, withValue(from, "features.invoiceHistory.enabled", false), [])).toEqual(["Invoice history is no longer shown."]);
  });

  it("pause lengths in words", () => {
    expect(pauseLengths([{ interval: "month", intervalCount: 1 }])).toBe("1 month");
    expect(pauseLengths([{ interval: "month", intervalCount: 3 }, { interval: "month", intervalCount: 1 }, { interval: "month", intervalCount: 6 }])).toBe("1, 3 or 6 months");
    expect(pauseLengths([{ interval: "week", intervalCount: 2 }, { interval: "month", intervalCount: 1 }])).toBe("2 weeks or 1 month");
  });
});

describe("a configuration's sentences by what the preview does", () => {
  const change = (op: PortalChange["op"], before?: PortalSide, after?: PortalSide, isDefault = false): PortalChange => ({ urn: "urn:x::portal", name: "portal", type: "t", op, id: "bpc_1", before, after, isDefault });

  it("a create is compared with a configuration with nothing set", () => {
    const after = withValue(blankSide(), "features.invoiceHistory.enabled", true);
    expect(customerSentences(change("create", undefined, after))).toEqual([
      "A new portal configuration is created.",
      "Invoice history is shown: customers can see and download their invoices.",
    ]);
  });

  it("a replacement into another account says so first", () => {
    const before = blankSide();
    const after = withValue(before, "stripeAccount", "acct_123");
    expect(customerSentences(change("replace", before, after))).toEqual([
      "The configuration is replaced: a new one is created in connected account acct_123 and the old one (bpc_1) is deactivated, so sessions must name the new id.",
    ]);
  });

  it("a delete deactivates, but the account's default configuration stays", () => {
    expect(customerSentences(change("delete", blankSide()))).toEqual(["The configuration is deactivated: customers can no longer open a portal with it (Stripe keeps it, inactive)."]);
    expect(customerSentences(change("delete", blankSide(), undefined, true))).toEqual([
      "The account's default configuration stays active (Stripe cannot deactivate it): customers see no change.",
    ]);
  });

  it("an update that changes nothing for Stripe says so", () => {
    expect(customerSentences(change("update", blankSide(), blankSide()))).toEqual(["Nothing changes for customers."]);
  });

  it("products added, changed and removed, a sentence each", () => {
    const path = "features.subscriptionUpdate.products";
    const before = withValue(everythingOn(), path, [
      { product: "prod_a", prices: ["price_a1"], adjustableQuantity: { enabled: false, minimum: 0, maximum: null } },
      { product: "prod_b", prices: ["price_b1", "price_b2"], adjustableQuantity: { enabled: false, minimum: 0, maximum: null } },
    ]);
    const after = withValue(before, path, [
      { product: "prod_b", prices: ["price_b2", "price_b3"], adjustableQuantity: { enabled: true, minimum: 1, maximum: 10 } },
      { product: "prod_c", prices: ["price_c1"], adjustableQuantity: { enabled: false, minimum: 0, maximum: null } },
    ]);
    expect(sentencesBetween(before, after, [])).toEqual([
      "For prod_b, customers can also choose price_b3, and can no longer choose price_b1.",
      "For prod_b, customers now choose a quantity from 1 to 10 instead of a fixed quantity.",
      "Customers can switch to prod_c (price_c1), with a fixed quantity.",
      "Customers can no longer switch to prod_a.",
    ]);
    expect(isRecord(valueAt(after, "features.subscriptionUpdate"))).toBe(true);
  });
});
