// userFillsByTime paged to completeness: each full page restarts at its newest time, fills deduplicated by fill id (tid).
import { InvariantError } from '../../../core/errors.js';
import type { HlFill } from '../parse/account-types.js';
import { parseUserFills } from '../parse/fills.js';

/** The venue returns at most this many fills per userFillsByTime call. */
export const FILLS_PAGE_LIMIT = 2_000;

/** One page: the raw answer of `{type: 'userFillsByTime', user, startTime, endTime?}`. */
export type FillsPageReader = (startTime: number, endTime: number | undefined) => Promise<unknown>;

export interface FillsPageOptions {
  /** Rows per full page (the venue's 2000); a page this long may have a successor. */
  readonly pageLimit?: number;
  /** Safety stop against a venue that keeps answering full pages (default 1000 pages = 2 M fills). */
  readonly maxPages?: number;
}

/**
 * Every fill with `since ≤ time ≤ until`, oldest first, each fill id once. A full page may cut a
 * millisecond in half, so the next page starts *at* (not after) the newest time seen and the
 * overlap is dropped by fill id. A full page entirely within one millisecond cannot be paged
 * further by time: the fills of that millisecond beyond the page are unreachable, and paging
 * goes on from the next millisecond. The venue keeps only the 10 000 newest fills reachable.
 */
export async function fetchFillsByTime(read: FillsPageReader, since: number, until: number | undefined, options: FillsPageOptions = {}): Promise<HlFill[]> {
  const limit = options.pageLimit ?? FILLS_PAGE_LIMIT;
  const maxPages = options.maxPages ?? 1_000;
  const byId = new Map<string, HlFill>();
  let start = since;
  for (let page = 0; page < maxPages; page++) {
    const fills = parseUserFills(await read(start, until), 'hyperliquid info userFillsByTime');
    let newest = start;
    for (const f of fills) {
      if (f.time > newest) newest = f.time;
      if (f.time < since || (until !== undefined && f.time > until) || byId.has(f.fillId)) continue;
      byId.set(f.fillId, f);
    }
    if (fills.length < limit) return sorted(byId);
    start = newest > start ? newest : start + 1;
    if (until !== undefined && start > until) return sorted(byId);
  }
  throw new InvariantError(`hyperliquid userFillsByTime: still full pages after ${maxPages} pages from ${since}`);
}

function sorted(byId: Map<string, HlFill>): HlFill[] {
  // Ties in time by tid, so the order does not depend on how the pages fell.
  return [...byId.values()].sort((a, b) => a.time - b.time || (a.tid ?? 0) - (b.tid ?? 0));
}
