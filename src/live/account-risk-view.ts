// The risk manager's view of the daemon's one account: the bots' ledgers summed, the OMS's working orders, the live touch and last trades.
import type { Clock } from '../core/clock.js';
import { fixedToNumber } from '../core/fixed.js';
import type { Ledger } from '../ledger/ledger.js';
import { isTerminal } from '../oms/order-lifecycle.js';
import type { OmsOrder } from '../oms/order-registry.js';
import { utcDayStart, type RiskBook, type RiskDailyPnl, type RiskOpenOrders, type RiskPosition, type RiskView } from '../risk/index.js';

export interface AccountRiskViewDeps {
  readonly clock: Clock;
  /** Every bot's ledger (each bot trades its own allocation of the one account). */
  readonly ledgers: () => Iterable<Ledger>;
  readonly orders: () => readonly OmsOrder[];
  /** The last trade price per symbol. */
  readonly marks: ReadonlyMap<string, number>;
  /** The top of the book per symbol, stamped with our receive time. */
  readonly books: ReadonlyMap<string, RiskBook>;
}

/**
 * Equity is each ledger's cash plus its positions marked at the last trade (a position with no trade
 * seen yet is marked at its entry price: no profit or loss claimed). The day's PnL is the equity change
 * since the first look of the UTC day, so unrealised losses count against the daily limit too.
 */
export class AccountRiskView implements RiskView {
  private day: { start: number; equity: number } | undefined;

  constructor(private readonly deps: AccountRiskViewDeps) {}

  equity(): number {
    let eq = 0;
    for (const l of this.deps.ledgers()) {
      eq += fixedToNumber(l.cash());
      for (const s of l.symbols()) {
        const p = l.position(s);
        if (p.qtyNum === 0) continue;
        const mark = this.deps.marks.get(s) ?? p.avgPriceNum;
        eq += (mark - p.avgPriceNum) * p.qtyNum * p.multiplierNum;
      }
    }
    return eq;
  }

  positions(): ReadonlyMap<string, RiskPosition> {
    const sums = new Map<string, { qty: number; cost: number }>();
    for (const l of this.deps.ledgers()) {
      for (const s of l.symbols()) {
        const p = l.position(s);
        if (p.qtyNum === 0) continue;
        const a = sums.get(s) ?? { qty: 0, cost: 0 };
        a.qty += p.qtyNum;
        a.cost += p.qtyNum * p.avgPriceNum;
        sums.set(s, a);
      }
    }
    const out = new Map<string, RiskPosition>();
    for (const [s, a] of sums) {
      if (Math.abs(a.qty) < 1e-12) continue;
      const entryPrice = a.cost / a.qty;
      out.set(s, { qty: a.qty, entryPrice, markPrice: this.deps.marks.get(s) ?? entryPrice });
    }
    return out;
  }

  openOrders(symbol?: string): RiskOpenOrders {
    let count = 0;
    let notional = 0;
    for (const o of this.deps.orders()) {
      const i = o.intent;
      if (isTerminal(o.status) || i.reduceOnly || (symbol !== undefined && i.symbol !== symbol)) continue;
      count++;
      const px = i.price ?? i.triggerPrice ?? this.deps.marks.get(i.symbol) ?? 0;
      notional += Math.max(0, i.qty - o.filledQty) * px;
    }
    return { count, notional };
  }

  book(symbol: string): RiskBook | undefined {
    return this.deps.books.get(symbol);
  }

  dailyPnl(): RiskDailyPnl {
    const now = this.deps.clock.now();
    const start = utcDayStart(now);
    const equity = this.equity();
    if (this.day === undefined || this.day.start !== start) this.day = { start, equity };
    return { dayStartMs: start, realisedNet: equity - this.day.equity };
  }
}
