// Sealing: the hash is SHA-256 over the canonical record text built independently here; each record binds the one before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { BadInputError } from '../core/errors.js';
import { EMPTY_HEAD, sealAuditEntry } from './audit-chain.js';
import { GENESIS_HASH, type DecisionData } from './audit-record.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

test('the first record hashes the hand-written canonical text, with the genesis prevHash', () => {
  const r = sealAuditEntry(EMPTY_HEAD, { kind: 'fill', ts: 1_765_000_000_000, symbol: 'BTC', data: { qty: 0.01, price: 97250, side: 'buy' } });
  const text = `{"botId":null,"data":{"price":97250,"qty":0.01,"side":"buy"},"kind":"fill","prevHash":"${'0'.repeat(64)}","seq":1,"symbol":"BTC","ts":1765000000000}`;
  assert.equal(r.seq, 1);
  assert.equal(r.prevHash, GENESIS_HASH);
  assert.equal(r.hash, sha(text));
});

test('each record carries the previous hash; changing any field changes the hash', () => {
  const a = sealAuditEntry(EMPTY_HEAD, { kind: 'kill', ts: 1, data: { from: 'off', to: 'halt_all', source: 'cli', reason: 'test' } });
  const data: DecisionData = { indicators: { adx: 27.5, ema: null }, gates: { trend: true }, action: 'open_long' };
  const b = sealAuditEntry(a, { kind: 'decision', ts: 2, botId: 'trend-1', symbol: 'ETH', data });
  assert.equal(b.seq, 2);
  assert.equal(b.prevHash, a.hash);
  const text = `{"botId":"trend-1","data":{"action":"open_long","gates":{"trend":true},"indicators":{"adx":27.5,"ema":null}},"kind":"decision","prevHash":"${a.hash}","seq":2,"symbol":"ETH","ts":2}`;
  assert.equal(b.hash, sha(text));
  const variants = [
    sealAuditEntry(a, { kind: 'decision', ts: 3, botId: 'trend-1', symbol: 'ETH', data }),
    sealAuditEntry(a, { kind: 'decision', ts: 2, botId: 'trend-2', symbol: 'ETH', data }),
    sealAuditEntry(a, { kind: 'decision', ts: 2, botId: 'trend-1', data }),
    sealAuditEntry({ seq: 1, hash: sha('x') }, { kind: 'decision', ts: 2, botId: 'trend-1', symbol: 'ETH', data }),
    sealAuditEntry(a, { kind: 'decision', ts: 2, botId: 'trend-1', symbol: 'ETH', data: { ...data, action: 'hold' } }),
  ];
  assert.equal(new Set([b.hash, ...variants.map((v) => v.hash)]).size, 6);
});

test('NaN in data is refused before anything is sealed', () => {
  assert.throws(
    () => sealAuditEntry(EMPTY_HEAD, { kind: 'risk.verdict', ts: 1, data: { allowed: false, rule: 'max_notional', reason: 'x', inputs: { notional: NaN } } }),
    (e: unknown) => e instanceof BadInputError && /inputs\.notional: expected a finite number, got NaN/.test(e.message),
  );
});
