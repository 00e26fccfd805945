// The OMS gateway: fills recorded once, and which orders this process's executors own (their fills are theirs to report).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedFromNumber } from '../core/fixed.js';
import { ManualClock } from '../core/manual-clock.js';
import { makeIntent, type OrderIntent } from '../oms/order-intent.js';
import { openSqliteOmsStore } from '../store/sqlite/sqlite-oms-store.js';
import { FILL, type FillEvent, type HlFill } from '../venues/hyperliquid/parse/account-types.js';
import type { ExecutionClient, PlaceResult } from './execution-client.js';
import { OmsGateway } from './oms-gateway.js';
import { OrderManager } from './order-manager.js';

/** A venue whose answers to `place` the test releases by hand (the race needs the fill before the answer). */
function heldVenue(): { client: ExecutionClient; placed: OrderIntent[]; answer: (r: PlaceResult) => void } {
  const placed: OrderIntent[] = [];
  const answers: ((r: PlaceResult) => void)[] = [];
  const client: ExecutionClient = {
    venue: 'hyperliquid',
    supportsScheduleCancel: false,
    place: (intent) => {
      placed.push(intent);
      return new Promise((resolve) => answers.push(resolve));
    },
    cancel: () => Promise.resolve({ status: 'ok' }),
    orderStatus: () => Promise.resolve({ found: false }),
    openOrders: () => Promise.resolve([]),
    fills: () => Promise.resolve([]),
    positions: () => Promise.resolve([]),
    scheduleCancel: () => Promise.resolve({ status: 'ok' }),
  };
  return { client, placed, answer: (r) => answers.shift()?.(r) };
}

function fillOf(intent: OrderIntent, tid: number, ts: number): FillEvent {
  const data: HlFill = {
    fillId: String(tid),
    tid,
    oid: 42,
    cloid: intent.cloid,
    symbol: intent.symbol,
    side: intent.side,
    price: 100_000,
    size: intent.qty,
    time: ts,
    dir: 'Open Long',
    startPosition: 0,
    closedPnl: 0n,
    liquidity: 'taker',
    fee: fixedFromNumber(0.045),
    feeToken: 'USDC',
    builderFee: undefined,
    hash: '0x0',
    liquidation: undefined,
    twapId: undefined,
  };
  return { type: FILL, symbol: intent.symbol, source: 'hyperliquid', seq: 1, tsEvent: ts, tsInit: ts, data };
}

test("an order is this process's from its registration: a market order's fill that arrives before the send's answer is not taken for an earlier session's", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-gateway-'));
  const store = openSqliteOmsStore(join(dir, 'oms.db'), { venue: 'hyperliquid', now: 1_000 });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const clock = new ManualClock(1_000);
  const venue = heldVenue();
  const manager = await OrderManager.open({ store, client: venue.client, clock });
  const errors: unknown[] = [];
  const gateway = new OmsGateway({
    manager,
    venue: { setLeverage: () => Promise.resolve({ status: 'ok' }) },
    onError: (e) => void errors.push(e),
    sleep: () => Promise.resolve(),
  });
  const intent = makeIntent({ botId: 'b1', symbol: 'BTC', side: 'buy', qty: 0.001, type: 'market', price: 100_000, reason: 'entry', decisionTs: 1_000, n: 0 });
  gateway.register('b1:BTC:buy:1000:1', intent);
  const outcome = gateway.submitOrder({ clientId: 'b1:BTC:buy:1000:1', symbol: 'BTC', side: 'buy', qty: 0.001, type: 'market', price: 100_000 });
  while (venue.placed.length === 0) await new Promise((r) => setImmediate(r));

  // The stream's fill first, then the answer (as the local venue and Hyperliquid can do for an IOC).
  gateway.onAccountEvent(fillOf(intent, 7, 1_001));
  await gateway.whenRecorded();
  assert.equal(gateway.ownsOrder(intent.cloid), true, "before its answer, the order was taken for an earlier session's: its fill would reach the bot twice, its kernel never");
  venue.answer({ status: 'filled', venueOrderId: '42', filledQty: 0.001, avgPrice: 100_000 });
  assert.equal((await outcome).status, 'filled');

  assert.deepEqual(errors, []);
  assert.deepEqual((await store.listFills()).map((f) => f.fillId), ['7']);
});

test("an order an earlier process stored is not this process's; its fill is recorded", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-gateway-'));
  const path = join(dir, 'oms.db');
  const intent = makeIntent({ botId: 'b1', symbol: 'BTC', side: 'buy', qty: 0.001, type: 'limit', price: 99_000, tif: 'GTC', reason: 'entry', decisionTs: 1_000, n: 0 });
  const before = openSqliteOmsStore(path, { venue: 'hyperliquid', now: 1_000 });
  await before.saveIntent(intent, 1_000);
  await before.close();
  const store = openSqliteOmsStore(path, { venue: 'hyperliquid', now: 2_000 });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const manager = await OrderManager.open({ store, client: heldVenue().client, clock: new ManualClock(2_000) });
  const gateway = new OmsGateway({ manager, venue: { setLeverage: () => Promise.resolve({ status: 'ok' }) }, onError: (e) => assert.fail(String(e)), sleep: () => Promise.resolve() });
  gateway.onAccountEvent(fillOf(intent, 8, 2_001));
  await gateway.whenRecorded();
  assert.equal(gateway.ownsOrder(intent.cloid), false);
  assert.deepEqual((await store.listFills()).map((f) => f.fillId), ['8']);
});
