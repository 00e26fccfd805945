// Summary metrics of a backtest (the `--json` output of `sextant backtest`); conventions in METRICS.md.
import { fixedFromString } from '../core/fixed.js';
import type { BacktestResult } from './backtest-result.js';
import { rejectionCode } from '../engine/execution-port.js';
import { medianStep } from './median.js';
import { tradeStats } from './trade-stats.js';

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

/**
 * When a run is long enough for annualised figures (cagr, sharpe, sortino, calmar) to mean
 * something: a 3-day run compounding to a four-digit CAGR is noise, not information.
 */
export interface AnnualiseRule {
  readonly minDays: number;
  readonly minReturns: number;
}

export const ANNUALISE_RULE: AnnualiseRule = { minDays: 90, minReturns: 30 };

/** An open position as reported in metrics JSON. */
export interface OpenPositionMetric {
  readonly symbol: string;
  /** Signed: positive long, negative short. */
  readonly qty: number;
  readonly avg_price: number;
  readonly mark_price: number;
  readonly unrealized_pnl: number;
}

/** Metrics of one run; `null` means undefined for this run (see METRICS.md), never "zero". */
export interface BacktestMetrics {
  readonly final_equity: number;
  readonly final_cash: number;
  readonly total_return: number | null;
  readonly cagr: number | null;
  readonly max_drawdown: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly profit_factor: number | null;
  readonly win_rate: number | null;
  readonly trades: number;
  readonly open_position: readonly OpenPositionMetric[];
  readonly exposure: number | null;
  readonly fees: number;
  readonly funding: number;
  /** Rejected orders counted by reason code (the reason up to its first ": "), codes sorted. */
  readonly rejected_orders: Readonly<Record<string, number>>;
}

/** Computes every metric in O(n) over the curve (no copy of it; the step-gap scratch for the median) and O(k log k) over the k round trips (trade-stats.ts). */
export function computeMetrics(result: BacktestResult, rule: AnnualiseRule = ANNUALISE_RULE): BacktestMetrics {
  const initial = result.initialCash;
  const finalEquity = parseDecimal(result.finalEquity, 'finalEquity');
  const ratio = initial > 0 ? finalEquity / initial : null;
  const step = medianStep(result.equityTime);
  const annual = spansEnough(result, step, rule);
  const cagr = annual ? computeCagr(result, ratio, step) : null;
  const maxDrawdown = computeMaxDrawdown(result.equity, initial);
  const periodsPerYear = annual && step !== undefined && step > 0 ? YEAR_MS / step : null;
  const { sharpe, sortino } = computeRiskAdjusted(result.equity, initial, periodsPerYear);
  const trips = tradeStats(result.trades);
  return {
    final_equity: finalEquity,
    final_cash: parseDecimal(result.finalCash, 'finalCash'),
    // (final − initial) / initial rather than ratio − 1: exact for decimal inputs like 121 vs 100.
    total_return: ratio === null ? null : finite((finalEquity - initial) / initial),
    cagr,
    max_drawdown: maxDrawdown,
    sharpe,
    sortino,
    calmar: cagr === null || maxDrawdown === null || maxDrawdown === 0 ? null : finite(cagr / maxDrawdown),
    profit_factor: trips.profitFactor === null ? null : finite(trips.profitFactor),
    win_rate: trips.winRate,
    trades: result.trades.length,
    open_position: result.openPositions.map((p) => ({
      symbol: p.symbol,
      qty: p.qty,
      avg_price: p.avgPrice,
      mark_price: p.markPrice,
      unrealized_pnl: p.unrealizedPnl,
    })),
    exposure: computeExposure(result.inMarket),
    fees: parseDecimal(result.totalFees, 'totalFees'),
    funding: parseDecimal(result.totalFunding, 'totalFunding'),
    rejected_orders: countRejections(result),
  };
}

/** The run span (as for cagr) and the number of returns (one per equity point) both meet the rule. */
export function spansEnough(result: BacktestResult, step: number | undefined, rule: AnnualiseRule): boolean {
  const t = result.equityTime;
  if (t.length === 0 || t.length < rule.minReturns) return false;
  return t[t.length - 1] - t[0] + barIntervalMs(result, step) >= rule.minDays * DAY_MS;
}

function countRejections(result: BacktestResult): Record<string, number> {
  const counts = new Map<string, number>();
  for (const r of result.rejections) {
    const code = rejectionCode(r.reason);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const out: Record<string, number> = {};
  for (const code of [...counts.keys()].sort()) out[code] = counts.get(code) as number;
  return out;
}

/** Nearest number to an exact ledger decimal string; rejects anything that is not a decimal. */
function parseDecimal(text: string, where: string): number {
  fixedFromString(text, where);
  return Number(text.trim());
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** The bar interval: the smallest known one among the input series, else the median equity step. */
function barIntervalMs(result: BacktestResult, step: number | undefined): number {
  let best = Infinity;
  for (const s of result.bars) if (s.intervalMs !== undefined && s.intervalMs > 0 && s.intervalMs < best) best = s.intervalMs;
  if (best !== Infinity) return best;
  return step ?? 0;
}

function computeCagr(result: BacktestResult, ratio: number | null, step: number | undefined): number | null {
  const t = result.equityTime;
  if (ratio === null || ratio < 0 || t.length === 0) return null;
  // The last step's bar is held for one interval too: n daily bars span n days, not n − 1.
  const span = t[t.length - 1] - t[0] + barIntervalMs(result, step);
  if (!(span > 0)) return null;
  return finite(Math.pow(ratio, YEAR_MS / span) - 1);
}

function computeMaxDrawdown(equity: Float64Array, initial: number): number | null {
  if (equity.length === 0) return null;
  let peak = initial;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    if (peak > 0) {
      const dd = (peak - e) / peak;
      if (dd > worst) worst = dd;
    }
  }
  return worst;
}

/** Sharpe and Sortino of per-step simple returns; the first return is measured against initial cash. */
function computeRiskAdjusted(
  equity: Float64Array,
  initial: number,
  periodsPerYear: number | null,
): { sharpe: number | null; sortino: number | null } {
  const n = equity.length;
  if (periodsPerYear === null || n === 0) return { sharpe: null, sortino: null };
  // A return from a non-positive equity has no meaning (the account is already gone).
  if (!(initial > 0)) return { sharpe: null, sortino: null };
  for (let i = 0; i < n - 1; i++) if (!(equity[i] > 0)) return { sharpe: null, sortino: null };
  let sum = 0;
  let downSq = 0;
  let prev = initial;
  for (let i = 0; i < n; i++) {
    const r = equity[i] / prev - 1;
    sum += r;
    if (r < 0) downSq += r * r;
    prev = equity[i];
  }
  const mean = sum / n;
  // Second pass for the variance: the two-pass form is exact enough where Σr² − n·mean² cancels badly.
  let sq = 0;
  prev = initial;
  for (let i = 0; i < n; i++) {
    const d = equity[i] / prev - 1 - mean;
    sq += d * d;
    prev = equity[i];
  }
  const annual = Math.sqrt(periodsPerYear);
  const sd = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
  const downDev = Math.sqrt(downSq / n);
  // A constant return stream leaves float noise (~1e-17) in sd; that is zero variance, not a huge Sharpe.
  const zeroVar = !(sd > 1e-12 * Math.abs(mean));
  return {
    sharpe: zeroVar ? null : finite((mean / sd) * annual),
    sortino: downDev > 0 ? finite((mean / downDev) * annual) : null,
  };
}

function computeExposure(inMarket: Uint8Array): number | null {
  if (inMarket.length === 0) return null;
  let k = 0;
  for (let i = 0; i < inMarket.length; i++) if (inMarket[i] === 1) k++;
  return k / inMarket.length;
}
