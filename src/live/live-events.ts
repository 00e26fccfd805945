// What the live OMS reports: transitions, fills, reconciliation corrections and alerts, the dead man's switch; typed, immutable.
import type { OmsFill } from '../oms/oms-store.js';
import type { OrderTransition } from '../oms/order-evidence.js';
import type { Correction, Difference } from '../oms/reconcile-diff.js';

export type LiveEvent =
  | { readonly type: 'oms.transition'; readonly transition: OrderTransition }
  | { readonly type: 'oms.fill'; readonly fill: OmsFill }
  /** A resolution attempt that could not be made (the venue unreadable): the order stays as it is. */
  | { readonly type: 'oms.resolve-failed'; readonly cloid: string; readonly error: string; readonly ts: number }
  /** An explained difference, corrected; the difference is the evidence (ledger wiring comes later). */
  | { readonly type: 'reconcile.correction'; readonly difference: Difference; readonly correction: Correction; readonly ts: number }
  /** Differences nothing explains: new entries are blocked until they are resolved. */
  | { readonly type: 'reconcile.alert'; readonly differences: readonly Difference[]; readonly ts: number }
  | { readonly type: 'reconcile.resolved'; readonly ts: number; readonly note: string }
  | { readonly type: 'reconcile.failed'; readonly error: string; readonly ts: number }
  | { readonly type: 'dms.armed'; readonly cancelAt: number; readonly ts: number }
  | { readonly type: 'dms.failed'; readonly error: string; readonly ts: number };

export type LiveEventSink = (event: LiveEvent) => void;

/** What the risk manager and the daemon read: whether new entries are blocked, and why. */
export interface TradingGate {
  blocked(): boolean;
  reason(): string | undefined;
}
