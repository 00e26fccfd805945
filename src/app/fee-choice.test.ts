// Fee schedule choice: explicit rates over a preset over the strategy's default over the data's venue over none, and the sentence that says which.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { chooseFees, NO_FEES_BASIS } from './fee-choice.js';

const plain = { name: 'sma-cross', takerFeeBps: undefined };

test('a generic file runs fee-free and says so; data from a known venue takes its base tier', () => {
  assert.deepEqual(chooseFees({ perUnit: 0 }, plain, undefined), { makerBps: 0, takerBps: 0, perUnit: 0, preset: null, basis: NO_FEES_BASIS });
  assert.equal(NO_FEES_BASIS, 'none (generic data file; use --fees or --fee-bps)');
  assert.equal(chooseFees({ perUnit: 0.5 }, plain, undefined).basis, `maker 0 bps, taker 0 bps, 0.5 per unit: ${NO_FEES_BASIS}`, 'a per-unit fee is stated even without rates');
  assert.equal(chooseFees({ preset: 'zero', perUnit: 0 }, plain, undefined).basis, 'maker 0 bps, taker 0 bps: --fees zero (no fees)');
  assert.equal(chooseFees({ bps: 0, perUnit: 0 }, plain, undefined).basis, 'maker 0 bps, taker 0 bps: given (--fee-bps / --maker-bps / --taker-bps)');
  assert.deepEqual(chooseFees({ perUnit: 0 }, plain, 'file'), chooseFees({ perUnit: 0 }, plain, undefined), 'imported files are stored under venue "file"');
  const hl = chooseFees({ perUnit: 0 }, plain, 'hyperliquid');
  assert.deepEqual([hl.makerBps, hl.takerBps, hl.preset], [1.5, 4.5, 'hyperliquid']);
  assert.equal(hl.basis, 'maker 1.5 bps, taker 4.5 bps: Hyperliquid perps, base tier (the data is from hyperliquid; --fees or --fee-bps to change)');
});

test('presets, --fee-bps and --maker-bps/--taker-bps, in that order of precedence', () => {
  const cases: [Parameters<typeof chooseFees>[0], number, number, string | null][] = [
    [{ preset: 'binance-futures', perUnit: 0 }, 2, 5, 'binance-futures'],
    [{ preset: 'bybit', perUnit: 0 }, 2, 5.5, 'bybit'],
    [{ preset: 'okx', perUnit: 0 }, 2, 5, 'okx'],
    [{ preset: 'zero', perUnit: 0 }, 0, 0, 'zero'],
    [{ bps: 3, perUnit: 0 }, 3, 3, null],
    [{ preset: 'okx', bps: 1, perUnit: 0 }, 1, 1, null],
    [{ preset: 'okx', takerBps: 7, perUnit: 0 }, 2, 7, null],
    [{ bps: 3, makerBps: 0, perUnit: 0 }, 0, 3, null],
  ];
  for (const [req, maker, taker, preset] of cases) {
    const f = chooseFees(req, plain, 'hyperliquid');
    assert.deepEqual([f.makerBps, f.takerBps, f.preset], [maker, taker, preset], JSON.stringify(req));
  }
  assert.match(chooseFees({ preset: 'bybit', perUnit: 0 }, plain, undefined).basis, /^maker 2 bps, taker 5\.5 bps: --fees bybit \(Bybit contracts, non-VIP\)$/);
  assert.throws(() => chooseFees({ preset: 'kraken', perUnit: 0 }, plain, undefined), (e: unknown) => e instanceof BadInputError && /--fees: unknown fee preset "kraken"; expected one of hyperliquid, binance-futures, bybit, okx, zero/.test(e.message));
});

test("a strategy's declared fee beats the venue default but not explicit options", () => {
  const tc = { name: 'trend-confidence', takerFeeBps: 3.5 };
  const d = chooseFees({ perUnit: 0 }, tc, 'hyperliquid');
  assert.deepEqual([d.makerBps, d.takerBps, d.basis], [3.5, 3.5, "maker 3.5 bps, taker 3.5 bps: strategy trend-confidence's default"]);
  assert.equal(chooseFees({ preset: 'zero', perUnit: 0 }, tc, undefined).takerBps, 0);
  assert.equal(chooseFees({ takerBps: 1, perUnit: 0 }, tc, undefined).makerBps, 0, 'explicit rates replace the strategy default, unset sides are 0');
});
