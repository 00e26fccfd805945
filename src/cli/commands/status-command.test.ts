// `sextant status`: a refused connection is one line and exit 1; a bad --url exit 2; the text names what matters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import type { DaemonSnapshot } from '../../api/ops-views.js';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { statusText } from './status-command.js';

test('no daemon at the URL: exit 1 and one line saying so', async () => {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  const io = captureIO(tmpdir());
  assert.equal(await main(['status', '--url', url], io), 1);
  assert.equal(io.stderr(), `sextant status: RetryableError: no daemon answering at ${url} (is sextant start running?)\n`);
  assert.equal(io.stdout(), '');
});

test('a bad --url is bad input (exit 2)', async () => {
  const io = captureIO(tmpdir());
  assert.equal(await main(['status', '--url', 'localhost:8080'], io), 2);
  assert.match(io.stderr(), /--url localhost:8080: expected an http:\/\/ or https:\/\/ URL/);
});

test('the text shows mode, simulated data, readiness reasons, kill level, bots, positions and orders', () => {
  const snapshot: DaemonSnapshot = {
    status: {
      version: '0.1.0',
      mode: 'paper',
      market: 'sim',
      simulated: true,
      pid: 99,
      startedAt: '2026-01-02T03:04:05.000Z',
      dataDir: '/d',
      killLevel: 'close_only',
      readiness: { ready: false, reconciled: false, marketDataFresh: true, reasons: ['reconciling'] },
      equity: null,
      bots: 1,
      openPositions: 1,
      openOrders: 0,
    },
    bots: [{ id: 'b1', strategy: 'sma-cross', symbols: ['BTC', 'ETH'], interval: '1s', state: 'running', capital: 500 }],
    positions: [{ symbol: 'BTC', size: 0.5, entryPrice: 100, markPrice: null, unrealizedPnl: null }],
    orders: [],
    risk: { killLevel: 'close_only', killReason: 'kill file', blocksByRule: { entries_per_minute: 3 } },
  };
  const text = statusText('http://127.0.0.1:8080', snapshot);
  assert.match(text, /^daemon +http:\/\/127\.0\.0\.1:8080 {2}paper {2}pid 99 {2}since 2026-01-02T03:04:05\.000Z {2}v0\.1\.0$/m);
  assert.match(text, /^market +sim {2}SIMULATED DATA/m);
  assert.match(text, /^ready +no: reconciling$/m);
  assert.match(text, /^kill level +close_only \(kill file\)$/m);
  assert.match(text, /^equity +\?$/m);
  assert.match(text, /^b1 +sma-cross +BTC,ETH +1s +running +500$/m);
  assert.match(text, /^BTC +0\.5 +100 +\? +\?$/m);
  assert.match(text, /^orders: none$/m);
  assert.match(text, /^entries_per_minute +3$/m);
});

test('text the daemon sends (bot ids, reasons, a kill reason) cannot drive the terminal: controls and bidi characters are escaped', () => {
  const snapshot: DaemonSnapshot = {
    status: {
      version: '0.1.0',
      mode: 'paper',
      market: 'sim',
      simulated: false,
      pid: 1,
      startedAt: '2026-01-02T03:04:05.000Z',
      dataDir: '/d\u001b]0;x\u0007',
      killLevel: 'off',
      readiness: { ready: false, reconciled: false, marketDataFresh: true, reasons: ['stale\u001b[2J'] },
      equity: 1,
      bots: 1,
      openPositions: 0,
      openOrders: 0,
    },
    bots: [{ id: 'b\u001b[31m1', strategy: 's\u202e', symbols: ['BTC'], interval: '1m', state: 'running', capital: 1 }],
    positions: [],
    orders: [],
    risk: { killLevel: 'off', killReason: 'by\u009b', blocksByRule: {} },
  };
  const text = statusText('http://127.0.0.1:8080', snapshot);
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  assert.match(text, /^b\\x1b\[31m1 +s\\u202e +BTC/m);
  assert.match(text, /^ready +no: stale\\x1b\[2J$/m);
});
