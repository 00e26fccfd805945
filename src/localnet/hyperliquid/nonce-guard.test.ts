// Nonce rules per signer: no repeats, above the smallest of the 100 highest, within (now − 2 d, now + 1 d).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { NonceGuard } from './nonce-guard.js';

const NOW = 1_700_000_000_000;
const DAY = 86_400_000;

it('refuses repeats per signer, accepts the same nonce from another signer', () => {
  const g = new NonceGuard();
  assert.equal(g.check('a', NOW, NOW), undefined);
  g.use('a', NOW);
  assert.equal(g.check('a', NOW, NOW), `Invalid nonce: duplicate nonce ${NOW}`);
  assert.equal(g.check('b', NOW, NOW), undefined);
  // Out of order is fine while the set is not full.
  assert.equal(g.check('a', NOW - 5, NOW), undefined);
});

it('keeps the 100 highest: below the smallest kept is too low', () => {
  const g = new NonceGuard();
  for (let i = 1; i <= 100; i++) g.use('a', NOW + i);
  assert.equal(g.check('a', NOW, NOW), `Invalid nonce: nonce too low ${NOW} < ${NOW + 1}`);
  g.use('a', NOW + 200);
  assert.equal(g.check('a', NOW + 1, NOW), `Invalid nonce: nonce too low ${NOW + 1} < ${NOW + 2}`);
  assert.equal(g.check('a', NOW + 150, NOW), undefined);
});

it('refuses nonces outside (now − 2 days, now + 1 day)', () => {
  const g = new NonceGuard();
  assert.match(g.check('a', NOW - 2 * DAY, NOW) ?? '', /^Invalid nonce: /);
  assert.equal(g.check('a', NOW - 2 * DAY + 1, NOW), undefined);
  assert.equal(g.check('a', NOW + DAY - 1, NOW), undefined);
  assert.match(g.check('a', NOW + DAY, NOW) ?? '', /^Invalid nonce: /);
});

it('forgets a signer: its nonces are no longer kept', () => {
  const g = new NonceGuard();
  g.use('agent', NOW);
  assert.match(g.check('agent', NOW, NOW) ?? '', /duplicate/);
  g.forget('agent');
  assert.equal(g.check('agent', NOW, NOW), undefined);
});
