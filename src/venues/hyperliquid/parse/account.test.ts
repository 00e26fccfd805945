// REST account responses: clearinghouseState, openOrders, frontendOpenOrders, orderStatus, userFills(ByTime), userFunding against the recorded JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../../core/errors.js';
import { fixedFromString, fixedToString } from '../../../core/fixed.js';
import { parseClearinghouseState } from './clearinghouse.js';
import { parseUserFills, toCoreFill } from './fills.js';
import { parseUserFunding } from './funding.js';
import { parseFrontendOpenOrders, parseHistoricalOrders, parseOpenOrders, parseOrderStatus } from './orders.js';
import { HL_FIXTURES_MISSING, cassette, cassetteBody, ccxtResponse, fixtureJson, hlFixtureDir } from '../../../testkit/venues/hyperliquid/test-fixtures.js';

const HAVE = hlFixtureDir() !== undefined;

test('clearinghouseState (python-sdk, 12 positions): account value, positions, null liquidation prices', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const s = parseClearinghouseState(cassetteBody('test_get_user_state.json', 'clearinghouseState'));
  assert.equal(s.positions.length, 12);
  assert.equal(fixedToString(s.marginSummary?.accountValue ?? 0n), '1182.312496');
  assert.equal(fixedToString(s.withdrawable), '1010.57173');
  assert.equal(s.time, undefined);
  const btc = s.positions[0];
  assert.deepEqual([btc.symbol, btc.size, btc.entryPrice, btc.liquidationPrice], ['BTC', -0.00785, 26951, 173198.69592357]);
  assert.deepEqual(btc.leverage, { type: 'cross', value: 20, rawUsd: undefined });
  assert.equal(btc.unrealizedPnl, fixedFromString('-0.08007'));
  assert.equal(s.positions[1].liquidationPrice, null);
});

test('clearinghouseState edge cases: ccxt isolated, HIP-3, empty, quoted leverage; nautilus without marginSummary', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const iso = parseClearinghouseState(ccxtResponse('info-clearinghouseState-isolated-short'));
  assert.deepEqual(iso.positions[0].leverage, { type: 'isolated', value: 10, rawUsd: fixedFromString('211.144417') });
  assert.equal(iso.positions[0].size, -4);
  assert.equal(iso.time, 1761803589961);
  assert.equal(iso.positions[0].maxLeverage, 10);
  const hip3 = parseClearinghouseState(ccxtResponse('info-clearinghouseState-hip3-isolated-long'));
  assert.equal(hip3.positions[0].symbol, 'flx:CRCL');
  assert.equal(hip3.positions[0].leverage.rawUsd, fixedFromString('-6.955118'));
  const two = parseClearinghouseState(ccxtResponse('info-clearinghouseState-cross-two-longs'));
  assert.equal(two.positions[1].cumFunding?.allTime, fixedFromString('161.431624'));
  assert.equal(two.crossMaintenanceMarginUsed, fixedFromString('141.579994'));
  assert.equal(parseClearinghouseState(ccxtResponse('info-clearinghouseState-empty')).positions.length, 0);
  parseClearinghouseState(ccxtResponse('info-clearinghouseState-cross-short'));
  const neg = parseClearinghouseState(fixtureJson('nautilus-trader/http_clearinghouse_state_negative_total_raw_usd.json'));
  assert.equal(neg.marginSummary, undefined);
  assert.equal(neg.crossMarginSummary?.totalRawUsd, fixedFromString('-22358.938225'));
  assert.throws(
    () => parseClearinghouseState({ assetPositions: [{ position: { coin: 'BTC', szi: 'NaN' } }], withdrawable: '1' }),
    (e: unknown) => e instanceof BadInputError && e.message === 'hyperliquid info clearinghouseState: assetPositions[0].position.szi: expected a decimal string, got "NaN"',
  );
});

test('openOrders (196 orders) and frontendOpenOrders (trigger TP/SL under a parent)', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const open = parseOpenOrders(cassetteBody('test_get_open_orders.json', 'openOrders'));
  assert.equal(open.length, cassette('test_get_open_orders.json').asserted_by_source_test?.['len(response)']);
  assert.deepEqual([open[0].symbol, open[0].side, open[0].limitPrice, open[0].size, open[0].oid, open[0].timestamp], ['MATIC', 'buy', 1.0357, 208.7, 62269971, 1679940217356]);
  assert.equal(open[0].origSize, undefined);
  assert.equal(open[0].reduceOnly, undefined);
  const fe = parseFrontendOpenOrders(cassetteBody('test_get_frontend_open_orders.json', 'frontendOpenOrders'));
  assert.equal(fe.length, 3);
  assert.deepEqual([fe[0].orderType, fe[0].isTrigger, fe[0].triggerPrice, fe[0].reduceOnly, fe[0].tif, fe[0].triggerCondition], ['Take Profit Market', true, 10.004, true, null, 'Price above 10.004']);
  const parent = fe[2];
  assert.deepEqual([parent.orderType, parent.tif, parent.triggerPrice, parent.children.length], ['Limit', 'Gtc', undefined, 2]);
  assert.equal(parent.children[0].orderType, 'Stop Market');
  const stop = parseFrontendOpenOrders(ccxtResponse('info-frontendOpenOrders-stop-limit'));
  assert.deepEqual([stop[0].orderType, stop[0].oid, stop[0].triggerPrice, stop[0].timestamp], ['Stop Limit', 8670685324, 0.6, 1715524233290]);
});

test('orderStatus: open ALO, HIP-3, filled (quoted ints), unknownOid; historicalOrders reasons', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const alo = parseOrderStatus(ccxtResponse('info-orderStatus-alo-open'));
  assert.ok(alo.found);
  if (!alo.found) return;
  assert.deepEqual([alo.update.state, alo.update.terminal, alo.update.order.tif, alo.update.order.cloid], ['open', false, 'Alo', undefined]);
  const hip3 = parseOrderStatus(ccxtResponse('info-orderStatus-hip3-xyz'));
  assert.ok(hip3.found && hip3.update.order.symbol === 'xyz:XYZ100');
  const filled = parseOrderStatus(ccxtResponse('info-orderStatus-filled-eth'));
  assert.ok(filled.found && filled.update.state === 'filled' && filled.update.order.size === 0 && filled.update.order.origSize === 0.2 && filled.update.statusTimestamp === 1709141541609);
  assert.deepEqual(parseOrderStatus({ status: 'unknownOid' }), { found: false });
  assert.throws(() => parseOrderStatus({ status: 'weird' }), /hyperliquid info orderStatus: status: expected "order" or "unknownOid", got "weird"/);
  const hist = parseHistoricalOrders(cassetteBody('test_historical_orders.json', 'historicalOrders'));
  assert.deepEqual(hist.map((h) => h.reason), ['iocCancelRejected', 'iocCancelRejected', 'iocCancelRejected', undefined, undefined]);
  const dup = parseHistoricalOrders(ccxtResponse('info-historicalOrders-duplicate-oid'));
  assert.deepEqual(dup.map((h) => [h.order.oid, h.state]), [[323550506865, 'canceled'], [323550506865, 'open']]);
});

test('userFills (500 legacy fills without tid) and userFillsByTime: values, taker flag, unique fill ids', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const fills = parseUserFills(cassetteBody('test_get_user_fills.json', 'userFills'));
  assert.equal(fills.length, 500);
  assert.equal(fills[0].liquidity, 'taker');
  assert.deepEqual([fills[0].symbol, fills[0].price, fills[0].size, fills[0].side, fills[0].dir, fills[0].oid, fills[0].time], ['SUI', 1.3189, 142.7, 'sell', 'Close Long', 189324432, 1683245884863]);
  assert.equal(fills[0].closedPnl, fixedFromString('-0.25686'));
  assert.equal(fills[0].tid, undefined);
  assert.equal(new Set(fills.map((f) => f.fillId)).size, 500);
  const byTime = parseUserFills(cassetteBody('test_get_user_fills_by_time.json', 'userFillsByTime'), 'hyperliquid info userFillsByTime');
  assert.equal(byTime.length, 500);
  assert.ok(byTime.every((f) => f.time >= 1683245555699 && f.time <= 1683245884863));
});

test('userFills edge cases: dust conversion and spot fee tokens, builder fee + liquidation (quoted ints), core Fill', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const dust = parseUserFills(fixtureJson('nautilus-trader/http_user_fills_dust_conversion.json'));
  assert.deepEqual(dust.map((f) => f.dir), ['Open Long', 'Close Short', 'Buy', 'Spot Dust Conversion', 'Net Child Vaults']);
  assert.equal(dust[0].fillId, '17679709382320');
  assert.equal(dust[2].feeToken, 'USOL');
  assert.equal(dust[3].size, 0.0000086141);
  const bf = parseUserFills(ccxtResponse('info-userFills-builderfee-liquidation-hip3'));
  assert.equal(bf[0].builderFee, fixedFromString('0.002424'));
  assert.equal(bf[0].tid, 882779857052503);
  assert.equal(bf[1].liquidation?.method, 'market');
  assert.equal(bf[1].feeToken, 'USDH');
  const core = toCoreFill(bf[1]);
  assert.deepEqual({ ...core, fee: fixedToString(core.fee) }, {
    type: 'order.filled',
    fillId: '1019408913364172',
    orderId: '310636768174',
    clientId: '',
    symbol: 'flx:CRCL',
    side: 'sell',
    qty: 0.27,
    price: 55.877,
    fee: '0.001173',
    liquidity: 'taker',
    ts: 1770134398172,
    reason: 'liquidation (market)',
  });
  // A spot buy pays its fee in the received token: converted to quote at the fill price.
  assert.equal(fixedToString(toCoreFill(dust[2], 'USOL').fee), '0.1421862048');
  const spot = parseUserFills(ccxtResponse('info-userFills-spot'));
  assert.deepEqual([spot[0].symbol, spot[0].side, spot[0].feeToken], ['PURR/USDC', 'sell', 'USDC']);
  assert.throws(() => parseUserFills([{ ...(spot[0] as object), px: undefined }]), /hyperliquid info userFills: \[0\]\./);
});

test('userFunding (218 and 13 payments): signed exact amounts, paid is negative', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const all = parseUserFunding(cassetteBody('test_user_funding_history_without_end_time.json', 'userFunding'));
  assert.equal(all.length, 218);
  assert.equal(all.filter((f) => f.usdc < 0n).length, 67);
  const avax = all.find((f) => f.symbol === 'AVAX' && f.usdc < 0n);
  assert.ok(avax && avax.rate === 0.0001 && avax.size > 0 && fixedToString(avax.usdc) === '-0.572915');
  const last = all[all.length - 1];
  assert.deepEqual([last.symbol, last.time, last.samples, last.size], ['SUI', 1683244800000, 1, -1768]);
  assert.equal(parseUserFunding(cassetteBody('test_user_funding_history_with_end_time.json', 'userFunding')).length, 13);
});
