// stableKey ignores key order; sameSubscription is exact except that the venue's null-filled optional keys equal absent ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameSubscription, stableKey } from './stable-key.js';

test('stableKey sorts keys at every depth', () => {
  assert.equal(stableKey({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  assert.equal(stableKey({ type: 'l2Book', coin: 'BTC' }), stableKey({ coin: 'BTC', type: 'l2Book' }));
});

test('sameSubscription: the recorded l2Book ack matches what was sent', () => {
  const sent = { type: 'l2Book', coin: 'BTC' };
  const ack = { type: 'l2Book', coin: 'BTC', nSigFigs: null, mantissa: null };
  assert.ok(sameSubscription(sent, ack));
  assert.ok(!sameSubscription(sent, { type: 'l2Book', coin: 'ETH' }));
  assert.ok(!sameSubscription(sent, { type: 'l2Book', coin: 'BTC', nSigFigs: 5 }));
  assert.ok(!sameSubscription({ type: 'candle', coin: 'BTC', interval: '1m' }, { type: 'candle', coin: 'BTC', interval: '5m' }));
  assert.ok(!sameSubscription({ type: 'trades', coin: 'BTC' }, { type: 'trades' }));
});
