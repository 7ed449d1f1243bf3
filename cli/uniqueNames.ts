/** Names that must differ (import resources, page files) from bases that may not. */

/**
 * Each base as it is the first time it comes, then with `-2`, `-3`, … (the first free one): the
 * earlier of two namesakes keeps the plain name, and a name is never given twice.
 */
export function uniqueNames(bases: readonly string[]): string[] {
  const taken = new Set<string>();
  return bases.map((base) => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  });
}
