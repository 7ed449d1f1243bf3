/**
 * Invalid requests made from valid ones by systematic mutation of the form body, one change at a
 * time. The mutations know nothing of the package's schema: they change the wire pairs
 * (`key=value`), and the two servers judge the result. So the corpus also probes rules the schema
 * might have missed.
 */

/** One `key=value` of a form body, both still percent-encoded except the brackets. */
export interface Pair {
  key: string;
  value: string;
}

export function pairsOf(body: string): Pair[] {
  if (body === "") return [];
  return body.split("&").map((part) => {
    const at = part.indexOf("=");
    return at < 0 ? { key: part, value: "" } : { key: part.slice(0, at), value: part.slice(at + 1) };
  });
}

export function bodyOf(pairs: Pair[]): string {
  return pairs.map((p) => `${p.key}=${p.value}`).join("&");
}

/** A changed body and what was changed, for the failure message. */
export interface Mutant {
  kind: string;
  body: string;
}

const long = (n: number) => "a".repeat(n);
/** The key's parent in bracket form: `features[customer_update][enabled]` -> `features[customer_update]`. */
const parentOf = (key: string) => key.replace(/\[[^\]]*\]$/, "");
/** Pairs that only ask for more in the answer; mutating them tests nothing of the resource. */
const isExpand = (pair: Pair) => pair.key.startsWith("expand[");

/**
 * The mutations of one pair, by what its value looks like. A pair is chosen per mutation from `seed`,
 * so that different bodies have different pairs mutated and the corpus stays a few hundred requests.
 */
function valueMutations(pair: Pair): [string, string][] {
  const { value } = pair;
  if (value === "true" || value === "false") return [["a boolean that is not one", "maybe"], ["an empty boolean", ""]];
  if (/^\d+$/.test(value)) return [["an integer with letters", "twelve"], ["a negative integer", "-1"], ["a huge integer", "100000000"], ["a decimal", "1.5"]];
  return [
    ["a value outside any enum, id or URL form", "zz_not_a_valid_value"],
    ["an empty string", ""],
    ["a 5001-character string", long(5001)],
    ["a 257-character string", long(257)],
    ["a 61-character string", long(61)],
  ];
}

/** The mutants of one valid body: `count` single changes, chosen by `seed`. */
export function mutantsOf(body: string, seed: number, count: number): Mutant[] {
  const pairs = pairsOf(body);
  const targets = pairs.map((pair, index) => ({ pair, index })).filter(({ pair }) => !isExpand(pair));
  if (targets.length === 0) return [];
  const pick = (n: number) => targets[Math.abs(seed * 7919 + n * 104729) % targets.length];
  const all: Mutant[] = [];
  for (let n = 0; all.length < count && n < count * 3; n++) {
    const { pair, index } = pick(n);
    const replace = (with_: Pair[]) => bodyOf([...pairs.slice(0, index), ...with_, ...pairs.slice(index + 1)]);
    switch (n % 5) {
      case 0:
      case 1: {
        const options = valueMutations(pair);
        const [kind, value] = options[(seed + n) % options.length];
        all.push({ kind: `${kind} at ${pair.key}`, body: replace([{ key: pair.key, value }]) });
        break;
      }
      case 2:
        all.push({ kind: `${pair.key} left out`, body: replace([]) });
        break;
      case 3:
        all.push({ kind: `a hash where ${pair.key} is`, body: replace([{ key: `${pair.key}[x]`, value: pair.value }]) });
        break;
      case 4: {
        const parent = parentOf(pair.key);
        const unknown = parent === pair.key ? "zz_unknown" : `${parent}[zz_unknown]`;
        all.push({ kind: `an unknown parameter ${unknown}`, body: bodyOf([...pairs, { key: unknown, value: "1" }]) });
        break;
      }
    }
  }
  return all;
}

/** A body plus `extra` pairs. */
export function withPairs(body: string, extra: Pair[]): string {
  return bodyOf([...pairsOf(body), ...extra]);
}
