// What moved an order from one status to another: the evidence every transition carries, and the transition record.
import type { OrderEventKind, OrderStatus } from './order-lifecycle.js';

/**
 * Evidence is what the venue said (or failed to say), never an inference: an answer to the
 * send, an order-status answer, a fill, an open-orders listing, or the restart that left a send
 * unconfirmed.
 */
export type OrderEvidence =
  | { readonly kind: 'intent'; readonly note: string }
  | { readonly kind: 'ack'; readonly venueStatus: string; readonly venueOrderId?: string }
  | { readonly kind: 'reject'; readonly message: string }
  | { readonly kind: 'send-failed'; readonly error: string }
  | { readonly kind: 'restart'; readonly note: string }
  | { readonly kind: 'order-status'; readonly venueStatus: string; readonly venueOrderId?: string; readonly statusTs: number }
  | { readonly kind: 'not-found'; readonly sentAt: number; readonly graceMs: number }
  | { readonly kind: 'fill'; readonly fillId: string; readonly filledQty: number }
  | { readonly kind: 'open-orders'; readonly venueOrderId: string; readonly remaining: number }
  | { readonly kind: 'resend'; readonly note: string };

/** One appended step of an order's history. */
export interface OrderTransition {
  readonly cloid: string;
  readonly from: OrderStatus | undefined;
  readonly to: OrderStatus;
  readonly event: OrderEventKind | 'created';
  readonly venueOrderId: string | undefined;
  readonly evidence: OrderEvidence;
  readonly ts: number;
}
