// Streaming and batch agree for every indicator; readiness is monotonic; shifted lines land where they are plotted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeBatch } from './compute-batch.js';
import { createIndicator, INDICATOR_SPECS } from './registry.js';
import type { ParamValue } from './indicator.js';
import { syntheticBars } from '../testkit/indicators/test-support.js';

const bars = syntheticBars(700, 11);

/** Default parameters, plus a second set exercising the non-default conventions. */
const VARIANTS: Record<string, Record<string, ParamValue>> = {
  sma: { period: 7 }, ema: { period: 9, seed: 'first' }, wma: { period: 5 }, dema: { period: 6, seed: 'first' }, tema: { period: 4 },
  kama: { period: 10, seed: 'talib' }, rsi: { period: 3 }, atr: { period: 5 }, adx: { period: 7, seed: 'talib' }, dmi: { seed: 'talib' },
  macd: { seed: 'talib' }, bbands: { period: 10, dev: 1 }, stoch: { k: 1, d: 4 }, stochrsi: { stoch: 14, k: 3, d: 3 },
  cci: { meandev: 'window' }, roc: { scale: 100 }, momentum: { period: 1 }, willr: { period: 5 }, obv: { seed: 'zero' }, vwap: { period: 3 },
  donchian: { period: 55 }, aroon: { period: 25 }, trix: { seed: 'first' }, ultosc: { p1: 3, p2: 5, p3: 8 }, psar: { af: 0.01, afmax: 0.1 },
  ichimoku: { tenkan: 5, kijun: 10, senkou: 20, displacement: 7 },
};

test('every indicator: batch values equal streaming values at index + shift, with the same valid range', () => {
  for (const spec of INDICATOR_SPECS) {
    for (const params of [{}, VARIANTS[spec.name]]) {
      const label = `${spec.name} ${JSON.stringify(params)}`;
      const stream = createIndicator(spec.name, params, label);
      const k = stream.lines.length;
      const seen: (number | undefined)[][] = stream.lines.map(() => []);
      const wasReady: boolean[] = stream.lines.map(() => false);
      for (let i = 0; i < bars.length; i++) {
        stream.update(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
        let all = true;
        for (let j = 0; j < k; j++) {
          const r = stream.lineReady(j);
          assert.ok(r || !wasReady[j], `${label} line ${j} became unready at ${i}`);
          wasReady[j] = r;
          all &&= r;
          seen[j].push(r ? stream.value(j) : undefined);
        }
        assert.equal(stream.ready, all, `${label} ready ≠ all lines ready at ${i}`);
      }
      const batch = computeBatch(createIndicator(spec.name, params, label), bars);
      assert.deepEqual(batch.map((b) => b.name), stream.lines);
      for (let j = 0; j < k; j++) {
        const shift = stream.shifts[j];
        const line = batch[j];
        let first = -1;
        let end = 0;
        for (let i = 0; i < bars.length; i++) {
          const at = i + shift;
          const v = seen[j][i];
          if (at < 0 || at >= bars.length || v === undefined) continue;
          assert.ok(Number.isFinite(v), `${label}.${line.name} not finite at ${i}`);
          assert.equal(line.values[at], v, `${label}.${line.name} at ${at}`);
          if (first < 0) first = at;
          end = at + 1;
        }
        assert.equal(line.first, first, `${label}.${line.name} first`);
        assert.equal(line.end, end, `${label}.${line.name} end`);
        for (let i = 0; i < bars.length; i++) if (i < line.first || i >= line.end) assert.ok(Number.isNaN(line.values[i]));
      }
    }
  }
});

test('ichimoku chikou is placed displacement bars back and ends displacement bars early', () => {
  const [, , , , chikou] = computeBatch(createIndicator('ichimoku', {}, 't'), bars);
  assert.equal(chikou.first, 0);
  assert.equal(chikou.end, bars.length - 26);
  assert.equal(chikou.values[0], bars.close[26]);
  assert.equal(chikou.values[chikou.end - 1], bars.close[bars.length - 1]);
});

test('a line that never becomes valid has first = end = length', () => {
  const short = syntheticBars(10);
  const [line] = computeBatch(createIndicator('sma', { period: 30 }, 't'), short);
  assert.equal(line.first, 10);
  assert.equal(line.end, 10);
});
