// Trade statistics of round trips for the report: wins and losses, expectancy, streaks, durations, and per-group tables.
import type { RoundTrip } from './backtest-result.js';
import { medianInPlace } from './median.js';

/** Statistics of a set of round trips on net PnL (fees included); `null` = undefined (no such trip). */
export interface TradeStats {
  readonly trades: number;
  readonly wins: number;
  /** Net PnL exactly 0. */
  readonly draws: number;
  readonly losses: number;
  readonly winRate: number | null;
  readonly totalNet: number;
  readonly avgWin: number | null;
  /** Negative. */
  readonly avgLoss: number | null;
  /** Mean net PnL per trip. */
  readonly expectancy: number | null;
  /** Σ net PnL of won trips / |Σ net PnL of lost trips|; null without a lost trip. */
  readonly profitFactor: number | null;
  readonly largestWin: number | null;
  readonly largestLoss: number | null;
  readonly longestWinStreak: number;
  readonly longestLossStreak: number;
  /** Holding time, ms. */
  readonly avgDuration: number | null;
  readonly medianDuration: number | null;
  readonly maxDuration: number | null;
}

export function tradeStats(trips: readonly RoundTrip[]): TradeStats {
  let wins = 0;
  let losses = 0;
  let won = 0;
  let lost = 0;
  let total = 0;
  let largestWin = -Infinity;
  let largestLoss = Infinity;
  let winRun = 0;
  let lossRun = 0;
  let longestWin = 0;
  let longestLoss = 0;
  let durSum = 0;
  let durMax = -Infinity;
  const durations = new Float64Array(trips.length);
  // Streaks follow exit order: the order the account felt them.
  const byExit = [...trips].sort((a, b) => a.exitTime - b.exitTime);
  for (let i = 0; i < byExit.length; i++) {
    const t = byExit[i];
    const pnl = t.netPnl;
    total += pnl;
    if (pnl > 0) {
      wins++;
      won += pnl;
      if (pnl > largestWin) largestWin = pnl;
      winRun++;
      lossRun = 0;
    } else if (pnl < 0) {
      losses++;
      lost += pnl;
      if (pnl < largestLoss) largestLoss = pnl;
      lossRun++;
      winRun = 0;
    } else {
      winRun = 0;
      lossRun = 0;
    }
    if (winRun > longestWin) longestWin = winRun;
    if (lossRun > longestLoss) longestLoss = lossRun;
    const d = t.exitTime - t.entryTime;
    durations[i] = d;
    durSum += d;
    if (d > durMax) durMax = d;
  }
  const n = trips.length;
  return {
    trades: n,
    wins,
    draws: n - wins - losses,
    losses,
    winRate: n > 0 ? wins / n : null,
    totalNet: total,
    avgWin: wins > 0 ? won / wins : null,
    avgLoss: losses > 0 ? lost / losses : null,
    expectancy: n > 0 ? total / n : null,
    profitFactor: losses > 0 ? won / -lost : null,
    largestWin: wins > 0 ? largestWin : null,
    largestLoss: losses > 0 ? largestLoss : null,
    longestWinStreak: longestWin,
    longestLossStreak: longestLoss,
    avgDuration: n > 0 ? durSum / n : null,
    medianDuration: medianInPlace(durations) ?? null,
    maxDuration: n > 0 ? durMax : null,
  };
}

/** One row of a per-symbol or per-exit-reason table. */
export interface TradeGroup {
  readonly key: string;
  readonly stats: TradeStats;
}

/** Trips grouped by `keyOf`, groups sorted by total net PnL, best first (ties by key). */
export function groupTrades(trips: readonly RoundTrip[], keyOf: (t: RoundTrip) => string): TradeGroup[] {
  const groups = new Map<string, RoundTrip[]>();
  for (const t of trips) {
    const k = keyOf(t);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [t]);
    else g.push(t);
  }
  const out = [...groups].map(([key, g]) => ({ key, stats: tradeStats(g) }));
  return out.sort((a, b) => b.stats.totalNet - a.stats.totalNet || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
