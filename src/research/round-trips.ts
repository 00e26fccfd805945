// Groups fills into round trips (flat → flat, splitting a fill that reverses the position) for reports and metrics.
import type { Fill } from '../core/orders.js';
import type { RoundTrip } from './backtest-result.js';

interface OpenTrip {
  direction: 'long' | 'short';
  entryTime: number;
  qty: number;
  maxQty: number;
  entryNotional: number;
  entryQty: number;
  exitNotional: number;
  exitQty: number;
  realizedAtStart: number;
  fees: number;
}

export class RoundTripTracker {
  private readonly open = new Map<string, OpenTrip>();
  private readonly done: RoundTrip[] = [];

  qty(symbol: string): number {
    const t = this.open.get(symbol);
    return t === undefined ? 0 : t.direction === 'long' ? t.qty : -t.qty;
  }

  /**
   * `realizedTotal` is the symbol's cumulative realised PnL after this fill (from the ledger), so a
   * trip's gross PnL is exactly the ledger's realised PnL over its fills.
   */
  onFill(fill: Fill, realizedTotal: number, fee: number): void {
    let t = this.open.get(fill.symbol);
    let qty = fill.qty;
    const dir = fill.side === 'buy' ? 'long' : 'short';
    if (t !== undefined && t.direction !== dir) {
      const closing = Math.min(qty, t.qty);
      const share = closing / fill.qty;
      t.qty -= closing;
      t.exitNotional += closing * fill.price;
      t.exitQty += closing;
      t.fees += fee * share;
      qty -= closing;
      if (t.qty <= 1e-12 * t.maxQty) {
        const gross = realizedTotal - t.realizedAtStart;
        this.done.push({
          symbol: fill.symbol,
          direction: t.direction,
          entryTime: t.entryTime,
          exitTime: fill.ts,
          qty: t.maxQty,
          entryPrice: t.entryNotional / t.entryQty,
          exitPrice: t.exitNotional / t.exitQty,
          grossPnl: gross,
          fees: t.fees,
          netPnl: gross - t.fees,
          exitReason: fill.reason,
        });
        this.open.delete(fill.symbol);
        t = undefined;
      }
      // A float remainder of ~1e-16 (0.7 + 0.1 held, 0.8 sold) is noise, not a reversal: without this
      // guard it opened a phantom trip in the other direction.
      if (qty <= 1e-12 * fill.qty) return;
      fee = fee * (1 - share);
    }
    if (t === undefined) {
      t = { direction: dir, entryTime: fill.ts, qty: 0, maxQty: 0, entryNotional: 0, entryQty: 0, exitNotional: 0, exitQty: 0, realizedAtStart: realizedTotal, fees: 0 };
      this.open.set(fill.symbol, t);
    }
    t.qty += qty;
    t.maxQty = Math.max(t.maxQty, t.qty);
    t.entryNotional += qty * fill.price;
    t.entryQty += qty;
    t.fees += fee;
  }

  closed(): readonly RoundTrip[] {
    return this.done;
  }
}
