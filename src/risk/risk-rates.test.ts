// Per-action token buckets on a manual clock: bursts, refill, per-symbol and global limits, and refusals that take no token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CancelIntent } from './risk-intent.js';
import { TokenBucket } from './token-bucket.js';
import { at100, buy, sell, T0, testLimits, testManager, testView } from './testing/risk-fixtures.js';

const cancel: CancelIntent = { botId: 'b1', symbol: 'BTC', action: 'cancel' };

test('a bucket starts full, refills perMin a minute continuously, never beyond its burst', () => {
  const b = new TokenBucket(6, 0);
  for (let i = 0; i < 6; i++) {
    assert.equal(b.has(0), true);
    b.take(0);
  }
  assert.equal(b.has(0), false);
  assert.equal(b.has(9_999), false);
  assert.equal(b.has(10_000), true);
  assert.equal(b.available(600_000), 6);
  assert.equal(b.available(599_999), 6, 'capped at the burst');
});

test('a clock stepping back refills nothing and takes nothing away', () => {
  const b = new TokenBucket(60, 10_000);
  b.take(10_000);
  assert.equal(b.available(5_000), 59);
  assert.equal(b.available(11_000), 60);
});

test('entries: 6 a minute per symbol by default, the 7th is refused until a token refills (10 s later)', () => {
  const { risk, clock } = testManager();
  for (let i = 0; i < 6; i++) assert.equal(risk.check(buy(1), testView()).allowed, true);
  const v = risk.check(buy(1), testView());
  assert.equal(v.rule, 'rate_entries_symbol');
  assert.equal(v.reason, 'entries:BTC are limited to 6 a minute: none left (next in 10000 ms)');
  assert.equal(risk.check({ ...buy(1), symbol: 'ETH' }, testView()).allowed, true, 'another symbol has its own bucket');
  clock.advanceTo(T0 + 9_999);
  assert.equal(risk.check(buy(1), testView(undefined, T0 + 9_999)).rule, 'rate_entries_symbol');
  clock.advanceTo(T0 + 10_000);
  assert.equal(risk.check(buy(1), testView(undefined, T0 + 10_000)).allowed, true);
  assert.equal(risk.check(buy(1), testView(undefined, T0 + 10_000)).rule, 'rate_entries_symbol');
});

test('entries: 30 a minute across symbols; the refused one takes no per-symbol token either', () => {
  const { risk, clock } = testManager({ maxOpenPositions: 10 });
  const symbols = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'];
  for (const symbol of symbols) for (let i = 0; i < 6; i++) assert.equal(risk.check({ ...buy(1), symbol }, testView()).allowed, true);
  const v = risk.check({ ...buy(1), symbol: 'ADA' }, testView());
  assert.equal(v.rule, 'rate_entries');
  assert.deepEqual(v.inputs, { perMin: 30, tokens: 0, waitMs: 2_000 });
  clock.advanceTo(T0 + 60_000);
  const later = testView(undefined, T0 + 60_000);
  for (let i = 0; i < 6; i++) assert.equal(risk.check({ ...buy(1), symbol: 'ADA' }, later).allowed, true);
  assert.equal(risk.check({ ...buy(1), symbol: 'ADA' }, later).rule, 'rate_entries_symbol');
});

test('a refused order takes no token', () => {
  const { risk } = testManager();
  for (let i = 0; i < 10; i++) assert.equal(risk.check(buy(1000), testView()).rule, 'max_order_notional');
  for (let i = 0; i < 6; i++) assert.equal(risk.check(buy(1), testView()).allowed, true);
  assert.equal(risk.check(buy(1), testView()).rule, 'rate_entries_symbol');
});

test('exits: 120 a minute, separate from entries; cancels: 120 a minute', () => {
  const { risk, clock } = testManager();
  const long = testView({ positions: { BTC: at100(150) } });
  for (let i = 0; i < 120; i++) assert.equal(risk.check(sell(1), long).allowed, true);
  assert.equal(risk.check(sell(1), long).rule, 'rate_exits');
  assert.equal(risk.check(buy(1), long).allowed, true, 'adds use the entry buckets');
  for (let i = 0; i < 120; i++) assert.equal(risk.check(cancel, long).allowed, true);
  const v = risk.check(cancel, long);
  assert.equal(v.rule, 'rate_cancels');
  assert.equal(v.action, 'cancel');
  clock.advanceTo(T0 + 500);
  assert.equal(risk.check(cancel, testView({ positions: { BTC: at100(150) } }, T0 + 500)).allowed, true);
});

test('rates come from the limits in force: a reload to a lower rate caps the tokens already earned', () => {
  const { risk } = testManager();
  assert.equal(risk.check(buy(1), testView()).allowed, true);
  risk.setLimits({ account: testLimits({ rates: { entriesPerMin: 30, entriesPerSymbolPerMin: 2, exitsPerMin: 120, cancelsPerMin: 120 } }) });
  assert.equal(risk.check(buy(1), testView()).allowed, true);
  assert.equal(risk.check(buy(1), testView()).allowed, true);
  assert.equal(risk.check(buy(1), testView()).rule, 'rate_entries_symbol');
});
