// What the Telegram commands read and do in the running daemon: projections of its ledgers and OMS, and the kill level through the risk manager.
import type { AlertCommands, PnlView, PositionView, StatusView } from '../../alerts/alert-commands.js';
import type { DailySummary } from '../../alerts/alert-message.js';
import type { DaemonMode, OpsProjection } from '../../api/ops-views.js';
import { fixedToNumber } from '../../core/fixed.js';
import type { KillLevel } from '../../config/risk-config.js';
import type { AccountRiskView } from '../../live/account-risk-view.js';
import type { OmsFill } from '../../oms/oms-store.js';
import { utcDayStart, type KillChange, type RiskManager } from '../../risk/index.js';
import type { BotRuntime } from './bot-runtime.js';

export interface DaemonAlertDeps {
  readonly mode: DaemonMode;
  readonly projection: OpsProjection;
  readonly view: AccountRiskView;
  readonly risk: RiskManager;
  readonly bots: () => readonly BotRuntime[];
  readonly fills: () => readonly OmsFill[];
  readonly staleStreams: () => readonly string[];
  readonly now: () => number;
  /** A kill change made by a command (logged, audited, alerted and saved like any other). */
  readonly killChanged: (c: KillChange) => void;
}

export function daemonAlertCommands(d: DaemonAlertDeps): AlertCommands {
  const positions = (): PositionView[] =>
    d.projection.positions().map((p) => ({ symbol: p.symbol, side: p.size > 0 ? 'long' : 'short', qty: Math.abs(p.size), entryPrice: p.entryPrice, unrealisedPnl: p.unrealizedPnl }));
  const unrealised = (): number | null => {
    let sum = 0;
    for (const p of d.projection.positions()) {
      if (p.unrealizedPnl === null) return null;
      sum += p.unrealizedPnl;
    }
    return sum;
  };
  const feesToday = (): { trades: number; fees: number } => {
    const start = utcDayStart(d.now());
    let trades = 0;
    let fees = 0;
    for (const f of d.fills()) {
      if (f.ts < start) continue;
      trades++;
      fees += fixedToNumber(f.fee);
    }
    return { trades, fees };
  };
  return {
    status: (): Promise<StatusView> =>
      Promise.resolve({
        mode: d.mode,
        simulated: d.projection.status().simulated,
        killLevel: d.risk.killLevel(),
        bots: d.bots().map((b) => ({ id: b.id, symbols: b.symbols, state: b.state })),
        staleStreams: d.staleStreams(),
      }),
    positions: () => Promise.resolve(positions()),
    pnl: (): Promise<PnlView> => {
      let fees = 0;
      for (const b of d.bots()) fees += fixedToNumber(b.book.totals().fees);
      return Promise.resolve({ realisedToday: d.view.dailyPnl().realisedNet, unrealised: unrealised(), fees, equity: d.view.equity() });
    },
    daily: (): Promise<DailySummary> => {
      const equity = d.view.equity();
      const peak = d.risk.snapshot().peak.peak;
      const today = feesToday();
      return Promise.resolve({
        day: new Date(utcDayStart(d.now())).toISOString().slice(0, 10),
        trades: today.trades,
        pnlNet: d.view.dailyPnl().realisedNet,
        fees: today.fees,
        equity,
        // Before the first equity observation there is no peak: no drawdown from it yet.
        drawdown: peak !== undefined && peak > 0 ? Math.max(0, (peak - equity) / peak) : 0,
      });
    },
    kill: (level: Exclude<KillLevel, 'off'>, source: string): Promise<void> => {
      d.killChanged(d.risk.setKill('api', level, `${source}: ${level}`));
      return Promise.resolve();
    },
    resume: (source: string): Promise<void> => {
      d.killChanged(d.risk.setKill('api', 'off', `${source}: resume`));
      const r = d.risk.resume(`${source}: resume`);
      if (r !== undefined) d.killChanged(r);
      return Promise.resolve();
    },
  };
}
