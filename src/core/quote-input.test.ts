// Quoting input in messages: escapes what a terminal would act on, shows invalid UTF-8 as bytes, cuts long values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeControls, quoteBytes, quoteInput } from './quote-input.js';

test('quoteInput escapes controls, ANSI sequences, NUL, DEL, C1, bidi controls and lone surrogates', () => {
  assert.equal(quoteInput('\u001b[31mred\u0000\u007f\u009b"\\'), '"\\x1b[31mred\\x00\\x7f\\x9b\\"\\\\"');
  assert.equal(quoteInput('a\tb\nc\r'), '"a\\tb\\nc\\r"');
  assert.equal(quoteInput('abc\u202edef\u2066'), '"abc\\u202edef\\u2066"');
  assert.equal(quoteInput('x\ud800y'), '"x\\ud800y"');
  assert.equal(quoteInput('ünïcødé €𝄞'), '"ünïcødé €𝄞"');
  assert.equal(escapeControls('file.csv:3: got \u001b]0;title\u0007'), 'file.csv:3: got \\x1b]0;title\\x07');
});

test('long values are cut with an ellipsis and their length', () => {
  assert.equal(quoteInput('a'.repeat(10_000)), `"${'a'.repeat(60)}…" (10000 chars)`);
  assert.equal(quoteInput('a'.repeat(60)), `"${'a'.repeat(60)}"`);
  const b = Buffer.from('x'.repeat(10_000));
  assert.equal(quoteBytes(b, 0, b.length), `"${'x'.repeat(60)}…" (10000 bytes)`);
});

test('quoteBytes: UTF-8 as text, invalid UTF-8 byte by byte, a character cut by the slice dropped', () => {
  const t = Buffer.from('prix €3\u001b');
  assert.equal(quoteBytes(t, 0, t.length), '"prix €3\\x1b"');
  const bad = Buffer.from([0x31, 0xff, 0xfe, 0x22, 0x5c, 0x00, 0x41]);
  assert.equal(quoteBytes(bad, 0, bad.length), '"1\\xff\\xfe\\"\\\\\\x00A"');
  const euros = Buffer.from('€'.repeat(100));
  assert.equal(quoteBytes(euros, 0, euros.length), `"${'€'.repeat(60)}…" (300 bytes)`);
});
