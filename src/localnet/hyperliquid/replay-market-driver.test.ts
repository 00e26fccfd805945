// `--market replay`: recorded book and trade frames become the venue's book and tape at their recorded pace (and speed), orders fill at the replayed prices, the simulator continues after the end.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BadInputError } from '../../core/errors.js';
import { KEY_A, startHarness, type Harness } from '../../testkit/localnet/test-support.js';
import type { ReplayMarketDriver } from './replay-market-driver.js';
import type { SymbolMarket } from './symbol-market.js';
import { parseSymbols, type ReplayFrame } from './venue-options.js';

const R0 = 1_751_427_259_000;

function book(coin: string, mid: number): string {
  const lv = (px: number, sz: string) => ({ px: String(px), sz, n: 1 });
  return JSON.stringify({ channel: 'l2Book', data: { coin, time: R0, levels: [[lv(mid - 1, '0.5'), lv(mid - 3, '1.25')], [lv(mid + 1, '0.25'), lv(mid + 2, '2')]] } });
}

function trades(coin: string, pxs: readonly number[]): string {
  const data = pxs.map((px, i) => ({ coin, side: i % 2 ? 'A' : 'B', px: String(px), sz: '0.01', time: R0, hash: '0x' + 'ab'.repeat(32), tid: 900 + i, users: ['0x' + '01'.repeat(20), '0x' + '02'.repeat(20)] }));
  return JSON.stringify({ channel: 'trades', data });
}

/** [ms after the recording's start, channel, text] */
const RECORDING: readonly [number, string, string][] = [
  [0, 'subscriptionResponse', '{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}}}'],
  [0, 'l2Book', book('BTC', 106_225)],
  [10, 'trades', trades('ETH', [2_500.5])],
  [20, 'l2Book', book('SOL', 150)],
  [50, 'l2Book', book('ETH', 2_501)],
  [300, 'trades', trades('BTC', [106_226, 106_224])],
  [400, 'l2Book', '{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[{"px":"oops","sz":"1","n":1}],[]]}}'],
  [1_000, 'l2Book', book('BTC', 106_300)],
  [1_600, 'trades', trades('BTC', [106_301])],
];

async function* framesOf(rows: readonly [number, string, string][]): AsyncGenerator<ReplayFrame> {
  for (const [dt, channel, text] of rows) yield { tsInit: R0 + dt, channel, payload: Buffer.from(text) };
}

async function replayVenue(rows: readonly [number, string, string][], speed: number, log: string[]): Promise<Harness> {
  return startHarness({ market: 'replay', replay: { label: 'recording 1', frames: framesOf(rows), speed }, symbols: parseSymbols('BTC,ETH'), historyMinutes: 0 }, { log: (l) => log.push(l) });
}

function driverOf(h: Harness): ReplayMarketDriver {
  const d = h.venue.feed.replay;
  assert.ok(d !== undefined, 'the venue replays');
  return d;
}

/** Steps the venue until the replay has started (the frames are read asynchronously); returns the venue time it started at. */
async function startReplay(h: Harness): Promise<number> {
  for (let k = 0; k < 200 && driverOf(h).mode === 'waiting'; k++) {
    await new Promise((r) => setImmediate(r));
    h.advance(500);
  }
  await h.venue.marketReady();
  return h.clock.now();
}

function mid(h: Harness, coin: string): number {
  return (h.venue.feed.market(coin) as SymbolMarket).mid;
}

it('replays the recorded books and trades at their recorded pace; an order fills at the replayed ask; the simulator takes over at the end', async () => {
  const log: string[] = [];
  const h = await replayVenue(RECORDING, 1, log);
  try {
    await startReplay(h);
    assert.equal(driverOf(h).mode, 'replay');
    assert.equal(h.venue.simulated, true, 'a replay is not the live market');
    assert.ok(log.some((l) => l.startsWith('market: REPLAYING recording 1 at 1x')), log.join('\n'));
    // The first step shows every symbol's first book, and the trades recorded before the last of them.
    assert.equal(mid(h, 'BTC'), 106_225);
    assert.equal(mid(h, 'ETH'), 2_501);
    assert.deepEqual(h.venue.feed.recentTrades('ETH').map((t) => [t.px, t.sz, t.side]), [[2_500.5, 0.01, 'B']]);
    assert.equal(h.venue.feed.recentTrades('BTC').length, 0);
    assert.deepEqual((h.venue.feed.market('BTC') as SymbolMarket).asks.map((l) => [l.px, l.sz]), [[106_226, 0.25], [106_227, 2]]);

    // +500 ms: the trades recorded at +300; the malformed book at +400 is skipped.
    h.advance(500);
    assert.deepEqual(h.venue.feed.recentTrades('BTC').map((t) => [t.px, t.side]), [[106_226, 'B'], [106_224, 'A']]);
    assert.equal(mid(h, 'BTC'), 106_225);
    assert.ok(log.some((l) => l.includes('a malformed frame skipped')), log.join('\n'));
    const { client } = h.exchange(KEY_A);
    const res = await client.order({ orders: [{ a: 0, b: true, p: '107000', s: '0.001', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const status = res.response.data.statuses[0] as { filled?: { avgPx: string } };
    assert.equal(Number(status.filled?.avgPx), 106_226, JSON.stringify(status));

    // +1000 ms: the next book.
    h.advance(500);
    assert.equal(mid(h, 'BTC'), 106_300);
    assert.equal(driverOf(h).mode, 'replay');
    // +2000 ms: the last trade, and the end: the simulator continues from the last replayed mids.
    h.advance(1_000);
    assert.equal(h.venue.feed.recentTrades('BTC').at(-1)?.px, 106_301);
    assert.equal(driverOf(h).mode, 'ended');
    assert.deepEqual(driverOf(h).counts, { frames: RECORDING.length, malformed: 1 });
    assert.ok(log.some((l) => l.includes('recording 1 ended after 9 frame(s) (1 malformed, skipped): SIMULATED market from now') && l.includes('BTC 106300, ETH 2501')), log.join('\n'));
    h.advance(5_000);
    assert.ok(Math.abs(mid(h, 'BTC') / 106_300 - 1) < 0.01, `the simulator starts at the last mid, now ${mid(h, 'BTC')}`);
    assert.notDeepEqual((h.venue.feed.market('BTC') as SymbolMarket).asks.map((l) => [l.px, l.sz]), [[106_301, 0.25], [106_302, 2]], 'the book moves on');
  } finally {
    await h.close();
  }
});

it('speed 4x: recorded time passes four times faster on the venue clock', async () => {
  const h = await replayVenue(RECORDING, 4, []);
  try {
    await startReplay(h);
    h.advance(500); // recorded +2000 ms: everything
    assert.equal(mid(h, 'BTC'), 106_300);
    assert.deepEqual(h.venue.feed.recentTrades('BTC').map((t) => t.px), [106_226, 106_224, 106_301]);
  } finally {
    await h.close();
  }
});

it('a recording without a book of a venue symbol: the market never becomes ready, with an error naming it', async () => {
  const h = await replayVenue(RECORDING.filter(([, , text]) => !text.includes('"coin":"ETH","time"')), 1, []);
  try {
    const ready = h.venue.marketReady();
    for (let k = 0; k < 50 && driverOf(h).mode === 'waiting'; k++) {
      await new Promise((r) => setImmediate(r));
      h.advance(500);
    }
    await assert.rejects(ready, (e: unknown) => e instanceof BadInputError && /recording 1: it has no book of ETH \(it ended after 8 frame\(s\)\)/.test(e.message));
  } finally {
    await h.close();
  }
});
