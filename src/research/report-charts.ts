// The report's charts: equity, drawdown and per-symbol price with trade markers, each downsampled.
import type { BarSeries } from '../core/bars.js';
import type { BacktestResult, FillRecord } from './backtest-result.js';
import { downsampleMinMax } from './downsample.js';
import { formatNumber, formatPercent, formatTime } from './report-format.js';
import { type ChartMarker, renderLineChart } from './svg-chart.js';

/** Points per drawn series: min/max bucketing keeps spikes, and 1M-bar runs stay a few KB per chart. */
export const MAX_CHART_POINTS = 2000;
/** Trade markers over all price charts together; the rest are listed in the tables only. */
export const MARKER_BUDGET = 1500;

export function equityChart(result: BacktestResult): string {
  return renderLineChart({
    label: 'Equity curve',
    series: downsampleMinMax(result.equityTime, result.equity, MAX_CHART_POINTS),
    color: '#1d4ed8',
    baseline: result.initialCash,
    formatY: (v) => formatNumber(v, 2),
  });
}

/** Drawdown below the running peak (which starts at initial cash), drawn as a negative fraction. */
export function drawdownChart(result: BacktestResult): string {
  const e = result.equity;
  const dd = new Float64Array(e.length);
  let peak = result.initialCash;
  for (let i = 0; i < e.length; i++) {
    if (e[i] > peak) peak = e[i];
    dd[i] = peak > 0 ? -(peak - e[i]) / peak : 0;
  }
  return renderLineChart({
    label: 'Drawdown',
    series: downsampleMinMax(result.equityTime, dd, MAX_CHART_POINTS),
    color: '#b91c1c',
    area: '#fecaca',
    formatY: (v) => formatPercent(v),
  });
}

/** Close line of one symbol with entry ▲/▼ and exit ● markers; returns the SVG and a note on capped markers. */
export function priceChart(result: BacktestResult, bars: BarSeries, markerCap: number): string {
  const { markers, shownTrips, totalTrips } = tradeMarkers(result, bars.symbol, markerCap);
  const svg = renderLineChart({
    label: `${bars.symbol} close`,
    series: downsampleMinMax(bars.time, bars.close, MAX_CHART_POINTS, 0, bars.length),
    color: '#374151',
    markers,
    formatY: (v) => formatNumber(v, 8),
  });
  const note =
    shownTrips < totalTrips
      ? `<p class="note">Markers shown for the first ${shownTrips} of ${totalTrips} round trips.</p>`
      : '';
  return svg + note;
}

function tradeMarkers(
  result: BacktestResult,
  symbol: string,
  cap: number,
): { markers: ChartMarker[]; shownTrips: number; totalTrips: number } {
  const markers: ChartMarker[] = [];
  let totalTrips = 0;
  let shownTrips = 0;
  for (const t of result.trades) {
    if (t.symbol !== symbol) continue;
    totalTrips++;
    if (markers.length + 2 > cap) continue;
    shownTrips++;
    const what = `${t.direction} ${formatNumber(t.qty, 8)}`;
    markers.push({
      x: t.entryTime,
      y: t.entryPrice,
      kind: t.direction === 'long' ? 'long-entry' : 'short-entry',
      title: `Entry ${what} @ ${formatNumber(t.entryPrice, 8)}, ${formatTime(t.entryTime)}`,
    });
    markers.push({
      x: t.exitTime,
      y: t.exitPrice,
      kind: 'exit',
      title: `Exit ${what} @ ${formatNumber(t.exitPrice, 8)}, ${formatTime(t.exitTime)}: ${t.exitReason} (net ${formatNumber(t.netPnl, 2)})`,
    });
  }
  if (result.openPositions.some((p) => p.symbol === symbol)) {
    for (const f of openingFills(result.fills, symbol)) {
      if (markers.length >= cap) break;
      markers.push({
        x: f.time,
        y: f.price,
        kind: f.side === 'buy' ? 'long-entry' : 'short-entry',
        title: `Open: ${f.side} ${formatNumber(f.qty, 8)} @ ${formatNumber(f.price, 8)}, ${formatTime(f.time)}: ${f.reason}`,
      });
    }
  }
  return { markers: markers.filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y)), shownTrips, totalTrips };
}

/** The fills that built the position still open in `symbol`: from the last flat point or reversal on. */
function openingFills(fills: readonly FillRecord[], symbol: string): FillRecord[] {
  const own = fills.filter((f) => f.symbol === symbol);
  let pos = 0;
  let start = 0;
  for (let i = 0; i < own.length; i++) {
    const before = pos;
    pos += own[i].side === 'buy' ? own[i].qty : -own[i].qty;
    // Float sums of grid quantities leave tiny residues; below a billionth of the fill it is flat.
    if (Math.abs(pos) <= 1e-9 * own[i].qty) {
      pos = 0;
      start = i + 1;
    } else if (before !== 0 && Math.sign(pos) !== Math.sign(before)) start = i;
  }
  return own.slice(start);
}
