import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BarSeries } from '../core/bars.js';
import type { BacktestResult, FillRecord, RoundTrip } from './backtest-result.js';
import { computeMetrics } from './metrics.js';
import { renderReportHtml } from './report-html.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const EVIL = '<script>alert("x")</script>';

function bars(symbol: string, closes: Float64Array, intervalMs = DAY): BarSeries {
  const time = Float64Array.from(closes, (_, i) => T0 + i * intervalMs);
  return { symbol, intervalMs, length: closes.length, time, open: closes, high: closes, low: closes, close: closes, volume: closes, priceDecimals: 2 };
}

function small(strategy = 'sma-cross'): BacktestResult {
  const trade: RoundTrip = {
    symbol: 'BTC', direction: 'long', entryTime: T0 + DAY, exitTime: T0 + 2 * DAY, qty: 1,
    entryPrice: 101, exitPrice: 99, grossPnl: -2, fees: 0.5, netPnl: -2.5, exitReason: `Stop ${EVIL}`,
  };
  const fill = (time: number, side: 'buy' | 'sell', price: number, reason: string): FillRecord => ({ time, symbol: 'BTC', side, qty: 1, price, fee: 0.25, reason });
  return {
    strategy,
    params: { fast: 5, note: EVIL },
    symbols: ['BTC'],
    fillModel: 'next-open',
    initialCash: 100,
    equityTime: Float64Array.of(T0, T0 + DAY, T0 + 2 * DAY),
    equity: Float64Array.of(110, 99, 121),
    inMarket: Uint8Array.of(0, 1, 1),
    fills: [fill(T0 + DAY, 'buy', 101, 'signal'), fill(T0 + 2 * DAY, 'sell', 99, EVIL), fill(T0 + 2 * DAY, 'sell', 99, 'short entry')],
    trades: [trade],
    openPositions: [{ symbol: 'BTC', qty: -1, avgPrice: 99, markPrice: 98, unrealizedPnl: 1 }],
    rejections: [],
    finalCash: '120',
    finalEquity: '121',
    totalFees: '0.75',
    totalFunding: '-0.1',
    bars: [bars('BTC', Float64Array.of(100, 101, 99))],
    barCount: 3,
  };
}

const META = { title: 'Backtest sma-cross', generatedBy: 'sextant test', settings: [['cash', '100']] as [string, string][] };

test('report shows the metrics, header, charts and tables', () => {
  const r = small();
  const html = renderReportHtml(r, computeMetrics(r), META);
  assert.match(html, /^<!DOCTYPE html>/);
  // total_return 0.21 → "21.00 %"; max_drawdown 0.1 → "10.00 %"; win_rate 0 of 1 trip; exposure 2/3.
  assert.ok(html.includes('<td>total_return</td><td class="n">21.00 %</td><td class="n">0.21</td>'));
  assert.ok(html.includes('<td>max_drawdown</td><td class="n">10.00 %</td>'));
  assert.ok(html.includes('<td>win_rate</td><td class="n">0.00 %</td>'));
  assert.ok(html.includes('<td>exposure</td><td class="n">66.67 %</td>'));
  // profit factor without a winning trip is 0; with no losing trip it would be null → n/a.
  assert.ok(html.includes('<td>profit_factor</td><td class="n">0</td><td class="n">0</td>'));
  assert.ok(html.includes('<td>final_equity</td><td class="n">121</td>'));
  assert.ok(html.includes('<td>funding</td><td class="n">-0.1</td>'));
  assert.ok(html.includes('BTC -1 @ 99 (mark 98, uPnL 1)'));
  assert.ok(html.includes('2024-01-01 00:00 → 2024-01-03 00:00 UTC (3 bars of 1d)'));
  assert.equal((html.match(/<svg /g) ?? []).length, 3);
  // one entry ▲ and one exit ● for the trip, one ▼ for the fill that opened the short still held.
  assert.equal((html.match(/fill="#15803d"/g) ?? []).length, 1);
  assert.equal((html.match(/<circle /g) ?? []).length, 1);
  assert.equal((html.match(/fill="#b91c1c"><title>Open: sell/g) ?? []).length, 1);
  assert.ok(html.includes('<title>Exit long 1 @ 99, 2024-01-03 00:00: Stop &lt;script&gt;'));
});

test('null metrics show as n/a and null', () => {
  const r = { ...small(), trades: [] };
  const html = renderReportHtml(r, computeMetrics(r), META);
  assert.ok(html.includes('<td>profit_factor</td><td class="n">n/a</td><td class="n">null</td>'));
});

test('every string is escaped: no script element can appear', () => {
  const r = { ...small(EVIL), symbols: [EVIL], fillModel: EVIL };
  const html = renderReportHtml(r, computeMetrics(r), { title: EVIL, generatedBy: EVIL, settings: [[EVIL, EVIL]] as [string, string][] });
  assert.ok(!/<script/i.test(html));
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
});

test('same input gives byte-identical output', () => {
  const a = small();
  const b = small();
  assert.equal(renderReportHtml(a, computeMetrics(a), META), renderReportHtml(b, computeMetrics(b), META));
});

test('a 1M-bar run stays small: charts downsampled, markers and tables capped', () => {
  const n = 1_000_000;
  const closes = new Float64Array(n);
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    closes[i] = 100 + 10 * Math.sin(i / 5000) + (i % 17) / 10;
    equity[i] = 1000 + i / 1000 - (i % 23);
  }
  const series = bars('BTC', closes, 60_000);
  const trades: RoundTrip[] = [];
  const fills: FillRecord[] = [];
  for (let k = 0; k < 5000; k++) {
    const a = k * 200;
    const b = a + 100;
    trades.push({ symbol: 'BTC', direction: k % 2 ? 'short' : 'long', entryTime: series.time[a], exitTime: series.time[b], qty: 1, entryPrice: closes[a], exitPrice: closes[b], grossPnl: closes[b] - closes[a], fees: 0.1, netPnl: closes[b] - closes[a] - 0.1, exitReason: 'signal' });
    fills.push({ time: series.time[a], symbol: 'BTC', side: 'buy', qty: 1, price: closes[a], fee: 0.05, reason: 'entry' });
    fills.push({ time: series.time[b], symbol: 'BTC', side: 'sell', qty: 1, price: closes[b], fee: 0.05, reason: 'signal' });
  }
  const r: BacktestResult = {
    ...small(), equityTime: series.time, equity, inMarket: new Uint8Array(n), trades, fills, openPositions: [],
    bars: [series], barCount: n, finalEquity: String(equity[n - 1]),
  };
  const html = renderReportHtml(r, computeMetrics(r), META);
  assert.ok(html.length < 2_000_000, `report is ${html.length} chars`);
  const lines = [...html.matchAll(/<path d="M([^"]*)" fill="none" stroke="#(?!9ca3af)/g)];
  assert.equal(lines.length, 3);
  for (const m of lines) assert.ok(m[1].split(' ').length <= 2000);
  assert.ok(html.includes('4500 more not shown (first 500 of 5000).'));
  assert.ok(html.includes('9500 more not shown (first 500 of 10000).'));
  assert.ok(html.includes('Markers shown for the first 750 of 5000 round trips.'));
});
