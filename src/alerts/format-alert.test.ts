// Alert wording: plain and short, numbers grouped without float noise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAlert, formatMoney, formatNumber } from './format-alert.js';

test('a fill reads as the README shows it', () => {
  assert.equal(formatAlert({ kind: 'fill', symbol: 'BTC', side: 'buy', qty: 0.01, price: 97_250, fee: 0.29, botId: 'trend-1' }), 'BTC buy 0.01 @ 97 250 (bot trend-1, fee 0.29)');
  assert.equal(formatAlert({ kind: 'fill', symbol: 'ETH', side: 'sell', qty: 0.1 + 0.2, price: 3412.5, fee: 0.1 }), 'ETH sell 0.3 @ 3412.5 (fee 0.1)');
});

test('numbers: grouped from 10 000, no float noise, negatives and tiny values kept', () => {
  assert.equal(formatNumber(1_234_567.891), '1 234 567.891');
  assert.equal(formatNumber(9999), '9999');
  assert.equal(formatNumber(-12_345), '-12 345');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatNumber(1.5e-8), '1.500e-8');
  assert.equal(formatMoney(10_123.456), '10 123.46');
  assert.equal(formatMoney(12.3, true), '+12.30');
  assert.equal(formatMoney(-5, true), '-5.00');
});

test('kill changes, stale data, reconciliation differences and the daily summary', () => {
  assert.equal(formatAlert({ kind: 'kill', from: 'off', to: 'halt_all', source: 'telegram chat 42', reason: 'manual' }), 'Kill level halt_all (was off), by telegram chat 42: manual');
  assert.equal(formatAlert({ kind: 'kill', from: 'halt_all', to: 'off', source: 'cli', reason: '' }), 'Kill level off (was halt_all): trading resumed, by cli');
  assert.equal(formatAlert({ kind: 'stale', stream: 'trades', symbol: 'BTC', silentMs: 45_200, limitMs: 10_000 }), 'Stale data: BTC trades silent for 45.2 s (limit 10 s)');
  assert.equal(
    formatAlert({ kind: 'reconcile', differences: ['BTC position: venue 0.02, ours 0.01', 'order 0xabc open at the venue, unknown here'], action: 'new entries paused' }),
    'Reconciliation: 2 differences, new entries paused\n- BTC position: venue 0.02, ours 0.01\n- order 0xabc open at the venue, unknown here',
  );
  const many = formatAlert({ kind: 'reconcile', differences: Array.from({ length: 13 }, (_, i) => `d${i}`), action: 'x' }).split('\n');
  assert.equal(many.length, 12);
  assert.equal(many[11], '- … and 3 more');
  assert.equal(
    formatAlert({ kind: 'daily', summary: { day: '2026-12-07', trades: 14, pnlNet: 123.456, fees: 6.1, equity: 10_123.45, drawdown: 0.0123 } }),
    'Daily 2026-12-07: 14 trades, PnL +123.46 net of fees (fees 6.10), equity 10 123.45, drawdown 1.2%',
  );
});
