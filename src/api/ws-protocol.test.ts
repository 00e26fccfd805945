// Parsing /ws client messages at the edge: every bad input is a coded error with a message, never a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SYMBOLS_PER_REQUEST, parseWsClientMessage } from './ws-protocol.js';

test('valid messages parse, with duplicate channels and symbols folded', () => {
  assert.deepEqual(parseWsClientMessage('{"type":"subscribe","channels":["books","books","orders"],"symbols":["BTC","BTC","ETH-PERP"]}'), {
    ok: true,
    message: { type: 'subscribe', channels: ['books', 'orders'], symbols: ['BTC', 'ETH-PERP'] },
  });
  assert.deepEqual(parseWsClientMessage('{"type":"unsubscribe","channels":["fills"]}'), { ok: true, message: { type: 'unsubscribe', channels: ['fills'], symbols: [] } });
  assert.deepEqual(parseWsClientMessage('{"type":"resync","channel":"trades","symbol":"SOL"}'), { ok: true, message: { type: 'resync', channel: 'trades', symbol: 'SOL' } });
  assert.deepEqual(parseWsClientMessage('{"type":"resync","channel":"account"}'), { ok: true, message: { type: 'resync', channel: 'account' } });
  assert.deepEqual(parseWsClientMessage('{"type":"ping","id":"a"}'), { ok: true, message: { type: 'ping', id: 'a' } });
});

test('bad messages give a code and a message', () => {
  const cases: [string, string][] = [
    ['', 'bad_json'],
    ['{"type":', 'bad_json'],
    ['null', 'bad_request'],
    ['"subscribe"', 'bad_request'],
    ['{"channels":["books"]}', 'unknown_type'],
    ['{"type":"SUBSCRIBE","channels":["books"],"symbols":["BTC"]}', 'unknown_type'],
    ['{"type":"subscribe","channels":[],"symbols":["BTC"]}', 'bad_request'],
    ['{"type":"subscribe","channels":"books","symbols":["BTC"]}', 'bad_request'],
    ['{"type":"subscribe","channels":["__proto__"],"symbols":["BTC"]}', 'unknown_channel'],
    ['{"type":"subscribe","channels":["books"],"symbols":"BTC"}', 'bad_request'],
    ['{"type":"subscribe","channels":["books"],"symbols":[1]}', 'bad_request'],
    ['{"type":"subscribe","channels":["books"],"symbols":["../x"]}', 'bad_request'],
    [JSON.stringify({ type: 'subscribe', channels: ['books'], symbols: Array.from({ length: MAX_SYMBOLS_PER_REQUEST + 1 }, (_, i) => `S${i}`) }), 'bad_request'],
    ['{"type":"resync","channel":"books"}', 'bad_request'],
    ['{"type":"resync","channel":"nope","symbol":"BTC"}', 'unknown_channel'],
    ['{"type":"ping","id":1e999}', 'bad_request'],
  ];
  for (const [text, code] of cases) {
    const r = parseWsClientMessage(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) {
      assert.equal(r.code, code, text);
      assert.ok(r.message.length > 0);
    }
  }
});
