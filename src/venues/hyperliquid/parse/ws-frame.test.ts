// HlWsParser over every recorded frame and every channel it reads: envelopes, snapshot flags, control frames, malformed data named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../core/manual-clock.js';
import { BadInputError } from '../../../core/errors.js';
import { fixedFromString, fixedToString } from '../../../core/fixed.js';
import { HlStamp } from './context.js';
import type { HlWsMessage } from './ws-messages.js';
import { HL_FIXTURES_MISSING, cassetteBody, ccxtResponse, fixtureBytes, fixtureJson, hlFixtureDir, transcribedFrame, transcribedFrames } from '../../../testkit/venues/hyperliquid/test-fixtures.js';
import { HlWsParser } from './ws-frame.js';

const HAVE = hlFixtureDir() !== undefined;
const NOW = 1_800_000_000_000;
const parser = (): HlWsParser => new HlWsParser(new HlStamp(new ManualClock(NOW)));
const frame = (channel: string, data: unknown): Buffer => Buffer.from(JSON.stringify({ channel, data }));

function expect<C extends HlWsMessage['channel']>(m: HlWsMessage, channel: C): Extract<HlWsMessage, { channel: C }> {
  assert.equal(m.channel, channel);
  return m as Extract<HlWsMessage, { channel: C }>;
}

test('every transcribed frame parses to its channel', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const p = parser();
  const frames = transcribedFrames();
  assert.equal(frames.length, 6);
  for (const f of frames) assert.equal(p.parse(Buffer.from(f.raw)).channel, f.channel, f.id);
  const sub = expect(p.parse(Buffer.from(transcribedFrame('obs-subscription-response-l2book').raw)), 'subscriptionResponse');
  assert.equal(sub.method, 'subscribe');
  assert.deepEqual(sub.subscription, { type: 'l2Book', coin: 'BTC', nSigFigs: null, mantissa: null });
  assert.equal(p.parse(Buffer.from('{"channel":"pong"}')).channel, 'pong');
});

test('user fills frame with a builder fee (production capture): exact fee, builder part, maker, cloid', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const m = expect(parser().parse(Buffer.from(transcribedFrame('nautilus-user-fill-builder-fee').raw)), 'user');
  assert.equal(m.events.length, 1);
  const e = m.events[0];
  assert.ok(e.type === 'account.fill');
  if (e.type !== 'account.fill') return;
  const f = e.data;
  assert.equal(e.symbol, 'BTC');
  assert.equal(e.tsEvent, 1769940855551);
  assert.equal(e.tsInit, NOW);
  assert.equal(f.fillId, '404237815023429');
  assert.equal(f.oid, 308254271324);
  assert.equal(f.side, 'sell');
  assert.equal(f.price, 79146);
  assert.equal(f.size, 0.001);
  assert.equal(f.dir, 'Long > Short');
  assert.equal(f.startPosition, 0.00093);
  assert.equal(f.liquidity, 'maker');
  assert.equal(f.fee, fixedFromString('0.019785'));
  assert.equal(f.builderFee, fixedFromString('0.007914'));
  assert.equal(fixedToString(f.closedPnl), '0.046128');
  assert.equal(f.feeToken, 'USDC');
  assert.equal(f.cloid, '0x50663504b0f4fedea00080176229d94f');
  assert.equal(f.twapId, undefined);
  assert.equal(f.liquidation, undefined);
  const spot = expect(parser().parse(Buffer.from(transcribedFrame('nautilus-user-fill-spot-at107').raw)), 'user').events[0];
  assert.ok(spot.type === 'account.fill' && spot.symbol === '@107' && spot.data.liquidity === 'taker' && spot.data.feeToken === 'HYPE' && spot.data.side === 'buy');
});

test('user fill with a liquidation block (nautilus capture)', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const m = expect(parser().parse(fixtureBytes('nautilus-trader/ws_user_fill_liquidation.json')), 'user');
  const e = m.events[0];
  assert.ok(e.type === 'account.fill');
  if (e.type !== 'account.fill') return;
  assert.deepEqual(e.data.liquidation, { liquidatedUser: '0x360878d351f05975e25f1807a27895e1e5e004fb', markPrice: 66607, method: 'market' });
  assert.equal(e.data.dir, 'Open Short');
  assert.equal(e.data.fillId, '745210434703679');
});

test('allMids (nautilus capture): one event with every coin, symbol "*", receive time', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const m = expect(parser().parse(fixtureBytes('nautilus-trader/ws_allmids.json')), 'allMids');
  assert.equal(m.event.type, 'market.mids');
  assert.equal(m.event.symbol, '*');
  assert.equal(m.event.tsEvent, NOW);
  assert.deepEqual([...m.event.data.mids], [['@142', 80907.5], ['BTC', 80868.5], ['ETH', 2296.45], ['SOL', 94.8775], ['PURR/USDC', 0.067131]]);
  assert.equal(m.event.data.dex, undefined);
});

test('activeAssetCtx: all 412 recorded contexts of ws_all_dexs_asset_ctxs parse; nulls stay null', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const all = fixtureJson('nautilus-trader/ws_all_dexs_asset_ctxs.json') as { data: { ctxs: [string, Record<string, unknown>[]][] } };
  const p = parser();
  let n = 0;
  let thin = 0;
  for (const [dex, ctxs] of all.data.ctxs) {
    for (const [i, ctx] of ctxs.entries()) {
      const coin = dex === '' ? `C${i}` : `${dex}:C${i}`;
      const m = expect(p.parse(frame('activeAssetCtx', { coin, ctx })), 'activeAssetCtx');
      const d = m.event.data;
      assert.ok(d.kind === 'perp');
      if (d.kind !== 'perp') return;
      assert.equal(d.markPrice, Number(ctx.markPx));
      assert.equal(d.openInterest, Number(ctx.openInterest));
      assert.equal(d.funding, Number(ctx.funding));
      if (ctx.midPx === null) {
        thin++;
        assert.equal(d.midPrice, null);
        assert.equal(d.impactBid, null);
      }
      n++;
    }
  }
  assert.equal(n, 412);
  assert.ok(thin > 0);
  const btc = all.data.ctxs[0][1][0];
  const e = expect(p.parse(frame('activeAssetCtx', { coin: 'BTC', ctx: btc })), 'activeAssetCtx').event;
  assert.deepEqual(e.data, {
    kind: 'perp',
    funding: -0.0000015186,
    openInterest: 27353.17682,
    markPrice: 77562,
    oraclePrice: 77605,
    midPrice: 77558.5,
    premium: -0.0005927453,
    impactBid: 77558,
    impactAsk: 77559,
    prevDayPrice: 76317,
    dayNotionalVolume: 1516669192.1953897476,
    dayBaseVolume: 19707.77457,
  });
  assert.equal(e.type, 'market.assetCtx');
  assert.equal(e.seq, 1);
});

test('activeSpotAssetCtx, bbo, candle (object and array), notification, post, error, greeting, unknown channel', () => {
  const p = parser();
  const spot = expect(
    p.parse(frame('activeSpotAssetCtx', { coin: '@107', ctx: { coin: '@107', markPx: '31.7', midPx: null, prevDayPx: '30.0', dayNtlVlm: '100.5', dayBaseVlm: '3.2', circulatingSupply: '1000', totalSupply: '2000' } })),
    'activeSpotAssetCtx',
  );
  assert.deepEqual(spot.event.data, { kind: 'spot', markPrice: 31.7, midPrice: null, prevDayPrice: 30, dayNotionalVolume: 100.5, dayBaseVolume: 3.2, circulatingSupply: 1000, totalSupply: 2000 });

  const bbo = expect(p.parse(frame('bbo', { coin: 'BTC', time: 1751427259657, bbo: [{ px: '106217.0', sz: '0.001', n: 1 }, null] })), 'bbo');
  assert.equal(bbo.event.tsEvent, 1751427259657);
  assert.deepEqual(bbo.event.data, { bidPrice: 106217, bidSize: 0.001, askPrice: null, askSize: null });

  const candle = { t: 1684699200000, T: 1684702799999, s: 'kPEPE', i: '1h', o: '0.001601', c: '0.001604', h: '0.001616', l: '0.001601', v: '520665683.0', n: 709 };
  const c1 = expect(p.parse(frame('candle', candle)), 'candle');
  assert.equal(c1.events.length, 1);
  assert.equal(c1.events[0].symbol, 'kPEPE');
  assert.deepEqual(c1.events[0].data, { interval: '1h', openTime: 1684699200000, closeTime: 1684702799999, open: 0.001601, high: 0.001616, low: 0.001601, close: 0.001604, volume: 520665683, trades: 709 });
  assert.equal(expect(p.parse(frame('candle', [candle, candle])), 'candle').events[1].seq, 3);
  // A frame with a bad element is rejected whole and consumes no seq.
  assert.throws(() => p.parse(frame('candle', [candle, { ...candle, o: 'x' }])), /hyperliquid ws candle: \[1\]\.o: expected a positive decimal string, got "x"/);
  assert.equal(expect(p.parse(frame('candle', candle)), 'candle').events[0].seq, 4);

  assert.equal(expect(p.parse(frame('notification', { notification: 'Order filled' })), 'notification').text, 'Order filled');
  const post = expect(p.parse(frame('post', { id: 42, response: { type: 'info', payload: { type: 'l2Book', data: null } } })), 'post');
  assert.deepEqual([post.id, post.type, post.payload], [42, 'info', { type: 'l2Book', data: null }]);
  assert.equal(expect(p.parse(frame('error', 'Invalid subscription')), 'error').message, 'Invalid subscription');
  assert.deepEqual(p.parse(Buffer.from('Websocket connection established.')), { channel: 'text', text: 'Websocket connection established.' });
  assert.deepEqual(p.parse(Buffer.from('{"channel":"webData3","data":{"x":[1,2]}}')), { channel: 'unknown', name: 'webData3' });
});

test('orderUpdates: recorded orders as updates, statuses mapped, unknown status terminal', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const hist = cassetteBody('test_historical_orders.json', 'historicalOrders') as unknown[];
  const alo = (ccxtResponse('info-orderStatus-alo-open') as { order: unknown }).order;
  const weird = { ...(alo as object), status: 'someFutureStatus' };
  const m = expect(parser().parse(frame('orderUpdates', [...hist, alo, weird])), 'orderUpdates');
  assert.equal(m.events.length, 7);
  const [first] = m.events;
  assert.equal(first.type, 'account.order');
  assert.equal(first.symbol, 'TON');
  assert.equal(first.tsEvent, 1755863118217);
  assert.equal(first.data.status, 'iocCancelRejected');
  assert.equal(first.data.state, 'rejected');
  assert.equal(first.data.reason, 'iocCancelRejected');
  assert.ok(first.data.terminal);
  assert.equal(first.data.order.oid, 141682155424);
  assert.equal(first.data.order.tif, 'Ioc');
  assert.equal(first.data.order.triggerPrice, undefined);
  assert.deepEqual(m.events.map((e) => e.data.state), ['rejected', 'rejected', 'rejected', 'canceled', 'canceled', 'open', 'unknown']);
  assert.deepEqual(m.events.map((e) => e.data.terminal), [true, true, true, true, true, false, true]);
  assert.equal(m.events[5].data.order.tif, 'Alo');
});

test('userFills with isSnapshot; userFundings; user funding, liquidation and nonUserCancel', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const p = parser();
  const fills = fixtureJson('nautilus-trader/http_user_fills_dust_conversion.json') as unknown[];
  const uf = expect(p.parse(frame('userFills', { user: '0xabc', fills, isSnapshot: true })), 'userFills');
  assert.equal(uf.isSnapshot, true);
  assert.equal(uf.user, '0xabc');
  assert.equal(uf.events.length, fills.length);
  assert.equal(expect(p.parse(frame('userFills', { user: '0xabc', fills: [] })), 'userFills').isSnapshot, false);

  const funding = (cassetteBody('test_user_funding_history_with_end_time.json', 'userFunding') as { time: number; delta: Record<string, unknown> }[]).map((x) => ({ ...x.delta, time: x.time }));
  const fu = expect(p.parse(frame('userFundings', { user: '0xabc', fundings: funding, isSnapshot: true })), 'userFundings');
  assert.equal(fu.events.length, 13);
  assert.equal(fu.events[0].symbol, 'APE');
  assert.equal(fu.events[0].tsEvent, 1681948800000);
  assert.equal(fixedToString(fu.events[0].data.usdc), '0.145796');
  assert.equal(fu.events[0].data.size, 40.13333333);
  assert.equal(fu.events[0].data.samples, 3);

  const f1 = expect(p.parse(frame('user', { funding: { coin: 'ETH', usdc: '-0.5', szi: '2.0', fundingRate: '0.0000125', nSamples: null } })), 'user').events[0];
  assert.ok(f1.type === 'account.funding' && f1.data.samples === null && f1.data.time === undefined && f1.tsEvent === NOW && f1.data.usdc === fixedFromString('-0.5'));
  const liq = expect(
    p.parse(frame('user', { liquidation: { lid: 9, liquidator: '0x1', liquidated_user: '0x2', liquidated_ntl_pos: '1000.5', liquidated_account_value: '20.25' } })),
    'user',
  ).events[0];
  assert.ok(liq.type === 'account.liquidation' && liq.data.lid === 9 && liq.data.liquidatedNotional === fixedFromString('1000.5'));
  const cancels = expect(p.parse(frame('user', { nonUserCancel: [{ coin: 'BTC', oid: 5 }, { coin: 'ETH', oid: 6 }] })), 'user').events;
  assert.deepEqual(cancels.map((e) => [e.type, e.symbol, (e.data as { oid: number }).oid]), [['account.nonUserCancel', 'BTC', 5], ['account.nonUserCancel', 'ETH', 6]]);
  assert.deepEqual(expect(p.parse(frame('user', { twapHistory: [] })), 'user').events, []);
});

test('malformed frames of every JSON channel name the channel and the field', () => {
  const p = parser();
  const cases: [Buffer, string][] = [
    [frame('allMids', { mids: { BTC: 'NaN' } }), 'hyperliquid ws allMids: mids.BTC: expected a positive decimal string, got "NaN"'],
    [frame('bbo', { coin: 'BTC', time: 1, bbo: [{ px: '2', sz: '1' }, { px: '1', sz: '1' }] }), 'hyperliquid ws bbo: bbo[1].px: expected a price above the bid 2, got "1"'],
    [frame('candle', { t: 1, T: 2, s: 'BTC', i: '1h', o: '1', c: '1', h: '1', l: null, v: '0', n: 1 }), 'hyperliquid ws candle: data.l: expected a positive decimal string, got null'],
    [frame('activeAssetCtx', { coin: 'BTC', ctx: { funding: '0.1' } }), 'hyperliquid ws activeAssetCtx: ctx.openInterest: missing (expected a decimal string ≥ 0)'],
    [frame('orderUpdates', [{ order: { coin: 'BTC', side: 'B', limitPx: '1', sz: '1', oid: 'x', timestamp: 1 }, status: 'open', statusTimestamp: 1 }]), 'hyperliquid ws orderUpdates: [0].order.oid: expected a non-negative integer, got "x"'],
    [frame('userFills', { user: '0x1', fills: [{ coin: 'BTC' }] }), 'hyperliquid ws userFills: fills[0].oid: missing (expected a non-negative integer)'],
    [frame('userFundings', { user: '0x1', fundings: [{ coin: 'BTC', time: 1, usdc: 'abc' }] }), 'hyperliquid ws userFundings: fundings[0].usdc: expected a decimal string, got "abc"'],
    [frame('user', { something: 1 }), 'hyperliquid ws user: data: expected one of fills, funding, liquidation, nonUserCancel, got {"something":1}'],
    [frame('notification', {}), 'hyperliquid ws notification: notification: missing (expected a string)'],
    [Buffer.from('{"data":{}}'), 'hyperliquid ws: channel: missing (expected a string)'],
    [Buffer.from('{"channel":"allMids","data":{"mids":{'), 'hyperliquid ws allMids: data: expected a string, got the end of the frame (truncated at byte 37)'],
  ];
  for (const [raw, msg] of cases) {
    assert.throws(() => p.parse(raw), (e: unknown) => e instanceof BadInputError && e.message === msg, `${raw.toString()} → ${msg}`);
  }
});
