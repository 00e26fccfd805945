// Instrument table from recorded meta / spotMeta: asset ids, price and size rules, tiered maintenance margin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../core/errors.js';
import { isValidPrice, roundPrice, roundQty } from '../../core/instrument.js';
import { InstrumentTable, marginTiers } from './instruments.js';
import { parseMeta } from './parse/meta.js';
import { HL_FIXTURES_MISSING, cassetteBody, fixtureJson, hlFixtureDir } from '../../testkit/venues/hyperliquid/test-fixtures.js';

const HAVE = hlFixtureDir() !== undefined;

test('28-asset meta (2023): ids by position, lot 10^-szDecimals, 5 sig figs and 6 − szDecimals decimals', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const table = InstrumentTable.fromResponses(cassetteBody('test_get_info.json', 'meta'));
  assert.equal(table.size, 28);
  assert.equal(table.assetId('BTC'), 0);
  assert.equal(table.assetId('APT'), 27);
  assert.equal(table.byAssetId(15)?.symbol, 'kPEPE');
  const btc = table.instrument('BTC');
  assert.deepEqual(btc.priceRule, { kind: 'sigfig', sigFigs: 5, maxDecimals: 1 });
  assert.equal(btc.lotSize, 0.00001);
  assert.equal(btc.minNotional, 10);
  assert.equal(btc.maxLeverage, 50);
  assert.equal(btc.maintenanceMarginFraction, 0.01);
  assert.equal(btc.venue, 'hyperliquid');
  // Prices: 5 significant figures, at most 1 decimal for BTC; integers always valid.
  assert.equal(roundPrice(btc, 30135.27), 30135);
  assert.equal(roundPrice(btc, 9999.96, 'down'), 9999.9);
  assert.ok(isValidPrice(btc, 123456));
  assert.equal(roundQty(btc, 0.123456789), 0.12345);
  const doge = table.instrument('DOGE');
  assert.deepEqual([doge.lotSize, doge.priceRule.kind === 'sigfig' && doge.priceRule.maxDecimals], [1, 6]);
  assert.equal(roundPrice(doge, 0.0692771), 0.069277);
  const pepe = table.instrument('kPEPE');
  assert.equal(roundPrice(pepe, 0.00156549), 0.001565);
  assert.throws(() => table.require('NOPE'), (e: unknown) => e instanceof BadInputError && e.message === 'hyperliquid instruments: unknown coin "NOPE"');
});

test('HIP-3 perp metas and spot pairs: ids 100000 + dex × 10000 + i and 10000 + index; spot decimals 8 − szDecimals of the base', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const metas = fixtureJson('nautilus-trader/http_all_perp_metas_non_usdc_collateral.json');
  const spot = {
    tokens: [
      { name: 'USDC', szDecimals: 8, weiDecimals: 8, index: 0, tokenId: '0x1', isCanonical: true },
      { name: 'PURR', szDecimals: 0, weiDecimals: 5, index: 1, tokenId: '0x2', isCanonical: true },
      { name: 'HYPE', szDecimals: 2, weiDecimals: 8, index: 150, tokenId: '0x3', isCanonical: false },
    ],
    universe: [
      { name: 'PURR/USDC', tokens: [1, 0], index: 0, isCanonical: true },
      { name: '@107', tokens: [150, 0], index: 107, isCanonical: false },
    ],
  };
  const table = InstrumentTable.fromResponses(metas, spot);
  assert.equal(table.assetId('km:US500'), 110000);
  assert.equal(table.assetId('hyna:BTC'), 120000);
  assert.equal(table.assetId('PURR/USDC'), 10000);
  const hype = table.require('@107');
  assert.deepEqual([hype.assetId, hype.kind, hype.baseToken, hype.quoteToken, hype.szDecimals], [10107, 'spot', 'HYPE', 'USDC', 2]);
  assert.deepEqual(hype.instrument.priceRule, { kind: 'sigfig', sigFigs: 5, maxDecimals: 6 });
  assert.equal(hype.instrument.lotSize, 0.01);
  assert.equal(hype.instrument.fees.takerBps, 7);
  assert.throws(() => table.tier('@107', 100), /spot: no margin tiers/);
});

test('tiered maintenance margin: continuous at tier bounds, half the initial margin at max leverage', () => {
  const meta = parseMeta({
    universe: [
      { name: 'BTC', szDecimals: 5, maxLeverage: 40, marginTableId: 56 },
      { name: 'ETH', szDecimals: 4, maxLeverage: 25, marginTableId: 25 },
      { name: 'OLD', szDecimals: 2, maxLeverage: 3, marginTableId: 3, isDelisted: true, onlyIsolated: true },
    ],
    marginTables: [[56, { description: 'tiered 40x', marginTiers: [{ lowerBound: '0.0', maxLeverage: 40 }, { lowerBound: '150000000.0', maxLeverage: 20 }] }]],
  });
  const table = InstrumentTable.from([meta]);
  const btc = table.require('BTC');
  assert.deepEqual(btc.tiers.map((x) => [x.lowerBound, x.maxLeverage, x.maintenanceRate]), [[0, 40, 0.0125], [150e6, 20, 0.025]]);
  assert.equal(btc.tiers[1].deduction, 150e6 * (0.025 - 0.0125));
  assert.equal(table.maintenanceMargin('BTC', 1_000_000), 12_500);
  // At the bound both tiers give the same margin.
  const at = 150e6;
  assert.equal(table.maintenanceMargin('BTC', at), at * 0.0125);
  assert.equal(table.maintenanceMargin('BTC', at + 1e6), (at + 1e6) * 0.025 - at * 0.0125);
  assert.equal(table.maintenanceMargin('BTC', -1_000_000), 12_500);
  assert.equal(table.maxLeverageAt('BTC', 200e6), 20);
  assert.equal(table.instrument('BTC').maintenanceMarginFraction, 0.0125);
  // Table ids below 50 are a single tier with max leverage = id.
  assert.equal(table.require('ETH').tiers.length, 1);
  assert.equal(table.instrument('ETH').maintenanceMarginFraction, 1 / 50);
  const old = table.require('OLD');
  assert.deepEqual([old.assetId, old.isDelisted, old.onlyIsolated], [2, true, true]);
  assert.throws(() => InstrumentTable.from([parseMeta({ universe: [{ name: 'X', szDecimals: 1, maxLeverage: 3, marginTableId: 77 }], marginTables: [] })]), /marginTableId 77: not listed in marginTables/);
  assert.deepEqual(marginTiers([{ lowerBound: 0, maxLeverage: 3 }]).map((x) => x.maintenanceRate), [1 / 6]);
});
