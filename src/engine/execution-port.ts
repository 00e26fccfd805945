// The port through which the kernel trades: the simulated venue implements it, and so will venue adapters.
import type { Bar } from '../core/bars.js';
import type { Envelope } from '../core/envelope.js';
import type { Fill, OrderRequest } from '../core/orders.js';

export type OrderStatusReport = 'accepted' | 'triggered' | 'cancelled' | 'rejected' | 'expired';

/**
 * The stable part of a rejection reason, by the port's convention `code` or `code: detail` (the code
 * carries no numbers, so rejections can be counted by it; the simulated venue's codes: sim/rejections.ts).
 */
export function rejectionCode(reason: string): string {
  const i = reason.indexOf(': ');
  return i < 0 ? reason : reason.slice(0, i);
}

/** Reports an execution venue sends back to the kernel, synchronously inside the kernel step. */
export interface ExecutionListener {
  onFill(fill: Fill): void;
  onOrderStatus(clientId: string, symbol: string, status: OrderStatusReport, reason: string): void;
}

export interface ExecutionPort {
  submit(clientId: string, req: OrderRequest): void;
  cancel(symbol: string, clientId: string): boolean;
  /** Returns a reason when refused. */
  setLeverage(symbol: string, leverage: number): string | undefined;
  /** Tick-level market data for matching (trades, book updates), when the run has it. */
  onMarketEvent?(event: Envelope): void;
  /** Market data for matching; the venue's mark moves to `close`. */
  onBar(bar: Bar): void;
  /** Funding owed for the current position at `mark`, received (+) or paid (−); undefined when flat. */
  fundingPayment(symbol: string, rate: number, mark: number): number | undefined;
  /** Liquidates when equity is below maintenance margin; true when it did. */
  checkLiquidation(): boolean;
  /** Equity at the venue's marks (float view, for sizing and curves). */
  equity(): number;
  mark(symbol: string): number | undefined;
}
