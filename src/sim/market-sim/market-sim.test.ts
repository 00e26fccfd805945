import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Envelope } from '../../core/envelope.js';
import { isValidPrice } from '../../core/instrument.js';
import { BOOK, TRADE, type BookData, type TradeData } from '../../market/market-events.js';
import { FUNDING_SETTLED, LIQUIDATION, PERP_CTX, type FundingSettledData, type LiquidationData, type PerpCtxData } from '../../market/perp-events.js';
import { FUNDING_CAP_HOURLY } from './funding-clock.js';
import { MarketSim, type MarketSimOptions } from './market-sim.js';
import { simInstrument, simSymbols } from './sim-instruments.js';

const START = Date.UTC(2026, 2, 1, 0, 0, 0);
const HOUR = 3_600_000;

function run(opts: Partial<MarketSimOptions> & { hours: number }): Envelope[] {
  const sim = new MarketSim({ symbols: simSymbols('BTC,ETH,SOL'), seed: 7, start: START, ...opts });
  return sim.next(START + opts.hours * HOUR);
}

function bytes(events: readonly unknown[]): string {
  return JSON.stringify(events, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));
}

test('same (symbols, seed, start) ⇒ the same stream byte for byte, however it is pulled; another seed differs', () => {
  const opts = { symbols: simSymbols('BTC,SOL'), seed: 42, start: START + 123 };
  const end = START + HOUR / 6;
  const whole = new MarketSim(opts).next(end);
  const sim = new MarketSim(opts);
  const chunked: Envelope[] = [];
  for (let t = START; t < end; t += 1_337) chunked.push(...sim.next(t));
  chunked.push(...sim.next(end));
  assert.ok(whole.length > 5_000);
  // (assert.ok, not equal: a diff of megabytes helps nobody)
  assert.ok(bytes(chunked) === bytes(whole), 'chunked pulls give the same stream');
  const other = new MarketSim({ ...opts, seed: 43 }).next(end);
  assert.ok(bytes(other) !== bytes(whole), 'another seed gives another stream');
  // A symbol's path does not depend on its neighbours.
  const btcAlone = new MarketSim({ ...opts, symbols: simSymbols('BTC') }).next(end);
  const books = (es: readonly Envelope[]): string => bytes(es.filter((e) => e.type === BOOK && e.symbol === 'BTC').map((e) => e.data));
  assert.ok(books(btcAlone) === books(whole), "BTC's books are the same alone");
});

test('stream order, books that never cross, trades at the touch of the book they hit, prices on the grid', () => {
  const events = run({ hours: 1 / 3 });
  const inst = new Map(simSymbols('BTC,ETH,SOL').map((s) => [s.name, simInstrument(s)]));
  const lastBook = new Map<string, BookData>();
  let prevTs = Number.NEGATIVE_INFINITY;
  let trades = 0;
  const onGrid = (x: number, lot: number): boolean => Math.abs(x / lot - Math.round(x / lot)) < 1e-6;
  events.forEach((e, i) => {
    assert.equal(e.seq, i + 1);
    assert.ok(e.tsEvent >= prevTs, `time goes back at seq ${e.seq}`);
    prevTs = e.tsEvent;
    const ins = inst.get(e.symbol);
    assert.ok(ins);
    if (e.type === BOOK) {
      const b = e.data as BookData;
      assert.equal(b.bids.length, 40);
      assert.equal(b.asks.length, 40);
      assert.ok(b.bids[0] < b.asks[0], `crossed book ${e.symbol} at ${e.tsEvent}`);
      for (let k = 0; k < 40; k += 2) {
        if (k > 0) assert.ok(b.bids[k] < b.bids[k - 2] && b.asks[k] > b.asks[k - 2], 'levels strictly ordered');
        assert.ok(isValidPrice(ins, b.bids[k]) && isValidPrice(ins, b.asks[k]), `price off the grid: ${b.bids[k]} / ${b.asks[k]}`);
        assert.ok(onGrid(b.bids[k + 1], ins.lotSize) && onGrid(b.asks[k + 1], ins.lotSize));
      }
      lastBook.set(e.symbol, b);
    } else if (e.type === TRADE) {
      const t = e.data as TradeData;
      const b = lastBook.get(e.symbol);
      assert.ok(b, 'a book comes before the first trade');
      const side = t.side === 'buy' ? b.asks : b.bids;
      let level = -1;
      for (let k = 0; k < side.length; k += 2) if (side[k] === t.price) level = k;
      assert.ok(level >= 0, `trade at ${t.price} is not a level of the ${t.side === 'buy' ? 'ask' : 'bid'} side`);
      assert.ok(t.size <= side[level + 1] + 1e-9, 'a trade is no larger than its level');
      assert.ok(onGrid(t.size, ins.lotSize));
      trades++;
    } else if (e.type === PERP_CTX) {
      const c = e.data as PerpCtxData;
      const b = lastBook.get(e.symbol) as BookData;
      assert.ok(c.markPrice >= b.bids[0] && c.markPrice <= b.asks[0], 'mark is the median of bid, ask and oracle+premium');
      assert.ok(c.openInterest > 0);
    }
  });
  assert.ok(trades > 3_000, `trades ${trades}`);
});

test('funding settles once an hour per symbol within the venue bounds; liquidations come in bursts with their trades', () => {
  const events = run({ hours: 12, stepMs: 5_000, contextEveryMs: 5_000 });
  const settled = events.filter((e) => e.type === FUNDING_SETTLED);
  // At 01:00 … 11:00: the start has no hour behind it to settle, 12:00 is the end (exclusive).
  assert.equal(settled.length, 11 * 3);
  for (const e of settled) {
    assert.equal(e.tsEvent % HOUR, 0);
    const d = e.data as FundingSettledData;
    assert.ok(Math.abs(d.rate) <= FUNDING_CAP_HOURLY);
    // F/8 with F = P + clamp(0.01 % − P, ±0.05 %): within 0.05 %/8 of the premium's own part.
    assert.ok(Math.abs(d.rate - (d.premium + Math.min(Math.max(0.0001 - d.premium, -0.0005), 0.0005)) / 8) < 1e-15);
  }
  for (const e of events.filter((x) => x.type === PERP_CTX)) assert.ok(Math.abs((e.data as PerpCtxData).funding) <= FUNDING_CAP_HOURLY);
  const liqs = events.filter((e) => e.type === LIQUIDATION);
  assert.ok(liqs.length > 0, 'some jumps liquidated positions');
  const trades = new Set(events.filter((e) => e.type === TRADE).map((e) => `${e.symbol} ${e.tsEvent} ${(e.data as TradeData).side}`));
  for (const l of liqs) {
    const d = l.data as LiquidationData;
    assert.ok(trades.has(`${l.symbol} ${l.tsEvent} ${d.positionSide === 'long' ? 'sell' : 'buy'}`), 'a liquidation trades against the book');
  }
});

test('regimes switch and volatility clusters: |1-minute returns| are autocorrelated', () => {
  const sim = new MarketSim({ symbols: simSymbols('BTC,ETH'), seed: 3, start: START, stepMs: 5_000, contextEveryMs: 5_000 });
  const closes = new Map<string, number[]>([['BTC', []], ['ETH', []]]);
  const minute = new Map<string, number>();
  sim.pull(START + 24 * HOUR, (e) => {
    if (e.type !== TRADE) return;
    const m = Math.floor(e.tsEvent / 60_000);
    const list = closes.get(e.symbol) as number[];
    if (minute.get(e.symbol) !== m) list.push((e.data as TradeData).price);
    else list[list.length - 1] = (e.data as TradeData).price;
    minute.set(e.symbol, m);
  });
  for (const symbol of ['BTC', 'ETH']) {
    assert.ok(sim.counters(symbol).switches >= 3, `${symbol} regime switches ${sim.counters(symbol).switches}`);
    const c = closes.get(symbol) as number[];
    const r = c.slice(1).map((x, i) => Math.abs(Math.log(x / c[i])));
    const ac = autocorrelation(r, 1);
    assert.ok(ac > 0.1, `${symbol} autocorrelation of |returns| ${ac}`);
    // Plain returns are not (much) autocorrelated: the clustering is in the size, not the sign.
    const signed = c.slice(1).map((x, i) => Math.log(x / c[i]));
    assert.ok(Math.abs(autocorrelation(signed, 1)) < ac);
  }
});

test('rejects bad options with what and where', () => {
  const symbols = simSymbols('BTC');
  assert.throws(() => new MarketSim({ symbols, seed: -1, start: START }), /seed/);
  assert.throws(() => new MarketSim({ symbols, seed: 1, start: Number.NaN }), /start/);
  assert.throws(() => new MarketSim({ symbols, seed: 1, start: START, stepMs: 300 }), /divide 5000/);
  assert.throws(() => new MarketSim({ symbols, seed: 1, start: START, contextEveryMs: 750 }), /multiple of the step/);
  assert.throws(() => simSymbols('BTC,BTC'), /given twice/);
  assert.throws(() => simSymbols(''), /at least one symbol/);
});

function autocorrelation(x: readonly number[], lag: number): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += (x[i] - mean) ** 2;
    if (i >= lag) num += (x[i] - mean) * (x[i - lag] - mean);
  }
  return num / den;
}

test('before the first book a symbol has no mark or mid (null, never 0)', () => {
  const sim = new MarketSim({ symbols: simSymbols('BTC'), seed: 7, start: START });
  const before = sim.status('BTC');
  assert.equal(before.mark, null);
  assert.equal(before.mid, null);
  sim.next(START + 1_000);
  const after = sim.status('BTC');
  assert.ok(after.mark !== null && after.mark > 0 && after.mid !== null && after.mid > 0);
});
