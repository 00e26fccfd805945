// Tests of the byte-level number and time scanners: exactness against Number() and Date.UTC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDecimal, scanOut } from './ascii-number.js';
import { daysFromCivil, epochToMs, scanDateTime, scanTimeOfDay, timeScratch } from './ascii-time.js';
import { createRng } from '../../core/rng.js';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const num = (s: string): number => scanDecimal(bytes(s), 0, s.length, scanOut());
const when = (s: string): number => scanDateTime(bytes(s), 0, s.length, timeScratch());

test('decimals parse to exactly the double Number() gives', () => {
  assert.equal(num('3604.33'), 3604.33);
  assert.equal(num('0.1'), 0.1);
  assert.equal(num('5.33e-05'), 5.33e-5);
  assert.equal(num('-12.5'), -12.5);
  assert.equal(num('1E3'), 1000);
  assert.equal(num('7267451.9000000004'), 7267451.9000000004);
  assert.equal(num('123456789012345678901234'), 123456789012345678901234);
  const rng = createRng(7);
  for (let k = 0; k < 20000; k++) {
    const digits = rng.int(1, 17);
    let s = '';
    for (let i = 0; i < digits; i++) s += String(rng.int(0, 9));
    const dot = rng.int(0, digits);
    const text = dot === digits ? s : s.slice(0, dot) + '.' + s.slice(dot);
    assert.equal(num(text), Number(text), text);
  }
});

test('decimals are counted from the text', () => {
  const out = scanOut();
  const b = bytes('3604.30');
  scanDecimal(b, 0, b.length, out);
  assert.equal(out.decimals, 2);
  const e = bytes('5.3e-05');
  scanDecimal(e, 0, e.length, out);
  assert.equal(out.decimals, 6);
});

test('non-numbers are NaN', () => {
  for (const s of ['', 'abc', '1.2.3', '1e', 'nan', 'Infinity', '1e999', '12x', 'null', '-']) assert.ok(Number.isNaN(num(s)), s);
});

test('days from civil matches Date.UTC over four centuries', () => {
  for (let y = 1900; y <= 2300; y += 7) {
    for (let m = 1; m <= 12; m++) assert.equal(daysFromCivil(y, m, 28) * 86_400_000, Date.UTC(y, m - 1, 28));
  }
  assert.equal(daysFromCivil(2000, 2, 29) * 86_400_000, Date.UTC(2000, 1, 29));
});

test('date-time forms and the epoch magnitude rule', () => {
  assert.equal(when('2006-01-02'), Date.UTC(2006, 0, 2));
  assert.equal(when('2006-01-02 09:05:00'), Date.UTC(2006, 0, 2, 9, 5));
  assert.equal(when('2021-12-31 23:01:00.000000'), Date.UTC(2021, 11, 31, 23, 1));
  assert.equal(when('2015-09-23T20:57:42.146'), Date.UTC(2015, 8, 23, 20, 57, 42, 146));
  assert.equal(when('2015-09-23T20:57:42.1469Z'), Date.UTC(2015, 8, 23, 20, 57, 42, 146));
  assert.equal(when('2024-03-01T02:00:00+02:00'), Date.UTC(2024, 2, 1, 0, 0));
  assert.equal(when('2024-03-01T02:00-0130'), Date.UTC(2024, 2, 1, 3, 30));
  assert.equal(when('2024-03-01T02:00'), Date.UTC(2024, 2, 1, 2, 0));
  assert.equal(when('1609459200'), Date.UTC(2021, 0, 1));
  assert.equal(when('1609459200.5'), Date.UTC(2021, 0, 1) + 500);
  assert.equal(when('1609459200000'), Date.UTC(2021, 0, 1));
  assert.equal(when('1609459200000999'), Date.UTC(2021, 0, 1));
  assert.equal(when('1609459200000999000'), Date.UTC(2021, 0, 1));
  assert.equal(epochToMs(20240102), NaN, 'YYYYMMDD-sized numbers are ambiguous');
  for (const s of ['2006-13-01', '2006-02-30', '2006-01-02 24:00:00', '2006-01-02 10:60', '2006/01/02', '02/03/2010 16:53:50', '2006-01-02X', '2006-01-02 10:00:00 junk', '']) {
    assert.ok(Number.isNaN(when(s)), s);
  }
  assert.equal(when('2004-02-29'), Date.UTC(2004, 1, 29));
  assert.ok(Number.isNaN(when('2100-02-29')));
  const t = bytes('09:05:00');
  assert.equal(scanTimeOfDay(t, 0, t.length, timeScratch()), 9 * 3_600_000 + 5 * 60_000);
});
