// The execution vocabulary shared by the kernel, venues and the OMS: commands out, reports back as events.
import { InvariantError } from './errors.js';
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

/**
 * The one entry through which execution reports reach their consumer (the kernel): a simulated
 * venue calls it within the step, a live executor from the kernel's input queue.
 */
export interface ExecutionReportSink {
  onExecutionReport(report: ExecutionReport): void;
}

/** A status report's kind without its `order.` prefix, as logs and flat consumers name it. */
export type OrderStatusKind = 'accepted' | 'triggered' | 'cancelled' | 'rejected' | 'expired' | 'unknown';

/**
 * A sink that splits reports into fills and flat order statuses (`reason` '' when the report has none);
 * `leverage.rejected` goes to `onOther` when given.
 */
export function splitReports(h: {
  onFill(fill: Fill): void;
  onOrderStatus(clientId: string, symbol: string, status: OrderStatusKind, reason: string): void;
  onOther?(report: ExecutionReport): void;
}): ExecutionReportSink {
  return {
    onExecutionReport(r: ExecutionReport): void {
      switch (r.type) {
        case 'order.filled':
          return h.onFill(r);
        case 'order.accepted':
        case 'order.triggered':
          return h.onOrderStatus(r.clientId, r.symbol, r.type === 'order.accepted' ? 'accepted' : 'triggered', '');
        case 'order.rejected':
        case 'order.cancelled':
        case 'order.expired':
        case 'order.unknown':
          return h.onOrderStatus(r.clientId, r.symbol, r.type.slice(6) as OrderStatusKind, r.reason);
        case 'leverage.rejected':
          return h.onOther?.(r);
        default: {
          const never: never = r;
          throw new InvariantError(`execution report of unknown type: ${JSON.stringify(never)}`);
        }
      }
    },
  };
}
