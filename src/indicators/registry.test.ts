// Tests the catalogue and createIndicator: names, defaults, string parameters and errors that list the valid choices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIndicator, indicatorNames, INDICATOR_SPECS } from './registry.js';
import { BadInputError } from '../core/errors.js';

const NAMES = 'sma ema wma dema tema kama rsi atr adx dmi macd bbands stoch stochrsi cci roc momentum willr obv vwap donchian aroon trix ultosc psar ichimoku'.split(' ');

function badInput(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof BadInputError, `not a BadInputError: ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

test('the catalogue holds exactly the 26 indicators, each building with defaults and declaring its lines', () => {
  assert.deepEqual(indicatorNames(), NAMES);
  for (const spec of INDICATOR_SPECS) {
    const ind = createIndicator(spec.name, {}, 'test');
    assert.equal(ind.name, spec.name);
    assert.deepEqual(ind.lines, spec.lines);
    assert.equal(ind.shifts.length, ind.lines.length);
    assert.equal(ind.ready, false);
    const names = spec.params.map((p) => p.name);
    assert.equal(new Set(names).size, names.length, `${spec.name} has duplicate parameters`);
  }
});

test('parameters given as strings (from a command line) or numbers give the same indicator', () => {
  const a = createIndicator('macd', { fast: '5', slow: '13', signal: '4', seed: 'first' }, 'x');
  const b = createIndicator('macd', { fast: 5, slow: 13, signal: 4, seed: 'first' }, 'x');
  for (const [i, close] of [10, 11, 12.5, 11, 13].entries()) {
    a.update(close, close, close, close, i);
    b.update(close, close, close, close, i);
  }
  for (let j = 0; j < 3; j++) assert.equal(a.value(j), b.value(j));
  assert.ok(a.ready);
});

test('an unknown indicator lists the valid ones', () => {
  badInput(() => createIndicator('smaa', {}, '--ind fast'), `--ind fast: unknown indicator "smaa" (valid: ${NAMES.join(', ')})`);
});

test('an unknown parameter lists the valid ones', () => {
  badInput(() => createIndicator('macd', { period: 3 }, '--ind m'), '--ind m (macd): unknown parameter "period" (valid: fast, slow, signal, seed)');
  badInput(() => createIndicator('obv', { period: 3 }, 'w'), 'w (obv): unknown parameter "period" (valid: seed)');
});

test('bad values name the indicator and the parameter', () => {
  badInput(() => createIndicator('sma', { period: 0 }, '--ind fast'), '--ind fast (sma): period must be an integer ≥ 1, got 0');
  badInput(() => createIndicator('sma', { period: '2.5' }, 'x'), 'x (sma): period must be an integer ≥ 1, got 2.5');
  badInput(() => createIndicator('ema', { period: 'ten' }, 'x'), 'x (ema): period must be a number, got "ten"');
  badInput(() => createIndicator('ema', { seed: 'zero' }, 'x'), 'x (ema): seed must be one of sma, first, got "zero"');
  badInput(() => createIndicator('bbands', { dev: -1 }, 'x'), 'x (bbands): dev must be a finite number > 0, got -1');
  badInput(() => createIndicator('stoch', { d: 0 }, 'x'), 'x (stoch): d must be an integer ≥ 1, got 0');
  badInput(() => createIndicator('ichimoku', { displacement: -1 }, 'x'), 'x (ichimoku): displacement must be an integer ≥ 0, got -1');
  badInput(() => createIndicator('psar', { af: 0.3 }, 'x'), /x \(psar\): afmax must be ≥ af \(0\.3\), got 0\.2/);
});
