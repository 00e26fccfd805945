// Tests both seeds of exponential smoothing against hand-computed values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpSmoothing, emaAlpha, wilderAlpha } from './exp-smoothing.js';

function run(s: ExpSmoothing, xs: number[]): (number | undefined)[] {
  return xs.map((x) => {
    s.push(x);
    return s.ready ? s.value : undefined;
  });
}

test('sma seed: mean of the first period values, then v·(1−α) + x·α', () => {
  // period 3, alpha 0.5: seed (1+2+3)/3 = 2, then 2·0.5 + 4·0.5 = 3, 3·0.5 + 5·0.5 = 4
  assert.deepEqual(run(new ExpSmoothing(3, emaAlpha(3), 'sma'), [1, 2, 3, 4, 5]), [undefined, undefined, 2, 3, 4]);
});

test('first seed: starts at the first value', () => {
  assert.deepEqual(run(new ExpSmoothing(3, emaAlpha(3), 'first'), [1, 2, 3, 4, 5]), [1, 1.5, 2.25, 3.125, 4.0625]);
});

test('Wilder alpha is 1/period', () => {
  // period 2: seed (2+4)/2 = 3, then 3·0.5 + 8·0.5 = 5.5
  assert.equal(wilderAlpha(4), 0.25);
  assert.deepEqual(run(new ExpSmoothing(2, wilderAlpha(2), 'sma'), [2, 4, 8]), [undefined, 3, 5.5]);
});
