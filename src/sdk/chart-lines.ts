// The report's lines for a strategy's declared indicators: what the strategy read, bar by bar, per symbol.
import type { BarSeries } from '../core/bars.js';
import { type Indicator, createIndicator } from '../indicators/index.js';
import { BarResampler } from '../market/bar-resampler.js';
import type { IndicatorRequest } from '../strategy/needs.js';
import type { ChartLine } from '../strategy/strategy.js';

/** Catalogue indicators drawn over the candles (same unit as price); every other one gets a pane of its own. */
const PRICE_PANE = new Set(['sma', 'ema', 'wma', 'dema', 'tema', 'kama', 'bbands', 'donchian', 'psar', 'vwap', 'ichimoku']);

/**
 * One line per indicator line and symbol, `values[i]` = what the strategy read at bar i (NaN while warming
 * up): the streaming values of the run's bars, or for a longer timeframe the value after the last closed
 * longer bar. Labels are the names the strategy reads them by (`fast`, `macd.signal`).
 */
export function declaredChartLines(requests: readonly (IndicatorRequest & { readonly label: string })[], series: readonly BarSeries[]): ChartLine[] {
  const out: ChartLine[] = [];
  for (const s of series) {
    if (s.length === 0) continue;
    for (const req of requests) {
      const ind: Indicator = req.create !== undefined ? req.create() : createIndicator(req.name, req.params ?? {}, req.label);
      const lines = ind.lines.map(() => new Float64Array(s.length).fill(Number.NaN));
      const read = (i: number): void => {
        for (let j = 0; j < lines.length; j++) if (ind.lineReady(j)) lines[j][i] = ind.value(j);
      };
      if (req.timeframeMs === undefined) {
        for (let i = 0; i < s.length; i++) {
          ind.update(s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
          read(i);
        }
      } else {
        if (s.intervalMs === undefined) continue;
        const r = new BarResampler(s.intervalMs, req.timeframeMs, (_t, o, h, l, c, v) => ind.update(o, h, l, c, v));
        for (let i = 0; i < s.length; i++) {
          r.push(s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
          read(i);
        }
      }
      const pane = req.create === undefined && PRICE_PANE.has(req.name) ? 'price' : 'own';
      ind.lines.forEach((name, j) => out.push({ symbol: s.symbol, label: name === '' ? req.label : `${req.label}.${name}`, pane, values: lines[j] }));
    }
  }
  return out;
}
