// Run fingerprints: the input hash changes with any bar column, event or funding rate a run consumes (and only with those); the output digest names the part that differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BarSeriesBuilder, type BarSeries } from '../core/bars.js';
import { envelope, type Envelope } from '../core/envelope.js';
import type { BacktestResult } from '../research/backtest-result.js';
import type { FundingRates } from '../store/formats/funding-file.js';
import { inputDigest, outputDigest } from './run-hashes.js';

const H = 3_600_000;
const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

function bars(symbol: string, n: number, edit?: { column: (typeof COLUMNS)[number]; i: number }): BarSeries {
  const b = new BarSeriesBuilder(symbol);
  for (let i = 0; i < n; i++) {
    const row = { time: i * H, open: 100 + i, high: 101 + i, low: 99 + i, close: 100.5 + i, volume: 10 };
    if (edit !== undefined && edit.i === i) row[edit.column] += edit.column === 'time' ? 1 : 0.01;
    b.push(row.time, row.open, row.high, row.low, row.close, row.volume);
  }
  return b.finish(symbol, H);
}

const trade = (seq: number, t: number, px: number): Envelope => envelope('market.trade', 'BTC', 'hl', seq, t, t + 5, { px, sz: 1 });
const rates = (r: number): FundingRates => ({ time: Float64Array.of(0, 8 * H), rate: Float64Array.of(0.0001, r) });

test('the input hash covers every bar column, every event and every funding rate', () => {
  const base = inputDigest([bars('BTC', 10)], [trade(1, 0, 100), trade(2, H, 101)], new Map([['BTC', rates(0.0002)]]));
  assert.deepEqual({ ...base, sha256: '' }, { sha256: '', bars: 10, events: 2, first: 0, last: 9 * H });
  assert.match(base.sha256, /^[0-9a-f]{64}$/);
  assert.equal(inputDigest([bars('BTC', 10)], [trade(1, 0, 100), trade(2, H, 101)], new Map([['BTC', rates(0.0002)]])).sha256, base.sha256, 'the same inputs give the same hash');
  const changed: [string, ReturnType<typeof inputDigest>][] = [
    ...COLUMNS.map((column): [string, ReturnType<typeof inputDigest>] => [`bar ${column}`, inputDigest([bars('BTC', 10, { column, i: 4 })], [trade(1, 0, 100), trade(2, H, 101)], new Map([['BTC', rates(0.0002)]]))]),
    ['one bar fewer', inputDigest([bars('BTC', 9)], [trade(1, 0, 100), trade(2, H, 101)], new Map([['BTC', rates(0.0002)]]))],
    ['symbol', inputDigest([bars('ETH', 10)], [trade(1, 0, 100), trade(2, H, 101)], new Map([['BTC', rates(0.0002)]]))],
    ['event data', inputDigest([bars('BTC', 10)], [trade(1, 0, 100), trade(2, H, 101.5)], new Map([['BTC', rates(0.0002)]]))],
    ['event order', inputDigest([bars('BTC', 10)], [trade(2, H, 101), trade(1, 0, 100)], new Map([['BTC', rates(0.0002)]]))],
    ['event dropped', inputDigest([bars('BTC', 10)], [trade(1, 0, 100)], new Map([['BTC', rates(0.0002)]]))],
    ['funding rate', inputDigest([bars('BTC', 10)], [trade(1, 0, 100), trade(2, H, 101)], new Map([['BTC', rates(0.0003)]]))],
    ['no funding', inputDigest([bars('BTC', 10)], [trade(1, 0, 100), trade(2, H, 101)], new Map())],
  ];
  for (const [what, d] of changed) assert.notEqual(d.sha256, base.sha256, what);
  const both = new Map([['BTC', rates(0.0002)], ['ETH', rates(0.0001)]]);
  const reversed = new Map([['ETH', rates(0.0001)], ['BTC', rates(0.0002)]]);
  assert.equal(inputDigest([], [], both).sha256, inputDigest([], [], reversed).sha256, 'funding is hashed by symbol, not by map order');
  const ten = bars('BTC', 10);
  assert.equal(inputDigest([{ ...ten, length: 9 }], [], new Map()).sha256, inputDigest([bars('BTC', 9)], [], new Map()).sha256, 'columns count up to the series length only');
  assert.deepEqual({ ...inputDigest([], [], new Map()), sha256: '' }, { sha256: '', bars: 0, events: 0, first: null, last: null });
});

function result(o: { fillPrice?: number; equity?: number; finalEquity?: string } = {}): BacktestResult {
  const partial: Pick<BacktestResult, 'fills' | 'equityTime' | 'equity' | 'inMarket' | 'finalCash' | 'finalEquity' | 'totalFees' | 'totalFunding'> = {
    fills: [{ time: 0, symbol: 'BTC', side: 'buy', qty: 1, price: o.fillPrice ?? 100, fee: 0.045, reason: 'signal' } as unknown as BacktestResult['fills'][number]],
    equityTime: Float64Array.of(0, H),
    equity: Float64Array.of(1000, o.equity ?? 1001),
    inMarket: Uint8Array.of(1, 1),
    finalCash: '900',
    finalEquity: o.finalEquity ?? '1001',
    totalFees: '0.045',
    totalFunding: '0',
  };
  return partial as BacktestResult;
}

test('the output digest hashes fills, equity curve and final ledger figures apart', () => {
  const base = outputDigest(result());
  assert.deepEqual([base.fillCount, base.steps], [1, 2]);
  assert.deepEqual(outputDigest(result()), base);
  const parts = (d: ReturnType<typeof outputDigest>): string[] => (['fills', 'equity', 'ledger'] as const).filter((k) => d[k] !== base[k]);
  for (const [o, part] of [[{ fillPrice: 100.5 }, 'fills'], [{ equity: 1001.5 }, 'equity'], [{ finalEquity: '1001.5' }, 'ledger']] as const) {
    const d = outputDigest(result(o));
    assert.deepEqual(parts(d), [part], JSON.stringify(o));
    assert.notEqual(d.sha256, base.sha256, JSON.stringify(o));
  }
});
