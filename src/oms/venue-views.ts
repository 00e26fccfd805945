// The venue's account as the OMS compares it: open orders, positions, fills; venue-neutral shapes.
import type { Fixed } from '../core/fixed.js';
import type { Liquidity, Side } from '../core/orders.js';

/** One fill as the venue reports it. `fillId` is unique per venue (Hyperliquid's tid). */
export interface VenueFill {
  readonly fillId: string;
  readonly venueOrderId: string;
  /** The client id the order carried; undefined for orders placed without one. */
  readonly cloid: string | undefined;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  readonly fee: Fixed;
  readonly liquidity: Liquidity;
  readonly ts: number;
}

/** An order the venue lists as working. */
export interface VenueOpenOrder {
  readonly venueOrderId: string;
  readonly cloid: string | undefined;
  readonly symbol: string;
  readonly side: Side;
  /** Size still working. */
  readonly remaining: number;
  /** Size when placed, when the venue says. */
  readonly origQty: number | undefined;
  readonly placedTs: number;
}

/** A position at the venue: signed size, positive long. */
export interface VenuePosition {
  readonly symbol: string;
  readonly size: number;
}

/** One snapshot of the venue's side, read by the reconciler. */
export interface VenueSnapshot {
  readonly openOrders: readonly VenueOpenOrder[];
  readonly positions: readonly VenuePosition[];
  /** Fills with time ≥ `fillsSince`. */
  readonly fills: readonly VenueFill[];
  readonly fillsSince: number;
  /** When the snapshot was read (ms). */
  readonly readAt: number;
}
