// Market-order limit prices: exact slippage arithmetic, aggressive rounding, bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticAssetTable } from './asset-table.js';
import { marketLimitPrice } from './market-price.js';
import { isValidPrice } from './wire-number.js';

const table = staticAssetTable({ BTC: { assetId: 0, szDecimals: 5 }, ETH: { assetId: 1, szDecimals: 4 }, kPEPE: { assetId: 2, szDecimals: 0 } });

test('reference × (1 ± slippage), rounded up for buys and down for sells, always on the grid', () => {
  assert.equal(marketLimitPrice(table, 'ETH', 'buy', '1670.1'), '1753.7'); // 1753.605 ↑
  assert.equal(marketLimitPrice(table, 'ETH', 'sell', '1670.1'), '1586.5'); // 1586.595 ↓
  assert.equal(marketLimitPrice(table, 'BTC', 'buy', '97123.5', 0.01), '98095'); // 98094.735 ↑ (whole dollars at 5 sig figs)
  assert.equal(marketLimitPrice(table, 'BTC', 'sell', 100000, '0.001'), '99900');
  assert.equal(marketLimitPrice(table, 'kPEPE', 'buy', '0.012345', 0.05), '0.012963'); // 0.01296225 ↑
  for (const [sym, ref] of [['ETH', 3187.33], ['BTC', 64012.4], ['kPEPE', 0.0049871]] as const) {
    for (const side of ['buy', 'sell'] as const) assert.ok(isValidPrice(marketLimitPrice(table, sym, side, ref, 0.03), table.szDecimals(sym), 'perp'), `${sym} ${side}`);
  }
  assert.throws(() => marketLimitPrice(table, 'ETH', 'buy', 0), /market.reference: must be > 0/);
  assert.throws(() => marketLimitPrice(table, 'ETH', 'buy', 100, 0.9), /market.slippage: expected a fraction in \[0, 0.8\)/);
  assert.throws(() => marketLimitPrice(table, 'DOGE', 'buy', 100), /market.symbol: unknown symbol/);
});
