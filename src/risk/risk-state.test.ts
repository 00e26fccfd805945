// Daily loss and drawdown breaches, the trailing peak and its configured resets, UTC-day rolling, flatten, and state across a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RiskLimits } from '../config/risk-config.js';
import { ManualClock } from '../core/manual-clock.js';
import { BadInputError } from '../core/errors.js';
import { FLATTEN_BOT_ID, RiskManager } from './risk-manager.js';
import { DAY_MS, utcDayStart } from './risk-view.js';
import { at100, buy, sell, T0, testLimits, testManager, testView } from './testing/risk-fixtures.js';

const TODAY = utcDayStart(T0);
const daily = (realisedNet: number, dayStartMs = TODAY) => ({ dayStartMs, realisedNet });

/** A manager restored from `prev`'s snapshot through JSON, as a restart would. */
function restart(prev: RiskManager, clock: ManualClock, account: Partial<RiskLimits> = {}): RiskManager {
  const json = JSON.stringify(prev.snapshot());
  return RiskManager.restore({ clock, limits: { account: testLimits(account) } }, JSON.parse(json));
}

test('daily loss net of fees: a loss equal to the limit passes, beyond it sets onBreach with the reason and numbers', () => {
  const { risk } = testManager();
  assert.deepEqual(risk.observe(testView({ daily: daily(-500) })), []);
  assert.equal(risk.killLevel(), 'off');
  const [change] = risk.observe(testView({ daily: daily(-500.01) }));
  assert.equal(change.source, 'rule');
  assert.equal(change.level, 'close_only');
  assert.equal(change.effective, 'close_only');
  assert.match(change.reason, /^daily_loss: realised loss net of fees and funding today \(UTC 2026-01-05\) is 500.01, beyond the limit 500$/);
  assert.equal(change.inputs?.rule, 'daily_loss');
  const v = risk.check(buy(1), testView({ daily: daily(-500.01) }));
  assert.equal(v.rule, 'kill_level');
  assert.match(v.reason, /set by rule: daily_loss/);
  assert.equal(risk.check(sell(1), testView({ daily: daily(-500.01), positions: { BTC: at100(2) } })).allowed, true, 'close_only lets exits out');
  assert.deepEqual(risk.observe(testView({ daily: daily(-600) })), [], 'a latched breach is reported once');
});

test('a breach found by check comes back on its verdict', () => {
  const { risk } = testManager({ onBreach: 'halt_all' });
  const v = risk.check(buy(1), testView({ daily: daily(-501) }));
  assert.equal(v.allowed, false);
  assert.equal(v.rule, 'kill_level');
  assert.equal(v.killChanges.length, 1);
  assert.equal(v.killChanges[0].effective, 'halt_all');
});

test('the daily figure rolls at UTC midnight: yesterday’s loss does not count today, and a figure for another day holds entries back', () => {
  const clock = new ManualClock(TODAY + DAY_MS - 1);
  const { risk } = testManager({}, undefined, clock);
  const lastMs = TODAY + DAY_MS - 1;
  assert.equal(risk.check(buy(1), testView({ daily: daily(-450) }, lastMs)).allowed, true);
  clock.advanceTo(TODAY + DAY_MS);
  const midnight = TODAY + DAY_MS;
  // The caller has not rolled its figure yet: yesterday's −450 (or even −900) is not today's loss, but entries wait.
  assert.deepEqual(risk.observe(testView({ daily: daily(-900) }, midnight)), []);
  const v = risk.check(buy(1), testView({ daily: daily(-900) }, midnight));
  assert.equal(v.rule, 'daily_pnl_stale');
  assert.match(v.reason, /covers the UTC day starting 2026-01-05T00:00:00Z, not today \(2026-01-06T00:00:00Z\)/);
  assert.equal(risk.check(sell(1), testView({ daily: daily(-900), positions: { BTC: at100(2) } }, midnight)).allowed, true, 'exits do not wait');
  assert.equal(risk.check(buy(1), testView({ daily: daily(-20, midnight) }, midnight)).allowed, true);
  assert.equal(risk.killLevel(), 'off');
});

test('without a daily loss limit the daily figure is not needed', () => {
  const { risk } = testManager({ maxDailyLoss: undefined });
  assert.equal(risk.check(buy(1), testView({ daily: daily(-1e6, TODAY - DAY_MS) })).allowed, true);
});

test('a breach latches across UTC midnight and a restart until resumed; a loss still beyond the limit re-latches', () => {
  const clock = new ManualClock(T0);
  const { risk } = testManager({}, undefined, clock);
  risk.observe(testView({ daily: daily(-501) }));
  clock.advanceTo(TODAY + DAY_MS + 1_000);
  const tomorrow = (realised: number) => testView({ daily: daily(realised, TODAY + DAY_MS) }, TODAY + DAY_MS + 1_000);
  const restarted = restart(risk, clock);
  assert.equal(restarted.killLevel(), 'close_only');
  assert.equal(restarted.check(buy(1), tomorrow(0)).rule, 'kill_level');
  const resumed = restarted.resume('operator: sextant kill off');
  assert.equal(resumed?.effective, 'off');
  assert.equal(restarted.check(buy(1), tomorrow(0)).allowed, true);
  assert.equal(restarted.resume('again'), undefined, 'nothing left to resume');
  assert.equal(restarted.observe(tomorrow(-501)).length, 1);
  assert.equal(restarted.killLevel(), 'close_only');
});

test('drawdown from the trailing peak: equal to the limit passes, beyond it breaches', () => {
  const { risk } = testManager({ onBreach: 'halt_all' });
  risk.observe(testView({ equity: 12_000 }));
  assert.deepEqual(risk.observe(testView({ equity: 10_800 })), []);
  const [c] = risk.observe(testView({ equity: 10_799 }));
  assert.equal(c.effective, 'halt_all');
  assert.match(c.reason, /^drawdown: drawdown 10.01 % from the equity peak 12000 \(at 2026-01-05T12:00:00.000Z\) to 10799 is beyond the limit 10 %$/);
  assert.deepEqual(c.inputs, { rule: 'drawdown', equity: 10_799, peak: 12_000, drawdownPct: (1_201 / 12_000) * 100, maxDrawdownPct: 10 });
});

test('the equity peak survives a restart: it does not reset to the equity seen after it (drawdownPeakReset: never)', () => {
  const clock = new ManualClock(T0);
  const { risk } = testManager({}, undefined, clock);
  risk.observe(testView({ equity: 12_000 }));
  risk.observe(testView({ equity: 10_900 }));
  clock.advanceTo(T0 + 3 * DAY_MS);
  const later = (equity: number) => testView({ equity }, T0 + 3 * DAY_MS);
  const restarted = restart(risk, clock);
  assert.equal(restarted.snapshot().peak.peak, 12_000);
  const [c] = restarted.observe(later(10_799));
  assert.equal(c?.inputs?.peak, 12_000, 'the peak from before the restart and before the day changed');
  // Without the restored state the same equity would look like a new peak: that is the flaw this guards.
  const forgetful = testManager({}, undefined, clock).risk;
  assert.deepEqual(forgetful.observe(later(10_799)), []);
});

test('drawdownPeakReset daily: the peak restarts at the first observation of each UTC day', () => {
  const clock = new ManualClock(T0);
  const { risk } = testManager({ drawdownPeakReset: 'daily' }, undefined, clock);
  risk.observe(testView({ equity: 12_000 }));
  clock.advanceTo(TODAY + DAY_MS);
  const next = (equity: number) => testView({ equity, daily: daily(0, TODAY + DAY_MS) }, TODAY + DAY_MS);
  assert.deepEqual(risk.observe(next(10_000)), []);
  assert.equal(risk.snapshot().peak.peak, 10_000);
  assert.deepEqual(risk.observe(next(9_000)), []);
  assert.equal(risk.observe(next(8_999)).length, 1);
});

test('drawdownPeakReset on_resume: the peak restarts when the kill level is cleared, not before', () => {
  const { risk } = testManager({ drawdownPeakReset: 'on_resume' });
  risk.observe(testView({ equity: 12_000 }));
  assert.equal(risk.observe(testView({ equity: 10_000 })).length, 1);
  assert.equal(risk.snapshot().peak.peak, 12_000);
  assert.equal(risk.resume('operator')?.effective, 'off');
  assert.deepEqual(risk.observe(testView({ equity: 10_000 })), []);
  assert.equal(risk.snapshot().peak.peak, 10_000);
  // An operator level set and cleared is a resume too.
  risk.observe(testView({ equity: 11_000 }));
  risk.setKill('file', 'halt_all', 'x');
  risk.setKill('file', 'off', 'x');
  risk.observe(testView({ equity: 9_500 }));
  assert.equal(risk.snapshot().peak.peak, 9_500);
});

test('drawdownPeakReset never: the peak stays through a resume', () => {
  const { risk } = testManager();
  risk.observe(testView({ equity: 12_000 }));
  risk.observe(testView({ equity: 10_000 }));
  risk.resume('operator');
  assert.equal(risk.snapshot().peak.peak, 12_000);
  assert.equal(risk.observe(testView({ equity: 10_000 })).length, 1, 'still beyond the limit: latched again');
});

test('flatten: the change asks for it, flattenIntents closes every position reduce-only, they pass, then it acts as halt_all', () => {
  const { risk } = testManager();
  const view = testView({ positions: { SOL: at100(-3), BTC: at100(2), ETH: { qty: 0, entryPrice: 0, markPrice: 50 } }, books: { BTC: { bid: 99.5, ask: 100, ts: T0 } } });
  const change = risk.setKill('api', 'flatten', 'operator: close everything');
  assert.equal(change.flatten, true);
  assert.equal(risk.flattenPending, true);
  const intents = risk.flattenIntents(view);
  assert.deepEqual(intents, [
    { botId: FLATTEN_BOT_ID, symbol: 'BTC', side: 'sell', qty: 2, price: 99.5, type: 'market', reduceOnly: true, action: 'close' },
    { botId: FLATTEN_BOT_ID, symbol: 'SOL', side: 'buy', qty: 3, price: 100, type: 'market', reduceOnly: true, action: 'close' },
  ]);
  assert.equal(risk.flattenPending, false);
  for (const i of intents) assert.equal(risk.check(i, view).allowed, true);
  assert.equal(risk.killLevel(), 'flatten');
  assert.equal(risk.check({ ...buy(1), symbol: 'ETH' }, view).rule, 'kill_level');
  assert.equal(risk.check(sell(1), view).rule, 'kill_level', 'a plain exit is refused as under halt_all');
  assert.equal(risk.check({ botId: 'b1', symbol: 'BTC', action: 'cancel' }, view).allowed, true);
  assert.equal(risk.setKill('file', 'halt_all', 'x').flatten, false, 'no new flatten while one is in force');
});

test('a flatten not yet taken survives a restart', () => {
  const clock = new ManualClock(T0);
  const { risk } = testManager({}, undefined, clock);
  risk.setKill('api', 'flatten', 'operator');
  const restarted = restart(risk, clock);
  assert.equal(restarted.flattenPending, true);
  assert.equal(restarted.killStatus().source, 'api');
  assert.equal(restarted.flattenIntents(testView({ positions: { BTC: at100(1) } })).length, 1);
});

test('a rule can be configured to flatten', () => {
  const { risk } = testManager({ onBreach: 'flatten' });
  const [c] = risk.observe(testView({ equity: 10_000, daily: daily(-501) }));
  assert.equal(c.flatten, true);
  assert.equal(risk.flattenPending, true);
});

test('restoring garbage is a BadInputError naming the field', () => {
  const clock = new ManualClock(T0);
  const limits = { account: testLimits() };
  const good = testManager().risk.snapshot();
  assert.throws(() => RiskManager.restore({ clock, limits }, null), (e: unknown) => e instanceof BadInputError && e.where === 'risk state');
  assert.throws(() => RiskManager.restore({ clock, limits }, { ...good, version: 2 }), /risk state\.version: expected 1, got 2/);
  assert.throws(() => RiskManager.restore({ clock, limits }, { ...good, kill: { file: { level: 'stop', reason: '', ts: 1 } } }), /risk state\.kill\.file\.level: "stop" is not a kill level/);
  assert.throws(() => RiskManager.restore({ clock, limits }, { ...good, kill: { boss: { level: 'hard', reason: '', ts: 1 } } }), /risk state\.kill\.boss: unknown source/);
  assert.throws(() => RiskManager.restore({ clock, limits }, { ...good, peak: { peak: 'high' } }), /risk state\.peak\.peak: expected a finite number, got "high"/);
  assert.throws(() => RiskManager.restore({ clock, limits }, { ...good, buckets: { exits: { tokens: -1, at: 0 } } }), /risk state\.buckets\.exits\.tokens/);
});

test('rate buckets survive a restart: a restart does not hand out a fresh burst', () => {
  const clock = new ManualClock(T0);
  const { risk } = testManager({}, undefined, clock);
  for (let i = 0; i < 6; i++) risk.check(buy(1), testView());
  const restarted = restart(risk, clock);
  assert.equal(restarted.check(buy(1), testView()).rule, 'rate_entries_symbol');
});
