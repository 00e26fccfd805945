import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REJECT, rejection } from './rejections.js';

test('rejection codes carry no numbers and lead the reason, before ": detail"', () => {
  for (const code of Object.values(REJECT)) {
    assert.doesNotMatch(code, /\d|: /, code);
    const reason = rejection(code, 'needs 12.50 at 3x: more');
    assert.equal(reason.slice(0, reason.indexOf(': ')), code);
  }
});
