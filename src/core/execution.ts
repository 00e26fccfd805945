// The execution vocabulary shared by the kernel, venues and the OMS: commands out, reports back as events.
import type { Fill, OrderRequest } from './orders.js';

/** Commands the kernel (or the OMS on its behalf) sends to an execution venue. Imperative. */
export type ExecutionCommand =
  | { readonly type: 'order.submit'; readonly clientId: string; readonly request: OrderRequest; readonly ts: number }
  | { readonly type: 'order.cancel'; readonly clientId: string; readonly symbol: string; readonly ts: number }
  | { readonly type: 'leverage.set'; readonly symbol: string; readonly leverage: number; readonly ts: number };

/**
 * Reports a venue sends back, in past tense. In every mode they reach the kernel through its input queue;
 * the simulated venue may deliver them within the step that caused them. `ts` is venue time.
 * `order.unknown`: the command's outcome is not known (timeout, 5xx, dropped response); only evidence
 * (an order-status query, a fill, an open-orders listing) resolves it, never a guess.
 */
export type ExecutionReport =
  | { readonly type: 'order.accepted'; readonly clientId: string; readonly symbol: string; readonly venueOrderId: string; readonly ts: number }
  | { readonly type: 'order.rejected'; readonly clientId: string; readonly symbol: string; readonly reason: string; readonly ts: number }
  | { readonly type: 'order.triggered'; readonly clientId: string; readonly symbol: string; readonly ts: number }
  | { readonly type: 'order.cancelled'; readonly clientId: string; readonly symbol: string; readonly reason: string; readonly ts: number }
  | { readonly type: 'order.expired'; readonly clientId: string; readonly symbol: string; readonly reason: string; readonly ts: number }
  | { readonly type: 'order.unknown'; readonly clientId: string; readonly symbol: string; readonly reason: string; readonly ts: number }
  | { readonly type: 'leverage.rejected'; readonly symbol: string; readonly reason: string; readonly ts: number }
  | Fill;

export type ExecutionReportType = ExecutionReport['type'];
