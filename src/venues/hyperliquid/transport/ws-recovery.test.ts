// Supervisor recovery against local servers: cut mid-stream, stall, garbage and out-of-order frames; the book ends consistent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bookFrame, tradesFrame, wireBook, withRig, type Rig } from '../../../testkit/venues/hyperliquid/book-rig.js';
import { until } from '../../../testkit/venues/hyperliquid/local-ws-server.js';
import type { StreamDegradedData, StreamRecoveredData, StreamStaleData } from './health-events.js';

const BOOK = { type: 'l2Book', coin: 'BTC' };
const TRADES = { type: 'trades', coin: 'BTC' };

async function subscribed(r: Rig, subs: Record<string, unknown>[]): Promise<void> {
  r.sup.start();
  await Promise.all(subs.map((s) => r.sup.subscribe(s as { type: string })));
}

async function pushBook(r: Rig, time: number, mid = 100): Promise<void> {
  r.ws.push(bookFrame(wireBook('BTC', time, mid)));
  await until(() => r.keeper.time >= time, `book time ${time}`);
}

test('cut mid-stream: stale at once, reconnect, resubscribe everything, book repaired from REST, ends consistent', async () => {
  await withRig(async (r) => {
    await subscribed(r, [BOOK, TRADES]);
    assert.equal(r.sup.state, 'open');
    await pushBook(r, 1);
    r.ws.push(tradesFrame('BTC', 1, 11));
    await pushBook(r, 2);
    assert.equal(r.sup.health(BOOK)?.status, 'fresh');

    r.ws.cutAll();
    await until(() => r.sup.state === 'reconnecting', 'reconnecting');
    const stale = r.of('stream.stale').map((e) => e.data as StreamStaleData);
    assert.deepEqual(
      stale.map((d) => [d.stream, d.reason, d.needsRepair]),
      [
        ['l2Book:BTC', 'disconnected', true],
        ['trades:BTC', 'disconnected', true],
      ],
    );
    assert.equal(r.sup.health(BOOK)?.status, 'stale', 'flagged stale while cut: never silently stale');

    // While away the book moved on; REST knows it.
    r.restBook = wireBook('BTC', 50, 120);
    r.clock.advance(1_000); // first reconnect delay: ≤ 1 s
    await r.ws.waitForSubscriptions(2, 2);
    assert.deepEqual(r.ws.connections[1].subscriptions, [BOOK, TRADES], 'every subscription replayed');
    await until(() => r.of('stream.recovered').length === 2, 'both streams recovered');
    const rec = r.of('stream.recovered').map((e) => e.data as StreamRecoveredData);
    assert.ok(rec.every((d) => d.repaired));
    assert.deepEqual(
      r.http.requests.map((q) => (q.body as { type: string }).type).sort(),
      ['l2Book', 'recentTrades'],
    );
    assert.equal(r.keeper.time, 50);
    assert.deepEqual([...r.keeper.book.levels('bid')], [119, 1, 118, 2, 117, 3]);
    assert.equal(r.keeper.book.integrity(), undefined);
    assert.equal(r.sup.state, 'open');

    // A frame older than the repaired snapshot is out of order: dropped, book unchanged.
    r.ws.push(bookFrame(wireBook('BTC', 40, 90)));
    await until(() => r.of('stream.degraded').length === 1, 'out-of-order reported');
    assert.equal((r.of('stream.degraded')[0].data as StreamDegradedData).reason, 'out-of-order');
    await pushBook(r, 51, 121);
    assert.equal(r.keeper.book.bestBid(), 120);
    assert.equal(r.keeper.book.integrity(), undefined);
  });
});

test('stall: stale rises exactly at the threshold and clears when data resumes', async () => {
  await withRig(async (r) => {
    await subscribed(r, [BOOK, { type: 'allMids' }]);
    const t0 = r.clock.now();
    await pushBook(r, 1);
    r.ws.push({ channel: 'allMids', data: { mids: { BTC: '100' } } });
    await until(() => r.sup.health({ type: 'allMids' })?.status === 'fresh', 'mids fresh');

    // The server keeps the socket (and answers pings) but stops sending.
    r.clock.advance(2_999);
    assert.equal(r.of('stream.stale').length, 0);
    r.clock.advance(1); // price threshold 3 s
    assert.deepEqual(
      r.of('stream.stale').map((e) => [(e.data as StreamStaleData).stream, (e.data as StreamStaleData).reason, e.tsEvent - t0]),
      [['allMids', 'silence', 3_000]],
    );
    r.clock.advance(999);
    assert.equal(r.of('stream.stale').length, 1);
    r.clock.advance(1); // book threshold 4 s
    const bookStale = r.of('stream.stale', 'l2Book:BTC');
    assert.equal(bookStale.length, 1);
    assert.equal(bookStale[0].tsEvent - t0, 4_000);
    assert.equal((bookStale[0].data as StreamStaleData).needsRepair, true, 'a stalled book may have missed updates');
    assert.equal(r.sup.state, 'stale');

    r.clock.advance(6_000); // 10 s of silence
    const resumedAt = r.clock.now();
    r.ws.push({ channel: 'allMids', data: { mids: { BTC: '101' } } });
    await until(() => r.of('stream.recovered', 'allMids').length === 1, 'mids recovered');
    const mids = r.of('stream.recovered', 'allMids')[0];
    assert.equal(mids.tsEvent, resumedAt);
    assert.deepEqual(mids.data, { stream: 'allMids', channel: 'allMids', staleForMs: 7_000, repaired: false });

    r.restBook = wireBook('BTC', 5, 100);
    await pushBook(r, 6, 101);
    await until(() => r.of('stream.recovered', 'l2Book:BTC').length === 1, 'book recovered');
    const book = r.of('stream.recovered', 'l2Book:BTC')[0];
    assert.equal(book.tsEvent, resumedAt);
    assert.equal((book.data as StreamRecoveredData).repaired, true);
    assert.equal(r.keeper.time, 6, 'the older REST snapshot did not overwrite the newer frame');
    assert.equal(r.keeper.book.bestBid(), 100);
    assert.equal(r.sup.state, 'open');

    // And the watch re-arms: quiet again ⇒ stale again, exactly one threshold after the last frame.
    r.clock.advance(3_999);
    assert.equal(r.of('stream.stale', 'l2Book:BTC').length, 1);
    r.clock.advance(1);
    assert.equal(r.of('stream.stale', 'l2Book:BTC').length, 2);
  });
});

test('garbage and out-of-order frames: degraded with reasons, never a crash, book consistent', async () => {
  await withRig(
    async (r) => {
      await subscribed(r, [BOOK]);
      await pushBook(r, 5);
      const before = [...r.keeper.book.levels('bid')];
      r.ws.push('this is not json');
      r.ws.push('{"channel":"l2Book","data":{"coin":"BTC","time":6,"levels":"oops"}}');
      r.ws.push('{"channel":"l2Book","data":{"coin":"BTC","ti');
      r.ws.push(bookFrame(wireBook('BTC', 4, 80)));
      r.ws.push('[1,2,3]');
      r.ws.push('{"data":{}}');
      r.ws.push('{"channel":"l2Book","data":{"levels":[]}}');
      await pushBook(r, 7);
      assert.deepEqual([...r.keeper.book.levels('bid')], before, 'same mid: only valid frames applied');
      assert.equal(r.keeper.book.integrity(), undefined);
      assert.equal(r.keeper.snapshotsApplied, 2);

      const reasons = r.of('stream.degraded').map((e) => {
        const d = e.data as StreamDegradedData;
        return `${d.stream}/${d.reason}`;
      });
      assert.deepEqual(reasons, ['connection/garbage', 'l2Book:BTC/garbage', 'l2Book:BTC/out-of-order']);
      const h = r.sup.health(BOOK);
      assert.deepEqual(h?.problems, { garbage: 2, 'out-of-order': 1 });
      assert.equal(h?.status, 'fresh');
      assert.deepEqual(r.sup.socketHealth().problems, { garbage: 4 });
      const garbage = r.of('stream.degraded', 'l2Book:BTC')[0].data as StreamDegradedData;
      assert.ok(garbage.cause instanceof Error, 'the parse error travels as the cause');
      assert.equal(r.sup.state, 'degraded');

      // Degradation fades once the window passes with clean data.
      r.clock.advance(3_000);
      await pushBook(r, 8);
      r.clock.advance(2_000);
      assert.equal(r.sup.state, 'open');
    },
    { degradedWindowMs: 5_000 },
  );
});

test('a garbage flood is counted in full but reported at most once per window per reason', async () => {
  await withRig(
    async (r) => {
      await subscribed(r, [BOOK]);
      await pushBook(r, 1);
      for (let i = 0; i < 50; i++) r.ws.push('{"channel":"l2Book","data":{"coin":"BTC","time":2,"levels":null}}');
      await pushBook(r, 3);
      assert.equal(r.sup.health(BOOK)?.problems.garbage, 50);
      assert.equal(r.of('stream.degraded').length, 1);
      r.clock.advance(1_000);
      r.ws.push('{"channel":"l2Book","data":{"coin":"BTC","time":4,"levels":null}}');
      await pushBook(r, 5);
      const second = r.of('stream.degraded')[1].data as StreamDegradedData;
      assert.equal(second.count, 51);
      assert.equal(second.unreported, 49);
    },
    { degradedWindowMs: 1_000 },
  );
});

test('a failing repair is reported and retried with backoff; the stream stays stale until it succeeds', async () => {
  await withRig(async (r) => {
    await subscribed(r, [BOOK]);
    await pushBook(r, 1);
    const ok = r.http.reply;
    let failures = 2;
    r.http.reply = (q) => (failures-- > 0 ? { status: 503, text: 'unavailable' } : ok(q));
    r.ws.cutAll();
    await until(() => r.sup.state === 'reconnecting', 'reconnecting');
    r.clock.advance(1_000);
    await until(() => r.of('stream.degraded').length === 1, 'first repair failure');
    const d = r.of('stream.degraded')[0].data as StreamDegradedData;
    assert.equal(d.reason, 'repair-failed');
    assert.match(d.detail, /HTTP 503/);
    assert.equal(r.sup.health(BOOK)?.status, 'stale');
    r.clock.advance(1_000); // retry 1 (≤ 1 s)
    await until(() => r.http.requests.length === 2, 'second attempt');
    await until(() => r.sup.health(BOOK)?.repairing === false, 'second attempt settled');
    assert.equal(r.sup.health(BOOK)?.status, 'stale');
    r.clock.advance(2_000); // retry 2 (≤ 2 s)
    await until(() => r.of('stream.recovered').length === 1, 'recovered after the third attempt');
    assert.equal(r.http.requests.length, 3);
    assert.equal(r.keeper.book.integrity(), undefined);
  });
});
