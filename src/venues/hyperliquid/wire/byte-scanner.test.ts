// The byte scanner's tokens equal JSON.parse's: decimals (the nearest double, long digit strings too), integers, strings, skipping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../core/rng.js';
import { ByteScanner, ScanError, keyTable } from './byte-scanner.js';
import { decimalValue } from './decimal.js';

const at = (text: string): ByteScanner => new ByteScanner().reset(Buffer.from(text));

test('decimal(): equals Number(text) on 20000 random plain decimals, including > 2^53 digits and negatives', () => {
  const rng = createRng(1);
  for (let i = 0; i < 20_000; i++) {
    let s = rng.next() < 0.2 ? '-' : '';
    const ni = rng.int(1, 12);
    for (let k = 0; k < ni; k++) s += String(rng.int(0, 9));
    if (rng.next() < 0.7) {
      s += '.';
      const nf = rng.int(1, rng.next() < 0.1 ? 30 : 9);
      for (let k = 0; k < nf; k++) s += String(rng.int(0, 9));
    }
    const v = at(`"${s}"`).decimal();
    assert.ok(Object.is(v, Number(s)), s);
    assert.ok(Object.is(v, decimalValue(s)), s);
    const f = at(`"${s}"`).tryDecimal();
    assert.ok(Object.is(f, Number(s)), s);
  }
  assert.equal(at('"\\u0031.5"').decimal(), 1.5);
  for (const bad of ['"1e5"', '"+1"', '".5"', '"1."', '"NaN"', '"Infinity"', '""', '"-"', 'null', '12', '"1', '"0x10"', '" 1"']) {
    assert.throws(() => at(bad).decimal(), ScanError, bad);
    if (bad.length > 1 && bad.startsWith('"') && bad.endsWith('"')) assert.equal(decimalValue(JSON.parse(bad) as string), undefined, bad);
  }
});

test('integer(), string(), key(), skipValue() and literals agree with JSON.parse', () => {
  for (const [t, v] of [['0', 0], ['1751427259657', 1751427259657], ['"1751427259657"', 1751427259657], ['1.0', 1], ['1e3', 1000], ['9007199254740991', 9007199254740991]] as const) {
    assert.equal(at(t).integer(), v, t);
  }
  for (const bad of ['-1', '1.5', '01', '9007199254740993', '"12a"', '"-1"', 'null', '"12345678901234567"']) assert.throws(() => at(bad).integer(), ScanError, bad);
  for (const s of ['"BTC"', '"@107"', '"xyz:XYZ100"', '"a\\"b\\\\c\\u00e9"', '"币"']) assert.equal(at(s).string(), JSON.parse(s), s);
  const s = at('{"coin":"BTC","zz":[1,{"a":"}"},-2.5e-3,true,false,null,"\\""],"time":5}');
  const keys = keyTable('coin', 'time');
  assert.ok(s.openObject());
  const seen: unknown[] = [];
  do {
    const k = s.key(keys);
    if (k === 0) seen.push(s.string());
    else if (k === 1) seen.push(s.integer());
    else s.skipValue();
  } while (s.nextMember());
  assert.ok(s.atEnd());
  assert.deepEqual(seen, ['BTC', 5]);
  for (const bad of ['[1,]', '{"a" 1}', '"abc', 'tru', '[01]', '{"a":1,}', '"\\x"', '-', '1.', '[[[[']) {
    assert.throws(() => {
      const x = at(bad);
      x.skipValue();
      if (!x.atEnd()) x.fail('the end');
    }, ScanError, bad);
  }
  assert.throws(() => at('['.repeat(100) + ']'.repeat(100)).skipValue(), ScanError);
});
