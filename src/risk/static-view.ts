// A RiskView over plain data: for tests, previews and callers that assemble the figures up front.
import type { RiskBook, RiskDailyPnl, RiskOpenOrders, RiskPosition, RiskView } from './risk-view.js';

export interface StaticRiskViewData {
  readonly equity: number;
  readonly positions?: Readonly<Record<string, RiskPosition>>;
  readonly openOrders?: Readonly<Record<string, RiskOpenOrders>>;
  readonly books?: Readonly<Record<string, RiskBook>>;
  readonly daily: RiskDailyPnl;
}

const NONE: RiskOpenOrders = { count: 0, notional: 0 };

export class StaticRiskView implements RiskView {
  constructor(readonly data: StaticRiskViewData) {}

  equity(): number {
    return this.data.equity;
  }

  positions(): ReadonlyMap<string, RiskPosition> {
    return new Map(Object.entries(this.data.positions ?? {}));
  }

  openOrders(symbol?: string): RiskOpenOrders {
    const all = this.data.openOrders ?? {};
    if (symbol !== undefined) return all[symbol] ?? NONE;
    let count = 0;
    let notional = 0;
    for (const o of Object.values(all)) {
      count += o.count;
      notional += o.notional;
    }
    return { count, notional };
  }

  book(symbol: string): RiskBook | undefined {
    return this.data.books?.[symbol];
  }

  dailyPnl(): RiskDailyPnl {
    return this.data.daily;
  }

  /** A copy with some fields replaced. */
  with(patch: Partial<StaticRiskViewData>): StaticRiskView {
    return new StaticRiskView({ ...this.data, ...patch });
  }
}
