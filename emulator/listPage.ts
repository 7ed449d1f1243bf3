/** Stripe's cursor pagination over a newest-first list: `limit`, `starting_after`, `ending_before`, `has_more`. */
import { invalidRequest } from "./stripeErrors";

export interface PageRequest {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

/**
 * One page of `newestFirst` that passes `keep`. Cursors are positions in the whole list (as on
 * Stripe, a cursor object need not pass the filter); `has_more` says whether more matching
 * objects lie beyond the page in the direction of travel.
 */
export function pageOf<T extends object>(
  newestFirst: readonly T[],
  keep: (item: T) => boolean,
  request: PageRequest,
  noun: string,
): { data: T[]; hasMore: boolean } {
  if (request.startingAfter !== undefined && request.endingBefore !== undefined) {
    throw invalidRequest("You may only specify one of these parameters: starting_after, ending_before.", "ending_before");
  }
  const positionOf = (id: string, param: string) => {
    const index = newestFirst.findIndex((item) => (item as { id?: unknown }).id === id);
    if (index < 0) throw invalidRequest(`No such ${noun}: '${id}'`, param, "resource_missing");
    return index;
  };
  if (request.endingBefore !== undefined) {
    const before = newestFirst.slice(0, positionOf(request.endingBefore, "ending_before")).filter(keep);
    return { data: before.slice(Math.max(0, before.length - request.limit)), hasMore: before.length > request.limit };
  }
  const start = request.startingAfter === undefined ? 0 : positionOf(request.startingAfter, "starting_after") + 1;
  const after = newestFirst.slice(start).filter(keep);
  return { data: after.slice(0, request.limit), hasMore: after.length > request.limit };
}
