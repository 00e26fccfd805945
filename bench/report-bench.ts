// `npm run bench:report`: the HTML report of the 1M-bar sma-cross bench run: file size, build time, and load/draw times in chromium.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBacktest } from '../src/research/backtest-runner.js';
import { computeMetrics } from '../src/research/metrics.js';
import { chromiumAvailable, CHROMIUM, openReport } from '../src/testkit/research/browser-test-support.js';
import { renderReportHtml } from '../src/research/report-html.js';
import { reportSettings } from '../src/research/report-settings.js';
import { readBarFile } from '../src/store/formats/read-bar-file.js';
import { smaCross } from '../src/strategy/sma-cross.js';
import { ensureBenchBars } from './make-bars.js';
import { createRng } from '../src/core/rng.js';
import { syntheticBars } from '../src/sim/synthetic-market.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (s: string): void => void process.stderr.write(s + '\n');

const file = ensureBenchBars(ROOT, log);
const series = [...(await readBarFile(file)).series];
const params = { fast: 10, slow: 30, size: 100, longOnly: true };
log('bench:report: running sma-cross over the 1M bars ...');
const result = runBacktest({ strategy: smaCross, params, series, cash: 1_000_000, fillModel: 'next-open', makerFeeBps: 10, takerFeeBps: 10, feePerUnit: 0, multiplier: 1, slippageBps: 0, checkInvariants: false });
const metrics = computeMetrics(result);
const t0 = performance.now();
const html = renderReportHtml(result, metrics, {
  title: 'sma-cross on the 1M-bar bench file',
  generatedBy: 'bench/report-bench.ts',
  settings: reportSettings({ strategy: 'sma-cross', params, data: file, cash: 1_000_000, makerFeeBps: 10, takerFeeBps: 10, fillModel: 'next-open' }),
});
const buildMs = performance.now() - t0;
const out = join(ROOT, '.bench', 'report-1m.html');
writeFileSync(out, html);
const dataChars = /id="sx-data">([^<]*)</.exec(html)?.[1].length ?? 0;
const figures: Record<string, unknown> = {
  bars: result.barCount,
  trades: result.trades.length,
  report_bytes: Buffer.byteLength(html),
  data_blob_bytes: dataChars,
  build_ms: Math.round(buildMs),
};
// The bench file repeats its seed (ping-pong copies), which flatters compression; a seeded random walk does not repeat.
const walk = syntheticBars({ symbol: 'WALK', bars: 1_000_000, start: Date.UTC(2020, 0, 1), intervalMs: 60_000, startPrice: 30_000, tick: 0.1, volatility: 0.6 }, createRng(1));
const walkResult = runBacktest({ strategy: smaCross, params, series: [walk], cash: 1_000_000, fillModel: 'next-open', makerFeeBps: 10, takerFeeBps: 10, feePerUnit: 0, multiplier: 1, slippageBps: 0, checkInvariants: false });
const walkHtml = renderReportHtml(walkResult, computeMetrics(walkResult), { title: 'sma-cross on a 1M-bar random walk', generatedBy: 'bench/report-bench.ts', settings: [] });
writeFileSync(join(ROOT, '.bench', 'report-1m-walk.html'), walkHtml);
figures.random_walk_report_bytes = Buffer.byteLength(walkHtml);
figures.random_walk_trades = walkResult.trades.length;
if (!chromiumAvailable()) log(`bench:report: ${CHROMIUM} is missing: no browser figures`);
else {
  const { browser, page, errors, requests, loadMs } = await openReport(out);
  try {
    const inPage = (await page.evaluate('({ decode: window.sxReport.decodeMs, firstFrame: window.sxReport.loadMs, frame: window.sxReport.renderMs })')) as Record<string, number>;
    // A full-width frame again, then one zoomed to ~1000 bars (every bar drawn as a candle).
    await page.click('button[data-act="reset"]');
    const fullFrame = (await page.evaluate('window.sxReport.renderMs')) as number;
    log(`bench:report: full-view frame by pane (ms): ${JSON.stringify(await page.evaluate('window.sxReport.paneMs'))}`);
    await page.evaluate('(() => { const v = window.sxReport.view; window.sxReport.setView(v[0] + (v[1] - v[0]) / 2, v[0] + (v[1] - v[0]) / 2 + 1000 * 60000); })()');
    const zoomedFrame = (await page.evaluate('window.sxReport.renderMs')) as number;
    const heap = (await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : null')) as number | null;
    Object.assign(figures, {
      browser_load_ms: Math.round(loadMs),
      in_page_decode_ms: Math.round(inPage.decode),
      in_page_first_frame_ms: Math.round(inPage.firstFrame),
      full_view_frame_ms: Math.round(fullFrame),
      zoomed_1000_bars_frame_ms: Math.round(zoomedFrame),
      js_heap_mb: heap === null ? null : Math.round(heap / 1e5) / 10,
      console_errors: errors.length,
      requests: requests.length,
    });
  } finally {
    await browser.close();
  }
}
process.stdout.write(JSON.stringify(figures) + '\n');
