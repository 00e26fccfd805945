// The daemon's read views (/api/status, bots, positions, orders, fills, risk): projections of the bots' ledgers, the OMS and the risk manager.
import type { BotView, DaemonMode, FillView, OpsProjection, OrderView, PositionView, ReadinessView, RiskView, StatusView } from '../../api/ops-views.js';
import type { OmsFill } from '../../oms/oms-store.js';
import { isTerminal } from '../../oms/order-lifecycle.js';
import type { OrderManager } from '../../live/order-manager.js';
import type { RiskManager } from '../../risk/index.js';
import type { AccountRiskView } from '../../live/account-risk-view.js';
import type { BotRuntime } from './bot-runtime.js';
import { fixedToNumber } from '../../core/fixed.js';

export interface DaemonFacts {
  readonly version: string;
  readonly mode: DaemonMode;
  readonly market: string;
  readonly dataDir: string;
  readonly startedAt: number;
  readonly pid: number;
  /** Market data is the simulator's (paper offline, or `--market sim`). */
  simulated(): boolean;
  readonly bots: () => readonly BotRuntime[];
  readonly manager: OrderManager;
  readonly risk: RiskManager;
  readonly view: AccountRiskView;
  readonly marks: ReadonlyMap<string, number>;
  /** Why the daemon is not ready, one line each (empty when ready). */
  readonly notReady: () => { reconciled: boolean; marketDataFresh: boolean; reasons: string[] };
  readonly recentFills: () => readonly OmsFill[];
  readonly blocksByRule: () => Readonly<Record<string, number>>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const MAX_CLOSED_ORDERS = 200;

export function daemonProjection(f: DaemonFacts): OpsProjection {
  const readiness = (): ReadinessView => {
    const r = f.notReady();
    return { ready: r.reasons.length === 0, reconciled: r.reconciled, marketDataFresh: r.marketDataFresh, reasons: r.reasons };
  };
  const positions = (): PositionView[] =>
    [...f.view.positions()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([symbol, p]) => {
        const mark = f.marks.get(symbol);
        return { symbol, size: p.qty, entryPrice: p.entryPrice, markPrice: mark ?? null, unrealizedPnl: mark === undefined ? null : (mark - p.entryPrice) * p.qty };
      });
  const orders = (): OrderView[] => {
    const all = f.manager.orders();
    const open = all.filter((o) => !isTerminal(o.status));
    const closed = all.filter((o) => isTerminal(o.status)).slice(-MAX_CLOSED_ORDERS).reverse();
    return [...open, ...closed].map((o) => {
      const i = o.intent;
      return { cloid: i.cloid, venueOrderId: o.venueOrderId ?? null, bot: i.botId, symbol: i.symbol, side: i.side, size: i.qty, filled: o.filledQty, price: i.type === 'market' ? null : (i.price ?? i.triggerPrice ?? null), status: o.status, placedAt: iso(o.sentAt) };
    });
  };
  const status = (): StatusView => {
    return {
      version: f.version,
      mode: f.mode,
      market: f.market,
      simulated: f.simulated(),
      pid: f.pid,
      startedAt: iso(f.startedAt),
      dataDir: f.dataDir,
      killLevel: f.risk.killLevel(),
      readiness: readiness(),
      equity: f.view.equity(),
      bots: f.bots().length,
      openPositions: f.view.positions().size,
      openOrders: f.manager.orders().filter((o) => !isTerminal(o.status)).length,
    };
  };
  return {
    readiness,
    status,
    bots: (): BotView[] => f.bots().map((b) => ({ id: b.id, strategy: b.config.strategy, symbols: b.config.symbols, interval: b.config.interval, state: b.state, capital: fixedToNumber(b.book.totals().deposits) })),
    positions,
    orders,
    fills: (limit: number): FillView[] =>
      f
        .recentFills()
        .slice(-limit)
        .reverse()
        .map((x) => ({ fillId: x.fillId, cloid: x.cloid ?? null, bot: (x.cloid !== undefined ? f.manager.order(x.cloid)?.intent.botId : undefined) ?? null, symbol: x.symbol, side: x.side, size: x.qty, price: x.price, fee: fixedToNumber(x.fee), at: iso(x.ts) })),
    risk: (): RiskView => {
      const k = f.risk.killStatus();
      return { killLevel: k.level, killReason: k.reason ?? null, blocksByRule: f.blocksByRule() };
    },
  };
}
