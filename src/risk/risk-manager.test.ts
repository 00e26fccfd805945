// Every pre-trade rule at its boundary (equal to a limit passes, one step past it fails), action derivation and the verdict record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RiskLimits } from '../config/risk-config.js';
import { BadInputError, InvariantError } from '../core/errors.js';
import type { OrderIntent } from './risk-intent.js';
import type { RiskManager } from './risk-manager.js';
import type { StaticRiskView } from './static-view.js';
import type { Verdict } from './verdict.js';
import { at100, buy, sell, T0, testLimits, testManager, testView } from './testing/risk-fixtures.js';

function pass(risk: RiskManager, intent: OrderIntent, view: StaticRiskView = testView()): Verdict {
  const v = risk.check(intent, view);
  assert.equal(v.allowed, true, `expected a pass, got ${v.rule}: ${v.reason}`);
  assert.equal(v.rule, 'ok');
  return v;
}

function refuse(risk: RiskManager, intent: OrderIntent, rule: string, view: StaticRiskView = testView()): Verdict {
  const v = risk.check(intent, view);
  assert.equal(v.allowed, false, `expected ${rule}, got a pass`);
  assert.equal(v.rule, rule, v.reason);
  return v;
}

const fresh = (account: Partial<RiskLimits> = {}, symbols?: ReadonlyMap<string, RiskLimits>): RiskManager => testManager(account, symbols).risk;

test('a verdict is a record: time, bot, symbol, action, outcome, rule, reason and the inputs the rule used', () => {
  const { risk } = testManager();
  const v = risk.check(buy(100.01), testView());
  assert.deepEqual(
    { ts: v.ts, botId: v.botId, symbol: v.symbol, action: v.action, allowed: v.allowed, rule: v.rule },
    { ts: T0, botId: 'b1', symbol: 'BTC', action: 'open', allowed: false, rule: 'max_order_notional' },
  );
  assert.equal(v.reason, 'order value 10001 is above the limit 10000 per order');
  assert.deepEqual(v.inputs, { notional: 10_001, maxOrderNotional: 10_000 });
  assert.deepEqual(v.killChanges, []);
  const ok = risk.check(buy(1), testView());
  assert.equal(ok.reason, 'passed');
  assert.equal(ok.inputs.notional, 100);
  assert.equal(ok.inputs.killLevel, 'off');
});

test('the action follows from the position when not given: open, add, reduce, close, and a flip is an open', () => {
  const r = fresh();
  const long = testView({ positions: { BTC: at100(2) } });
  assert.equal(r.check(buy(1), testView()).action, 'open');
  assert.equal(r.check(buy(1), long).action, 'add');
  assert.equal(r.check(sell(1), long).action, 'reduce');
  assert.equal(r.check(sell(2), long).action, 'close');
  assert.equal(r.check(sell(3), long).action, 'open');
  assert.equal(r.check(sell(3, { reduceOnly: true }), long).action, 'close');
  const short = testView({ positions: { BTC: at100(-2) } });
  assert.equal(r.check(buy(2), short).action, 'close');
  assert.equal(r.check(sell(1), short).action, 'add');
});

test('a stated action must agree with the position (entry vs exit); a reduce-only order must reduce something', () => {
  const r = fresh();
  const v = refuse(r, sell(1, { action: 'close' }), 'action_mismatch');
  assert.match(v.reason, /says close but a sell of 1 on a position of 0 is an open/);
  refuse(r, buy(1, { action: 'reduce' }), 'action_mismatch', testView({ positions: { BTC: at100(2) } }));
  pass(r, sell(1, { action: 'close' }), testView({ positions: { BTC: at100(2) } }));
  refuse(r, sell(1, { reduceOnly: true }), 'nothing_to_reduce');
  refuse(r, buy(1, { reduceOnly: true }), 'nothing_to_reduce', testView({ positions: { BTC: at100(2) } }));
});

test('max notional per order: equal passes, above fails; exits are not capped', () => {
  pass(fresh(), buy(100));
  refuse(fresh(), buy(100.01), 'max_order_notional');
  pass(fresh(), sell(150), testView({ positions: { BTC: at100(150) } }));
});

test('venue minimum notional: equal passes, below fails; a partial exit below it fails, a whole close of any size passes', () => {
  pass(fresh(), buy(0.1));
  refuse(fresh(), buy(0.0999), 'min_notional');
  const dust = testView({ positions: { BTC: at100(0.05) } });
  pass(fresh(), sell(0.05), dust);
  refuse(fresh(), sell(0.04), 'min_notional', dust);
});

test('max notional per symbol counts the position after the order and resting orders', () => {
  const long = testView({ positions: { BTC: at100(100) } });
  pass(fresh(), buy(100), long);
  refuse(fresh(), buy(100), 'max_symbol_notional', long.with({ openOrders: { BTC: { count: 1, notional: 1 } } }));
  refuse(fresh(), buy(100), 'max_symbol_notional', testView({ positions: { BTC: at100(100.01) } }));
});

test('max notional per account counts every position at its mark and every resting order', () => {
  const limits = { maxAccountNotional: 15_000 };
  pass(fresh(limits), buy(100), testView({ positions: { ETH: at100(50) } }));
  refuse(fresh(limits), buy(100), 'max_account_notional', testView({ positions: { ETH: at100(50.01) } }));
  refuse(fresh(limits), buy(100), 'max_account_notional', testView({ positions: { ETH: at100(50) }, openOrders: { SOL: { count: 2, notional: 1 } } }));
  pass(fresh(limits), buy(100), testView({ positions: { ETH: at100(-50) } }));
});

test('leverage caps: account gross / equity and a symbol’s own cap', () => {
  pass(fresh({ maxLeverage: 1 }), buy(100));
  refuse(fresh({ maxLeverage: 1 }), buy(100), 'max_leverage', testView({ equity: 9_999 }));
  const symbols = new Map([['BTC', testLimits({ maxLeverage: 0.5 })]]);
  pass(fresh({}, symbols), buy(50));
  const v = refuse(fresh({}, symbols), buy(50.01), 'max_symbol_leverage');
  assert.equal(v.inputs.maxLeverage, 0.5);
  pass(fresh({}, symbols), { ...buy(60), symbol: 'ETH' });
});

test('no entries without positive equity', () => {
  refuse(fresh(), buy(1), 'no_equity', testView({ equity: 0 }));
  pass(fresh(), sell(1), testView({ equity: -5, positions: { BTC: at100(2) } }));
});

test('max open positions: a new symbol beyond the limit fails, adding to an open one passes', () => {
  const two = { ETH: at100(1), SOL: at100(-1) };
  pass(fresh(), buy(1), testView({ positions: two }));
  const three = testView({ positions: { ...two, XRP: at100(1) } });
  const v = refuse(fresh(), buy(1), 'max_open_positions', three);
  assert.deepEqual(v.inputs, { openPositions: 3, maxOpenPositions: 3 });
  pass(fresh(), { ...buy(1), symbol: 'ETH' }, three);
});

test('stop-loss: required when configured, on the losing side, within its distance range (ends inclusive)', () => {
  refuse(fresh({ requireStopLoss: true }), buy(1), 'stop_loss_required');
  pass(fresh({ requireStopLoss: true }), buy(1, { stopLoss: 98 }));
  refuse(fresh(), buy(1, { stopLoss: 100 }), 'stop_loss_side');
  refuse(fresh(), sell(1, { stopLoss: 99, price: 99.99 }), 'stop_loss_side');
  pass(fresh(), buy(1, { stopLoss: 99.5 }));
  refuse(fresh(), buy(1, { stopLoss: 99.51 }), 'stop_loss_distance');
  pass(fresh(), buy(1, { stopLoss: 95 }));
  const v = refuse(fresh(), buy(1, { stopLoss: 94.99 }), 'stop_loss_distance');
  assert.equal(v.inputs.stopLossPctMax, 5);
  pass(fresh(), sell(1, { price: 99.99, stopLoss: 104.9895 }));
});

test('take-profit: on the winning side, within its distance range', () => {
  refuse(fresh(), buy(1, { takeProfit: 99 }), 'take_profit_side');
  refuse(fresh(), sell(1, { price: 99.99, takeProfit: 101 }), 'take_profit_side');
  pass(fresh(), buy(1, { takeProfit: 100.5 }));
  refuse(fresh(), buy(1, { takeProfit: 100.49 }), 'take_profit_distance');
  pass(fresh(), buy(1, { takeProfit: 120 }));
  refuse(fresh(), buy(1, { takeProfit: 120.01 }), 'take_profit_distance');
});

test('reward:risk floor: equal passes, below fails; unchecked without a take-profit', () => {
  pass(fresh(), buy(1, { stopLoss: 98, takeProfit: 102 }));
  const v = refuse(fresh(), buy(1, { stopLoss: 98, takeProfit: 101.99 }), 'reward_risk');
  assert.equal(v.inputs.minRewardRisk, 1);
  pass(fresh({ minRewardRisk: 3 }), buy(1, { stopLoss: 98 }));
  pass(fresh({ minRewardRisk: undefined }), buy(1, { stopLoss: 98, takeProfit: 100.5 }));
});

test('entries need a live book: missing, stale (age equal to the limit passes) or crossed fails; exits do not', () => {
  const noBook = testView({ books: {} });
  const v = refuse(fresh(), buy(1), 'book_missing', noBook);
  assert.equal(v.reason, 'no live book for BTC: entries need one');
  pass(fresh(), sell(1), noBook.with({ positions: { BTC: at100(2) } }));
  pass(fresh(), buy(1), testView({}, T0 - 5_000));
  const stale = refuse(fresh(), buy(1), 'book_stale', testView({}, T0 - 5_001));
  assert.deepEqual(stale.inputs, { bookAgeMs: 5_001, maxBookAgeMs: 5_000 });
  pass(fresh(), sell(2), testView({ positions: { BTC: at100(2) } }, T0 - 60_000));
  refuse(fresh(), buy(1), 'book_invalid', testView({ books: { BTC: { bid: 100.01, ask: 100, ts: T0 } } }));
  refuse(fresh(), buy(1), 'book_invalid', testView({ books: { BTC: { bid: 0, ask: 100, ts: T0 } } }));
});

test('the slippage guard: a limit paying more than the limit above the touch, or a market order whose touch moved past its reference', () => {
  pass(fresh(), buy(1, { price: 100.2 }));
  refuse(fresh(), buy(1, { price: 100.21 }), 'slippage');
  pass(fresh(), sell(1, { price: 99.99 * 0.998 }));
  refuse(fresh(), sell(1, { price: 99.78 }), 'slippage');
  const book = (bid: number, ask: number): StaticRiskView => testView({ books: { BTC: { bid, ask, ts: T0 } } });
  pass(fresh(), buy(1, { type: 'market' }), book(100.1, 100.2));
  const v = refuse(fresh(), buy(1, { type: 'market' }), 'slippage', book(100.1, 100.21));
  assert.equal(v.inputs.touch, 100.21);
  pass(fresh(), sell(1, { type: 'market' }), book(99.8, 99.9));
  refuse(fresh(), sell(1, { type: 'market' }), 'slippage', book(99.79, 99.9));
  // A resting buy below the touch costs nothing extra.
  pass(fresh(), buy(1, { price: 90 }));
  // Exits are never held back by the guard.
  pass(fresh(), sell(2, { type: 'market' }), book(80, 99.9).with({ positions: { BTC: at100(2) } }));
});

test('NaN and Infinity are refused at the edge: intents with a BadInputError naming the field, the view with an InvariantError', () => {
  const r = fresh();
  assert.throws(() => r.check(buy(NaN), testView()), (e: unknown) => e instanceof BadInputError && e.where === 'risk intent b1/BTC.qty');
  assert.throws(() => r.check(buy(1, { price: Infinity }), testView()), (e: unknown) => e instanceof BadInputError && e.where === 'risk intent b1/BTC.price');
  assert.throws(() => r.check(buy(1, { stopLoss: NaN }), testView()), BadInputError);
  assert.throws(() => r.check(buy(-1), testView()), BadInputError);
  assert.throws(() => r.check({ ...buy(1), side: 'long' as 'buy' }, testView()), /expected buy or sell, got "long"/);
  assert.throws(() => r.check(buy(1), testView({ equity: NaN })), (e: unknown) => e instanceof InvariantError && /equity is NaN/.test(e.message));
  assert.throws(() => r.check(buy(1), testView({ positions: { ETH: { qty: Infinity, entryPrice: 1, markPrice: 1 } } })), InvariantError);
  assert.throws(() => r.check(buy(1), testView({ books: { BTC: { bid: NaN, ask: 100, ts: T0 } } })), InvariantError);
  assert.throws(() => r.check(buy(1), testView({ openOrders: { BTC: { count: 1, notional: -Infinity } } })), InvariantError);
  assert.throws(() => r.check(buy(1), testView({ daily: { dayStartMs: T0, realisedNet: NaN } })), InvariantError);
});

test('limits are validated when set: a BadInputError names the key, the value and the expectation', () => {
  assert.throws(() => fresh({ maxOrderNotional: NaN }), (e: unknown) => e instanceof BadInputError && e.message === 'risk.maxOrderNotional: expected a finite number ≥ 0 (USD), got NaN');
  assert.throws(() => fresh({ maxLeverage: 0 }), /risk\.maxLeverage: expected a finite number > 0/);
  assert.throws(() => fresh({ maxDrawdownPct: Infinity }), /risk\.maxDrawdownPct/);
  assert.throws(() => fresh({ stopLossPct: { min: 3, max: 2 } }), /risk\.stopLossPct: min 3 is above max 2/);
  assert.throws(() => fresh({ rates: { entriesPerMin: 0, entriesPerSymbolPerMin: 6, exitsPerMin: 120, cancelsPerMin: 120 } }), /risk\.rates\.entriesPerMin/);
  assert.throws(() => fresh({ onBreach: 'off' as 'halt_all' }), /risk\.onBreach/);
  assert.throws(() => fresh({}, new Map([['ETH', testLimits({ minOrderNotional: -1 })]])), /risk\.symbols\.ETH\.minOrderNotional/);
});

test('a config reload changes the limits in force', () => {
  const r = fresh();
  refuse(r, buy(100.01), 'max_order_notional');
  r.setLimits({ account: testLimits({ maxOrderNotional: 20_000 }) });
  pass(r, buy(100.01));
  assert.throws(() => r.setLimits({ account: testLimits({ maxOrderNotional: -1 }) }), BadInputError);
  pass(r, buy(100.01));
});
