// The pure reconciliation: our orders, positions and fills against the venue's, as typed differences, each explained (with its corrections) or not.
import type { Side } from '../core/orders.js';
import { matchFill, type FillMatchOptions } from './fill-matching.js';
import type { OrderEvidence } from './order-evidence.js';
import type { ExternalOrder, OrderRegistry, VenueOrderState } from './order-registry.js';
import type { VenueFill, VenueSnapshot } from './venue-views.js';

const EPS = 1e-9;

/** What the venue's orderStatus said about one of our orders, gathered by the reconciler for orders missing from the listing. */
export type StatusEvidence =
  | { readonly found: false; readonly askedAt: number }
  | { readonly found: true; readonly state: VenueOrderState; readonly venueStatus: string; readonly venueOrderId: string; readonly statusTs: number; readonly partlyFilled: boolean };

/** A change the reconciler makes to our side, with the venue evidence behind it. */
export type Correction =
  | { readonly type: 'order.state'; readonly cloid: string; readonly state: VenueOrderState; readonly venueOrderId: string | undefined; readonly partlyFilled: boolean; readonly evidence: OrderEvidence }
  | { readonly type: 'fill.record'; readonly fill: VenueFill; readonly cloid: string | undefined; readonly external: boolean; readonly matchedBy: string }
  | { readonly type: 'external.track'; readonly order: ExternalOrder }
  | { readonly type: 'position.adopt'; readonly symbol: string; readonly size: number };

export type Explanation = { readonly kind: 'explained'; readonly because: string; readonly corrections: readonly Correction[] } | { readonly kind: 'unexplained'; readonly reason: string };

export type DifferenceKind = 'missing-at-venue' | 'unknown-at-ours' | 'status-mismatch' | 'qty-mismatch' | 'position-mismatch' | 'fill-we-lack';

export interface Difference {
  readonly kind: DifferenceKind;
  readonly symbol: string;
  readonly cloid: string | undefined;
  readonly venueOrderId: string | undefined;
  /** What differs, with both sides' values. */
  readonly detail: string;
  readonly explanation: Explanation;
}

export interface OursView {
  readonly registry: OrderRegistry;
  /** Every fill id already recorded (ours and accepted external ones). */
  readonly fillIds: ReadonlySet<string>;
  /** Our positions by symbol (signed), from recorded fills and any adopted baseline. */
  readonly positions: ReadonlyMap<string, number>;
}

export interface DiffOptions extends FillMatchOptions {
  /** Orders and fills placed outside Sextant on this account are tracked (flagged external) instead of failing closed. */
  readonly allowExternal?: boolean;
  /** A fresh OMS (no orders, fills or baseline): the venue's positions become ours, as explained corrections. */
  readonly adoptVenuePositions?: boolean;
  /** orderStatus answers for our orders missing from the venue's open-order listing, by cloid. */
  readonly statuses?: ReadonlyMap<string, StatusEvidence>;
}

const signed = (side: Side, qty: number): number => (side === 'buy' ? qty : -qty);
const explained = (because: string, corrections: readonly Correction[] = []): Explanation => ({ kind: 'explained', because, corrections });
const unexplained = (reason: string): Explanation => ({ kind: 'unexplained', reason });

/** Compares the two sides. Nothing is changed: the differences carry the corrections to apply. */
export function reconcileDiff(ours: OursView, venue: VenueSnapshot, options: DiffOptions = {}): Difference[] {
  const out: Difference[] = [];
  const { registry } = ours;
  const allowExternal = options.allowExternal ?? false;

  // 1. Fills we lack. Explained ones move our position; the sums are checked in 4.
  const delta = new Map<string, number>();
  const lackingByCloid = new Map<string, { qty: number; ids: string[] }>();
  const seen = new Set(ours.fillIds);
  for (const fill of [...venue.fills].sort((a, b) => a.ts - b.ts || (a.fillId < b.fillId ? -1 : 1))) {
    const m = matchFill(fill, registry, seen, options);
    if (m.kind === 'duplicate') continue;
    seen.add(fill.fillId);
    const base = { kind: 'fill-we-lack' as const, symbol: fill.symbol, venueOrderId: fill.venueOrderId, detail: `venue fill ${fill.fillId}: ${fill.side} ${fill.qty} ${fill.symbol} @ ${fill.price} (order ${fill.venueOrderId}) is not recorded` };
    let explanation: Explanation;
    if (m.kind === 'ours') {
      const l = lackingByCloid.get(m.cloid) ?? { qty: 0, ids: [] };
      l.qty += fill.qty;
      l.ids.push(fill.fillId);
      lackingByCloid.set(m.cloid, l);
      explanation = explained(`a fill of our order ${m.cloid} (matched by ${m.by})`, [{ type: 'fill.record', fill, cloid: m.cloid, external: false, matchedBy: m.by }]);
      out.push({ ...base, cloid: m.cloid, explanation });
    } else if (m.kind === 'external' && allowExternal) {
      explanation = explained(`a fill of external order ${m.order.venueOrderId} (matched by ${m.by}, ${m.gapMs} ms)`, [{ type: 'fill.record', fill, cloid: undefined, external: true, matchedBy: m.by }]);
      out.push({ ...base, cloid: fill.cloid, explanation });
    } else if (m.kind === 'unmatched' && allowExternal && !m.conflict) {
      const order: ExternalOrder = { venueOrderId: fill.venueOrderId, cloid: fill.cloid, symbol: fill.symbol, side: fill.side, placedTs: fill.ts, external: true };
      explanation = explained(`a fill of an order placed outside Sextant (venue order ${fill.venueOrderId}), tracked as external`, [
        { type: 'external.track', order },
        { type: 'fill.record', fill, cloid: undefined, external: true, matchedBy: 'venue-order-id' },
      ]);
      out.push({ ...base, cloid: undefined, explanation });
    } else {
      const why = m.kind === 'unmatched' ? m.reason : `external order ${m.order.venueOrderId} while external trading is not allowed`;
      out.push({ ...base, cloid: fill.cloid, explanation: unexplained(`a fill Sextant did not cause: ${why}`) });
      continue;
    }
    delta.set(fill.symbol, (delta.get(fill.symbol) ?? 0) + signed(fill.side, fill.qty));
  }

  // 2. The venue's open orders against ours.
  const listed = new Set<string>();
  for (const vo of venue.openOrders) {
    const mine = vo.cloid !== undefined ? registry.get(vo.cloid) : registry.byVenueOrderId(vo.venueOrderId);
    if (mine === undefined) {
      const known = registry.externalOrders().some((e) => e.venueOrderId === vo.venueOrderId);
      if (known) continue;
      const detail = `venue order ${vo.venueOrderId} (${vo.side} ${vo.remaining} ${vo.symbol}, cloid ${vo.cloid ?? 'none'}) is not one of ours`;
      const order: ExternalOrder = { venueOrderId: vo.venueOrderId, cloid: vo.cloid, symbol: vo.symbol, side: vo.side, placedTs: vo.placedTs, external: true };
      const explanation = allowExternal ? explained('an order placed outside Sextant, tracked as external', [{ type: 'external.track', order }]) : unexplained('an order Sextant did not place is working on this account');
      out.push({ kind: 'unknown-at-ours', symbol: vo.symbol, cloid: vo.cloid, venueOrderId: vo.venueOrderId, detail, explanation });
      continue;
    }
    const cloid = mine.intent.cloid;
    listed.add(cloid);
    const lacking = lackingByCloid.get(cloid)?.qty ?? 0;
    const ourRemaining = mine.intent.qty - mine.filledQty - lacking;
    const partly = mine.filledQty + lacking > EPS;
    const evidence: OrderEvidence = { kind: 'open-orders', venueOrderId: vo.venueOrderId, remaining: vo.remaining };
    const base = { symbol: vo.symbol, cloid, venueOrderId: vo.venueOrderId };
    if (mine.status === 'submitted' || mine.status === 'unknown') {
      out.push({ ...base, kind: 'status-mismatch', detail: `ours is ${mine.status}, the venue lists it as open`, explanation: explained('the venue lists the order: it was placed', [{ type: 'order.state', cloid, state: 'open', venueOrderId: vo.venueOrderId, partlyFilled: partly, evidence }]) });
    } else if (mine.status === 'filled' || mine.status === 'cancelled' || mine.status === 'rejected' || mine.status === 'expired' || mine.status === 'not-placed') {
      out.push({ ...base, kind: 'status-mismatch', detail: `ours is ${mine.status}, the venue lists it as open with ${vo.remaining} left`, explanation: unexplained('the venue works an order we hold finished') });
      continue;
    }
    if (Math.abs(ourRemaining - vo.remaining) > EPS * Math.max(1, mine.intent.qty)) {
      out.push({ ...base, kind: 'qty-mismatch', detail: `ours has ${ourRemaining} left (of ${mine.intent.qty}, ${mine.filledQty + lacking} filled), the venue ${vo.remaining}`, explanation: unexplained('no fill we know of accounts for the working size') });
    }
  }

  // 3. Our working orders the venue does not list.
  for (const o of registry.working()) {
    const cloid = o.intent.cloid;
    if (listed.has(cloid) || o.sentAt > venue.readAt) continue;
    const lacking = lackingByCloid.get(cloid);
    const base = { kind: 'missing-at-venue' as const, symbol: o.intent.symbol, cloid, venueOrderId: o.venueOrderId, detail: `ours is ${o.status}, the venue does not list it` };
    if (lacking !== undefined && o.filledQty + lacking.qty >= o.intent.qty * (1 - EPS)) {
      out.push({ ...base, explanation: explained(`filled by fills ${lacking.ids.join(', ')}`) });
      continue;
    }
    const st = options.statuses?.get(cloid);
    if (st === undefined) {
      out.push({ ...base, explanation: unexplained('no evidence of what became of it (no orderStatus answer)') });
    } else if (st.found) {
      if (st.state === 'open' || st.state === 'triggered') continue; // listed between the two reads
      const evidence: OrderEvidence = { kind: 'order-status', venueStatus: st.venueStatus, venueOrderId: st.venueOrderId, statusTs: st.statusTs };
      out.push({ ...base, explanation: explained(`orderStatus says ${st.venueStatus}`, [{ type: 'order.state', cloid, state: st.state, venueOrderId: st.venueOrderId, partlyFilled: st.partlyFilled, evidence }]) });
    } else if (o.status === 'submitted' || o.status === 'unknown') {
      continue; // never placed so far: the order manager resolves it after its grace period
    } else {
      out.push({ ...base, explanation: unexplained(`the venue acknowledged it (${o.status}) but orderStatus does not know it`) });
    }
  }

  // 4. Positions: ours plus the explained fills must equal the venue's.
  const venuePos = new Map(venue.positions.map((p) => [p.symbol, p.size]));
  const symbols = new Set([...ours.positions.keys(), ...venuePos.keys(), ...delta.keys()]);
  for (const symbol of [...symbols].sort()) {
    const mine = ours.positions.get(symbol) ?? 0;
    const theirs = venuePos.get(symbol) ?? 0;
    const d = delta.get(symbol) ?? 0;
    const tol = EPS * Math.max(1, Math.abs(theirs));
    if (Math.abs(mine - theirs) <= tol) continue;
    const detail = `ours ${mine}, the venue ${theirs}`;
    const base = { kind: 'position-mismatch' as const, symbol, cloid: undefined, venueOrderId: undefined };
    if (Math.abs(mine + d - theirs) <= tol) out.push({ ...base, detail, explanation: explained(`fills we lacked account for ${d}`) });
    else if (options.adoptVenuePositions === true && mine === 0 && d === 0) out.push({ ...base, detail, explanation: explained('a fresh OMS adopts the venue position it finds', [{ type: 'position.adopt', symbol, size: theirs }]) });
    else out.push({ ...base, detail: `${detail} (fills we lacked: ${d})`, explanation: unexplained(`${(theirs - mine - d).toPrecision(6)} ${symbol} changed at the venue with no fill of ours to show for it`) });
  }
  return out;
}

/** True when every difference is explained (nothing to fail closed on). */
export function allExplained(diffs: readonly Difference[]): boolean {
  return diffs.every((d) => d.explanation.kind === 'explained');
}
