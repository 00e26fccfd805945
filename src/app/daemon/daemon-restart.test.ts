// The daemon restarting on a data dir left by a crash: an order stored and never answered is resumed (it once failed the start); fills the bot's ledger missed are given to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { readSextantConfig } from '../../config/read-config.js';
import { fixedFromNumber } from '../../core/fixed.js';
import { LiveClock } from '../../core/live-clock.js';
import { createLogger } from '../../live/telemetry/logger.js';
import { makeIntent } from '../../oms/order-intent.js';
import { openStore } from '../../store/open-store.js';
import { openSqliteOmsStore } from '../../store/sqlite/sqlite-oms-store.js';
import { startDaemon } from './daemon-root.js';

test('a restart after a crash between storing an intent and its answer starts, and audits the resumed order under its bot', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-restart-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'sextant.db');
  // What SEXTANT_CRASH_AT=after-intent-stored leaves: the intent and its `created` transition, no answer.
  const intent = makeIntent({ botId: 'sma-1', symbol: 'BTC', side: 'buy', qty: 0.001, type: 'market', price: 100_000, reason: 'entry', decisionTs: Date.now() - 5_000, n: 0 });
  const oms = openSqliteOmsStore(db, { venue: 'hyperliquid', now: Date.now() });
  assert.equal((await oms.saveIntent(intent, Date.now())).created, true);
  await oms.close();

  const read = readSextantConfig({ bots: [{ id: 'sma-1', strategy: 'sma-cross', symbols: ['BTC'], interval: '1s', params: { fast: 2, slow: 5 }, capital: { fraction: 1 } }] });
  assert.ok(read.ok);
  const clock = new LiveClock();
  const log = createLogger({ clock, destination: new Writable({ write: (_c, _e, cb) => cb() }), level: 'fatal' });
  const daemon = await startDaemon({ mode: 'paper', config: read.config, dataDir: dir, cwd: dir, port: 0, market: 'sim', env: {}, clock, log, say: () => undefined });
  await daemon.stop('test');

  const store = openStore(db, { clock });
  t.after(() => store.close());
  const orders = await store.audit.readAudit({ kind: 'order' });
  const resumed = orders.find((r) => (JSON.parse(r.data) as { cloid: string; event: string }).cloid === intent.cloid);
  assert.ok(resumed !== undefined, 'no audit record of the resumed order');
  assert.deepEqual([resumed.botId, resumed.symbol, (JSON.parse(resumed.data) as { to: string }).to], ['sma-1', 'BTC', 'unknown']);
});

test("a restart gives a bot the fills of its orders the OMS recorded and its ledger did not (a crash between the two)", { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-restart-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'sextant.db');
  // What SEXTANT_CRASH_AT=after-fill-stored leaves: the fill in the OMS, not in the bot's ledger.
  const intent = makeIntent({ botId: 'sma-1', symbol: 'BTC', side: 'buy', qty: 0.001, type: 'market', price: 100_000, reason: 'entry', decisionTs: Date.now() - 5_000, n: 0 });
  const oms = openSqliteOmsStore(db, { venue: 'hyperliquid', now: Date.now() });
  await oms.saveIntent(intent, Date.now());
  assert.equal(await oms.appendFill({ fillId: '900', venueOrderId: '77', cloid: intent.cloid, symbol: 'BTC', side: 'buy', qty: 0.001, price: 100_000, fee: fixedFromNumber(0.045), liquidity: 'taker', ts: Date.now() - 4_000, external: false, matchedBy: 'cloid' }), true);
  await oms.close();

  const read = readSextantConfig({ bots: [{ id: 'sma-1', strategy: 'sma-cross', symbols: ['BTC'], interval: '1s', params: { fast: 2, slow: 5 }, capital: { fraction: 1 } }] });
  assert.ok(read.ok);
  const clock = new LiveClock();
  const log = createLogger({ clock, destination: new Writable({ write: (_c, _e, cb) => cb() }), level: 'fatal' });
  const daemon = await startDaemon({ mode: 'paper', config: read.config, dataDir: dir, cwd: dir, port: 0, market: 'sim', env: {}, clock, log, say: () => undefined });
  assert.equal(daemon.bots[0].book.position('BTC').qtyNum, 0.001);
  await daemon.stop('test');

  const store = openStore(db, { clock });
  t.after(() => store.close());
  const fills = (await store.ledger.readLedger('bot:sma-1')).flatMap((e) => (e.kind === 'fill' ? [e.fillId] : []));
  assert.deepEqual(fills, ['900']);
});
