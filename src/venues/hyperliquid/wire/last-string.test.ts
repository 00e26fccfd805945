// LastString: the remembered coin is found only as a whole quoted string, and a string JSON escapes is never matched from raw bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LastString } from './last-string.js';

const at = (l: LastString, text: string, from = 1): string | undefined => {
  const b = Buffer.from(text);
  return l.quotedAt(b, from, b.length);
};

test('a remembered name matches its own quoted bytes, not a longer or shorter name, nor one cut off', () => {
  const l = new LastString();
  assert.equal(at(l, '"BTC"'), undefined, 'nothing remembered yet');
  assert.equal(l.remember('BTC'), 'BTC');
  assert.equal(at(l, '"BTC",'), 'BTC');
  assert.equal(l.byteLength, 3);
  assert.equal(at(l, '"BTCX"'), undefined);
  assert.equal(at(l, '"BT"'), undefined);
  assert.equal(at(l, '"BTC'), undefined, 'no closing quote in the frame');
  l.remember('xyz:XYZ100');
  assert.equal(at(l, '"xyz:XYZ100"'), 'xyz:XYZ100');
  assert.equal(at(l, '"BTC"'), undefined);
});

test('a name JSON writes with escapes is returned but not remembered: its raw bytes are not its text', () => {
  const l = new LastString();
  l.remember('BTC');
  assert.equal(l.remember('a\\'), 'a\\');
  // The raw frame `"a\"…` holds an escaped quote, not the name `a\` followed by a closing quote.
  assert.equal(at(l, '"a\\"x"'), undefined);
  assert.equal(at(l, '"BTC"'), 'BTC', 'the last plain name is kept');
});
