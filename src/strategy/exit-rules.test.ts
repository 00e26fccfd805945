// Declared exit rules: every invalid field is refused with an error naming it; the ROI table's order; the ATR periods the engine keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { checkExitRules, exitAtrPeriods, roiSteps, type ExitRules } from './exit-rules.js';

const W = 'strategy x';

/** Asserts that `rules` is refused with a BadInputError at `strategy x: exits.<field>` whose reason matches. */
function refused(rules: unknown, field: string, reason: RegExp): void {
  assert.throws(
    () => checkExitRules(rules as ExitRules, W),
    (e: unknown) => {
      assert.ok(e instanceof BadInputError, `${JSON.stringify(rules)}: expected a BadInputError, got ${String(e)}`);
      assert.equal(e.where, `${W}: exits.${field}`, JSON.stringify(rules));
      assert.match(e.message, reason, JSON.stringify(rules));
      assert.ok(e.message.startsWith(`${W}: exits.${field}: `), e.message);
      return true;
    },
  );
}

test('valid rules pass, each kind and the full freqtrade set', () => {
  const ok: ExitRules[] = [
    {},
    { stopLoss: { percent: 0.05 } },
    { stopLoss: { distance: 2.5 } },
    { stopLoss: { atr: 2 } },
    { stopLoss: { atr: 1.5, period: 1 } },
    { stopLoss: { percent: 0.02 }, takeProfit: { riskReward: 3 } },
    { stoploss: -0.1, takeProfit: { riskReward: 2 } },
    { takeProfit: { percent: 0.999 } },
    { trailingStop: { start: 0, distance: 0.01 } },
    { breakeven: { trigger: 0.01 } },
    { breakeven: { trigger: 0.01, offset: 0.002 } },
    { timeStop: { bars: 1 } },
    { timeStop: { minutes: 0.5 } },
    { roi: { '0': 0.04, '30': 0.02, '60': 0, '120': -1 } },
    { roi: { '0': -0.5 } },
  ];
  for (const r of ok) assert.doesNotThrow(() => checkExitRules(r, W), JSON.stringify(r));
});

test('stopLoss: percent, distance, atr and period are checked and named', () => {
  for (const v of [0, -0.1, 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '0.05']) refused({ stopLoss: { percent: v } }, 'stopLoss.percent', /must be a fraction in \[1e-9, 1\)/);
  for (const v of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, null]) refused({ stopLoss: { distance: v } }, 'stopLoss.distance', /must be a positive finite number/);
  for (const v of [0, -2, Number.NaN]) refused({ stopLoss: { atr: v } }, 'stopLoss.atr', /must be a positive finite number/);
  for (const v of [0, 1.5, -3, Number.NaN]) refused({ stopLoss: { atr: 2, period: v } }, 'stopLoss.period', /must be a whole number ≥ 1/);
  refused({ stopLoss: {} }, 'stopLoss', /expected one of percent, distance, atr; got nothing/);
  // A risk:reward multiple measures a target by the stop: it is no way to give the stop itself.
  refused({ stopLoss: { riskReward: 2 } }, 'stopLoss.riskReward', /unknown field \(fields: percent, distance, atr, period\)/);
});

test("stoploss (freqtrade's negative ratio): range, type, and not together with stopLoss", () => {
  for (const v of [0, 0.1, -1, -1.5, Number.NaN, Number.NEGATIVE_INFINITY, '-0.1']) refused({ stoploss: v }, 'stoploss', /must be a negative ratio in \(-1, 0\)/);
  refused({ stopLoss: { percent: 0.1 }, stoploss: -0.1 }, 'stoploss', /not both/);
});

test('takeProfit: each distance kind and riskReward are checked; riskReward needs a stop', () => {
  for (const v of [0, 1, Number.NaN]) refused({ takeProfit: { percent: v } }, 'takeProfit.percent', /fraction/);
  refused({ takeProfit: { distance: -1 } }, 'takeProfit.distance', /positive finite/);
  refused({ takeProfit: { atr: Number.POSITIVE_INFINITY } }, 'takeProfit.atr', /positive finite/);
  refused({ takeProfit: { atr: 1, period: 0 } }, 'takeProfit.period', /whole number/);
  for (const v of [0, -2, Number.NaN]) refused({ stopLoss: { percent: 0.01 }, takeProfit: { riskReward: v } }, 'takeProfit.riskReward', /positive finite/);
  refused({ takeProfit: { riskReward: 2 } }, 'takeProfit.riskReward', /needs a stopLoss/);
  refused({ takeProfit: { ratio: 2 } }, 'takeProfit.ratio', /unknown field \(fields: percent, distance, atr, period, riskReward\)/);
  refused({ takeProfit: {} }, 'takeProfit', /expected one of percent, distance, atr, riskReward; got nothing/);
});

test('trailingStop, breakeven and timeStop fields are checked and named', () => {
  for (const v of [-0.01, Number.NaN, Number.POSITIVE_INFINITY, undefined]) refused({ trailingStop: { start: v, distance: 0.01 } }, 'trailingStop.start', /must be a fraction ≥ 0/);
  for (const v of [0, 1, -0.1, Number.NaN]) refused({ trailingStop: { start: 0, distance: v } }, 'trailingStop.distance', /fraction in \[1e-9, 1\)/);
  for (const v of [0, -0.01, Number.NaN]) refused({ breakeven: { trigger: v } }, 'breakeven.trigger', /positive finite/);
  // The offset must stay below the trigger: a stop above the price that arms it would fire at once.
  for (const v of [-0.001, 0.01, 0.02, Number.NaN]) refused({ breakeven: { trigger: 0.01, offset: v } }, 'breakeven.offset', /must be ≥ 0 and below the trigger 0.01/);
  refused({ timeStop: {} }, 'timeStop', /give bars or minutes/);
  for (const v of [0, 1.5, -1, Number.NaN]) refused({ timeStop: { bars: v } }, 'timeStop.bars', /whole number ≥ 1/);
  for (const v of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) refused({ timeStop: { minutes: v } }, 'timeStop.minutes', /positive finite/);
});

test('roi: empty table, keys that are not whole minutes, ratios below -1 or not finite', () => {
  refused({ roi: {} }, 'roi', /is empty/);
  for (const k of ['-5', '1.5', '1e3', 'abc', ' 30', '']) refused({ roi: { [k]: 0.01 } }, `roi.${k}`, /keys are whole minutes since entry/);
  for (const v of [-1.01, Number.NaN, Number.POSITIVE_INFINITY, '0.04']) refused({ roi: { '0': 0.04, '30': v } }, 'roi.30', /must be a ratio ≥ -1/);
});

// A strategy written in plain JavaScript gets no type check: freqtrade habits (`stopLoss: 0.05`) or a
// null must still be refused with an error naming the field, not crash with a TypeError.
test('a rule that is not an object is refused with an error naming it', () => {
  refused({ stopLoss: 0.05 }, 'stopLoss', /expected/);
  refused({ stopLoss: null }, 'stopLoss', /expected/);
  refused({ stopLoss: { percent: 0.01 }, takeProfit: 2 }, 'takeProfit', /expected/);
  refused({ trailingStop: null }, 'trailingStop', /./);
  refused({ breakeven: null }, 'breakeven', /./);
});

// Same reason: a misspelt rule (`stopLos`, freqtrade's `trailing_stop`) would otherwise leave the
// positions without the exit the author believes is there.
test('an unknown rule name is refused, naming it', () => {
  refused({ stopLos: { percent: 0.05 } }, 'stopLos', /./);
  refused({ trailing_stop: true }, 'trailing_stop', /./);
  refused({ minimal_roi: { '0': 0.04 } }, 'minimal_roi', /./);
});

test('roiSteps: sorted by minutes as numbers, whatever order the keys come in', () => {
  // "007" is not a canonical array index, so Object.entries lists it after "30" and "120" (insertion order
  // of non-index keys comes after the integer keys): only a numeric sort puts 7 between 0 and 30.
  const roi: Record<string, number> = { '120': -1, '30': 0.02, '007': 0.03, '0': 0.05 };
  assert.deepEqual(Object.keys(roi), ['0', '30', '120', '007']);
  assert.deepEqual(roiSteps(roi), [
    { minutes: 0, ratio: 0.05 },
    { minutes: 7, ratio: 0.03 },
    { minutes: 30, ratio: 0.02 },
    { minutes: 120, ratio: -1 },
  ]);
  // Lexicographic order would put "100" before "20".
  assert.deepEqual(roiSteps({ '20': 0.01, '100': 0 }).map((s) => s.minutes), [20, 100]);
});

test('exitAtrPeriods: the ATR periods of the stop and the target, default 14, each once', () => {
  assert.deepEqual(exitAtrPeriods({}), []);
  assert.deepEqual(exitAtrPeriods({ stopLoss: { percent: 0.01 }, takeProfit: { riskReward: 2 }, trailingStop: { start: 0, distance: 0.01 } }), []);
  assert.deepEqual(exitAtrPeriods({ stopLoss: { atr: 2 } }), [14]);
  assert.deepEqual(exitAtrPeriods({ takeProfit: { atr: 3, period: 7 } }), [7]);
  assert.deepEqual(exitAtrPeriods({ stopLoss: { atr: 2, period: 5 }, takeProfit: { atr: 4, period: 5 } }), [5]);
  assert.deepEqual(exitAtrPeriods({ stopLoss: { atr: 2 }, takeProfit: { atr: 4, period: 14 } }), [14]);
  assert.deepEqual(exitAtrPeriods({ stopLoss: { atr: 2, period: 5 }, takeProfit: { atr: 4, period: 21 } }).sort((a, b) => a - b), [5, 21]);
  // riskReward measures the stop's ATR distance: no period of its own.
  assert.deepEqual(exitAtrPeriods({ stopLoss: { atr: 2, period: 3 }, takeProfit: { riskReward: 2 } }), [3]);
});
