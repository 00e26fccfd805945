// The report in a real browser: no console errors, no requests, charts drawn, zoom, trade tooltips; screenshots in test-artefacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../core/rng.js';
import { syntheticBars } from '../sim/synthetic-market.js';
import { smaCross } from '../strategy/sma-cross.js';
import { runBacktest } from './backtest-runner.js';
import { computeMetrics } from './metrics.js';
import { buyAndHold } from './period-returns.js';
import { browserTestGate, chromiumAvailable, openReport } from '../testkit/research/browser-test-support.js';
import { renderReportHtml } from './report-html.js';
import { reportSettings } from './report-settings.js';

const ARTEFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artefacts', 'report');

interface View { readonly view: [number, number]; readonly visibleBars: number; readonly markers: { x: number; y: number }[]; readonly symbols: string[] }

/** Two synthetic symbols, a year of hourly bars, sma-cross 60 % of equity a position at leverage 1 (so a second position is rejected for margin). */
function writeReport(): { file: string; expectedBh: number } {
  const start = Date.UTC(2024, 0, 1);
  const series = ['BTC-PERP', 'ETH-PERP'].map((symbol, k) =>
    syntheticBars({ symbol, bars: 8760, start, intervalMs: 3_600_000, startPrice: k === 0 ? 40_000 : 2_500, tick: 0.1, volatility: 0.7 }, createRng(7 + k)),
  );
  const params = { fast: 24, slow: 96, size: 1, stakePct: 60, longOnly: false };
  const result = runBacktest({ strategy: smaCross, params, series, cash: 10_000, fillModel: 'next-open', makerFeeBps: 4.5, takerFeeBps: 4.5, feePerUnit: 0, multiplier: 1, slippageBps: 1, lotSize: 0.0001, leverage: 1 });
  const rsi = result.bars.map((s) => ({ symbol: s.symbol, label: 'rsi', pane: 'own' as const, values: Float64Array.from(s.close, (_c, i) => (i < 14 ? NaN : 50 + 40 * Math.sin(i / 30))) }));
  const withLines = { ...result, indicators: [...(result.indicators ?? result.chartLines?.() ?? []), ...rsi] };
  const html = renderReportHtml(withLines, computeMetrics(withLines), {
    title: 'sma-cross on two synthetic perps (SIMULATED DATA)',
    generatedBy: 'report-browser.test.ts',
    settings: reportSettings({ strategy: 'sma-cross', params, data: 'synthetic seeds 7, 8', cash: 10_000, makerFeeBps: 4.5, takerFeeBps: 4.5, slippageBps: 1, fillModel: 'next-open', leverage: 1, lotSize: 0.0001 }),
  });
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = resolve(ARTEFACTS, 'report.html');
  writeFileSync(file, html);
  assert.ok(result.rejections.length > 0, 'the run should have rejected orders to show');
  const bh = buyAndHold(result.equityTime, result.bars, result.initialCash);
  return { file, expectedBh: bh[bh.length - 1] };
}

test('the report in chromium: offline, drawn, zoomable, trade tooltips', async (t) => {
  const gate = browserTestGate(chromiumAvailable(), process.env);
  if ('fail' in gate) assert.fail(gate.fail);
  if ('skip' in gate) return t.skip(gate.skip);
  const { file, expectedBh } = writeReport();
  const { browser, page, errors, requests } = await openReport(file);
  try {
    assert.equal(await page.evaluate('window.sxReport.error'), null);
    const state = (): Promise<View> => page.evaluate('({ view: window.sxReport.view, visibleBars: window.sxReport.visibleBars, markers: window.sxReport.markers, symbols: window.sxReport.symbols })') as Promise<View>;
    const before = await state();
    // The page's buy-and-hold (computed from the closes) ends where the report's headline says.
    const bh = (await page.evaluate('window.sxReport.buyAndHoldLast')) as number;
    assert.ok(Math.abs(bh - expectedBh) < 1e-6 * expectedBh, `${bh} vs ${expectedBh}`);
    assert.deepEqual(before.symbols, ['BTC-PERP', 'ETH-PERP']);
    assert.equal(before.visibleBars, 8760);
    // The canvas has drawn pixels of several colours (candles, lines, markers), not one flat fill.
    const colours = (await page.evaluate(`(() => {
      const c = document.querySelector('#sx-chart canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const seen = new Set(); for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return seen.size; })()`)) as number;
    assert.ok(colours > 20, `canvas shows ${colours} colours`);
    await page.screenshot({ path: resolve(ARTEFACTS, 'full-light.png'), fullPage: true });

    // Zoom with the button, then with the wheel over the chart: the visible window shrinks each time.
    await page.click('button[data-act="in"]');
    const zoomed = await state();
    assert.ok(zoomed.view[1] - zoomed.view[0] < (before.view[1] - before.view[0]) * 0.6, JSON.stringify([before.view, zoomed.view]));
    const box = await page.locator('#sx-chart canvas').boundingBox();
    assert.ok(box !== null);
    await page.mouse.move(box.x + box.width / 2, box.y + 150);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -100);
    const wheeled = await state();
    assert.ok(wheeled.visibleBars < zoomed.visibleBars / 2 && wheeled.visibleBars > 0, `${zoomed.visibleBars} → ${wheeled.visibleBars} bars`);
    // Drag pans: same span, later start.
    await page.mouse.move(box.x + box.width / 2, box.y + 150);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + 150, { steps: 4 });
    await page.mouse.up();
    const panned = await state();
    assert.ok(panned.view[0] > wheeled.view[0], 'drag to the left shows later bars');

    // Hover the marker nearest the middle: the tooltip names the trade.
    const m = panned.markers.filter((k) => k.x > 100 && k.x < box.width - 200).sort((a, b) => Math.abs(a.x - box.width / 2) - Math.abs(b.x - box.width / 2))[0];
    assert.ok(m !== undefined, 'a trade marker is visible in the zoomed window');
    await page.mouse.move(box.x + m.x, box.y + m.y);
    const tip = page.locator('#sx-tip');
    assert.ok(await tip.isVisible(), 'tooltip visible over a marker');
    assert.match((await tip.textContent()) ?? '', /Trade #\d+ (long|short)/);
    await page.locator('#sx-chart').screenshot({ path: resolve(ARTEFACTS, 'chart-zoomed-tooltip.png') });

    // The symbol selector switches the candles and keeps the window.
    await page.selectOption('#sx-symbol', '1');
    const eth = await state();
    assert.deepEqual(eth.view, panned.view);
    await page.locator('#sx-chart').screenshot({ path: resolve(ARTEFACTS, 'chart-eth.png') });

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.click('button[data-act="reset"]');
    await page.screenshot({ path: resolve(ARTEFACTS, 'full-dark.png'), fullPage: true });
    // A phone-wide window: the page does not scroll sideways (wide tables scroll inside their own box).
    await page.setViewportSize({ width: 420, height: 900 });
    // The chart redraws at its new width on the resize event, a frame or so later: wait for that; on a
    // time-out the assertion below reports the widths.
    await page.waitForFunction('document.documentElement.scrollWidth <= document.documentElement.clientWidth', undefined, { timeout: 5_000 }).catch(() => undefined);
    const widths = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
    assert.ok(widths[0] <= widths[1], `page ${widths[0]} px wide in a ${widths[1]} px window`);
    await page.screenshot({ path: resolve(ARTEFACTS, 'narrow-dark.png'), fullPage: true });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.pdf({ path: resolve(ARTEFACTS, 'print.pdf') });

    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  } finally {
    await browser.close();
  }
});

test('without chromium the browser test skips, and fails under CI', () => {
  assert.deepEqual(browserTestGate(true, { CI: '1' }), { run: true });
  assert.match((browserTestGate(false, {}) as { skip: string }).skip, /\/usr\/bin\/chromium is missing: apt-get install -y chromium/);
  assert.match((browserTestGate(false, { CI: 'true' }) as { fail: string }).fail, /missing and CI is set/);
});
