// REST market responses: candleSnapshot to a BarSeries, fundingHistory, allMids, metaAndAssetCtxs, checked against the recorded JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../../core/errors.js';
import { candleSnapshotToBars, parseCandles } from './candles.js';
import { parseFundingHistory, parseMidsMap } from './market-data.js';
import { parseMeta, parseMetaAndAssetCtxs, parseSpotMeta } from './meta.js';
import { HL_FIXTURES_MISSING, cassette, cassetteBody, fixtureJson, hlFixtureDir } from '../../../testkit/venues/hyperliquid/test-fixtures.js';

const HAVE = hlFixtureDir() !== undefined;

test('candleSnapshot (kPEPE 1h, 24 candles) → BarSeries with the recorded values', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const body = cassetteBody('test_get_candles_snapshot.json', 'candleSnapshot') as Record<string, unknown>[];
  const bars = candleSnapshotToBars(body, 'kPEPE');
  assert.equal(bars.length, 24);
  assert.equal(bars.intervalMs, 3_600_000);
  assert.equal(bars.symbol, 'kPEPE');
  assert.equal(bars.time[0], 1684699200000);
  assert.deepEqual([bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]], [0.001601, 0.001616, 0.001601, 0.001604, 520665683]);
  assert.equal(bars.priceDecimals, 6);
  for (let i = 0; i < 24; i++) {
    assert.equal(bars.time[i], body[i].t);
    assert.equal(bars.close[i], Number(body[i].c));
  }
  const candles = parseCandles(body);
  assert.equal(candles[4].trades, 1913);
  assert.equal(candles[0].closeTime, 1684702799999);
  assert.throws(() => candleSnapshotToBars(body, 'BTC'), (e: unknown) => e instanceof BadInputError && e.message === 'hyperliquid info candleSnapshot: [0].s: expected "BTC", got "kPEPE"');
  const swapped = [body[1], body[0]];
  assert.throws(() => candleSnapshotToBars(swapped, 'kPEPE'), /\[1\]\.t: expected a time after the previous candle's 1684702800000/);
  assert.equal(candleSnapshotToBars([], 'kPEPE').length, 0);
});

test('fundingHistory (python-sdk BTC 1038 and 34 rows; nautilus with a missing premium)', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const all = parseFundingHistory(cassetteBody('test_get_funding_history_None.json', 'fundingHistory'));
  assert.equal(all.length, 1038);
  assert.deepEqual(all[0], { symbol: 'BTC', time: 1683849600048, rate: -0.00061334, premium: -0.00091334 });
  const ranged = parseFundingHistory(cassetteBody('test_get_funding_history_1684811870000.json', 'fundingHistory'));
  assert.equal(ranged.length, 34);
  assert.ok(ranged.every((p) => p.time <= 1684811870000));
  const n = parseFundingHistory(fixtureJson('nautilus-trader/http_funding_history.json'));
  assert.deepEqual(n.map((p) => p.premium), [0.00029005, -0.000125, undefined]);
  assert.equal(n[2].rate, 0.0000033);
  assert.throws(() => parseFundingHistory([{ coin: 'BTC', fundingRate: '', time: 1 }]), /hyperliquid info fundingHistory: \[0\]\.fundingRate: expected a decimal string, got ""/);
});

test('REST allMids: every coin of the recording', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const mids = parseMidsMap(cassetteBody('test_get_all_mids.json', 'allMids'), 'hyperliquid info allMids', 'body');
  assert.equal(mids.size, 28);
  assert.equal(mids.get('BTC'), 30135);
  assert.equal(mids.get('kPEPE'), 0.001565);
  for (const k of ['BTC', 'ETH', 'ATOM', 'MATIC']) assert.ok(mids.has(k));
});

test('meta: 28-asset universe (2023), nautilus sample with null flags, perp metas of HIP-3 dexes', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const c = cassette('test_get_info.json');
  const m = parseMeta(cassetteBody('test_get_info.json', 'meta'));
  assert.equal(m.universe.length, c.asserted_by_source_test?.['len(universe)']);
  assert.deepEqual(m.universe[0], { assetId: 0, name: 'BTC', szDecimals: 5, maxLeverage: 50, marginTableId: undefined, onlyIsolated: false, isDelisted: false, marginMode: undefined });
  assert.equal(m.universe[15].name, 'kPEPE');
  assert.equal(m.universe[15].assetId, 15);
  const n = parseMeta(fixtureJson('nautilus-trader/http_meta_perp_sample.json'));
  assert.deepEqual(n.universe.map((u) => [u.name, u.maxLeverage, u.onlyIsolated, u.isDelisted]), [['BTC', 40, false, false], ['ETH', 25, false, false], ['ATOM', 5, false, false]]);
  const dexes = (fixtureJson('nautilus-trader/http_all_perp_metas_non_usdc_collateral.json') as unknown[]).map((x, i) => parseMeta(x, 'meta', i));
  assert.deepEqual(dexes.map((d) => [d.universe[0].name, d.universe[0].assetId, d.collateralToken]), [['BTC', 0, 0], ['km:US500', 110000, 360], ['hyna:BTC', 120000, 235]]);
  const spot = parseSpotMeta(fixtureJson('nautilus-trader/http_spot_meta_non_usdc_collateral.json'));
  assert.deepEqual(spot.tokens.map((x) => [x.name, x.index, x.szDecimals]), [['USDC', 0, 8], ['USDH', 360, 2], ['USDE', 235, 2]]);
});

test('metaAndAssetCtxs: contexts aligned by index; a count mismatch is rejected', () => {
  const meta = { universe: [{ name: 'BTC', szDecimals: 5, maxLeverage: 40, marginTableId: 56 }, { name: 'OLD', szDecimals: 1, maxLeverage: 3, marginTableId: 3, isDelisted: true }], marginTables: [[56, { description: 'tiered 40x', marginTiers: [{ lowerBound: '0.0', maxLeverage: 40 }, { lowerBound: '150000000.0', maxLeverage: 20 }] }]], collateralToken: 0 };
  const ctx = { funding: '0.0000125', openInterest: '27353.17682', prevDayPx: '76317.0', dayNtlVlm: '1.5', premium: null, oraclePx: '77605.0', markPx: '77562.0', midPx: null, impactPxs: null, dayBaseVlm: '19707.77457' };
  const r = parseMetaAndAssetCtxs([meta, [ctx, ctx]]);
  assert.equal(r.ctxs.length, 2);
  assert.equal(r.ctxs[0].openInterest, 27353.17682);
  assert.equal(r.ctxs[1].premium, null);
  assert.equal(r.meta.universe[1].isDelisted, true);
  assert.deepEqual(r.meta.marginTables.get(56)?.tiers, [{ lowerBound: 0, maxLeverage: 40 }, { lowerBound: 150_000_000, maxLeverage: 20 }]);
  assert.throws(() => parseMetaAndAssetCtxs([meta, [ctx]]), /hyperliquid info metaAndAssetCtxs: \[1\]: expected 2 contexts, one per universe entry, got "1 contexts"/);
  assert.throws(() => parseMeta({ universe: [{ name: 'X', szDecimals: 'five', maxLeverage: 3 }] }), /hyperliquid info meta: universe\[0\]\.szDecimals: expected a non-negative integer, got "five"/);
});
