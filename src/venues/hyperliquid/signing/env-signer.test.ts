// The signer from the environment: agent and vault variables, and no trace of the key in errors or output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ManualClock } from '../../../core/manual-clock.js';
import { BadInputError } from '../../../core/errors.js';
import { accountFromPrivateKey, signerFromEnv } from './env-signer.js';
import { MemoryNonceStore } from './nonce.js';

const KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';
const opts = { network: 'testnet' as const, clock: new ManualClock(1), nonceStore: new MemoryNonceStore() };

/** Everything an error could leak through: message, stack, and the whole cause chain. */
function everything(e: unknown): string {
  let out = '';
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) out += inspect(x, { depth: 5 }) + String((x as Error).stack);
  return out;
}

test('the key from SEXTANT_HL_PRIVATE_KEY, with or without 0x, agent and vault from their variables', () => {
  const s = signerFromEnv({ SEXTANT_HL_PRIVATE_KEY: KEY.slice(2) }, opts);
  assert.equal(s.signerAddress, '0x14791697260e4c9a71f18484c9f997b308e59325');
  assert.equal(s.accountAddress, s.signerAddress);
  const agent = signerFromEnv({ SEXTANT_HL_PRIVATE_KEY: KEY, SEXTANT_HL_ACCOUNT_ADDRESS: '0x5E9EE1089755C3435139848E47E6635505D5A13A', SEXTANT_HL_VAULT_ADDRESS: ' ' }, opts);
  assert.equal(agent.accountAddress, '0x5e9ee1089755c3435139848e47e6635505d5a13a');
  assert.equal(agent.vaultAddress, undefined);
  assert.throws(() => signerFromEnv({ SEXTANT_HL_PRIVATE_KEY: KEY, SEXTANT_HL_VAULT_ADDRESS: '0x12' }, opts), /^BadInputError: SEXTANT_HL_VAULT_ADDRESS: expected an address/);
});

test('missing or bad keys are named, never shown', () => {
  assert.throws(() => signerFromEnv({}, opts), /SEXTANT_HL_PRIVATE_KEY: is not set/);
  const bad = [KEY + 'ff', KEY.slice(0, 60), '0x' + '0'.repeat(64), '0x' + 'f'.repeat(64), 'zz' + KEY.slice(4)];
  for (const k of bad) {
    let caught: unknown;
    try {
      accountFromPrivateKey(k);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof BadInputError, k);
    assert.match(caught.message, /^SEXTANT_HL_PRIVATE_KEY: .*value not shown/);
    const text = everything(caught);
    const body = k.replace(/^0x/, '');
    assert.ok(!text.includes(body), `key leaked for ${k}`);
    // viem's own message prints the key as a decimal number: that must not travel either.
    const decimal = /^[0-9a-fA-F]+$/.test(body) ? BigInt('0x' + body).toString() : '';
    if (decimal.length > 10) assert.ok(!text.includes(decimal), `key leaked as a number for ${k}`);
  }
});
