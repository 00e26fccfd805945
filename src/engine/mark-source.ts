// Where the kernel reads prices for equity and sizing: the market data, never the execution port.
import type { Envelope } from '../core/envelope.js';
import { isTradeEvent } from '../market/market-events.js';

/** The latest mark of a symbol; undefined before the market data has given one. */
export interface MarkSource {
  mark(symbol: string): number | undefined;
}

/**
 * Marks from the market data the kernel itself sees: a bar's close, a trade's price. The kernel's
 * default; a simulation passes the marks its matching uses instead (book mids before the first
 * trade), so sizing sees exactly the prices the simulated venue fills at.
 */
export class LastPrices implements MarkSource {
  private readonly marks = new Map<string, number>();

  mark(symbol: string): number | undefined {
    return this.marks.get(symbol);
  }

  onBar(symbol: string, close: number): void {
    this.marks.set(symbol, close);
  }

  onEvent(event: Envelope): void {
    if (isTradeEvent(event)) this.marks.set(event.symbol, event.data.price);
  }
}
