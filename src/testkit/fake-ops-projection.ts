// A fixed, mutable stand-in for the daemon's projections, for tests of the ops server and `sextant status`.
import type { BotView, FillView, OpsProjection, OrderView, PositionView, ReadinessView, RiskView, StatusView } from '../api/ops-views.js';

export interface FakeOpsState {
  readiness: ReadinessView;
  status: Omit<StatusView, 'readiness'>;
  bots: BotView[];
  positions: PositionView[];
  orders: OrderView[];
  fills: FillView[];
  risk: RiskView;
  /** When set, every endpoint but /health throws it (a projection that broke). */
  failure?: Error;
}

export function fakeOpsState(): FakeOpsState {
  return {
    readiness: { ready: true, reconciled: true, marketDataFresh: true, reasons: [] },
    status: {
      version: '0.1.0',
      mode: 'paper',
      market: 'sim',
      simulated: true,
      pid: 4321,
      startedAt: '2026-01-02T03:04:05.000Z',
      dataDir: '/var/lib/sextant',
      killLevel: 'off',
      equity: 10_250.5,
      bots: 1,
      openPositions: 1,
      openOrders: 1,
    },
    bots: [{ id: 'tc-1', strategy: 'trend-confidence', symbols: ['BTC', 'ETH'], interval: '1m', state: 'running', capital: 10_000 }],
    positions: [{ symbol: 'BTC', size: -0.25, entryPrice: 64_000, markPrice: 63_500, unrealizedPnl: 125 }],
    orders: [{ cloid: '0x0000000000000000000000000000abcd', venueOrderId: '77', bot: 'tc-1', symbol: 'ETH', side: 'buy', size: 1.5, filled: 0, price: 3_100, status: 'open', placedAt: '2026-01-02T03:05:00.000Z' }],
    fills: [
      { fillId: 'f2', cloid: '0x01', bot: 'tc-1', symbol: 'BTC', side: 'sell', size: 0.15, price: 64_100, fee: 2.9, at: '2026-01-02T03:04:30.000Z' },
      { fillId: 'f1', cloid: '0x01', bot: 'tc-1', symbol: 'BTC', side: 'sell', size: 0.1, price: 63_850, fee: 1.9, at: '2026-01-02T03:04:20.000Z' },
    ],
    risk: { killLevel: 'off', killReason: null, blocksByRule: { max_notional_per_order: 2 } },
  };
}

export function fakeOpsProjection(state: FakeOpsState): OpsProjection {
  const ok = (): void => {
    if (state.failure) throw state.failure;
  };
  return {
    readiness: () => (ok(), state.readiness),
    status: () => (ok(), { ...state.status, readiness: state.readiness }),
    bots: () => (ok(), state.bots),
    positions: () => (ok(), state.positions),
    orders: () => (ok(), state.orders),
    fills: (limit) => (ok(), state.fills.slice(0, limit)),
    risk: () => (ok(), state.risk),
  };
}
