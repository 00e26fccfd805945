// A recording made through the recorder from a local venue WebSocket: listed, shown, and backtested as it arrived (trades and books by receive time, bars from its candles), then rerun to the same digest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareBacktest } from '../../app/backtest-root.js';
import { recordHyperliquid } from '../../ingest/hyperliquid/record-session.js';
import { replayEvents } from '../../app/recording-replay.js';
import { LiveClock } from '../../core/live-clock.js';
import { ManualClock } from '../../core/manual-clock.js';
import { createRng } from '../../core/rng.js';
import { BOOK, TRADE } from '../../market/market-events.js';
import { openStore } from '../../store/open-store.js';
import { LocalWsServer } from '../../testkit/venues/hyperliquid/local-ws-server.js';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';

const MIN = 60_000;
/** A minute boundary: receive times run from T0 − 50 ms, so the candle of the minute before T0 closes during the recording. */
const T0 = 1_751_427_240_000;

const book = (time: number, mid: number): string => {
  const lv = (px: number, sz: string) => ({ px: px.toFixed(1), sz, n: 1 });
  return JSON.stringify({ channel: 'l2Book', data: { coin: 'BTC', time, levels: [[lv(mid - 1, '0.5'), lv(mid - 3, '1.25')], [lv(mid + 1, '0.25'), lv(mid + 2, '2')]] } });
};
const trades = (time: number, tid: number, px: number): string =>
  JSON.stringify({ channel: 'trades', data: [{ coin: 'BTC', side: 'B', px: px.toFixed(1), sz: '0.1', time, hash: '0x' + 'ab'.repeat(32), tid, users: ['0x' + '01'.repeat(20), '0x' + '02'.repeat(20)] }] });
const candle = (t: number, c: string): string => JSON.stringify({ channel: 'candle', data: { t, T: t + MIN - 1, s: 'BTC', i: '1m', o: '106200.0', c, h: '106400.0', l: '106100.0', v: '12.5', n: 10 } });

/** Venue times that do not follow arrival order (a trade stamped before the book that arrived first). */
const STREAM = [
  book(T0 - 80, 106_225),
  trades(T0 - 90, 900, 106_226),
  candle(T0 - MIN, '106230.0'),
  book(T0 - 30, 106_235),
  trades(T0 - 20, 901, 106_236),
  candle(T0, '106240.0'),
  book(T0 + 20, 106_245),
  trades(T0 + 10, 902, 106_246),
];

/** Buys 0.3 BTC with a market order at the second trade: it walks the book of that moment. */
const STRATEGY = `export default {
  name: 'second-trade', summary: 'buys at the second trade event', params: [],
  create() {
    let n = 0;
    return { onEvent(e: { type: string; symbol: string }, ctx: { submit(o: object): string }) {
      if (e.type === 'market.trade' && ++n === 2) ctx.submit({ symbol: e.symbol, side: 'buy', qty: 0.3, type: 'market', reason: 'second' });
    } };
  },
};
`;

async function cli(cwd: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

test('recordings list and show; backtest --recording replays trades and books as they arrived; the run reruns identically', async () => {
  const server = await LocalWsServer.start();
  const dir = mkdtempSync(join(tmpdir(), 'sextant-recordings-'));
  const db = join(dir, 'rec.db');
  const store = openStore(db, { clock: new ManualClock(T0 - 100) });
  let k = 0;
  const clock = { now: () => T0 - 50 + 10 * k++ };
  try {
    const running = recordHyperliquid(
      { symbols: ['BTC'], channels: ['l2Book', 'trades', 'candle'], interval: '1m', wsUrl: server.url, maxFrames: STREAM.length },
      { store: store.recordings, scheduler: new LiveClock(), clock, rng: createRng(1), signal: new AbortController().signal, batch: { maxRows: 4 } },
    );
    await server.waitForSubscriptions(3, 1);
    await new Promise((r) => setTimeout(r, 20));
    for (const f of STREAM) server.push(f);
    const { recording } = await running;
    assert.equal(recording, 1);
    const arrived = (await replayEvents(store.recordings, 1)).filter((e) => e.type === TRADE || e.type === BOOK);
    await store.close();

    const list = await cli(dir, ['recordings', 'list', '--db', 'rec.db']);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /^id +venue +symbols +channels +first frame +last frame +frames +trade frames +book frames +size\n +1 +hyperliquid +BTC +l2Book,trades,candle +\S+ +\S+ +8 +3 +3 +\d+(\.\d)? [KM]?B\n$/);
    const show = await cli(dir, ['recordings', 'show', '1', '--db', 'rec.db']);
    assert.match(show.out, /\ntrades +3\nbooks +3 snapshots\nbad frames +0\n/);
    assert.match(show.out, /\n  candle +2 frames, /);
    const shown = JSON.parse((await cli(dir, ['recordings', 'show', '1', '--db', 'rec.db', '--json'])).out);
    assert.deepEqual([shown.frames, shown.trades, shown.books, shown.frames_by_channel], [8, 3, 3, { candle: 2, l2Book: 3, trades: 3 }]);

    // The events a backtest of the recording takes: every trade and book, in arrival order, with the recorded times.
    const prepared = await prepareBacktest(
      { cwd: dir, strategy: 'sma-cross', params: [], data: { kind: 'recording', db, recording: 1 }, ticks: [], funding: [], cash: 1e6, fees: { perUnit: 0 }, multiplier: 1 },
      new ManualClock(0),
    );
    assert.equal(prepared.stepBy, 'tsInit');
    assert.deepEqual(prepared.events, arrived);
    assert.deepEqual(prepared.events.map((e) => e.tsInit), [T0 - 50, T0 - 40, T0 - 20, T0 - 10, T0 + 10, T0 + 20]);
    assert.deepEqual(prepared.events.map((e) => e.tsEvent), [T0 - 80, T0 - 90, T0 - 30, T0 - 20, T0 + 20, T0 + 10], 'venue times out of arrival order');
    assert.deepEqual([...prepared.series[0].time], [T0 - MIN], 'only the candle that closed while recording');

    writeFileSync(join(dir, 'second-trade.ts'), STRATEGY);
    const bt = await cli(dir, ['backtest', '--strategy', './second-trade.ts', '--recording', '1', '--db', 'rec.db', '--cash', '1000000', '--json', '--quiet']);
    assert.equal(bt.code, 0, bt.err);
    const j = JSON.parse(bt.out);
    // The second trade arrived at T0 − 10, after the book that arrived at T0 − 20 (asks 106236 × 0.25,
    // 106237 × 2): 0.3 walks two levels of that book. Fills carry the latest venue time the simulated
    // venue has seen (the trade's, T0 − 20), as with tick files; the kernel stepped by receive time.
    assert.deepEqual(j.fills.map((f: { time: string; qty: number; price: number }) => [f.time, f.qty, f.price]), [
      [new Date(T0 - 20).toISOString(), 0.25, 106_236],
      [new Date(T0 - 20).toISOString(), 0.05, 106_237],
    ]);
    assert.equal(j.fee_schedule.preset, 'hyperliquid', 'a recording is Hyperliquid data: its base tier by default');
    assert.ok(Math.abs(j.fees - (0.25 * 106_236 + 0.05 * 106_237) * 4.5e-4) < 1e-9, `taker fees ${j.fees}`);
    assert.equal(j.bars, 1);

    const again = await cli(dir, ['runs', 'rerun', '1', '--db', 'rec.db', '--json', '--quiet']);
    assert.equal(again.code, 0, again.err);
    assert.equal(again.out, bt.out);
    assert.match(again.err, /run 1: identical/);

    const bad = await cli(dir, ['backtest', '--strategy', 'sma-cross', '--recording', '7', '--db', 'rec.db']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--recording 7: no such recording in .*rec\.db \(recordings: 1\)/);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
