// The port through which the kernel trades: commands only; every answer comes back as an ExecutionReport event.
import type { OrderRequest } from '../core/orders.js';
import type { BarView } from '../strategy/strategy.js';

/**
 * The stable part of a rejection reason, by the port's convention `code` or `code: detail` (the code
 * carries no numbers, so rejections can be counted by it; the simulated venue's codes: sim/rejections.ts).
 */
export function rejectionCode(reason: string): string {
  const i = reason.indexOf(': ');
  return i < 0 ? reason : reason.slice(0, i);
}

/**
 * Commands to an execution venue. No method answers the command: acceptance, rejection, triggers,
 * cancels, expiries, unknown outcomes and fills come back as ExecutionReports through the kernel's one
 * entry (`Kernel.onExecutionReport`). A simulated venue delivers them within the call (so a backtest
 * step stays synchronous); a live executor delivers them later through the kernel's input queue.
 *
 * The port knows nothing of market data, funding, liquidation or marks: those belong to a simulation
 * and live on its own interface (simulated-market.ts), which only the backtest and paper drivers use.
 */
export interface ExecutionPort {
  submit(clientId: string, req: OrderRequest): void;
  /** A cancel of an order the venue does not work is a no-op: the order's own reports tell its fate. */
  cancel(symbol: string, clientId: string): void;
  /**
   * Returns a reason when refused locally and at once (the same refusal is also reported as a
   * `leverage.rejected` event); undefined when accepted or still in flight (a venue's later refusal
   * arrives as that event only).
   */
  setLeverage(symbol: string, leverage: number): string | undefined;
}

/**
 * The timing of reports (the kernel implements it): those delivered between `reportsWithin(bar)` and
 * `reportsWithin(undefined)` happened while the venue worked through `bar`, so a market order filled
 * then saw the whole bar after it. Reports delivered outside such a scope happened at their own time.
 */
export interface ReportScope {
  reportsWithin(bar: BarView | undefined): void;
}
