// The order manager and reconciler against the local venue (real HTTP, real signing, injected faults).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RejectedError, RetryableError } from '../core/errors.js';
import { KEY_A, startHarness, type Harness } from '../testkit/localnet/test-support.js';
import { FaultInjector, parseFaults } from '../testkit/localnet/faults.js';
import type { OmsStore } from '../oms/oms-store.js';
import { makeIntent, type IntentInput } from '../oms/order-intent.js';
import { openSqliteOmsStore } from '../store/sqlite/sqlite-oms-store.js';
import type { HyperliquidVenue } from '../venues/hyperliquid/create-adapter.js';
import { ManualClock } from '../core/manual-clock.js';
import { DeadMansSwitch } from './dead-man-switch.js';
import { HyperliquidExecutionClient } from './hyperliquid-execution-client.js';
import type { LiveEvent } from './live-events.js';
import { OrderManager } from './order-manager.js';
import { Reconciler } from './reconciler.js';
import { adapterOnHarness } from '../testkit/conformance-venues.js';

const GRACE_MS = 60_000;

describe('OrderManager and Reconciler against the local venue', () => {
  let h: Harness;
  let venue: HyperliquidVenue;
  let client: HyperliquidExecutionClient;
  const faults = new FaultInjector(parseFaults(''));
  const dir = mkdtempSync(join(tmpdir(), 'sextant-live-'));
  const dbPath = join(dir, 'oms.db');
  let store: OmsStore;
  let manager: OrderManager;
  let reconciler: Reconciler;
  const events: LiveEvent[] = [];
  let decision = 1_000;

  const intent = (over: Partial<IntentInput>) => makeIntent({ botId: 'e2e', symbol: 'BTC', side: 'buy', qty: 0.001, type: 'limit', reason: 'entry', decisionTs: decision++, n: 0, ...over });
  const bookTop = async (coin: string) => {
    const book = await h.info.l2Book({ coin });
    assert.ok(book);
    return { bid: Number(book.levels[0][0].px), ask: Number(book.levels[1][0].px) };
  };
  /** A passive price well under the market, on the 5-significant-figure grid. */
  const restingPrice = async (coin: string) => Number((await bookTop(coin)).bid * 0.95).toPrecision(5);
  const atVenue = async (cloid: string) => (await client.openOrders()).filter((o) => o.cloid === cloid).length;

  async function openManager(): Promise<void> {
    store = openSqliteOmsStore(dbPath, { venue: 'hyperliquid', now: h.clock.now() });
    const gate = { blocked: () => reconciler.blocked(), reason: () => reconciler.reason() };
    manager = await OrderManager.open({ store, client, clock: h.clock, notFoundGraceMs: GRACE_MS, gate, onEvent: (e) => events.push(e) });
    reconciler = new Reconciler({ manager, clock: h.clock, scheduler: new ManualClock(h.clock.now()), onEvent: (e) => events.push(e) });
  }

  before(async () => {
    h = await startHarness({}, { faults });
    venue = adapterOnHarness(h, { key: KEY_A, seed: 1 });
    await venue.adapter.requestInstruments();
    client = new HyperliquidExecutionClient(venue.adapter);
    await openManager();
    const first = await reconciler.runOnce();
    assert.equal(first.blocked, false, JSON.stringify(first.unexplained));
  });

  after(async () => {
    await store.close();
    await venue.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an order whose answer is dropped ends unknown, orderStatus resolves it, and the venue holds it once; a replayed intent sends nothing', async () => {
    const i = intent({ price: Number(await restingPrice('BTC')) });
    faults.armNext('drop-after-act', 'exchange');
    const sent = await manager.submit(i);
    assert.equal(sent.status, 'unknown');
    assert.equal(await atVenue(i.cloid), 1, 'the venue acted although the answer was lost');
    assert.deepEqual(await manager.resolveUnknown(), []);
    const resolved = manager.order(i.cloid);
    assert.equal(resolved?.status, 'accepted');
    assert.ok(resolved?.venueOrderId !== undefined);
    const again = await manager.submit(i);
    assert.equal(again.status, 'accepted');
    await manager.resolveUnknown();
    assert.equal(await atVenue(i.cloid), 1, 'never doubled');
    const history = await store.transitions(i.cloid);
    assert.deepEqual(history.map((t) => [t.event, t.to, t.evidence.kind]), [['created', 'submitted', 'intent'], ['outcome-unknown', 'unknown', 'send-failed'], ['accepted', 'accepted', 'order-status']]);
    await manager.cancel(i.cloid);
    assert.equal(manager.order(i.cloid)?.status, 'cancelled');
  });

  it('an intent off the venue lot is refused before sending, with the reason', async () => {
    const i = intent({ qty: 0.0012345, price: Number(await restingPrice('BTC')) });
    const o = await manager.submit(i);
    assert.equal(o.status, 'rejected');
    const [, last] = await store.transitions(i.cloid);
    assert.match(last.evidence.kind === 'reject' ? last.evidence.message : '', /not sent: qty 0.0012345 BTC is not on the venue's lot \(5 decimals\)/);
    assert.equal(await atVenue(i.cloid), 0);
  });

  it('a 5xx that did not act stays unknown until the grace has passed, then not-placed, and is resent under the same cloid once', async () => {
    const i = intent({ price: Number(await restingPrice('BTC')) });
    faults.armNext('5xx', 'exchange');
    assert.equal((await manager.submit(i)).status, 'unknown');
    await manager.resolveUnknown();
    assert.equal(manager.order(i.cloid)?.status, 'unknown', 'an unknown order is not a never-placed one before the grace');
    h.advance(GRACE_MS);
    await manager.resolveUnknown();
    assert.equal(manager.order(i.cloid)?.status, 'not-placed');
    assert.equal((await manager.resend(i.cloid)).status, 'accepted');
    assert.equal(await atVenue(i.cloid), 1);
    await manager.cancel(i.cloid);
  });

  it('an IOC whose answer is dropped is resolved filled; its fills are recorded once, across a restart', async () => {
    const { ask } = await bookTop('ETH');
    const i = intent({ symbol: 'ETH', qty: 0.01, price: Number((ask * 1.01).toPrecision(5)), tif: 'IOC' });
    faults.armNext('drop-after-act', 'exchange');
    assert.equal((await manager.submit(i)).status, 'unknown');
    const r = await reconciler.runOnce();
    assert.equal(r.blocked, false, JSON.stringify(r.unexplained));
    assert.equal(manager.order(i.cloid)?.status, 'filled');
    assert.equal(manager.order(i.cloid)?.filledQty, 0.01);
    assert.ok(r.differences.some((d) => d.kind === 'fill-we-lack' && d.cloid === i.cloid && d.explanation.kind === 'explained'));
    assert.ok(events.some((e) => e.type === 'reconcile.correction' && e.correction.type === 'fill.record'));
    const fillsBefore = (await store.listFills()).length;
    assert.ok(fillsBefore >= 1);
    assert.equal(manager.positions().get('ETH'), 0.01);

    // Restart: a new manager on the same file, reconciled again.
    await store.close();
    await openManager();
    const again = await reconciler.runOnce();
    assert.deepEqual(again.differences, []);
    assert.equal((await store.listFills()).length, fillsBefore);
    assert.equal(manager.order(i.cloid)?.filledQty, 0.01);
    assert.equal(manager.positions().get('ETH'), 0.01);
  });

  it('fills from the stream and from reads are recorded once, whichever path brings them first', async () => {
    const { ask } = await bookTop('SOL');
    const i = intent({ symbol: 'SOL', qty: 1, price: Number((ask * 1.01).toPrecision(5)), tif: 'IOC' });
    const since = h.clock.now();
    assert.equal((await manager.submit(i)).status, 'filled');
    const mine = (await client.fills(since)).filter((f) => f.cloid === i.cloid);
    assert.ok(mine.length >= 1);
    const before = (await store.listFills()).length;
    assert.deepEqual(await Promise.all(mine.map((f) => manager.ingestFill(f))), mine.map(() => 'recorded'));
    assert.deepEqual(await Promise.all(mine.map((f) => manager.ingestFill(f))), mine.map(() => 'duplicate'));
    assert.equal((await store.listFills()).length, before + mine.length);
    assert.equal(manager.order(i.cloid)?.filledQty, 1);
    const r = await reconciler.runOnce();
    assert.deepEqual(r.differences, []);
    // Close it again, so later tests start flat in SOL.
    const exit = intent({ symbol: 'SOL', side: 'sell', qty: 1, type: 'market', reduceOnly: true, price: Number(((await bookTop('SOL')).bid * 0.99).toPrecision(5)) });
    assert.equal((await manager.submit(exit)).status, 'filled');
    assert.equal((await reconciler.runOnce()).blocked, false);
    assert.equal(manager.positions().get('SOL'), 0);
  });

  it('a 429 means the venue was not asked: the order stays submitted, nothing rests, and a retry under the same cloid places it once', async () => {
    const i = intent({ price: Number(await restingPrice('BTC')) });
    faults.armNext('429', 'exchange');
    const err = await manager.submit(i).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof RetryableError, String(err));
    assert.equal(manager.order(i.cloid)?.status, 'submitted');
    assert.equal(await atVenue(i.cloid), 0);
    // The transport pauses sends after a 429 (its cooldown, on the wall clock): wait it out.
    await new Promise((r) => setTimeout(r, (err.retryAfterMs ?? 1_000) + 50));
    let placed;
    for (let k = 0; k < 20 && placed === undefined; k++) {
      placed = await manager.retry(i.cloid).catch(async (e: unknown) => {
        if (!(e instanceof RetryableError)) throw e;
        await new Promise((r) => setTimeout(r, e.retryAfterMs ?? 200));
        return undefined;
      });
    }
    assert.equal(placed?.status, 'accepted');
    assert.equal(await atVenue(i.cloid), 1);
    await manager.cancel(i.cloid);
  });

  it('a crash between storing and sending: the restart marks it unknown and resolves it from the venue, sent or not, never doubled', async () => {
    const notSent = intent({ price: Number(await restingPrice('BTC')) });
    const sentByTheDead = intent({ price: Number(await restingPrice('BTC')) });
    await store.saveIntent(notSent, h.clock.now());
    await store.saveIntent(sentByTheDead, h.clock.now());
    // The dead process got this one out before it died.
    assert.equal((await venue.adapter.submitOrder({ symbol: 'BTC', side: 'buy', qty: sentByTheDead.qty, type: 'limit', price: sentByTheDead.price, clientId: sentByTheDead.cloid })).status, 'resting');
    await store.close();
    await openManager();
    assert.equal(manager.order(notSent.cloid)?.status, 'unknown');
    assert.equal(manager.order(sentByTheDead.cloid)?.status, 'unknown');
    await manager.resolveUnknown();
    assert.equal(manager.order(sentByTheDead.cloid)?.status, 'accepted');
    h.advance(GRACE_MS);
    await manager.resolveUnknown();
    assert.equal(manager.order(notSent.cloid)?.status, 'not-placed');
    await manager.resend(notSent.cloid);
    for (const c of [notSent.cloid, sentByTheDead.cloid]) {
      assert.equal(await atVenue(c), 1);
      await manager.cancel(c);
    }
    assert.equal((await reconciler.runOnce()).blocked, false);
  });

  it('a position changed behind our back fails closed (entries refused, exits allowed, an alert) until acknowledged as external', async () => {
    // Another client on the same account buys ETH under a cloid that is not ours.
    const outside = await venue.adapter.submitOrder({ symbol: 'ETH', side: 'buy', qty: 0.02, type: 'market', clientId: 'manual-trade-1' });
    assert.equal(outside.status, 'filled');
    const r = await reconciler.runOnce();
    assert.equal(r.blocked, true);
    assert.deepEqual([...new Set(r.unexplained.map((d) => d.kind))].sort(), ['fill-we-lack', 'position-mismatch']);
    assert.ok(reconciler.reason()?.includes('position-mismatch ETH'));
    assert.ok(events.some((e) => e.type === 'reconcile.alert'));
    await assert.rejects(manager.submit(intent({ price: Number(await restingPrice('BTC')) })), RejectedError);
    // An exit of our own position still goes out.
    const exit = intent({ symbol: 'ETH', side: 'sell', qty: 0.01, type: 'market', reduceOnly: true, price: Number(((await bookTop('ETH')).bid * 0.99).toPrecision(5)) });
    assert.equal((await manager.submit(exit)).status, 'filled');
    assert.equal((await reconciler.runOnce()).blocked, true, 'still blocked: nothing explains the outside trade');
    reconciler.acknowledgeExternal('operator: a manual trade');
    const ok = await reconciler.runOnce();
    assert.equal(ok.blocked, false, JSON.stringify(ok.unexplained));
    assert.ok(events.some((e) => e.type === 'reconcile.resolved'));
    const external = (await store.listFills()).filter((f) => f.external);
    assert.ok(external.length >= 1);
    assert.equal((await reconciler.runOnce()).differences.length, 0);
  });

  it('an answer that arrives after the reconciler already saw the order adds nothing and breaks nothing', async () => {
    const raceStore = openSqliteOmsStore(join(dir, 'race.db'), { venue: 'hyperliquid', now: h.clock.now() });
    const late: { rec?: Reconciler } = {};
    // The venue acts, then the reconciler runs before the answer reaches the manager.
    const slowAnswers = Object.assign(Object.create(client) as HyperliquidExecutionClient, {
      place: async (i: Parameters<HyperliquidExecutionClient['place']>[0]) => {
        const r = await client.place(i);
        await late.rec?.runOnce();
        return r;
      },
    });
    const m = await OrderManager.open({ store: raceStore, client: slowAnswers, clock: h.clock, notFoundGraceMs: GRACE_MS });
    late.rec = new Reconciler({ manager: m, clock: h.clock, scheduler: new ManualClock(h.clock.now()), allowExternal: true });
    const i = intent({ price: Number(await restingPrice('BTC')) });
    assert.equal((await m.submit(i)).status, 'accepted');
    assert.deepEqual((await raceStore.transitions(i.cloid)).map((t) => [t.to, t.evidence.kind]), [['submitted', 'intent'], ['accepted', 'open-orders']]);
    await m.cancel(i.cloid);
    await raceStore.close();
  });

  it('runs at start and every interval; a venue it cannot read keeps the gate shut and is retried on schedule', async () => {
    const sched = new ManualClock(h.clock.now());
    const failures = () => events.filter((e) => e.type === 'reconcile.failed').length;
    const before = failures();
    const rec = new Reconciler({ manager, clock: h.clock, scheduler: sched, intervalMs: 30_000, onEvent: (e) => events.push(e) });
    assert.equal(rec.blocked(), true, 'shut until a first run');
    faults.armNext('5xx', 'info');
    assert.equal(await rec.start(), undefined);
    assert.equal(failures(), before + 1);
    assert.equal(rec.blocked(), true);
    assert.match(rec.reason() ?? '', /not reconciled yet; last run failed/);
    sched.advance(30_000);
    await rec.whenIdle();
    assert.equal(rec.blocked(), false, rec.reason());
    rec.stop();
    assert.equal(sched.size, 0);
  });

  it('the dead man\'s switch stays armed while re-armed, and cancels open orders when the process stops re-arming', async () => {
    const sched = new ManualClock(h.clock.now());
    const dms = new DeadMansSwitch({ client, clock: h.clock, scheduler: sched, leadMs: 60_000, everyMs: 15_000, onEvent: (e) => events.push(e) });
    await dms.start();
    const armed = () => events.filter((e) => e.type === 'dms.armed').length;
    assert.equal(armed(), 1);
    const i = intent({ price: Number(await restingPrice('BTC')) });
    await manager.submit(i);
    // Alive: time passes in beats and the switch is pushed ahead each time.
    for (let k = 0; k < 6; k++) {
      h.advance(15_000);
      sched.advance(15_000);
      await dms.whenIdle();
    }
    assert.ok(armed() >= 5, `${armed()} arms`);
    assert.equal(await atVenue(i.cloid), 1, 'still working while the switch is re-armed');
    // The process hangs: no more beats; the venue's clock runs past the last arm.
    h.advance(61_000);
    assert.equal(await atVenue(i.cloid), 0);
    const st = await client.orderStatus(i.cloid);
    assert.ok(st.found && st.state === 'canceled', JSON.stringify(st));
    await dms.stop();
  });
});
