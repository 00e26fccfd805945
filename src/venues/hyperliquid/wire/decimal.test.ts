// The strict reader of unsigned request decimals: canonical text, value and decimals; everything else refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsignedDecimal } from './decimal.js';

test('reads plain unsigned decimals into the canonical form the venue hashes', () => {
  assert.deepEqual(unsignedDecimal('25.20'), { text: '25.2', value: 25.2, decimals: 1 });
  assert.deepEqual(unsignedDecimal('100.0'), { text: '100', value: 100, decimals: 0 });
  assert.deepEqual(unsignedDecimal('0.0100'), { text: '0.01', value: 0.01, decimals: 2 });
  assert.deepEqual(unsignedDecimal('007'), { text: '7', value: 7, decimals: 0 });
  assert.deepEqual(unsignedDecimal('0'), { text: '0', value: 0, decimals: 0 });
  assert.deepEqual(unsignedDecimal('999999999999999.99999999999999999999'), { text: '999999999999999.99999999999999999999', value: 1e15, decimals: 20 });
});

test('refuses signs, exponents, hex, blanks, words, bare dots, non-strings and huge digit strings', () => {
  const bad: unknown[] = ['0x10', '1e1', '1E1', ' 2', '2 ', '', 'Infinity', 'NaN', '-0', '-1', '+1', '.5', '5.', '.', '1_000', '١', '1,5', 1, null, undefined, {}, ['1']];
  bad.push('1'.repeat(400), '1'.repeat(16), '0.' + '1'.repeat(21), '0'.repeat(16) + '1');
  for (const b of bad) assert.equal(unsignedDecimal(b), undefined, JSON.stringify(b)?.slice(0, 40));
});
