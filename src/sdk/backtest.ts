// Backtests for strategy authors' own tests: run a strategy on bars in one call, and make or read bars to run on.
import type { BarSeries } from '../core/bars.js';
import { parseInterval } from '../core/bars.js';
import { createRng } from '../core/rng.js';
import type { BacktestResult } from '../research/backtest-result.js';
import { runBacktest } from '../research/backtest-runner.js';
import { computeMetrics, type BacktestMetrics } from '../research/metrics.js';
import type { FillModel } from '../sim/fill-model.js';
import { syntheticBars as synthetic } from '../sim/synthetic-market.js';
import { readBarFile } from '../store/formats/read-bar-file.js';
import { resolveParams } from '../strategy/params.js';
import type { StrategyDefinition } from '../strategy/strategy.js';

export interface BacktestSettings {
  readonly bars: BarSeries | readonly BarSeries[];
  /** Parameter values by name (checked against the declarations like `--param`). */
  readonly params?: Readonly<Record<string, number | boolean | string>>;
  /** Default 10 000. */
  readonly cash?: number;
  /** Maker and taker fee, bps of notional (default 0); `makerBps` / `takerBps` set them apart. */
  readonly feeBps?: number;
  readonly makerBps?: number;
  readonly takerBps?: number;
  readonly slippageBps?: number;
  /** Default 'next-open'. */
  readonly fillModel?: FillModel;
  /** Default leverage for margin (default 10). */
  readonly leverage?: number;
  readonly tick?: number;
  readonly lot?: number;
}

export interface BacktestOutcome {
  readonly result: BacktestResult;
  readonly metrics: BacktestMetrics;
}

/** Runs `strategy` over the bars with the simulated venue; same inputs ⇒ identical outcome. */
export function backtest(strategy: StrategyDefinition, s: BacktestSettings): BacktestOutcome {
  const series = Array.isArray(s.bars) ? (s.bars as readonly BarSeries[]) : [s.bars as BarSeries];
  const raw = Object.entries(s.params ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  const defaults = strategy.simDefaults ?? {};
  const result = runBacktest({
    strategy,
    params: resolveParams(strategy.name, strategy.params, raw),
    series,
    cash: s.cash ?? 10_000,
    fillModel: s.fillModel ?? (defaults.fillModel as FillModel | undefined) ?? 'next-open',
    makerFeeBps: s.makerBps ?? s.feeBps ?? defaults.takerFeeBps ?? 0,
    takerFeeBps: s.takerBps ?? s.feeBps ?? defaults.takerFeeBps ?? 0,
    feePerUnit: 0,
    multiplier: 1,
    slippageBps: s.slippageBps ?? defaults.slippageBps ?? 0,
    leverage: s.leverage,
    tick: s.tick ?? defaults.tick,
    lotSize: s.lot ?? defaults.lot,
  });
  return { result, metrics: computeMetrics(result) };
}

export interface SyntheticOptions {
  readonly seed?: number;
  readonly bars?: number;
  readonly symbol?: string;
  /** Default '1h'. */
  readonly interval?: string;
  readonly startPrice?: number;
  /** Annualised volatility, default 0.6. */
  readonly volatility?: number;
  /** Default 2024-01-01T00:00Z. */
  readonly start?: number;
}

/** A seeded synthetic market (regime-switching trends and ranges): SIMULATED data for tests. */
export function syntheticBars(o: SyntheticOptions = {}): BarSeries {
  return synthetic(
    {
      symbol: o.symbol ?? 'SYNTH',
      bars: o.bars ?? 2_000,
      start: o.start ?? Date.UTC(2024, 0, 1),
      intervalMs: parseInterval(o.interval ?? '1h'),
      startPrice: o.startPrice ?? 30_000,
      tick: 0.1,
      volatility: o.volatility ?? 0.6,
    },
    createRng(o.seed ?? 1),
  );
}

/** Reads a bar file (csv, backtrader, freqtrade, aiquant JSON; detected from the content). */
export async function readBars(path: string, o: { readonly symbol?: string; readonly interval?: string } = {}): Promise<BarSeries[]> {
  return (await readBarFile(path, { symbol: o.symbol, interval: o.interval })).series;
}
