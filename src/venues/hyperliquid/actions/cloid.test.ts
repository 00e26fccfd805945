// Cloid validation and derivation from client ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloidFromClientId, isCloid, parseCloid } from './cloid.js';

test('cloids are 0x + 32 lowercase hex digits', () => {
  assert.ok(isCloid('0x1e60610f0b3d420597c88c1fed2ad5ee'));
  for (const bad of ['0x1E60610F0B3D420597C88C1FED2AD5EE', '1e60610f0b3d420597c88c1fed2ad5ee', '0x1e60610f0b3d420597c88c1fed2ad5e', '0x1e60610f0b3d420597c88c1fed2ad5eee', 42, null]) {
    assert.ok(!isCloid(bad), String(bad));
    assert.throws(() => parseCloid(bad, 'order.cloid'), /order.cloid: cloid must be/);
  }
});

test('cloidFromClientId is deterministic, valid and distinct per client id', () => {
  const a = cloidFromClientId('sma-cross|BTC|buy|1700000000000');
  assert.ok(isCloid(a));
  assert.equal(cloidFromClientId('sma-cross|BTC|buy|1700000000000'), a);
  assert.notEqual(cloidFromClientId('sma-cross|BTC|buy|1700000000001'), a);
  assert.throws(() => cloidFromClientId(''), /clientId: must not be empty/);
  // The OMS's own cloids pass through, so the venue sees the id the intent was stored under.
  assert.equal(cloidFromClientId('0x1e60610f0b3d420597c88c1fed2ad5ee'), '0x1e60610f0b3d420597c88c1fed2ad5ee');
});
