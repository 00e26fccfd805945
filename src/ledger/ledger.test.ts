// The ledger: hand-computed position and cash cases, and a million random fills against an exact rational reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../core/errors.js';
import { fixedFromString, type Fixed } from '../core/fixed.js';
import type { Fill, Side } from '../core/orders.js';
import { createRng } from '../core/rng.js';
import { Ledger } from './ledger.js';

const f = (s: string): Fixed => fixedFromString(s);
let nextId = 0;

function fill(symbol: string, side: Side, qty: number, price: number, fee: Fixed = 0n, fillId = `t-${++nextId}`): Fill {
  return { type: 'order.filled', fillId, orderId: 'o', clientId: 'c', symbol, side, qty, price, fee, liquidity: 'taker', ts: 0, reason: '' };
}

function withCash(amount: string): Ledger {
  const l = new Ledger();
  l.deposit(0, f(amount), 'initial');
  return l;
}

test('open, add, partial close and full close of a long (hand-computed)', () => {
  const l = withCash('10000');
  // buy 2 @ 100, fee 0.1: cost 200, cash 9999.9
  l.recordFill(fill('BTC', 'buy', 2, 100, f('0.1')), 1);
  assert.equal(l.position('BTC').qty, f('2'));
  assert.equal(l.position('BTC').avgPriceNum, 100);
  assert.equal(l.cash(), f('9999.9'));
  // add 1 @ 130, fee 0.05: cost 330 for 3 → average 110; cash 9999.85
  l.recordFill(fill('BTC', 'buy', 1, 130, f('0.05')), 1);
  assert.equal(l.position('BTC').qty, f('3'));
  assert.equal(l.position('BTC').avgPriceNum, 110);
  assert.equal(l.cash(), f('9999.85'));
  // sell 1 @ 120, fee 0.06: realised (120 − 110) × 1 = 10; cash 9999.85 + 10 − 0.06 = 10009.79
  l.recordFill(fill('BTC', 'sell', 1, 120, f('0.06')), 1);
  assert.equal(l.position('BTC').qty, f('2'));
  assert.equal(l.position('BTC').avgPriceNum, 110);
  assert.equal(l.totals().realized, f('10'));
  assert.equal(l.cash(), f('10009.79'));
  // sell 2 @ 105: realised (105 − 110) × 2 = −10 → total 0; cash 9999.79; flat with no cost left
  l.recordFill(fill('BTC', 'sell', 2, 105), 1);
  assert.equal(l.position('BTC').qty, 0n);
  assert.equal(l.position('BTC').cost, 0n);
  assert.equal(l.position('BTC').avgPriceNum, 0);
  assert.deepEqual(l.totals(), { deposits: f('10000'), realized: 0n, fees: f('0.21'), funding: 0n, cash: f('9999.79') });
  assert.equal(l.position('BTC').fees, f('0.21'));
  l.checkInvariants();
});

test('a fill through zero closes the old side and opens the rest at the fill price', () => {
  const l = withCash('1000');
  l.recordFill(fill('ETH', 'buy', 1, 100), 1);
  // sell 3 @ 90: realise (90 − 100) × 1 = −10, then short 2 @ 90
  l.recordFill(fill('ETH', 'sell', 3, 90), 1);
  assert.equal(l.position('ETH').qty, f('-2'));
  assert.equal(l.position('ETH').qtyNum, -2);
  assert.equal(l.position('ETH').avgPriceNum, 90);
  assert.equal(l.totals().realized, f('-10'));
  // buy 5 @ 80: short closes with (90 − 80) × 2 = +20, then long 3 @ 80
  l.recordFill(fill('ETH', 'buy', 5, 80), 1);
  assert.equal(l.position('ETH').qty, f('3'));
  assert.equal(l.position('ETH').avgPriceNum, 80);
  assert.equal(l.totals().realized, f('10'));
  assert.equal(l.cash(), f('1010'));
  l.checkInvariants();
});

test('shorts: profit when bought back lower, loss when higher', () => {
  const l = withCash('1000');
  l.recordFill(fill('SOL', 'sell', 2, 90), 1);
  l.recordFill(fill('SOL', 'buy', 1, 80), 1); // (90 − 80) × 1 = +10
  assert.equal(l.totals().realized, f('10'));
  l.recordFill(fill('SOL', 'buy', 1, 95), 1); // (90 − 95) × 1 = −5
  assert.equal(l.totals().realized, f('5'));
  assert.equal(l.position('SOL').qty, 0n);
  assert.equal(l.cash(), f('1005'));
  l.checkInvariants();
});

test('the contract multiplier scales realised and unrealised PnL', () => {
  const l = withCash('1000');
  // 10 contracts of multiplier 0.1 bought @ 2000; mark 2050: unrealised 50 × 10 × 0.1 = 50
  l.recordFill(fill('IDX', 'buy', 10, 2000), 0.1);
  assert.equal(l.equityAt(new Map([['IDX', 2050]])), f('1050'));
  // sold @ 2100: realised 100 × 10 × 0.1 = 100
  l.recordFill(fill('IDX', 'sell', 10, 2100), 0.1);
  assert.equal(l.totals().realized, f('100'));
  assert.equal(l.cash(), f('1100'));
  l.checkInvariants();
});

test('a non-terminating average cost still sums to the exact round-trip PnL', () => {
  const l = withCash('100');
  l.recordFill(fill('X', 'buy', 1, 1), 1);
  l.recordFill(fill('X', 'buy', 2, 2), 1); // cost 5 for 3: average 5/3
  l.recordFill(fill('X', 'sell', 1, 2), 1); // 2 − 5/3 = 1/3 → 0.333333333333 (half-even at 10^-12)
  assert.equal(l.totals().realized, f('0.333333333333'));
  l.recordFill(fill('X', 'sell', 2, 2), 1); // 4 − 10/3 = 2/3 → 0.666666666667
  // Flat → flat: exits 6 − entries 5 = 1 exactly.
  assert.equal(l.totals().realized, f('1'));
  assert.equal(l.position('X').cost, 0n);
  l.checkInvariants();
});

test('fees (including rebates) and funding move cash, not PnL', () => {
  const l = withCash('500');
  l.recordFill(fill('BTC', 'buy', 1, 100, f('0.25')), 1);
  l.recordFill(fill('BTC', 'sell', 1, 100, f('-0.05')), 1); // maker rebate
  l.recordFunding(10, 'BTC', f('-0.5'), 0.0001);
  l.recordFunding(20, 'ETH', f('0.125'), -0.0001);
  assert.deepEqual(l.totals(), { deposits: f('500'), realized: 0n, fees: f('0.2'), funding: f('-0.375'), cash: f('499.425') });
  assert.equal(l.position('BTC').funding, f('-0.5'));
  assert.equal(l.position('ETH').funding, f('0.125'));
  assert.equal(l.cashNum, 499.425);
  l.checkInvariants();
});

test('deposits, withdrawals, the entry log and listeners', () => {
  const l = new Ledger();
  const seen: number[] = [];
  l.onAppend((e) => seen.push(e.seq));
  l.deposit(1, f('100'));
  l.deposit(2, f('-30'), 'withdrawal');
  l.recordFill(fill('BTC', 'buy', 0.5, 10), 1);
  l.recordFunding(3, 'BTC', f('0.01'), 0.001);
  assert.deepEqual(seen, [1, 2, 3, 4]);
  assert.deepEqual(
    l.entries().map((e) => e.kind),
    ['deposit', 'deposit', 'fill', 'funding'],
  );
  assert.equal(l.cash(), f('70.01'));
  assert.deepEqual(l.symbols(), ['BTC']);
});

test('equityAt needs a mark for every open position', () => {
  const l = withCash('100');
  l.recordFill(fill('A', 'sell', 2, 50), 1);
  l.recordFill(fill('B', 'buy', 1, 10), 1);
  // short 2 @ 50 marked at 45: +10; long 1 @ 10 marked at 12: +2
  assert.equal(l.equityAt(new Map([['A', 45], ['B', 12]])), f('112'));
  assert.throws(() => l.equityAt(new Map([['A', 45]])), InvariantError);
});

test('duplicate fill ids and non-positive fills are rejected without touching the ledger', () => {
  const l = withCash('100');
  l.recordFill(fill('BTC', 'buy', 1, 10, 0n, 'venue-1'), 1);
  const before = { n: l.entries().length, cash: l.cash(), qty: l.position('BTC').qty };
  assert.throws(() => l.recordFill(fill('BTC', 'buy', 1, 10, 0n, 'venue-1'), 1), /duplicate fill id venue-1/);
  assert.throws(() => l.recordFill(fill('BTC', 'buy', 0, 10), 1), InvariantError);
  assert.throws(() => l.recordFill(fill('BTC', 'buy', 1, -10), 1), InvariantError);
  assert.deepEqual({ n: l.entries().length, cash: l.cash(), qty: l.position('BTC').qty }, before);
  l.checkInvariants();
});

test('restore rebuilds every projection from a stored log, without calling listeners', () => {
  const l = withCash('1000');
  l.recordFill(fill('BTC', 'buy', 2, 100, f('0.1')), 1);
  l.recordFill(fill('ETH', 'sell', 3, 10, f('0.02')), 1);
  l.recordFunding(5, 'BTC', f('-0.5'), 0.0001);
  l.recordFill(fill('BTC', 'sell', 2, 110, f('0.1')), 1);
  const stored = l.entries().map((e) => ({ ...e }));
  const r = new Ledger();
  const heard: number[] = [];
  r.onAppend((e) => heard.push(e.seq));
  r.restore(stored);
  assert.deepEqual(heard, []);
  assert.deepEqual(r.totals(), l.totals());
  assert.equal(r.cashNum, l.cashNum);
  assert.equal(r.openPositionCount, 1);
  assert.deepEqual(r.symbols(), l.symbols());
  for (const sym of l.symbols()) assert.deepEqual({ ...r.position(sym) }, { ...l.position(sym) });
  r.checkInvariants();
  // Appending continues the restored log; a restored fill id stays taken.
  assert.equal(r.deposit(6, f('1')).seq, stored.length + 1);
  assert.throws(() => r.recordFill(fill('BTC', 'buy', 1, 1, 0n, stored[1].kind === 'fill' ? stored[1].fillId : ''), 1), InvariantError);
});

test('restore refuses a ledger that holds entries, a gap in seq and a duplicate fill id', () => {
  const l = withCash('10');
  l.recordFill(fill('BTC', 'buy', 1, 1, 0n, 'dup'), 1);
  const log = [...l.entries()];
  assert.throws(() => withCash('1').restore(log), /already holds 1 entries/);
  assert.throws(() => new Ledger().restore([log[1]]), /entry seq 2 where 1 was expected/);
  assert.throws(() => new Ledger().restore([log[0], log[1], { ...log[1], seq: 3 }]), /duplicate fill id dup/);
});

test('checkInvariants passes when a symbol was only read, never traded', () => {
  // The sim venue and the runner read positions of every instrument, traded or not.
  const l = withCash('100');
  assert.equal(l.position('NEVER').qtyNum, 0);
  l.checkInvariants();
  l.recordFill(fill('BTC', 'buy', 1, 10), 1);
  l.position('ALSO-NEVER');
  l.checkInvariants();
});

// ---- a million random fills against an exact rational reference ----------------------------------

const E8 = 10n ** 8n;
const E10 = 10n ** 10n;
const E24 = 10n ** 24n;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** n / d (d > 0) rounded to the nearest integer, ties to even: written out here, independent of fixed.ts. */
function roundHalfEven(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r2 = 2n * (a % d);
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** Average-cost position with the average price kept as an exact fraction (10^-12 units). */
interface RefPosition {
  qty: bigint;
  avgNum: bigint;
  avgDen: bigint;
  realized: bigint;
}

/** Applies a fill (qty, price, multiplier in 10^-12 units) and returns the realised PnL, rounded once. */
function refFill(p: RefPosition, buy: boolean, q: bigint, px: bigint, mult: bigint): bigint {
  const signed = buy ? q : -q;
  if (p.qty === 0n || (p.qty > 0n) === buy) {
    const open = p.qty < 0n ? -p.qty : p.qty;
    // new average = (open × avg + q × px) / (open + q)
    let num = open * p.avgNum + q * px * p.avgDen;
    let den = p.avgDen * (open + q);
    const g = gcd(num, den);
    num /= g;
    den /= g;
    p.avgNum = num;
    p.avgDen = den;
    p.qty += signed;
    return 0n;
  }
  const open = p.qty < 0n ? -p.qty : p.qty;
  const close = q < open ? q : open;
  const dir = p.qty > 0n ? 1n : -1n;
  // realised = close × dir × (px − avg) × mult, exact, then one half-even rounding to 10^-12
  const r = roundHalfEven(close * dir * (px * p.avgDen - p.avgNum) * mult, p.avgDen * E24);
  p.realized += r;
  if (q > open) {
    p.qty = buy ? q - open : -(q - open);
    p.avgNum = px;
    p.avgDen = 1n;
  } else {
    p.qty -= dir * close;
    if (p.qty === 0n) {
      p.avgNum = 0n;
      p.avgDen = 1n;
    }
  }
  return r;
}

test('a million random fills: zero drift against an exact recomputation', (t) => {
  const N = 1_000_000;
  const rng = createRng(20240601);
  const symbols = ['AAA', 'BBB', 'CCC'];
  const multNum = [1, 0.1, 2.5];
  const multFixed = [10n ** 12n, 10n ** 11n, 25n * 10n ** 11n];
  const ticks = [6_500_000, 350_000, 15_000]; // 65000.00, 3500.00, 150.00
  const lots = [0, 0, 0]; // signed position in 1e-4 lots
  const ref: RefPosition[] = symbols.map(() => ({ qty: 0n, avgNum: 0n, avgDen: 1n, realized: 0n }));
  let deposits = 0n;
  let fees = 0n;
  let funding = 0n;
  let realized = 0n;
  const kinds = { exactClose: 0, throughZero: 0, partial: 0, openOrAdd: 0 };
  const l = new Ledger();
  const check = (): void => {
    const tot = l.totals();
    assert.equal(tot.deposits, deposits);
    assert.equal(tot.fees, fees);
    assert.equal(tot.funding, funding);
    assert.equal(tot.realized, realized);
    assert.equal(tot.cash, deposits + realized - fees + funding);
    for (let k = 0; k < 3; k++) {
      assert.equal(l.position(symbols[k]).qty, ref[k].qty, `${symbols[k]} qty`);
      assert.equal(l.position(symbols[k]).qty, BigInt(lots[k]) * E8, `${symbols[k]} Σ signed fills`);
      assert.equal(l.position(symbols[k]).realized, ref[k].realized, `${symbols[k]} realised`);
    }
  };
  const t0 = performance.now();
  deposits += 1_000_000n * 10n ** 12n;
  l.deposit(0, 1_000_000n * 10n ** 12n);
  for (let i = 0; i < N; i++) {
    const k = rng.int(0, 2);
    const u = rng.next();
    let side: Side;
    let n: number;
    if (lots[k] !== 0 && u < 0.06) {
      side = lots[k] > 0 ? 'sell' : 'buy'; // exact close
      n = Math.abs(lots[k]);
    } else if (lots[k] !== 0 && u < 0.12) {
      side = lots[k] > 0 ? 'sell' : 'buy'; // through zero
      n = Math.abs(lots[k]) + rng.int(1, 20_000);
    } else {
      n = rng.int(1, 30_000);
      const drift = Math.abs(lots[k]) > 300_000 ? 0.75 : 0.5; // keep positions bounded
      const against = rng.next() < drift;
      side = lots[k] === 0 ? (rng.next() < 0.5 ? 'buy' : 'sell') : (lots[k] > 0) === against ? 'sell' : 'buy';
    }
    ticks[k] = Math.max(100, ticks[k] + rng.int(-300, 300));
    const fee = BigInt(rng.int(-2_000_000_000, 50_000_000_000)); // −0.002 … 0.05, 10^-12 units
    const signed = side === 'buy' ? n : -n;
    if (lots[k] === 0 || Math.sign(lots[k]) === Math.sign(signed)) kinds.openOrAdd++;
    else if (n === Math.abs(lots[k])) kinds.exactClose++;
    else if (n > Math.abs(lots[k])) kinds.throughZero++;
    else kinds.partial++;
    lots[k] += signed;
    realized += refFill(ref[k], side === 'buy', BigInt(n) * E8, BigInt(ticks[k]) * E10, multFixed[k]);
    fees += fee;
    l.recordFill(fill(symbols[k], side, n / 1e4, ticks[k] / 100, fee, `f${i}`), multNum[k]);
    if (rng.next() < 0.001) {
      const a = BigInt(rng.int(-1_000_000_000_000, 1_000_000_000_000));
      funding += a;
      l.recordFunding(i, symbols[rng.int(0, 2)], a, 0);
    }
    if (rng.next() < 0.0001) {
      const a = BigInt(rng.int(-1000, 10_000)) * 10n ** 12n;
      deposits += a;
      l.deposit(i, a);
    }
    if (i % 100_000 === 0) check();
  }
  const t1 = performance.now();
  check();
  l.checkInvariants();
  const t2 = performance.now();
  assert.throws(() => l.recordFill(fill('AAA', 'buy', 1, 1, 0n, 'f123456'), 1), /duplicate fill id/);
  // The run exercised every kind of fill many times.
  for (const [kind, count] of Object.entries(kinds)) assert.ok(count > 20_000, `${kind}: ${count}`);
  t.diagnostic(`1e6 fills with reference: ${(t1 - t0).toFixed(0)} ms; checkInvariants: ${(t2 - t1).toFixed(0)} ms; ${JSON.stringify(kinds)}`);
});
