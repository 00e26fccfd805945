// The typed indicator builders cover the catalogue: every indicator, its lines and parameters, and each default request builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { type Indicator, createIndicator, INDICATOR_SPECS } from '../indicators/index.js';
import { custom, indicator, indicators, type IndicatorDecl } from './indicators.js';

type AnyBuilder = (p?: unknown, o?: unknown) => IndicatorDecl;
const builders = indicators as unknown as Readonly<Record<string, AnyBuilder>>;

test('one builder per catalogue indicator, named as in the catalogue, with the catalogue lines', () => {
  assert.deepEqual(Object.keys(builders).sort(), INDICATOR_SPECS.map((s) => s.name).sort());
  for (const spec of INDICATOR_SPECS) {
    const d = builders[spec.name]();
    assert.equal(d.request.name, spec.name);
    assert.deepEqual(d.lines, spec.lines, `${spec.name} lines`);
  }
});

test("each builder's default request builds through createIndicator, with the catalogue's lines", () => {
  for (const spec of INDICATOR_SPECS) {
    const d = builders[spec.name]();
    assert.deepEqual(d.request.params, {}, `${spec.name}: no parameters given, none sent`);
    assert.equal(d.request.timeframeMs, undefined);
    assert.equal(d.request.history, undefined);
    assert.equal(d.request.create, undefined);
    const built = createIndicator(d.request.name, d.request.params ?? {}, `builder ${spec.name}`);
    assert.deepEqual(built.lines, spec.lines);
  }
});

test('every catalogue parameter can be given through its builder and reaches the request', () => {
  for (const spec of INDICATOR_SPECS) {
    const all = Object.fromEntries(spec.params.map((p) => [p.name, p.default]));
    const d = builders[spec.name](all);
    assert.deepEqual(d.request.params, all, `${spec.name} parameters`);
    assert.doesNotThrow(() => createIndicator(spec.name, d.request.params ?? {}, spec.name));
  }
});

test('a number is the period; options set the timeframe and history; parameters left undefined are not sent', () => {
  assert.deepEqual(indicators.sma(20).request.params, { period: 20 });
  assert.deepEqual(indicators.ema({ period: 9, seed: 'first' }).request.params, { period: 9, seed: 'first' });
  assert.deepEqual(indicators.macd({ fast: 8, slow: undefined }).request.params, { fast: 8 });
  const atr = indicators.atr(14, { timeframe: '4h', history: 5 });
  assert.equal(atr.request.timeframeMs, 4 * 3_600_000);
  assert.equal(atr.request.history, 5);
  assert.throws(() => indicators.atr(14, { timeframe: '4 hours' }), (e: unknown) => e instanceof BadInputError && e.where === 'atr timeframe');
});

test('indicator(name, params) and custom(id, create) build requests the hub reads', () => {
  const generic = indicator('stoch', { period: '9', k: 1 }, { history: 3 });
  assert.deepEqual(generic.request, { name: 'stoch', params: { period: '9', k: 1 }, timeframeMs: undefined, history: 3 });
  assert.doesNotThrow(() => createIndicator(generic.request.name, generic.request.params ?? {}, 'generic'));
  const create = (): Indicator => createIndicator('sma', { period: 3 }, 'inner');
  const c = custom('my-avg', create, { params: { n: 3 }, timeframe: '1h' });
  assert.equal(c.request.name, 'my-avg');
  assert.equal(c.request.create, create);
  assert.deepEqual(c.request.params, { n: 3 });
  assert.equal(c.request.timeframeMs, 3_600_000);
});
