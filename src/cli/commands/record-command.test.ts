// `sextant record` against a local server speaking the venue's WebSocket protocol: a short run (stop after N frames), rows in the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/manual-clock.js';
import { openStore } from '../../store/open-store.js';
import { LocalWsServer } from '../../testkit/venues/hyperliquid/local-ws-server.js';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { recordCommand } from './record-command.js';

const T = 1_751_427_259_657;

test('record: subscribes, stores frames and rows, prints the count line and a summary', async () => {
  const server = await LocalWsServer.start();
  const dir = mkdtempSync(join(tmpdir(), 'sextant-record-cli-'));
  try {
    const io = captureIO(dir);
    const running = main(['record', '--venue', 'hyperliquid', '--symbols', 'BTC', '--ws-url', server.url, '--frames', '4', '--db', 'rec.db'], io, [recordCommand]);
    await server.waitForSubscriptions(4, 1);
    assert.deepEqual(server.latest?.subscriptions, [
      { type: 'l2Book', coin: 'BTC' },
      { type: 'trades', coin: 'BTC' },
      { type: 'candle', coin: 'BTC', interval: '1m' },
      { type: 'activeAssetCtx', coin: 'BTC' },
    ]);
    await new Promise((r) => setTimeout(r, 20));
    server.push({ channel: 'l2Book', data: { coin: 'BTC', time: T, levels: [[{ px: '106217.0', sz: '0.001', n: 1 }], [{ px: '106233.0', sz: '0.26739', n: 3 }]] } });
    server.push({ channel: 'trades', data: [{ coin: 'BTC', side: 'A', px: '106296.0', sz: '0.00017', time: T, hash: '0x00', tid: 1, users: ['0x1', '0x2'] }, { coin: 'BTC', side: 'B', px: '106297.0', sz: '0.5', time: T, hash: '0x00', tid: 2, users: ['0x1', '0x2'] }] });
    server.push({ channel: 'candle', data: { t: T - (T % 60_000), T: T - (T % 60_000) + 59_999, s: 'BTC', i: '1m', o: '106200.0', c: '106296.0', h: '106300.0', l: '106100.0', v: '1.5', n: 7 } });
    server.push({ channel: 'activeAssetCtx', data: { coin: 'BTC', ctx: { funding: '0.0000125', openInterest: '23456.7', prevDayPx: '105000.0', dayNtlVlm: '1.5', premium: null, oraclePx: '106200.0', markPx: '106224.0', midPx: null, impactPxs: null, dayBaseVlm: '2.5' } } });
    const code = await running;
    assert.equal(code, 0, io.stderr());
    assert.equal(io.stdout(), 'recording 1: 4 frames, 5 rows stored\n');
    assert.match(io.stderr(), /recording 1: BTC l2Book 1 frames 1 rows, BTC trades 1 frames 2 rows, BTC candle 1 frames 1 rows, BTC activeAssetCtx 1 frames 1 rows; stored 4 frames 5 rows\n/);
    const store = openStore(join(dir, 'rec.db'), { clock: new ManualClock(0) });
    try {
      const rec = (await store.recordings.listRecordings())[0];
      assert.equal(rec.frames, 4);
      // A WebSocket URL of its own without --url: gap repairs go to that host, not to mainnet.
      assert.equal(rec.meta.restUrl, `http://${new URL(server.url).host}`);
      assert.deepEqual((await store.recordings.loadTrades('hyperliquid', 'BTC')).map((t) => t.tradeId), [1, 2]);
      assert.equal((await store.recordings.loadBooks('hyperliquid', 'BTC')).length, 1);
      assert.equal((await store.recordings.loadAssetContexts('hyperliquid', 'BTC'))[0].openInterest, 23456.7);
      assert.equal((await store.candles.loadBars('hyperliquid', 'BTC', 60_000)).close[0], 106296);
    } finally {
      await store.close();
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('record: bad options are errors naming the option', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-record-cli-'));
  try {
    const local = ['--ws-url', 'ws://127.0.0.1:9/ws'];
    const cases: [string[], RegExp][] = [
      [['--symbols', 'BTC', '--channels', 'l2Book,nope', ...local], /--channels.*nope/],
      [['--symbols', 'BTC', '--interval', '7m', ...local], /--interval/],
      [['--symbols', 'BTC', '--venue', 'bybit', ...local], /--venue/],
      [['--symbols', 'BTC', '--frames', '0', ...local], /--frames/],
      [['--symbols', 'BTC', '--ws-url', 'http://x'], /wsUrl.*ws: or wss:/],
      [[...local], /--symbols/],
    ];
    for (const [argv, pattern] of cases) {
      const io = captureIO(dir);
      const code = await main(['record', '--db', 'x.db', ...argv], io, [recordCommand]);
      assert.notEqual(code, 0, argv.join(' '));
      assert.match(io.stderr(), pattern, argv.join(' '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
