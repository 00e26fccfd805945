// `sextant simulate` end to end: a stored simulation replays through the Hyperliquid decoder to the simulator's own trades and books, its candles are the candle builder's, and live mode paces lines per second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import type { Envelope } from '../core/envelope.js';
import { BOOK, TRADE, type BookData, type TradeData } from '../market/market-events.js';
import { MarketSim } from '../sim/market-sim/market-sim.js';
import { simSymbols } from '../sim/market-sim/sim-instruments.js';
import { withStore } from '../store/open-store.js';
import type { Scheduler, TimerHandle } from '../core/clock.js';
import { replayFrames } from './recording-replay.js';
import { runSimulate, type SimulateDeps } from './simulate-root.js';
import { simVenue } from './sim-recording.js';

const START = Date.UTC(2026, 0, 1);
const MIN = 60_000;

/** Time that jumps forward to each timer as it is set: a paced run finishes at once, deterministically. */
class FastForward implements Clock, Scheduler {
  t = 1_000_000;
  now(): number {
    return this.t;
  }
  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    this.t += Math.max(0, delayMs);
    queueMicrotask(callback);
    return { id: 0 };
  }
  clearTimeout(): void {}
}

function deps(out: string[], err: string[], signal = new AbortController().signal): SimulateDeps {
  const ff = new FastForward();
  return { clock: ff, scheduler: ff, signal, out: (s) => void out.push(s), progress: (s) => void err.push(s) };
}

test('a stored simulation: recording frames decode to the simulator trades and books; 1m candles as the builder closed them; funding and listing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-sim-'));
  const db = join(dir, 's.db');
  const symbols = simSymbols('BTC,SOL');
  const out: string[] = [];
  const r = await runSimulate({ symbols, seed: 5, start: START, durationMs: 65 * MIN, speed: undefined, db }, deps(out, []));
  assert.equal(r.interrupted, false);
  assert.ok(r.stored);
  assert.match(out.join(''), /^recording 1 \(venue sim-5-20260101T0000Z\): /);
  const expected = new MarketSim({ symbols, seed: 5, start: START }).next(START + 65 * MIN);
  await withStore(db, { clock: { now: () => START } }, async (store) => {
    const recs = await store.recordings.listRecordings();
    assert.equal(recs.length, 1);
    assert.equal(recs[0].venue, simVenue(5, START));
    const decoded: Envelope[] = [];
    for await (const f of replayFrames(store.recordings, 1)) {
      assert.equal(f.error, undefined, `frame ${f.frame.seq} (${f.frame.channel}) decodes`);
      for (const e of f.events) decoded.push(e);
    }
    const pick = (es: readonly Envelope[], type: string): unknown[] =>
      es.filter((e) => e.type === type).map((e) => (type === TRADE ? { s: e.symbol, t: e.tsEvent, ...(e.data as TradeData) } : { s: e.symbol, t: e.tsEvent, b: Array.from((e.data as BookData).bids), a: Array.from((e.data as BookData).asks) }));
    assert.deepEqual(pick(decoded, TRADE), pick(expected, TRADE));
    assert.deepEqual(pick(decoded, BOOK), pick(expected, BOOK));
    for (const s of symbols) {
      const bars = await store.candles.loadBars(simVenue(5, START), s.name, MIN, undefined, undefined, { finalOnly: true });
      assert.equal(bars.length, 65, `${s.name}: every minute closed and final`);
      // The first bar, recomputed from the simulator's trades.
      const first = expected.filter((e) => e.type === TRADE && e.symbol === s.name && e.tsEvent < START + MIN).map((e) => e.data as TradeData);
      assert.equal(bars.open[0], first[0].price);
      assert.equal(bars.close[0], first[first.length - 1].price);
      assert.equal(bars.high[0], Math.max(...first.map((t) => t.price)));
      const funding = await store.funding.loadFunding(simVenue(5, START), s.name);
      assert.deepEqual(funding.map((p) => p.time), [START + 60 * MIN]);
    }
  });
});

test('the same seed stores the same frames; live-paced mode prints one line per symbol per second and stops at the duration', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-sim-'));
  const symbols = simSymbols('ETH');
  const frames: string[] = [];
  for (const name of ['a.db', 'b.db']) {
    const db = join(dir, name);
    await runSimulate({ symbols, seed: 9, start: START, durationMs: 2 * MIN, speed: undefined, db }, deps([], []));
    await withStore(db, { clock: { now: () => START } }, async (store) => {
      const fs = await store.recordings.readFrames(1, 1, 1_000_000);
      frames.push(fs.map((f) => `${f.tsInit} ${f.channel} ${Buffer.from(f.payload).toString()}`).join('\n'));
    });
  }
  assert.ok(frames[0].length > 0 && frames[0] === frames[1], 'identical recordings');

  const out: string[] = [];
  const r = await runSimulate({ symbols: simSymbols('BTC,ETH'), seed: 1, start: START, durationMs: 5_000, speed: 1, db: undefined }, deps(out, []));
  assert.equal(r.interrupted, false);
  const lines = out.join('').trimEnd().split('\n');
  assert.equal(lines.length, 10);
  assert.match(lines[0], /^00:00:01Z BTC +\d+ mark \d+ \| +\d+ trades [\d.]+ \| funding -?[\d.]+ %\/h OI \d+ \| (calm|trending|volatile) vol×[\d.]+/);
  assert.match(lines[9], /^00:00:05Z ETH /);
});

test('a stop signal ends a live run, reported as interrupted; fast needs a db and a duration', async () => {
  const abort = new AbortController();
  const out: string[] = [];
  const d = deps(out, [], abort.signal);
  const wrapped: SimulateDeps = { ...d, out: (s) => (out.push(s), out.length >= 3 ? abort.abort() : undefined) };
  const r = await runSimulate({ symbols: simSymbols('SOL'), seed: 1, start: START, durationMs: undefined, speed: 10, db: undefined }, wrapped);
  assert.equal(r.interrupted, true);
  assert.equal(out.length, 3);
  await assert.rejects(runSimulate({ symbols: simSymbols('SOL'), seed: 1, start: START, durationMs: undefined, speed: undefined, db: join(tmpdir(), 'x.db') }, d), /needs both --db and --duration/);
});
