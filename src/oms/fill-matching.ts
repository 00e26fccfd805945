// Which order a venue fill belongs to: by cloid, then by venue order id; time proximity only for orders placed outside Sextant.
import type { ExternalOrder, OrderRegistry } from './order-registry.js';
import type { VenueFill } from './venue-views.js';

/**
 * `ours`: one of our orders, matched by its cloid or by the venue order id we recorded.
 * `external`: an order placed outside Sextant (flagged), matched by its venue order id or, only
 * for those, by time proximity. `unmatched`: neither; the caller decides (an unexplained fill);
 * `conflict` when the venue's ids contradict each other (one of our order ids under a foreign cloid).
 * `duplicate`: the fill id is already counted.
 */
export type FillMatch =
  | { readonly kind: 'duplicate'; readonly fillId: string }
  | { readonly kind: 'ours'; readonly cloid: string; readonly by: 'cloid' | 'venue-order-id' }
  | { readonly kind: 'external'; readonly order: ExternalOrder; readonly by: 'venue-order-id' | 'time-proximity'; readonly gapMs: number }
  | { readonly kind: 'unmatched'; readonly reason: string; readonly conflict: boolean };

export interface FillMatchOptions {
  /** An external order matches a fill by time only within this many ms of its placement (default 2 000). */
  readonly proximityMs?: number;
}

const DEFAULT_PROXIMITY_MS = 2_000;

export function matchFill(fill: VenueFill, registry: OrderRegistry, seenFillIds: ReadonlySet<string>, options: FillMatchOptions = {}): FillMatch {
  if (seenFillIds.has(fill.fillId)) return { kind: 'duplicate', fillId: fill.fillId };
  if (fill.cloid !== undefined) {
    const o = registry.get(fill.cloid);
    if (o !== undefined) return { kind: 'ours', cloid: o.intent.cloid, by: 'cloid' };
  }
  const byOid = registry.byVenueOrderId(fill.venueOrderId);
  if (byOid !== undefined) {
    // An order id of ours under a foreign cloid would mean the venue mixed two orders: never guess.
    if (fill.cloid !== undefined && fill.cloid !== byOid.intent.cloid) return { kind: 'unmatched', reason: `venue order ${fill.venueOrderId} is ours (${byOid.intent.cloid}) but the fill carries cloid ${fill.cloid}`, conflict: true };
    return { kind: 'ours', cloid: byOid.intent.cloid, by: 'venue-order-id' };
  }
  const externals = registry.externalOrders();
  const exact = externals.find((e) => e.venueOrderId === fill.venueOrderId);
  if (exact !== undefined) return { kind: 'external', order: exact, by: 'venue-order-id', gapMs: Math.abs(fill.ts - exact.placedTs) };
  if (fill.cloid !== undefined) return { kind: 'unmatched', reason: `cloid ${fill.cloid} of venue order ${fill.venueOrderId} is not one of ours`, conflict: false };
  const window = options.proximityMs ?? DEFAULT_PROXIMITY_MS;
  let best: ExternalOrder | undefined;
  let bestGap = Infinity;
  for (const e of externals) {
    if (e.symbol !== fill.symbol || e.side !== fill.side || e.cloid !== undefined) continue;
    const gap = Math.abs(fill.ts - e.placedTs);
    if (gap <= window && gap < bestGap) {
      best = e;
      bestGap = gap;
    }
  }
  if (best !== undefined) return { kind: 'external', order: best, by: 'time-proximity', gapMs: bestGap };
  return { kind: 'unmatched', reason: `no order of ours has venue order ${fill.venueOrderId} and it carries no cloid`, conflict: false };
}
