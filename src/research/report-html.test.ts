import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BarSeries } from '../core/bars.js';
import type { BacktestResult, FillRecord, RoundTrip } from './backtest-result.js';
import { gunzipSync } from 'node:zlib';
import { InvariantError } from '../core/errors.js';
import { computeMetrics } from './metrics.js';
import type { ColumnRef } from './report-columns.js';
import { DECODER_JS } from './report-decoder-js.js';
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

/** The page's data blob, decoded with the page's own decoder. */
function pageData(html: string): { meta: Record<string, unknown>; col: (ref: ColumnRef) => number[] } {
  const b64 = /<script type="application\/octet-stream" id="sx-data">([A-Za-z0-9+/=]*)<\/script>/.exec(html)?.[1];
  assert.ok(b64 !== undefined, 'data blob present');
  const fns = new Function(`${DECODER_JS}; return { sxDecodeColumn, sxSplitBlob };`)() as {
    sxDecodeColumn: (b: Uint8Array, r: ColumnRef) => Float64Array;
    sxSplitBlob: (b: Uint8Array) => { meta: Record<string, unknown>; cols: Uint8Array };
  };
  const { meta, cols } = fns.sxSplitBlob(new Uint8Array(gunzipSync(Buffer.from(b64, 'base64'))));
  return { meta, col: (ref) => Array.from(fns.sxDecodeColumn(cols, ref)) };
}

test('report shows headline figures, statistics, tables, settings and the chart data', () => {
  const r = small();
  const html = renderReportHtml(r, computeMetrics(r), META);
  assert.match(html, /^<!DOCTYPE html>/);
  // total_return 0.21; max drawdown 110 → 99 = 10 %; buy-and-hold 100 → 99 = −1 %.
  assert.ok(html.includes('<div class="k">Total return</div><div class="v up">21.00 %</div><div class="s">21.00 on 100.00</div>'));
  assert.ok(html.includes('<div class="k">Buy and hold</div><div class="v down">-1.00 %</div>'));
  assert.ok(html.includes('<div class="k">Max drawdown</div><div class="v down">-10.00 %</div>'));
  // Three days are too short to annualise: n/a with the reason.
  assert.ok(html.includes('<div class="k">CAGR</div><div class="v">n/a</div><div class="s">run &lt; 90 days or &lt; 30 returns</div>'));
  assert.ok(html.includes('<tr><td>total_return</td><td class="n">21.00 %</td><td class="n">0.21</td></tr>'));
  assert.ok(html.includes('<tr><td>cagr</td><td class="n">n/a</td><td class="n">null</td></tr>'));
  assert.ok(html.includes('<tr><td>Largest loss</td><td class="n down">−2.50</td></tr>'));
  assert.ok(html.includes('<tr><td>Average holding time</td><td class="n">1d</td></tr>'));
  // Monthly heatmap: January 2024 100 → 121.
  assert.match(html, /<tr><td>2024<\/td><td class="n" style="background:rgba\(22,163,74,0.83\)">21.00%<\/td>/);
  assert.ok(html.includes('<dt>cash</dt><dd>100</dd>'));
  assert.ok(html.includes('<td>BTC</td><td>short</td><td class="n">1</td><td class="n">99</td><td class="n">98</td><td class="n up">1.00</td>'));
  assert.ok(html.includes('2024-01-01 00:00 → 2024-01-03 00:00 UTC (3 bars of 1d)'));
  const { meta, col } = pageData(html);
  const eq = meta.eq as { t: ColumnRef; e: ColumnRef };
  assert.deepEqual(col(eq.e), [110, 99, 121]);
  // The closed trip, then the short still open (entered by the last fill), with its reason index.
  assert.deepEqual(meta.tr, [[0, 1, T0 + DAY, T0 + 2 * DAY, 1, 101, 99, -2.5, 0], [0, -1, T0 + 2 * DAY, null, 1, 99, null, null, 1]]);
  assert.deepEqual(meta.rs, [`Stop ${EVIL}`, 'open']);
});

test('per-symbol and per-exit-reason tables: a row per group, best total first, and a total row', () => {
  const r = small();
  const win: RoundTrip = { ...r.trades[0], symbol: 'ETH', netPnl: 4, exitReason: 'tp', entryTime: T0, exitTime: T0 + 2 * DAY };
  const withTwo = { ...r, trades: [r.trades[0], win] };
  const html = renderReportHtml(withTwo, computeMetrics(withTwo), META);
  const section = (title: string): string => html.slice(html.indexOf(`<h2>${title}</h2>`), html.indexOf('<h2>', html.indexOf(`<h2>${title}</h2>`) + 4));
  const bySymbol = section('Per symbol');
  assert.ok(bySymbol.includes('<th>Symbol</th><th class="n">Trades</th><th class="n">Won / even / lost</th><th class="n">Win rate</th><th class="n">Avg net PnL</th><th class="n">Total net PnL</th><th class="n">Total % of cash</th><th class="n">Largest win</th><th class="n">Largest loss</th><th class="n">Avg held</th>'), bySymbol);
  // ETH (+4) before BTC (−2.50); a group without a win has no largest win.
  assert.ok(bySymbol.includes('<tr><td>ETH</td><td class="n">1</td><td class="n">1 / 0 / 0</td><td class="n">100.00 %</td><td class="n up">4.00</td><td class="n up">4.00</td><td class="n up">4.00 %</td><td class="n">4.00</td><td class="n">n/a</td><td class="n">2d</td></tr>'), bySymbol);
  assert.ok(bySymbol.indexOf('<td>ETH</td>') < bySymbol.indexOf('<td>BTC</td>'));
  assert.ok(bySymbol.includes('<td class="n">n/a</td><td class="n">−2.50</td><td class="n">1d</td></tr>'), bySymbol);
  assert.ok(bySymbol.includes('<tr><td>TOTAL</td><td class="n">2</td><td class="n">1 / 0 / 1</td><td class="n">50.00 %</td><td class="n up">0.75</td><td class="n up">1.50</td><td class="n up">1.50 %</td><td class="n">4.00</td><td class="n">−2.50</td><td class="n">1d 12h</td></tr>'), bySymbol);
  const byExit = section('Per exit reason');
  assert.ok(byExit.includes('<tr><td>tp</td>') && byExit.includes('<td>TOTAL</td>'), byExit);
});

test('figures print without float noise', () => {
  // (100.3 − 100) / 100 is 0.0029999999999999714 in floating point.
  const r = { ...small(), finalEquity: '100.3', trades: [{ ...small().trades[0], netPnl: 0.1 + 0.2 }] };
  const html = renderReportHtml(r, computeMetrics(r), META);
  assert.ok(!html.includes('0.0029999999999999714'));
  assert.ok(!html.includes('0.30000000000000004'));
  assert.ok(html.includes('<tr><td>total_return</td><td class="n">0.30 %</td><td class="n">0.003</td></tr>'));
});

test('rejections: counted by code, listed in time order', () => {
  const rej = (i: number, reason: string) => ({ time: T0 + i * DAY, symbol: 'BTC', clientId: `c${i}`, reason });
  const r = { ...small(), rejections: [rej(0, 'insufficient margin: needs 5.00 at 1x, available 1.00'), rej(1, 'reduce-only order would increase the position')] };
  const html = renderReportHtml(r, computeMetrics(r), META);
  assert.ok(html.includes('<h2>Rejected orders (2)</h2>'));
  assert.ok(html.includes('<tr><td>insufficient margin</td><td class="n">1</td></tr>'));
  assert.ok(html.includes('<tr><td>2024-01-01 00:00</td><td>BTC</td><td>c0</td><td>insufficient margin: needs 5.00 at 1x, available 1.00</td></tr>'));
});

test('indicator lines travel with NaN warm-up; a line that does not fit its bars is a bug', () => {
  const r = small();
  const line = { symbol: 'BTC', label: 'SMA(2)', pane: 'price' as const, values: Float64Array.of(NaN, 100.5, 100) };
  const html = renderReportHtml({ ...r, indicators: [line] }, computeMetrics(r), META);
  const sym = pageData(html).meta.sym as { ind: { label: string; pane: string; col: ColumnRef }[] }[];
  assert.deepEqual(sym[0].ind.map((x) => [x.label, x.pane]), [['SMA(2)', 'price']]);
  const values = pageData(html).col(sym[0].ind[0].col);
  assert.ok(Number.isNaN(values[0]));
  assert.deepEqual(values.slice(1), [100.5, 100]);
  assert.throws(() => renderReportHtml({ ...r, indicators: [{ ...line, values: new Float64Array(2) }] }, computeMetrics(r), META), InvariantError);
  assert.throws(() => renderReportHtml({ ...r, indicators: [{ ...line, symbol: 'ETH' }] }, computeMetrics(r), META), InvariantError);
});

test('every string is escaped; the only scripts are the data blob and the chart code', () => {
  const r = { ...small(EVIL), symbols: [EVIL], fillModel: EVIL };
  const html = renderReportHtml(r, computeMetrics(r), { title: EVIL, generatedBy: EVIL, settings: [[EVIL, EVIL]] });
  assert.equal((html.match(/<script/gi) ?? []).length, 2);
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
});

test('self-contained: nothing is loaded from anywhere', () => {
  const r = small();
  const html = renderReportHtml(r, computeMetrics(r), META);
  assert.doesNotMatch(html, /https?:\/\//i);
  assert.doesNotMatch(html, /\s(src|href)=|@import|url\(|fetch\(|XMLHttpRequest|WebSocket|import\(/i);
});

test('same input gives byte-identical output', () => {
  const a = small();
  const b = small();
  assert.equal(renderReportHtml(a, computeMetrics(a), META), renderReportHtml(b, computeMetrics(b), META));
});

test('a 1M-bar run: every bar in the data at a few bytes each, tables capped', () => {
  const n = 1_000_000;
  const closes = new Float64Array(n);
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    closes[i] = Math.round((100 + 10 * Math.sin(i / 5000) + (i % 17) / 10) * 100) / 100;
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
  assert.ok(html.length < 8_000_000, `report is ${html.length} chars`);
  const { meta, col } = pageData(html);
  const sym = (meta.sym as { n: number; p: { c: ColumnRef } }[])[0];
  assert.equal(sym.n, n);
  const c = col(sym.p.c);
  assert.equal(c[n - 1], closes[n - 1]);
  assert.equal(c[123_457], closes[123_457]);
  assert.equal((meta.tr as unknown[]).length, 5000);
  assert.ok(html.includes('4500 more not shown (first 500 of 5000;'));
  assert.ok(html.includes('9500 more not shown (first 500 of 10000;'));
});
