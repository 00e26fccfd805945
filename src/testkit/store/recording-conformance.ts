// The conformance suite of RecordingStore (SQLite now, PostgreSQL later): exact frames, atomic batches, seq continuity, idempotent trades.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../core/manual-clock.js';
import { BadInputError, InvariantError } from '../../core/errors.js';
import type { RecordedFrame, RecordingBatch, TradeRow } from '../../store/recording-port.js';
import { FrameColumns } from '../../store/frame-columns.js';
import { TradeColumns } from '../../store/trade-columns.js';
import type { StoreFactory } from './store-conformance.js';
import type { Store } from '../../store/ports.js';

const T0 = Date.UTC(2025, 6, 2);
const MIN = 60_000;

const frame = (seq: number, channel = 'trades', text = `{"channel":"${channel}","data":${seq}}`): RecordedFrame => ({ seq, tsInit: T0 + seq, channel, payload: Buffer.from(text) });

function batch(recording: number, frames: RecordedFrame[], extra: Partial<Omit<RecordingBatch, 'trades' | 'frames'>> & { trades?: TradeRow[] } = {}): RecordingBatch {
  return { recording, venue: 'hyperliquid', books: [], candles: [], contexts: [], ...extra, frames: FrameColumns.of(frames), trades: TradeColumns.of(extra.trades ?? []) };
}

const candle = (time: number, close: number, final = false) => ({ symbol: 'BTC', intervalMs: MIN, time, open: 100, high: 110, low: 90, close, volume: 1.5, final });

/** Registers the RecordingStore tests for the store `label` produces through `factory`. */
export function recordingConformance(label: string, factory: StoreFactory): void {
  const withStore = (name: string, fn: (s: Store, reopen: () => Promise<Store>, clock: ManualClock) => Promise<void>): void => {
    test(name, async () => {
      const clock = new ManualClock(T0);
      const fx = await factory(clock);
      try {
        await fn(fx.store, () => fx.reopen(), clock);
      } finally {
        await fx.cleanup();
      }
    });
  };

  describe(`${label}: RecordingStore conformance`, () => {
    withStore('frames come back byte for byte in seq order, with every parsed row', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', { symbols: ['BTC'] });
      assert.deepEqual(rec, { id: rec.id, venue: 'hyperliquid', startedAt: T0, meta: { symbols: ['BTC'] }, frames: 0, firstTsInit: undefined, lastTsInit: undefined });
      const raw = Buffer.from([0x7b, 0xff, 0x00, 0x7d]); // not even UTF-8: stored as it came
      const bids = new Float64Array([106217, 0.001, 106215.5, 0.27739]);
      const asks = new Float64Array([106233, 0.26739]);
      const counts = await s.recordings.appendBatch(
        batch(rec.id, [frame(1, 'l2Book'), frame(2, 'text', 'Websocket connection established.'), { seq: 3, tsInit: T0 + 3, channel: 'trades', payload: raw }], {
          trades: [
            { symbol: 'BTC', time: T0, tradeId: 7, side: 'sell', price: 106296, qty: 0.00017 },
            { symbol: 'BTC', time: T0 + 1, tradeId: 8, side: 'buy', price: 106297.5, qty: 1.25 },
          ],
          books: [{ symbol: 'BTC', time: T0 - 5, tsInit: T0 + 1, bids: bids.subarray(0, 4), asks }],
          candles: [candle(T0, 101)],
          contexts: [{ symbol: 'BTC', time: T0 + 2, funding: 0.0000125, openInterest: 1234.5, mark: 106220, oracle: 106210, mid: 106225, premium: null }],
        }),
      );
      assert.deepEqual(counts, { frames: 3, trades: 2, tradesDuplicate: 0, books: 1, candles: 1, contexts: 1 });
      const back = await s.recordings.readFrames(rec.id, 1, 100);
      assert.deepEqual(
        back.map((f) => [f.seq, f.tsInit, f.channel, Buffer.from(f.payload).toString('hex')]),
        [
          [1, T0 + 1, 'l2Book', Buffer.from('{"channel":"l2Book","data":1}').toString('hex')],
          [2, T0 + 2, 'text', Buffer.from('Websocket connection established.').toString('hex')],
          [3, T0 + 3, 'trades', '7bff007d'],
        ],
      );
      assert.deepEqual(await s.recordings.readFrames(rec.id, 2, 1).then((f) => f.map((x) => x.seq)), [2]);
      assert.deepEqual(await s.recordings.loadTrades('hyperliquid', 'BTC'), [
        { symbol: 'BTC', time: T0, tradeId: 7, side: 'sell', price: 106296, qty: 0.00017 },
        { symbol: 'BTC', time: T0 + 1, tradeId: 8, side: 'buy', price: 106297.5, qty: 1.25 },
      ]);
      assert.deepEqual(await s.recordings.loadBooks('hyperliquid', 'BTC'), [{ symbol: 'BTC', time: T0 - 5, tsInit: T0 + 1, bids, asks }]);
      assert.deepEqual(await s.recordings.loadAssetContexts('hyperliquid', 'BTC'), [{ symbol: 'BTC', time: T0 + 2, funding: 0.0000125, openInterest: 1234.5, mark: 106220, oracle: 106210, mid: 106225, premium: null }]);
      const bars = await s.candles.loadBars('hyperliquid', 'BTC', MIN);
      assert.deepEqual([bars.length, bars.time[0], bars.close[0], bars.volume[0]], [1, T0, 101, 1.5]);
      assert.deepEqual(await s.recordings.getRecording(rec.id), { ...rec, frames: 3, firstTsInit: T0 + 1, lastTsInit: T0 + 3 });
      await s.recordings.appendBatch(batch(rec.id, [frame(4, 'l2Book')]));
      const st = await s.recordings.recordingStats(rec.id);
      const book = Buffer.byteLength('{"channel":"l2Book","data":1}') + Buffer.byteLength('{"channel":"l2Book","data":4}');
      assert.deepEqual(st.channels, [
        { channel: 'l2Book', frames: 2, bytes: book },
        { channel: 'text', frames: 1, bytes: 33 },
        { channel: 'trades', frames: 1, bytes: 4 },
      ]);
      assert.equal(st.frameBytes, book + 37);
      assert.ok(st.storedBytes > 0, `${st.storedBytes} bytes stored`);
      assert.deepEqual(await s.recordings.recordingStats(rec.id + 1), { channels: [], frameBytes: 0, storedBytes: 0 });
    });

    withStore('frames must continue the seq: a gap or a repeat is refused and the batch writes nothing', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', {});
      await s.recordings.appendBatch(batch(rec.id, [frame(1), frame(2)]));
      const trade = { symbol: 'BTC', time: T0, tradeId: 1, side: 'buy' as const, price: 1, qty: 1 };
      await assert.rejects(s.recordings.appendBatch(batch(rec.id, [frame(4), frame(5)], { trades: [trade] })), InvariantError);
      await assert.rejects(s.recordings.appendBatch(batch(rec.id, [frame(2)])), InvariantError);
      await assert.rejects(s.recordings.appendBatch(batch(rec.id + 1000, [frame(1)])), InvariantError);
      assert.equal((await s.recordings.readFrames(rec.id, 1, 100)).length, 2);
      assert.deepEqual(await s.recordings.loadTrades('hyperliquid', 'BTC'), [], 'the refused batch left no trade behind');
      const other = await s.recordings.startRecording('hyperliquid', {});
      await s.recordings.appendBatch(batch(other.id, [frame(1)]));
      assert.deepEqual((await s.recordings.listRecordings()).map((r) => [r.id, r.frames]), [[rec.id, 2], [other.id, 1]]);
    });

    withStore('a batch with a bad row writes nothing, frames included', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', {});
      const bad = { symbol: 'BTC', time: T0, tsInit: T0, bids: new Float64Array([1, 2, 3]), asks: new Float64Array(0) };
      await assert.rejects(s.recordings.appendBatch(batch(rec.id, [frame(1)], { books: [bad], trades: [{ symbol: 'BTC', time: T0, tradeId: 1, side: 'buy', price: 1, qty: 1 }] })), BadInputError);
      assert.equal((await s.recordings.getRecording(rec.id))?.frames, 0);
      assert.deepEqual(await s.recordings.loadTrades('hyperliquid', 'BTC'), []);
      await assert.rejects(s.recordings.appendBatch(batch(rec.id, [frame(1), { ...frame(2), tsInit: Number.NaN }])), (e: unknown) => e instanceof BadInputError && /seq 2/.test(e.message));
      assert.equal((await s.recordings.getRecording(rec.id))?.frames, 0);
      await s.recordings.appendBatch(batch(rec.id, [frame(1)]));
      assert.equal((await s.recordings.getRecording(rec.id))?.frames, 1, 'the seq is still free after the refusals');
    });

    withStore('a trade seen twice is stored once; the open candle keeps its last version', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', {});
      const t = { symbol: 'BTC', time: T0, tradeId: 42, side: 'buy' as const, price: 10, qty: 1 };
      const many = Array.from({ length: 150 }, (_, i) => ({ ...t, tradeId: 1000 + i, time: T0 + i }));
      const a = await s.recordings.appendBatch(batch(rec.id, [frame(1)], { trades: [t, ...many, t], candles: [candle(T0, 101), candle(T0 + MIN, 102), candle(T0, 103)] }));
      assert.deepEqual([a.trades, a.tradesDuplicate, a.candles], [151, 1, 2]);
      const b = await s.recordings.appendBatch(batch(rec.id, [frame(2)], { trades: [t], candles: [candle(T0 + MIN, 104), candle(T0 + MIN, 105)] }));
      assert.deepEqual([b.trades, b.tradesDuplicate, b.candles], [0, 1, 1]);
      assert.equal((await s.recordings.loadTrades('hyperliquid', 'BTC')).length, 151);
      const bars = await s.candles.loadBars('hyperliquid', 'BTC', MIN);
      assert.deepEqual([...bars.close], [103, 105]);
    });

    withStore('a recorded candle keeps its final flag; a forming version never overwrites a final one', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', {});
      await s.recordings.appendBatch(batch(rec.id, [frame(1)], { candles: [candle(T0, 101, true), candle(T0 + MIN, 102)] }));
      const late = await s.recordings.appendBatch(batch(rec.id, [frame(2)], { candles: [candle(T0, 99), candle(T0 + MIN, 104, true), candle(T0 + MIN, 103)] }));
      assert.equal(late.candles, 1, 'only the minute that closed changed');
      assert.deepEqual([...(await s.candles.loadBars('hyperliquid', 'BTC', MIN)).close], [101, 104]);
      const check = await s.candles.checkSeries('hyperliquid', 'BTC', MIN);
      assert.equal(check?.notFinal.count, 0);
    });

    withStore('trades: per symbol, by time then arrival, a time range [from, to), re-sent ones skipped across batches', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', {});
      const tr = (symbol: string, time: number, tradeId: number, price = 10): TradeRow => ({ symbol, time, tradeId, side: tradeId % 2 === 0 ? 'buy' : 'sell', price, qty: 1 });
      const a = await s.recordings.appendBatch(batch(rec.id, [frame(1)], { trades: [tr('BTC', T0 + 5, 1), tr('ETH', T0 + 5, 1, 2000), tr('BTC', T0 + 3, 2), tr('BTC', T0 + 5, 3)] }));
      assert.deepEqual([a.trades, a.tradesDuplicate], [4, 0], 'the same id on two symbols is two trades');
      // The next batch repeats the last millisecond's trades (as a repair does) and brings new ones.
      const b = await s.recordings.appendBatch(batch(rec.id, [frame(2)], { trades: [tr('BTC', T0 + 5, 3), tr('BTC', T0 + 5, 4), tr('BTC', T0 + 9, 1), tr('ETH', T0 + 5, 1, 2000)] }));
      assert.deepEqual([b.trades, b.tradesDuplicate], [2, 2], 'id 1 at another time is another trade');
      const btc = await s.recordings.loadTrades('hyperliquid', 'BTC');
      assert.deepEqual(btc.map((t) => [t.time - T0, t.tradeId, t.side]), [[3, 2, 'buy'], [5, 1, 'sell'], [5, 3, 'sell'], [5, 4, 'buy'], [9, 1, 'sell']]);
      assert.deepEqual((await s.recordings.loadTrades('hyperliquid', 'BTC', T0 + 4, T0 + 9)).map((t) => t.tradeId), [1, 3, 4]);
      assert.deepEqual((await s.recordings.loadTrades('hyperliquid', 'ETH')).map((t) => [t.tradeId, t.price]), [[1, 2000]]);
      assert.deepEqual(await s.recordings.loadTrades('other-venue', 'BTC'), []);
    });

    withStore('book snapshots: per symbol, by time then arrival, across batches, a time range [from, to)', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', {});
      const book = (symbol: string, time: number, px: number) => ({ symbol, time, tsInit: time + 0.5, bids: new Float64Array([px - 1, 1]), asks: new Float64Array([px + 1, 2, px + 2, 0.5]) });
      await s.recordings.appendBatch(batch(rec.id, [frame(1)], { books: [book('BTC', T0 + 2, 100), book('ETH', T0 + 1, 10), book('BTC', T0 + 1, 101)] }));
      await s.recordings.appendBatch(batch(rec.id, [frame(2)], { books: [book('BTC', T0 + 2, 102), book('BTC', T0 + 3, 103)] }));
      assert.deepEqual((await s.recordings.loadBooks('hyperliquid', 'BTC')).map((b) => [b.time - T0, b.asks[0]]), [[1, 102], [2, 101], [2, 103], [3, 104]]);
      assert.deepEqual(await s.recordings.loadBooks('hyperliquid', 'BTC', T0 + 2, T0 + 3), [book('BTC', T0 + 2, 100), book('BTC', T0 + 2, 102)]);
      assert.deepEqual(await s.recordings.loadBooks('hyperliquid', 'ETH'), [book('ETH', T0 + 1, 10)]);
    });

    withStore('a long run of trades in one batch comes back whole and in order', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', {});
      const many: TradeRow[] = Array.from({ length: 20_000 }, (_, i) => ({ symbol: 'BTC', time: T0 + Math.floor(i / 3), tradeId: 5_000_000 - i, side: i % 3 === 0 ? 'buy' : 'sell', price: 100 + (i % 7) / 4, qty: (i % 11) / 8 + 0.125 }));
      const c = await s.recordings.appendBatch(batch(rec.id, [frame(1)], { trades: many }));
      assert.equal(c.trades, 20_000);
      assert.deepEqual(await s.recordings.loadTrades('hyperliquid', 'BTC'), many);
      const again = await s.recordings.appendBatch(batch(rec.id, [frame(2)], { trades: many.slice(19_990) }));
      assert.deepEqual([again.trades, again.tradesDuplicate], [0, 10]);
    });

    withStore('a trade with an id that is not a whole number, or a non-finite value, is refused and the batch writes nothing', async (s) => {
      const rec = await s.recordings.startRecording('hyperliquid', {});
      const ok: TradeRow = { symbol: 'BTC', time: T0, tradeId: 1, side: 'buy', price: 1, qty: 1 };
      for (const bad of [{ ...ok, tradeId: -1 }, { ...ok, tradeId: 1.5 }, { ...ok, tradeId: 2 ** 53 }, { ...ok, price: Number.NaN }, { ...ok, time: Number.POSITIVE_INFINITY }]) {
        await assert.rejects(s.recordings.appendBatch(batch(rec.id, [frame(1)], { trades: [ok, bad] })), BadInputError);
      }
      assert.equal((await s.recordings.getRecording(rec.id))?.frames, 0);
      assert.deepEqual(await s.recordings.loadTrades('hyperliquid', 'BTC'), []);
    });

    withStore('recordings survive closing and reopening', async (s, reopen) => {
      const rec = await s.recordings.startRecording('hyperliquid', { n: 1 });
      await s.recordings.appendBatch(batch(rec.id, [frame(1), frame(2)]));
      await s.close();
      const again = await reopen();
      try {
        assert.deepEqual((await again.recordings.readFrames(rec.id, 1, 10)).map((f) => f.seq), [1, 2]);
        await again.recordings.appendBatch(batch(rec.id, [frame(3)]));
        assert.equal((await again.recordings.getRecording(rec.id))?.frames, 3);
      } finally {
        await again.close();
      }
    });
  });
}
