// The live execution port: what the order manager and the reconciler ask of a venue, in venue-neutral terms.
import type { UnknownOutcomeError } from '../core/errors.js';
import type { OrderIntent } from '../oms/order-intent.js';
import type { VenueOrderState } from '../oms/order-registry.js';
import type { VenueFill, VenueOpenOrder, VenuePosition } from '../oms/venue-views.js';

/**
 * What a placement came to. `accepted`: working at the venue (resting, or a trigger armed);
 * `filled`: done at once (an IOC may fill less than asked, the rest cancelled); `rejected`:
 * definitive venue evidence (or refused before sending); `unknown`: the send may have acted
 * (timeout, 5xx, a dropped answer). A RetryableError is thrown when the venue was never asked.
 */
export type PlaceResult =
  | { readonly status: 'accepted'; readonly venueOrderId: string | undefined; readonly venueStatus: string }
  | { readonly status: 'filled'; readonly venueOrderId: string; readonly filledQty: number; readonly avgPrice: number }
  | { readonly status: 'rejected'; readonly message: string }
  | { readonly status: 'unknown'; readonly error: UnknownOutcomeError };

/** Cancels and the dead man's switch: done, refused with the venue's words, or unknown. */
export type ActionResult = { readonly status: 'ok' } | { readonly status: 'rejected'; readonly message: string } | { readonly status: 'unknown'; readonly error: UnknownOutcomeError };

/** orderStatus by cloid: the venue's word on one order, or that it knows none. */
export type OrderStatusResult =
  | { readonly found: false }
  | { readonly found: true; readonly state: VenueOrderState; readonly venueStatus: string; readonly venueOrderId: string; readonly statusTs: number; readonly partlyFilled: boolean };

export interface ExecutionClient {
  /** The venue's name, as the OMS store keys it. */
  readonly venue: string;
  /** Whether `scheduleCancel` (a venue-side dead man's switch) exists here. */
  readonly supportsScheduleCancel: boolean;
  place(intent: OrderIntent): Promise<PlaceResult>;
  cancel(cloid: string, symbol: string): Promise<ActionResult>;
  orderStatus(cloid: string): Promise<OrderStatusResult>;
  openOrders(): Promise<VenueOpenOrder[]>;
  /** Fills with time ≥ since, oldest first, unique by fill id. */
  fills(since: number): Promise<VenueFill[]>;
  positions(): Promise<VenuePosition[]>;
  /** Cancels every open order at `at` unless re-armed; undefined disarms. */
  scheduleCancel(at: number | undefined): Promise<ActionResult>;
}
