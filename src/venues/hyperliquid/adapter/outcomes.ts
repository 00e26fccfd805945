// What a signed action came to: accepted, filled, rejected on venue evidence, or unknown (left in flight); and how send failures map to it.
import { RejectedError, RetryableError, UnknownOutcomeError } from '../../../core/errors.js';
import type { Cloid } from '../actions/cloid.js';
import { VenueRejectedError } from '../transport/venue-errors.js';
import type { HlPlaceStatus } from './exchange-response.js';

/** Common to every order outcome: our client id and the cloid the venue knows the order by. */
export interface OrderRef {
  readonly clientId: string;
  readonly cloid: Cloid;
}

/**
 * The result of `submitOrder`. `resting`: on the book; `waiting`: a trigger order armed (or a TP/SL
 * child parked until its parent fills); `filled`: done at once (an IOC may fill only `filledQty`,
 * the rest is canceled); `rejected`: the venue said no, in `message`; `unknown`: the answer never
 * came or could not be read, so the order may exist: resolve it with `orderStatus(clientId)`.
 */
export type OrderOutcome =
  | (OrderRef & { readonly status: 'resting'; readonly oid: number })
  | (OrderRef & { readonly status: 'waiting'; readonly reason: string })
  | (OrderRef & { readonly status: 'filled'; readonly oid: number; readonly filledQty: number; readonly avgPrice: number })
  | (OrderRef & { readonly status: 'rejected'; readonly message: string })
  | (OrderRef & { readonly status: 'unknown'; readonly error: UnknownOutcomeError });

/** The result of cancel, modify, leverage and scheduleCancel actions. */
export type ActionOutcome =
  | { readonly status: 'ok' }
  | { readonly status: 'rejected'; readonly message: string }
  | { readonly status: 'unknown'; readonly error: UnknownOutcomeError };

/** The result of `submitTwap`: running under the venue's `twapId`, refused, or unknown (the TWAP may be running). */
export type TwapOutcome =
  | { readonly status: 'running'; readonly twapId: number }
  | { readonly status: 'rejected'; readonly message: string }
  | { readonly status: 'unknown'; readonly error: UnknownOutcomeError };

export type Settled = { readonly status: 'rejected'; readonly message: string } | { readonly status: 'unknown'; readonly error: UnknownOutcomeError };

/**
 * A failed /exchange call as an outcome. Only a venue refusal (an `err` body or a 4xx) is a
 * rejection. RetryableError means the request was never executed (never sent, paused by a rate
 * limit, refused for budget): it is rethrown so the caller retries with the same client id.
 * Everything else (timeouts, 5xx, a lost connection, an abort mid-flight, anything unexpected)
 * is an unknown outcome: the action may have executed.
 */
export function settleSendError(e: unknown, what: string): Settled {
  if (e instanceof VenueRejectedError) return { status: 'rejected', message: e.venueMessage };
  if (e instanceof RejectedError) return { status: 'rejected', message: e.message };
  if (e instanceof RetryableError) throw e;
  const error = e instanceof UnknownOutcomeError ? e : new UnknownOutcomeError(`${what}: the send failed after it may have reached the venue`, { cause: e });
  return { status: 'unknown', error };
}

/** An `ok` answer this code cannot read: the action may have executed, so it is an unknown outcome. */
export function unreadable(what: string, cause: unknown): { readonly status: 'unknown'; readonly error: UnknownOutcomeError } {
  return { status: 'unknown', error: new UnknownOutcomeError(`${what}: the venue's answer could not be read; the action may have executed`, { cause }) };
}

/** One order's status in an `order` / `batchModify` answer as the outcome of the order `ref`. */
export function orderOutcomeOf(ref: OrderRef, s: HlPlaceStatus): OrderOutcome {
  switch (s.kind) {
    case 'resting':
      return { ...ref, status: 'resting', oid: s.oid };
    case 'filled':
      return { ...ref, status: 'filled', oid: s.oid, filledQty: s.totalSize, avgPrice: s.avgPrice };
    case 'waiting':
      return { ...ref, status: 'waiting', reason: s.reason };
    case 'error':
      return { ...ref, status: 'rejected', message: s.message };
  }
}
