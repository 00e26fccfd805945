// The order manager under seeded random faults of the local venue: every order ends known, none twice at the venue.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { RetryableError } from '../core/errors.js';
import { KEY_B, startHarness, type Harness } from '../testkit/localnet/test-support.js';
import { FaultInjector, parseFaults } from '../testkit/localnet/faults.js';
import type { OmsStore } from '../oms/oms-store.js';
import { makeIntent } from '../oms/order-intent.js';
import { openSqliteOmsStore } from '../store/sqlite/sqlite-oms-store.js';
import type { HyperliquidVenue } from '../venues/hyperliquid/create-adapter.js';
import { HyperliquidExecutionClient } from './hyperliquid-execution-client.js';
import { OrderManager } from './order-manager.js';
import { adapterOnHarness } from '../testkit/conformance-venues.js';

const GRACE_MS = 60_000;
const ORDERS = 16;

let h: Harness;
let venue: HyperliquidVenue;
let store: OmsStore;
const dir = mkdtempSync(join(tmpdir(), 'sextant-faults-'));
// Exchange answers dropped after acting or refused with a 5xx, and some reads failing too.
const faults = new FaultInjector(parseFaults('drop-after-act:exchange=0.3,5xx:exchange=0.2,5xx:info=0.1,seed=11'));

before(async () => {
  h = await startHarness({}, { faults });
  venue = adapterOnHarness(h, { key: KEY_B, seed: 2 });
  store = openSqliteOmsStore(join(dir, 'oms.db'), { venue: 'hyperliquid', now: h.clock.now() });
});

after(async () => {
  await store.close();
  await venue.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Reads through injected read failures (each is a RetryableError: the venue was not asked, or its answer is not trusted). */
async function read<T>(f: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await f();
    } catch (e) {
      if (!(e instanceof RetryableError)) throw e;
    }
  }
}

it('with answers dropped after acting and 5xx on sends and reads, every order ends known and rests at the venue exactly once', async () => {
  await read(() => venue.adapter.requestInstruments());
  const client = new HyperliquidExecutionClient(venue.adapter);
  const manager = await OrderManager.open({ store, client, clock: h.clock, notFoundGraceMs: GRACE_MS });
  const book = await read(() => h.info.l2Book({ coin: 'SOL' }));
  assert.ok(book);
  const price = Number((Number(book.levels[0][0].px) * 0.9).toPrecision(5));
  const intents = Array.from({ length: ORDERS }, (_, n) => makeIntent({ botId: 'chaos', symbol: 'SOL', side: 'buy', qty: 1, type: 'limit', price, reason: 'entry', decisionTs: 5_000, n }));
  for (const i of intents) await manager.submit(i);
  const unknownAtFirst = intents.filter((i) => manager.order(i.cloid)?.status === 'unknown').length;
  assert.ok(unknownAtFirst >= 4, `${unknownAtFirst} unknown outcomes (the faults must bite)`);

  // Resolve: orderStatus (itself failing at times), the grace, resends under the same cloid.
  for (let round = 0; round < 50; round++) {
    const open = manager.orders().filter((o) => o.status === 'unknown' || o.status === 'not-placed');
    if (open.length === 0) break;
    await manager.resolveUnknown();
    h.advance(GRACE_MS);
    await manager.resolveUnknown();
    for (const o of manager.orders().filter((x) => x.status === 'not-placed')) await manager.resend(o.intent.cloid);
  }
  assert.deepEqual(manager.orders().map((o) => o.status), intents.map(() => 'accepted'));
  const listed = await read(() => client.openOrders());
  for (const i of intents) assert.equal(listed.filter((o) => o.cloid === i.cloid).length, 1, `cloid ${i.cloid} at the venue once`);
  assert.equal(listed.length, ORDERS, 'nothing else rests at the venue');
  const stats = faults.stats();
  assert.ok((stats['drop-after-act'] ?? 0) > 0 && (stats['5xx'] ?? 0) > 0, JSON.stringify(stats));
});
