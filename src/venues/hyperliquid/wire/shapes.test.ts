// The wire shape types agree with the parsers: one frame of every channel, typed as HlWireFrame, parses to its channel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../core/manual-clock.js';
import { HlStamp } from '../parse/context.js';
import { HlWsParser } from '../parse/ws-frame.js';
import type { HlWireFill, HlWireOrder } from './info-shapes.js';
import type { HlWireFrame } from './ws-shapes.js';

const order: HlWireOrder = { coin: 'BTC', side: 'B', limitPx: '100.5', sz: '1', oid: 3, timestamp: 1, origSz: '2', cloid: null };
const fill: HlWireFill = { coin: 'BTC', px: '100.5', sz: '1', side: 'B', time: 2, startPosition: '0.0', dir: 'Open Long', closedPnl: '0.0', hash: '0xab', oid: 3, crossed: false, fee: '-0.001', tid: 9, feeToken: 'USDC', twapId: null };
const level = { px: '100', sz: '1', n: 1 };
const candle = { t: 0, T: 59_999, s: 'BTC', i: '1m', o: '1', c: '1', h: '1', l: '1', v: '0.0', n: 0 };
const ctx = { funding: '0', openInterest: '0', prevDayPx: '1', dayNtlVlm: '0', dayBaseVlm: '0', premium: null, oraclePx: '1', markPx: '1', midPx: null, impactPxs: null };

const FRAMES: readonly HlWireFrame[] = [
  { channel: 'pong' },
  { channel: 'subscriptionResponse', data: { method: 'subscribe', subscription: { type: 'trades', coin: 'BTC' } } },
  { channel: 'error', data: 'Invalid subscription' },
  { channel: 'allMids', data: { mids: { BTC: '100.5' } } },
  { channel: 'l2Book', data: { coin: 'BTC', time: 1, levels: [[level], [{ ...level, px: '101' }]] } },
  { channel: 'trades', data: [{ coin: 'BTC', side: 'A', px: '100', sz: '1', time: 1, hash: '0x1', tid: 1, users: ['0xa', '0xb'] }] },
  { channel: 'candle', data: candle },
  { channel: 'bbo', data: { coin: 'BTC', time: 1, bbo: [level, null] } },
  { channel: 'activeAssetCtx', data: { coin: 'BTC', ctx } },
  { channel: 'activeSpotAssetCtx', data: { coin: '@1', ctx: { coin: '@1', markPx: '1', midPx: '1', prevDayPx: '1', dayNtlVlm: '0', dayBaseVlm: '0', circulatingSupply: '1', totalSupply: '1' } } },
  { channel: 'orderUpdates', data: [{ order, status: 'open', statusTimestamp: 1 }] },
  { channel: 'userFills', data: { user: '0x1', fills: [fill], isSnapshot: true } },
  { channel: 'userFundings', data: { user: '0x1', fundings: [{ time: 1, coin: 'BTC', usdc: '0.1', szi: '1', fundingRate: '0.0001', nSamples: null }] } },
  { channel: 'user', data: { fills: [fill] } },
  { channel: 'user', data: { nonUserCancel: [{ coin: 'BTC', oid: 3 }] } },
  { channel: 'notification', data: { notification: 'hi' } },
  { channel: 'post', data: { id: 1, response: { type: 'error', payload: 'bad' } } },
];

test('one typed frame of every channel parses to that channel', () => {
  const p = new HlWsParser(new HlStamp(new ManualClock(0)));
  for (const f of FRAMES) assert.equal(p.parse(Buffer.from(JSON.stringify(f))).channel, f.channel, JSON.stringify(f));
});
