import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InvariantError } from '../../core/errors.js';
import { fixedFromString } from '../../core/fixed.js';
import type { OmsFill } from '../../oms/oms-store.js';
import { makeIntent } from '../../oms/order-intent.js';
import { openSqliteOmsStore } from './sqlite-oms-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sextant-oms-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const intent = (n: number) => makeIntent({ botId: 'b1', symbol: 'BTC', side: 'buy', qty: 0.01, type: 'limit', price: 60_000, reason: 'entry', decisionTs: 1_000, n });
const fill = (over: Partial<OmsFill> = {}): OmsFill => ({
  fillId: '7001', venueOrderId: '41', cloid: intent(0).cloid, symbol: 'BTC', side: 'buy', qty: 0.004, price: 60_000, fee: fixedFromString('0.108', 'fee'), liquidity: 'taker', ts: 2_000, external: false, matchedBy: 'cloid', ...over,
});

test('a replayed intent is a no-op; transitions are append-only and must start where the order is; fills are unique by id', async () => {
  const path = join(dir, 'a.db');
  const s = openSqliteOmsStore(path, { venue: 'hyperliquid', now: 0 });
  const first = await s.saveIntent(intent(0), 1_000);
  assert.equal(first.created, true);
  assert.equal(first.order.status, 'submitted');
  const again = await s.saveIntent(intent(0), 1_500);
  assert.equal(again.created, false);
  assert.equal(again.order.createdAt, 1_000);
  await assert.rejects(s.saveIntent({ ...intent(0), qty: 0.02 }, 1_600), InvariantError);
  await s.appendTransition({ cloid: intent(0).cloid, from: 'submitted', to: 'unknown', event: 'outcome-unknown', venueOrderId: undefined, evidence: { kind: 'send-failed', error: 'timeout' }, ts: 1_100 });
  // A transition from a status the order is not in is refused and writes nothing.
  await assert.rejects(s.appendTransition({ cloid: intent(0).cloid, from: 'submitted', to: 'accepted', event: 'accepted', venueOrderId: '41', evidence: { kind: 'ack', venueStatus: 'resting' }, ts: 1_200 }), InvariantError);
  await s.appendTransition({ cloid: intent(0).cloid, from: 'unknown', to: 'accepted', event: 'accepted', venueOrderId: '41', evidence: { kind: 'order-status', venueStatus: 'open', venueOrderId: '41', statusTs: 1_150 }, ts: 1_200 });
  assert.equal(await s.appendFill(fill()), true);
  assert.equal(await s.appendFill(fill()), false);
  await assert.rejects(s.appendFill(fill({ qty: 0.005 })), InvariantError);
  await s.close();

  const r = openSqliteOmsStore(path, { venue: 'hyperliquid', now: 0 });
  const [o] = await r.loadOrders();
  assert.equal(o.status, 'accepted');
  assert.equal(o.venueOrderId, '41');
  assert.equal(o.filledQty, 0.004);
  assert.deepEqual(o.intent, intent(0));
  assert.deepEqual((await r.transitions(intent(0).cloid)).map((t) => t.to), ['submitted', 'unknown', 'accepted']);
  assert.equal((await r.listFills()).length, 1);
  await r.close();
});

test('the database refuses edits of transitions and fills', async () => {
  const { default: Database } = await import('better-sqlite3');
  const path = join(dir, 'b.db');
  const s = openSqliteOmsStore(path, { venue: 'hyperliquid', now: 0 });
  await s.saveIntent(intent(1), 1_000);
  await s.appendFill(fill({ cloid: intent(1).cloid }));
  await s.close();
  const db = new Database(path);
  assert.throws(() => db.exec("UPDATE oms_transitions SET to_status = 'filled'"), /append-only/);
  assert.throws(() => db.exec('DELETE FROM oms_fills'), /append-only/);
  assert.throws(() => db.exec('DELETE FROM oms_intents'), /append-only/);
  db.close();
});

for (const synchronous of ['NORMAL', 'FULL'] as const) test(`an intent committed just before a SIGKILL is there after the restart (synchronous ${synchronous})`, async () => {
  const path = join(dir, `killed-${synchronous}.db`);
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const storeUrl = new URL('./sqlite-oms-store.ts', import.meta.url).href;
  const intentUrl = new URL('../../oms/order-intent.ts', import.meta.url).href;
  // The child commits intents as fast as it can and says which; it is killed mid-stream.
  const script = `
    const { openSqliteOmsStore } = await import(${JSON.stringify(storeUrl)});
    const { makeIntent } = await import(${JSON.stringify(intentUrl)});
    const s = openSqliteOmsStore(${JSON.stringify(path)}, { venue: 'hyperliquid', now: 0, synchronous: ${JSON.stringify(synchronous)} });
    for (let n = 0; ; n++) {
      const i = makeIntent({ botId: 'k', symbol: 'ETH', side: 'sell', qty: 1, type: 'market', reason: 'x', decisionTs: 5, n });
      await s.saveIntent(i, 5);
      process.stdout.write('committed ' + n + '\\n');
      if (n >= 20) await new Promise(() => setInterval(() => {}, 1000));
    }`;
  const child = spawn(process.execPath, ['--import', './bin/register.js', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const last = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = [...out.matchAll(/committed (\d+)\n/g)];
      if (m.length > 0 && Number(m[m.length - 1][1]) >= 5) {
        child.kill('SIGKILL');
        resolve(Number(m[m.length - 1][1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before committing: ${err}`)));
  });
  const signal = await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.signalCode) : child.once('exit', (_c, s) => resolve(s))));
  assert.equal(signal, 'SIGKILL');
  const s = openSqliteOmsStore(path, { venue: 'hyperliquid', now: 0 });
  const orders = await s.loadOrders();
  // Every intent the child reported committed is stored, each with its `created` transition.
  assert.ok(orders.length >= last + 1, `${orders.length} stored, ${last + 1} reported committed`);
  for (const o of orders) assert.equal(o.status, 'submitted');
  await s.close();
});
