// Compacting a ledger for the state file: cash, positions, exact cost bases and funding rebuild from a few entries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedFromString } from '../../core/fixed.js';
import type { Fill, Side } from '../../core/orders.js';
import { createRng } from '../../core/rng.js';
import { Ledger } from '../../ledger/ledger.js';
import { compactLedger } from './compact-ledger.js';

function fill(n: number, symbol: string, side: Side, qty: number, price: number, fee: string): Fill {
  return { type: 'order.filled', fillId: `f-${n}`, orderId: 'o', clientId: 'c', symbol, side, qty, price, fee: fixedFromString(fee), liquidity: 'taker', ts: n, reason: '' };
}

function assertSame(a: Ledger, b: Ledger): void {
  assert.equal(b.cash(), a.cash());
  for (const s of a.symbols()) {
    const p = a.position(s);
    const q = b.position(s);
    assert.deepEqual([q.qty, q.cost, q.multiplier, q.funding, q.qtyNum, q.avgPriceNum], [p.qty, p.cost, p.multiplier, p.funding, p.qtyNum, p.avgPriceNum], s);
  }
  b.checkInvariants();
}

test('a compacted ledger rebuilds cash and positions exactly (random fills, funding, reversals)', () => {
  const r0 = createRng(11);
  const rng = (): number => r0.next();
  for (let round = 0; round < 50; round++) {
    const l = new Ledger();
    l.deposit(0, fixedFromString('10000'), 'start');
    for (let i = 1; i <= 200; i++) {
      const sym = ['BTC', 'ETH', 'SOL'][Math.floor(rng() * 3)];
      const qty = Math.max(0.00001, Math.round(rng() * 100_000) / 1e5);
      const price = Math.round((50 + rng() * 100) * 1e4) / 1e4;
      l.recordFill(fill(i, sym, rng() < 0.5 ? 'buy' : 'sell', qty, price, (rng() * 0.1).toFixed(6)), 1);
      if (i % 37 === 0) l.recordFunding(i, sym, fixedFromString((rng() - 0.5).toFixed(6)), 0.0001);
    }
    const c = compactLedger(l);
    assert.ok(c.length <= 1 + 2 * 3 + 3, `${c.length} entries`);
    const r = new Ledger();
    r.restore(c);
    assertSame(l, r);
  }
});

test('one unit, an exact average and a short compact to one fill; an empty ledger to a deposit', () => {
  const l = new Ledger();
  l.deposit(0, fixedFromString('100'), 'start');
  l.recordFill(fill(1, 'A', 'buy', 1e-12, 5, '0'), 1);
  l.recordFill(fill(2, 'B', 'sell', 2, 10, '0.5'), 1);
  l.recordFill(fill(3, 'B', 'sell', 1, 13, '0'), 1);
  const c = compactLedger(l);
  assert.deepEqual(c.map((e) => e.kind), ['deposit', 'fill', 'fill']);
  const r = new Ledger();
  r.restore(c);
  assertSame(l, r);
  assert.deepEqual(compactLedger(new Ledger()).map((e) => [e.kind, e.seq]), [['deposit', 1]]);
});
