// Issue text: key paths, typo hints, values shown safely.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName, formatIssue, pathText, showValue } from './config-issues.js';

test('paths read as written in YAML: keys dotted, list items indexed, odd keys quoted', () => {
  assert.equal(pathText(['risk', 'per_symbol', 'BTC', 'max_leverage']), 'risk.per_symbol.BTC.max_leverage');
  assert.equal(pathText(['bots', 0, 'symbols', 2]), 'bots[0].symbols[2]');
  assert.equal(pathText(['risk', 'per_symbol', 'xyz:TSLA']), 'risk.per_symbol["xyz:TSLA"]');
  assert.equal(pathText([]), '(top level)');
  assert.equal(formatIssue('sextant.yaml', { path: ['port'], message: 'm' }, { line: 3, col: 1 }), 'sextant.yaml:3:1: port: m');
  assert.equal(formatIssue('sextant.yaml', { path: ['port'], message: 'm' }), 'sextant.yaml: port: m');
});

test('typo hints: near names, case and dash/underscore mix-ups; nothing for unrelated words', () => {
  assert.equal(closestName('max_levrage', ['max_leverage', 'max_open_positions']), 'max_leverage');
  assert.equal(closestName('dry_live', ['paper', 'dry-live', 'live']), 'dry-live');
  assert.equal(closestName('Mode', ['mode', 'port']), 'mode');
  assert.equal(closestName('bananas', ['mode', 'port']), undefined);
});

test('values: strings quoted and escaped, NaN shown as NaN, key-shaped strings never shown', () => {
  assert.equal(showValue('ten'), '"ten"');
  assert.equal(showValue('\x1b[31m'), '"\\x1b[31m"');
  assert.equal(showValue(Number.NaN), 'NaN');
  assert.equal(showValue(null), 'an empty value');
  assert.equal(showValue('0x' + 'f'.repeat(64)), 'a 64-hex-digit value (not shown: it looks like a private key)');
});
