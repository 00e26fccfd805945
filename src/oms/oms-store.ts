// The OMS's durable port: intents stored before any send, append-only transitions with evidence, fills unique by venue fill id.
import type { OrderTransition } from './order-evidence.js';
import type { OrderIntent } from './order-intent.js';
import type { OrderStatus } from './order-lifecycle.js';
import type { VenueFill } from './venue-views.js';

/** An intent as stored, with where its transitions have taken it. */
export interface StoredOrder {
  readonly intent: OrderIntent;
  readonly status: OrderStatus;
  readonly venueOrderId: string | undefined;
  /** Sum of the recorded fills of this order. */
  readonly filledQty: number;
  readonly createdAt: number;
  /** Time of the last `created` or `resent` transition: when the order last went out. */
  readonly sentAt: number;
  readonly updatedAt: number;
}

/** A recorded fill: the venue's fill, ours (cloid) or an external order's (flagged). */
export interface OmsFill extends VenueFill {
  readonly external: boolean;
  /** How it was matched: cloid, venue-order-id, time-proximity. */
  readonly matchedBy: string;
}

export interface SaveIntentResult {
  /** False when an intent with the same dedupe key was already stored: nothing was written. */
  readonly created: boolean;
  readonly order: StoredOrder;
}

export interface OmsStore {
  /** The venue this store's orders live on. */
  readonly venue: string;
  /**
   * Stores the intent and its `created` transition (status `submitted`) in one durable commit;
   * a stored dedupe key makes this a no-op returning the stored order. A different intent under a
   * stored key is an InvariantError.
   */
  saveIntent(intent: OrderIntent, ts: number): Promise<SaveIntentResult>;
  /** Appends a transition; its `from` must be the stored status (else InvariantError, nothing written). */
  appendTransition(t: OrderTransition): Promise<void>;
  /** Records a fill; false when the fill id is already stored (a replay). A different fill under a stored id is an InvariantError. */
  appendFill(fill: OmsFill): Promise<boolean>;
  /** Every order, oldest intent first. */
  loadOrders(): Promise<StoredOrder[]>;
  /** One order's transitions, in order. */
  transitions(cloid: string): Promise<OrderTransition[]>;
  /** Every recorded fill, by time then id. */
  listFills(): Promise<OmsFill[]>;
  /** Positions adopted from the venue by a fresh OMS (symbol → signed size), with when. */
  adoptPositions(positions: ReadonlyMap<string, number>, ts: number, evidence: string): Promise<void>;
  baselinePositions(): Promise<Map<string, number>>;
  close(): Promise<void>;
}
