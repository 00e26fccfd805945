// sma-cross decisions on hand-made closes: crosses, exact ties, pending orders, long-only vs reversing, sizing, parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError, InvariantError } from '../core/errors.js';
import { isValidQty, makeInstrument, type Instrument } from '../core/instrument.js';
import type { OrderRequest } from '../core/orders.js';
import { createRng } from '../core/rng.js';
import { resolveParams } from './params.js';
import { smaCross } from './sma-cross.js';
import type { BarView, Strategy, StrategyContext } from './strategy.js';

/** A context that records orders and (optionally) fills market orders at once. */
class FakeContext implements StrategyContext {
  readonly orders: { bar: number; side: string; qty: number }[] = [];
  pos = 0;
  pending = false;
  eq = 10_000;
  bar = -1;
  constructor(
    readonly inst: Instrument,
    readonly fillAtOnce = true,
  ) {}
  now(): number {
    return this.bar;
  }
  instrument(): Instrument {
    return this.inst;
  }
  position(): number {
    return this.pos;
  }
  entryPrice(): number | undefined {
    return undefined;
  }
  cash(): number {
    return this.eq;
  }
  equity(): number {
    return this.eq;
  }
  lastPrice(): number | undefined {
    return undefined;
  }
  submit(o: OrderRequest): string {
    assert.equal(o.type, 'market');
    this.orders.push({ bar: this.bar, side: o.side, qty: o.qty });
    if (this.fillAtOnce) this.pos = Math.round((this.pos + (o.side === 'buy' ? o.qty : -o.qty)) * 1e8) / 1e8;
    return `o${this.orders.length}`;
  }
  cancel(): void {}
  cancelAll(): void {}
  hasOpenOrders(): boolean {
    return this.pending;
  }
  setLeverage(): void {}
  proposeEntry(): void {}
  setTimer(): void {}
  cancelTimer(): void {}
  symbols(): readonly string[] {
    return [];
  }
  indicator(): never {
    throw new InvariantError('this fake context keeps no indicators');
  }
  bars(): never {
    throw new InvariantError('this fake context keeps no bar history');
  }
  setExits(): never {
    throw new InvariantError('this fake context keeps no exits');
  }
}

const INST = makeInstrument({ symbol: 'X', priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 });

function make(p: Record<string, number | boolean>): Strategy {
  return smaCross.create({ fast: 2, slow: 3, size: 1, longOnly: true, ...p }, {});
}

function bar(index: number, close: number, symbol = 'X'): BarView {
  return { symbol, index, time: index * 60_000, open: close, high: close, low: close, close, volume: 0 };
}

/** Feeds closes; returns "bar:side qty" for each order. */
function run(s: Strategy, closes: readonly number[], ctx = new FakeContext(INST)): string[] {
  closes.forEach((c, i) => {
    ctx.bar = i;
    s.onBar?.(bar(i, c), ctx);
  });
  return ctx.orders.map((o) => `${o.bar}:${o.side} ${o.qty}`);
}

/**
 * Reference: cross bars from exact integer sums (prices in cents). A bar's sign is
 * sign(ΣF·slow − ΣS·fast); ties are skipped when looking back; the first bar with both averages
 * only seeds. Returns [bar, +1 | −1].
 */
function referenceCrosses(closes: readonly number[], fast: number, slow: number): [number, number][] {
  const cents = closes.map((c) => BigInt(Math.round(c * 100)));
  const out: [number, number][] = [];
  let last = 0;
  for (let i = slow - 1; i < cents.length; i++) {
    let sf = 0n;
    let ss = 0n;
    for (let j = i - fast + 1; j <= i; j++) sf += cents[j];
    for (let j = i - slow + 1; j <= i; j++) ss += cents[j];
    const d = sf * BigInt(slow) - ss * BigInt(fast);
    const sign = d > 0n ? 1 : d < 0n ? -1 : 0;
    if (sign === 0) continue;
    if (i > slow - 1 && last !== 0 && sign !== last) out.push([i, sign]);
    last = sign;
  }
  return out;
}

test('crosses on hand-made closes (fast 2, slow 3)', () => {
  // i=2: F 10 = S 10 → tie, seeds nothing. i=3: F 9.5 < S 9.67 → −1 (first sign, no cross).
  // i=4: F 10.5 > S 10.33 → up-cross: buy. i=5: F 12 > S 11. i=6: F 10 < S 10.67 → down-cross: sell.
  const closes = [10, 10, 10, 9, 12, 12, 8];
  assert.deepEqual(run(make({}), closes), ['4:buy 1', '6:sell 1']);
  assert.deepEqual(referenceCrosses(closes, 2, 3), [
    [4, 1],
    [6, -1],
  ]);
});

test('fast = 1 compares the close itself with the slow average', () => {
  // slow 3: i=2 S 11 < C 12 → +1 seeds; i=3 C 10 < S 11 → down (flat: nothing);
  // i=4 C 11 = S 11 → tie, skipped; i=5 C 13 > S 11.33 → up-cross against the −1 of i=3: buy.
  const closes = [10, 11, 12, 10, 11, 13];
  assert.deepEqual(run(make({ fast: 1 }), closes), ['5:buy 1']);
  assert.deepEqual(run(make({ fast: 1, longOnly: false }), closes), ['3:sell 1', '5:buy 2']);
});

test('an exact tie between the averages is skipped when looking back', () => {
  // fast 1, slow 3: −1 at i=2, −1 at i=3, tie at i=4 (C 9.5 = S 9.5), −1 at i=5: no cross;
  // i=6 C 10 > S 9.5: the up-cross is measured against i=5, not the tie.
  const closes = [12, 12, 9, 10, 9.5, 9, 10];
  assert.deepEqual(run(make({ fast: 1 }), closes), ['6:buy 1']);
  // A tie that floats would miss: fast 2, slow 4 on 0.1 0.2 0.2 0.1 gives SMA 0.15 both, while
  // (0.2 + 0.1) × 4 − (0.1 + 0.2 + 0.2 + 0.1) × 2 = 2.2e-16 in doubles. −1 (seed), tie, −1: no order.
  const ties = [0.4, 0.1, 0.2, 0.2, 0.1, 0.1];
  assert.deepEqual(referenceCrosses(ties, 2, 4), []);
  assert.deepEqual(run(make({ fast: 2, slow: 4, longOnly: false }), ties), []);
});

test('agrees with the exact reference on random closes with many ties', () => {
  const rng = createRng(5);
  for (const [fast, slow] of [
    [1, 2],
    [2, 3],
    [3, 7],
    [5, 20],
  ]) {
    const closes: number[] = [];
    let c = 1000;
    for (let i = 0; i < 3000; i++) {
      c = Math.max(1, c + rng.int(-2, 2)); // small integer-cent moves make exact ties common
      closes.push(c / 100);
    }
    const want = referenceCrosses(closes, fast, slow).map(([i, s]) => `${i}:${s > 0 ? 'buy' : 'sell'} ${s > 0 ? 1 : 1}`);
    // Reversing with size 1: the first cross opens 1, every later one reverses 2.
    const got = run(make({ fast, slow, longOnly: false }), closes).map((x) => x.replace(/ 2$/, ' 1'));
    assert.deepEqual(got, want, `fast ${fast} slow ${slow}`);
    assert.ok(want.length > 20);
  }
});

test('no order while one is pending; the cross is not replayed later', () => {
  const ctx = new FakeContext(INST, false);
  const s = make({});
  const closes = [10, 10, 10, 9, 12, 12, 13, 8];
  closes.forEach((c, i) => {
    ctx.bar = i;
    ctx.pending = i === 4; // the up-cross bar
    s.onBar?.(bar(i, c), ctx);
  });
  // Up-cross at 4 skipped; down-cross at 7 with a flat position in long-only mode: nothing.
  assert.deepEqual(ctx.orders, []);
});

test('long-only closes on a down-cross; reversing flips through zero', () => {
  const closes = [10, 10, 10, 9, 12, 12, 8, 8, 13];
  // crosses: up 4, down 6, up 8
  assert.deepEqual(run(make({ size: 0.5 }), closes), ['4:buy 0.5', '6:sell 0.5', '8:buy 0.5']);
  assert.deepEqual(run(make({ size: 0.5, longOnly: false }), closes), ['4:buy 0.5', '6:sell 1', '8:buy 1']);
});

test('reversal quantities stay on the lot grid (0.7 + 0.1 is not 0.8 in doubles)', () => {
  const ctx = new FakeContext(INST, false);
  ctx.pos = 0.7;
  const s = make({ size: 0.1, longOnly: false });
  run(s, [10, 10, 10, 11, 8], ctx); // i=3 +1 (first sign); i=4 F 9.5 < S 9.67: down-cross while long 0.7
  assert.deepEqual(ctx.orders, [{ bar: 4, side: 'sell', qty: 0.8 }]);
  assert.ok(isValidQty(INST, ctx.orders[0].qty));
});

test('stakePct sizes by equity: whole lots of equity × pct / (close × multiplier)', () => {
  // 10 000 × 50% / 123.45 = 40.5022… → 40 502 lots of 0.001
  const ctx = new FakeContext(INST);
  run(make({ fast: 1, slow: 2, stakePct: 50 }), [123.46, 123.44, 123.45], ctx);
  assert.deepEqual(ctx.orders, [{ bar: 2, side: 'buy', qty: 40.502 }]);
  // multiplier 2: 10 000 × 50% / 246.9 = 20.2511… → 20.251
  const inst2 = makeInstrument({ symbol: 'X', priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001, multiplier: 2 });
  const ctx2 = new FakeContext(inst2);
  run(make({ fast: 1, slow: 2, stakePct: 50 }), [123.46, 123.44, 123.45], ctx2);
  assert.deepEqual(ctx2.orders, [{ bar: 2, side: 'buy', qty: 20.251 }]);
});

test('stakePct quantities are always on the lot grid', () => {
  const rng = createRng(17);
  const inst = makeInstrument({ symbol: 'X', priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 1e-8 });
  for (let i = 0; i < 500; i++) {
    const ctx = new FakeContext(inst);
    ctx.eq = rng.int(1, 1_000_000_000) / 100;
    run(make({ fast: 1, slow: 2, stakePct: rng.int(1, 100) }), [50_000, 49_999, rng.int(5_000_000, 9_000_000) / 100], ctx);
    for (const o of ctx.orders) assert.ok(isValidQty(inst, o.qty), `${o.qty} off the 1e-8 grid`);
  }
});

test('parameters: declared ranges and fast < slow', () => {
  const specs = smaCross.params;
  assert.deepEqual(resolveParams('sma-cross', specs, []), { fast: 10, slow: 30, size: 1, stakePct: undefined, longOnly: true });
  assert.throws(() => resolveParams('sma-cross', specs, ['fast=0']), /must be ≥ 1/);
  assert.throws(() => resolveParams('sma-cross', specs, ['slow=1']), /must be ≥ 2/);
  assert.throws(() => resolveParams('sma-cross', specs, ['fast=2.5']), /expected an integer/);
  assert.throws(() => smaCross.create(resolveParams('sma-cross', specs, ['fast=30', 'slow=30']), {}), (e: unknown) => e instanceof BadInputError && e.where === '--param fast');
  assert.throws(() => smaCross.create(resolveParams('sma-cross', specs, ['fast=31']), {}), BadInputError);
  assert.ok(smaCross.create(resolveParams('sma-cross', specs, ['fast=29']), {}));
});

test('symbols are tracked independently', () => {
  const s = make({});
  const ctx = new FakeContext(INST);
  const a = [10, 10, 10, 9, 12];
  const b = [20, 20, 20, 21, 18];
  for (let i = 0; i < a.length; i++) {
    ctx.bar = i;
    s.onBar?.(bar(i, a[i], 'A'), ctx);
    ctx.pos = 0;
    s.onBar?.(bar(i, b[i], 'B'), ctx);
    ctx.pos = 0;
  }
  // A: up-cross at 4 → buy; B: +1 at 3 then down at 4 → flat, long-only: nothing.
  assert.deepEqual(ctx.orders, [{ bar: 4, side: 'buy', qty: 1 }]);
});

test('chart lines: the two SMAs per symbol, NaN during warm-up; SMA(1) is the close and is not drawn', () => {
  const close = Float64Array.of(10, 12, 14, 13);
  const series = { symbol: 'X', intervalMs: 1, length: 4, time: Float64Array.of(0, 1, 2, 3), open: close, high: close, low: close, close, volume: close, priceDecimals: 0 };
  const lines = smaCross.chartLines?.({ fast: 2, slow: 3 }, [series]) ?? [];
  assert.deepEqual(lines.map((l) => [l.symbol, l.label, l.pane, Array.from(l.values)]), [
    ['X', 'SMA(2)', 'price', [NaN, 11, 13, 13.5]],
    ['X', 'SMA(3)', 'price', [NaN, NaN, 12, 13]],
  ]);
  assert.deepEqual((smaCross.chartLines?.({ fast: 1, slow: 3 }, [series]) ?? []).map((l) => l.label), ['SMA(3)']);
});
