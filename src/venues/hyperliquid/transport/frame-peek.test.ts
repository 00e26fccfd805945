// Peeking at frames: channel, coin, candle coin+interval and venue time from the bytes, on recorded frame shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameStreamKey, peekChannel, peekInteger, peekString } from './frame-peek.js';
import { subscriptionKey } from './subscriptions.js';

const BOOK = Buffer.from('{"channel":"l2Book","data":{"coin":"BTC","time":1751427259657,"levels":[[{"px":"106217.0","sz":"0.001","n":1}],[]]}}');
const TRADES = Buffer.from('{"channel":"trades","data":[{"coin":"BTC","side":"A","px":"106296.0","sz":"0.00017","time":1751430933565,"hash":"0xde","tid":293353986402527}]}');
const CANDLE = Buffer.from('{"channel":"candle","data":{"t":1,"T":2,"s":"ETH","i":"1m","o":"1","c":"1","h":"1","l":"1","v":"0","n":0}}');

test('channel, coin and time from recorded frame shapes', () => {
  assert.equal(peekChannel(BOOK), 'l2Book');
  assert.equal(peekChannel(Buffer.from('{"channel":"pong"}')), 'pong');
  assert.equal(peekChannel(Buffer.from('{"data":1,"channel":"x"}')), undefined, 'other key order: slow path');
  assert.equal(peekChannel(Buffer.from('{"channel":"trunc')), undefined);
  assert.equal(peekChannel(Buffer.from('Websocket connection established.')), undefined);
  assert.equal(peekString(BOOK, 'coin'), 'BTC');
  assert.equal(peekInteger(BOOK, 'time'), 1751427259657);
  assert.equal(peekInteger(TRADES, 'time'), 1751430933565);
  assert.ok(Number.isNaN(peekInteger(CANDLE, 'time')));
  assert.equal(peekString(Buffer.from('{"channel":"l2Book","data":{"coin":"@107"}}'), 'coin'), '@107');
});

test('frame stream keys match subscription keys', () => {
  assert.equal(frameStreamKey('l2Book', BOOK), subscriptionKey({ type: 'l2Book', coin: 'BTC' }));
  assert.equal(frameStreamKey('trades', TRADES), subscriptionKey({ type: 'trades', coin: 'BTC' }));
  assert.equal(frameStreamKey('candle', CANDLE), subscriptionKey({ type: 'candle', coin: 'ETH', interval: '1m' }));
  assert.equal(frameStreamKey('allMids', Buffer.from('{"channel":"allMids","data":{"mids":{}}}')), subscriptionKey({ type: 'allMids' }));
  assert.equal(frameStreamKey('user', Buffer.from('{"channel":"user","data":{"fills":[]}}')), subscriptionKey({ type: 'userEvents', user: '0xabc' }));
  assert.equal(
    frameStreamKey('activeSpotAssetCtx', Buffer.from('{"channel":"activeSpotAssetCtx","data":{"coin":"@107","ctx":{}}}')),
    subscriptionKey({ type: 'activeAssetCtx', coin: '@107' }),
  );
  assert.equal(frameStreamKey('l2Book', Buffer.from('{"channel":"l2Book","data":{}}')), undefined);
});
