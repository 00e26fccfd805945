// The conformance suite every Store implementation runs (SQLite now, PostgreSQL later): one behaviour, one test list.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BarSeriesBuilder } from '../../core/bars.js';
import type { BarSeries } from '../../core/bars.js';
import { ManualClock } from '../../core/manual-clock.js';
import { InvariantError } from '../../core/errors.js';
import { fixedFromString } from '../../core/fixed.js';
import type { Fill } from '../../core/orders.js';
import type { LedgerEntry } from '../../ledger/ledger-entry.js';
import type { Store } from '../../store/ports.js';

/** A fresh, empty store for one test, a way to reopen the same database, and cleanup. */
export interface StoreFixture {
  readonly store: Store;
  /** Closes nothing; opens the same database again (to check persistence). */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export type StoreFactory = (clock: ManualClock) => Promise<StoreFixture>;

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** Bars at T0 + i·1h with simple, exactly representable prices. */
export function sampleBars(symbol: string, n: number, start = 0, bump = 0): BarSeries {
  const b = new BarSeriesBuilder(symbol, n);
  for (let i = start; i < start + n; i++) b.push(T0 + i * H, 100.25 + i + bump, 101.5 + i + bump, 99.75 + i + bump, 100.5 + i + bump, i % 3 === 0 ? NaN : 10.125 * i);
  b.noteDecimals(2);
  return b.finish(symbol, H);
}

function seriesValues(s: BarSeries): number[][] {
  return Array.from({ length: s.length }, (_, i) => [s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]]);
}

const fill = (id: string, ts: number, fee = '0.012345678901'): Fill => ({
  type: 'order.filled',
  fillId: id,
  orderId: 'o-' + id,
  clientId: 'c-' + id,
  symbol: 'BTC',
  side: 'buy',
  qty: 0.001,
  price: 43210.5,
  fee: fixedFromString(fee),
  liquidity: 'taker',
  ts,
  reason: 'entry',
});

/** Registers the conformance tests for the store `label` produces through `factory`. */
export function storeConformance(label: string, factory: StoreFactory): void {
  const withStore = (name: string, fn: (s: Store, fx: StoreFixture, clock: ManualClock) => Promise<void>): void => {
    test(name, async () => {
      const clock = new ManualClock(T0);
      const fx = await factory(clock);
      try {
        await fn(fx.store, fx, clock);
      } finally {
        await fx.cleanup();
      }
    });
  };

  describe(`${label}: Store conformance`, () => {
    withStore('candles round-trip exactly; unknown volume stays unknown', async (s) => {
      const bars = sampleBars('BTC', 5);
      assert.deepEqual(await s.candles.upsertBars('file', bars, H), { inserted: 5, updated: 0, unchanged: 0 });
      const back = await s.candles.loadBars('file', 'BTC', H);
      assert.equal(back.symbol, 'BTC');
      assert.equal(back.intervalMs, H);
      assert.equal(back.priceDecimals, 2);
      assert.deepEqual(seriesValues(back), seriesValues(bars));
      assert.ok(Number.isNaN(back.volume[0]));
      const empty = await s.candles.loadBars('file', 'ETH', H);
      assert.equal(empty.length, 0);
    });

    withStore('upsert is idempotent and counts new, changed and unchanged rows', async (s) => {
      await s.candles.upsertBars('file', sampleBars('BTC', 5), H);
      assert.deepEqual(await s.candles.upsertBars('file', sampleBars('BTC', 5), H), { inserted: 0, updated: 0, unchanged: 5 });
      assert.deepEqual(await s.candles.upsertBars('file', sampleBars('BTC', 4, 3, 0.5), H), { inserted: 2, updated: 2, unchanged: 0 });
      const back = await s.candles.loadBars('file', 'BTC', H);
      assert.equal(back.length, 7);
      assert.equal(back.open[3], 103.75);
      assert.equal(back.open[2], 102.25);
    });

    withStore('loadBars slices from ≤ time < to; series are separate by venue, symbol and interval', async (s) => {
      await s.candles.upsertBars('file', sampleBars('BTC', 10), H);
      await s.candles.upsertBars('hl', sampleBars('BTC', 2), H);
      await s.candles.upsertBars('file', sampleBars('BTC', 3), 60_000);
      await s.candles.upsertBars('file', sampleBars('ETH', 1), H);
      const part = await s.candles.loadBars('file', 'BTC', H, T0 + 2 * H, T0 + 5 * H);
      assert.deepEqual([...part.time], [T0 + 2 * H, T0 + 3 * H, T0 + 4 * H]);
      assert.deepEqual(
        (await s.candles.listSeries()).map((x) => [x.venue, x.symbol, x.intervalMs, x.bars, x.from, x.to]),
        [
          ['file', 'BTC', 60_000, 3, T0, T0 + 2 * H],
          ['file', 'BTC', H, 10, T0, T0 + 9 * H],
          ['file', 'ETH', H, 1, T0, T0],
          ['hl', 'BTC', H, 2, T0, T0 + H],
        ],
      );
    });

    withStore('closedBy: bars that close after it are not final; a final bar replaces them, never the reverse', async (s) => {
      // Bars 0..4 close at T0 + (i + 1)h; closedBy T0 + 3h makes 0, 1, 2 final (bar 2 closes exactly at it).
      await s.candles.upsertBars('hl', sampleBars('BTC', 5), H, { closedBy: T0 + 3 * H });
      assert.deepEqual((await s.candles.checkSeries('hl', 'BTC', H))?.notFinal, { count: 2, items: [T0 + 3 * H, T0 + 4 * H] });
      assert.deepEqual(await s.candles.settledRanges('hl', 'BTC', H, T0, T0 + 5 * H), [[T0, T0 + 3 * H]]);
      assert.deepEqual([...(await s.candles.loadBars('hl', 'BTC', H, undefined, undefined, { finalOnly: true })).time], [T0, T0 + H, T0 + 2 * H], 'finalOnly leaves the forming bars out');
      assert.equal((await s.candles.loadBars('hl', 'BTC', H, T0 + H, T0 + 4 * H, { finalOnly: true })).length, 2);
      const forming = await s.candles.upsertBars('hl', sampleBars('BTC', 5, 0, 0.25), H, { closedBy: T0 });
      assert.deepEqual(forming, { inserted: 0, updated: 2, unchanged: 3 }, 'forming bars replace forming bars only');
      assert.deepEqual(await s.candles.upsertBars('hl', sampleBars('BTC', 5, 0, 0.5), H), { inserted: 0, updated: 5, unchanged: 0 });
      const back = await s.candles.loadBars('hl', 'BTC', H);
      assert.deepEqual([...back.open], [100.75, 101.75, 102.75, 103.75, 104.75]);
      assert.equal((await s.candles.checkSeries('hl', 'BTC', H))?.notFinal.count, 0);
      assert.deepEqual(await s.candles.settledRanges('hl', 'BTC', H, T0, T0 + 5 * H), [[T0, T0 + 5 * H]]);
    });

    withStore('settledRanges: runs of final bars and confirmed-empty ranges, merged; checkSeries counts the rest as gaps', async (s) => {
      await s.candles.upsertBars('hl', sampleBars('BTC', 3), H); // 0, 1, 2
      await s.candles.upsertBars('hl', sampleBars('BTC', 2, 6), H); // 6, 7
      await s.candles.upsertBars('hl', sampleBars('BTC', 2, 12), H); // 12, 13
      await s.candles.markEmpty('hl', 'BTC', H, [[T0 + 3 * H, T0 + 5 * H]]);
      assert.deepEqual(await s.candles.settledRanges('hl', 'BTC', H, T0, T0 + 20 * H), [
        [T0, T0 + 5 * H],
        [T0 + 6 * H, T0 + 8 * H],
        [T0 + 12 * H, T0 + 14 * H],
      ]);
      const c = await s.candles.checkSeries('hl', 'BTC', H, 1);
      assert.ok(c !== undefined);
      assert.deepEqual([c.series.bars, c.gaps.count, c.missingBars, c.emptyBars], [7, 2, 5, 2]);
      assert.deepEqual(c.gaps.items, [[T0 + 5 * H, T0 + 6 * H]], 'capped at the limit');
      assert.equal(await s.candles.checkSeries('hl', 'ETH', H), undefined);
    });

    withStore('checkSeries: impossible values named, bars off the grid found', async (s) => {
      const b = new BarSeriesBuilder('BTC');
      b.push(T0, 10, 12, 9, 11, 1);
      b.push(T0 + H, 10, 10.5, 9, 11, 1); // high below the close
      b.push(T0 + 2 * H, 10, 12, 10.5, 11, -1); // low above the open, negative volume
      b.push(T0 + 3 * H + 60_000, 10, 12, 9, 11, NaN); // a minute off the hour
      b.push(T0 + 4 * H, 10, Infinity, 9, 11, 2);
      await s.candles.upsertBars('file', b.finish('t', H), H);
      const c = await s.candles.checkSeries('file', 'BTC', H);
      assert.ok(c !== undefined);
      assert.deepEqual(
        c.badValues.items.map((x) => [x.time - T0, x.reason]),
        [
          [H, 'close 11 outside [low 9, high 10.5]'],
          [2 * H, 'open 10 outside [low 10.5, high 12]'],
          [4 * H, 'high must be a positive finite price, got Infinity'],
        ],
      );
      assert.deepEqual(c.misaligned, { count: 1, items: [T0 + 3 * H + 60_000] });
      assert.deepEqual(c.duplicates, { count: 0, items: [] });
    });

    withStore('a failing upsert writes nothing', async (s) => {
      const bad = new BarSeriesBuilder('BTC');
      bad.push(T0, 1, 1, 1, 1, 1);
      bad.push(T0 + H, NaN, 1, 1, 1, 1);
      await assert.rejects(s.candles.upsertBars('file', bad.finish('test', H), H));
      assert.equal((await s.candles.loadBars('file', 'BTC', H)).length, 0);
      assert.deepEqual(await s.candles.listSeries(), []);
    });

    withStore('importBars stores every series and logs the import, all or nothing', async (s, _fx, clock) => {
      const input = { fileSha256: 'ab'.repeat(32), fileName: 'c.json', format: 'aiquant', venue: 'file', skipped: 1 };
      const recs = await s.imports.importBars({ ...input, series: [{ series: sampleBars('BTC', 3), intervalMs: H }, { series: sampleBars('ETH', 2), intervalMs: H }] });
      assert.deepEqual(recs.map((r) => [r.symbol, r.rows, r.counts.inserted, r.skipped, r.importedAt]), [['BTC', 3, 3, 1, T0], ['ETH', 2, 2, 1, T0]]);
      clock.advanceTo(T0 + 1000);
      const again = await s.imports.importBars({ ...input, series: [{ series: sampleBars('BTC', 3), intervalMs: H }] });
      assert.deepEqual(again[0].counts, { inserted: 0, updated: 0, unchanged: 3 });
      assert.equal(again[0].importedAt, T0 + 1000);
      const bad = new BarSeriesBuilder('SOL');
      bad.push(T0, NaN, 1, 1, 1, 1);
      await assert.rejects(s.imports.importBars({ ...input, series: [{ series: sampleBars('XRP', 2), intervalMs: H }, { series: bad.finish('t', H), intervalMs: H }] }));
      assert.deepEqual((await s.candles.listSeries()).map((x) => x.symbol), ['BTC', 'ETH']);
      assert.equal((await s.imports.listImports()).length, 3);
    });

    withStore('funding rates upsert and load in time order', async (s) => {
      const pts = [
        { time: T0 + 8 * H, rate: 0.0001 },
        { time: T0, rate: -0.00013046 },
      ];
      assert.deepEqual(await s.funding.upsertFunding('hl', 'BTC', pts), { inserted: 2, updated: 0, unchanged: 0 });
      assert.deepEqual(await s.funding.upsertFunding('hl', 'BTC', [{ time: T0, rate: 0.0002 }, { time: T0 + 8 * H, rate: 0.0001 }]), { inserted: 0, updated: 1, unchanged: 1 });
      assert.deepEqual(await s.funding.loadFunding('hl', 'BTC'), [
        { time: T0, rate: 0.0002 },
        { time: T0 + 8 * H, rate: 0.0001 },
      ]);
      assert.deepEqual(await s.funding.loadFunding('hl', 'BTC', T0 + 1), [{ time: T0 + 8 * H, rate: 0.0001 }]);
    });

    withStore('backtest runs: saved with clock time, listed newest first, fetched by id', async (s, _fx, clock) => {
      const run = { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, symbols: ['ORCL'], dataFrom: T0, dataTo: T0 + H, fillModel: 'next-open', metrics: { sharpe: 1.25, trades: 3, cagr: null } };
      const a = await s.runs.saveRun(run);
      clock.advanceTo(T0 + 5);
      const b = await s.runs.saveRun({ ...run, strategy: 'other', dataFrom: undefined, dataTo: undefined });
      assert.ok(b.id > a.id);
      assert.deepEqual(await s.runs.getRun(a.id), { ...run, id: a.id, createdAt: T0 });
      assert.equal((await s.runs.getRun(b.id))?.dataFrom, undefined);
      assert.deepEqual((await s.runs.listRuns()).map((r) => r.id), [b.id, a.id]);
      assert.deepEqual((await s.runs.listRuns({ strategy: 'sma-cross' })).map((r) => r.id), [a.id]);
      assert.deepEqual((await s.runs.listRuns({ limit: 1 })).map((r) => r.id), [b.id]);
      assert.equal(await s.runs.getRun(999_999), undefined);
    });

    withStore('backtest runs: spec and digest kept as saved; deleted by id, atomically, reporting which existed', async (s) => {
      const base = { strategy: 'sma-cross', params: {}, symbols: ['X'], dataFrom: T0, dataTo: T0, fillModel: 'close', metrics: { trades: 0 } };
      const spec = { version: 1, data: { kind: 'file', file: { path: '/d.csv', sha256: 'ab'.repeat(32) } }, fees: { makerBps: 1.5, takerBps: 4.5 } };
      const digest = { sha256: 'cd'.repeat(32), fillCount: 0 };
      const a = await s.runs.saveRun({ ...base, spec, digest });
      const b = await s.runs.saveRun(base);
      assert.deepEqual(await s.runs.getRun(a.id), { ...base, spec, digest, id: a.id, createdAt: T0 });
      assert.equal('spec' in ((await s.runs.getRun(b.id)) ?? {}), false, 'a run without a spec has none');
      assert.deepEqual(await s.runs.deleteRuns([a.id, 999_999]), [a.id]);
      assert.equal(await s.runs.getRun(a.id), undefined);
      assert.deepEqual((await s.runs.listRuns()).map((r) => r.id), [b.id]);
    });

    withStore('the ledger appends exact entries in seq order and refuses gaps', async (s) => {
      const entries: LedgerEntry[] = [
        { kind: 'deposit', seq: 1, ts: T0, amount: fixedFromString('10000.1'), note: 'start' },
        { kind: 'fill', seq: 2, ts: T0 + 1, symbol: 'BTC', side: 'buy', qty: fixedFromString('0.000000000001'), price: fixedFromString('43210.5'), fee: fixedFromString('-0.3'), multiplier: fixedFromString('1'), fillId: 'f1', orderId: 'o1', reason: 'entry' },
        { kind: 'funding', seq: 3, ts: T0 + 2, symbol: 'BTC', amount: fixedFromString('-123456789.123456789012'), rate: 0.0001 },
      ];
      await s.ledger.appendLedger('paper', entries.slice(0, 2));
      await s.ledger.appendLedger('paper', entries.slice(2));
      assert.deepEqual(await s.ledger.readLedger('paper'), entries);
      assert.deepEqual(await s.ledger.readLedger('paper', 3), entries.slice(2));
      assert.deepEqual(await s.ledger.readLedger('live'), []);
      await assert.rejects(s.ledger.appendLedger('paper', [{ ...entries[0], seq: 4 }, { ...entries[0], seq: 6 }]), InvariantError);
      await assert.rejects(s.ledger.appendLedger('paper', [{ ...entries[0], seq: 3 }]), InvariantError);
      assert.equal((await s.ledger.readLedger('paper')).length, 3, 'a refused append writes nothing');
    });

    withStore('fills are unique per venue fill id; a replay is a no-op, a conflict an invariant breach', async (s) => {
      assert.equal(await s.fills.appendFill('hl', fill('2', T0 + 1)), true);
      assert.equal(await s.fills.appendFill('hl', fill('1', T0)), true);
      assert.equal(await s.fills.appendFill('hl', fill('1', T0)), false);
      assert.equal(await s.fills.appendFill('sim', fill('1', T0)), true);
      await assert.rejects(s.fills.appendFill('hl', fill('1', T0, '0.5')), InvariantError);
      const got = await s.fills.listFills('hl');
      assert.deepEqual(got, [fill('1', T0), fill('2', T0 + 1)]);
      assert.deepEqual(await s.fills.listFills('hl', 'ETH'), []);
    });

    withStore('data survives closing and reopening', async (s, fx) => {
      await s.candles.upsertBars('file', sampleBars('BTC', 3), H);
      await s.close();
      const again = await fx.reopen();
      try {
        assert.equal((await again.candles.loadBars('file', 'BTC', H)).length, 3);
      } finally {
        await again.close();
      }
    });
  });
}
