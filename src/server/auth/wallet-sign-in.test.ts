// Wallet sign-in with local keys (viem/accounts, no network): the happy path, and each refusal named: replay, expiry, domain, URI, chain, signer, allow-list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage, parseSiweMessage } from 'viem/siwe';
import { ManualClock } from '../../core/manual-clock.js';
import { AuthRefusedError } from './auth-errors.js';
import { WalletSignIn } from './wallet-sign-in.js';

// Throwaway test keys (well-known development keys, never funded).
const ALICE = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const MALLORY = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const T0 = Date.UTC(2026, 0, 1);

const refused = (status: number, reason: string) => (e: unknown) => e instanceof AuthRefusedError && e.status === status && e.reason === reason;

function setup(chainIds: number[] = [1]) {
  const clock = new ManualClock(T0);
  const siwe = new WalletSignIn(clock, { origin: 'http://127.0.0.1:8080', allow: [{ address: ALICE.address.toLowerCase(), scope: 'trade' }], chainIds, nonceTtlMs: 300_000 });
  return { clock, siwe };
}

/** The issued message with some fields changed, as a client might forge it. */
function altered(message: string, change: Partial<Parameters<typeof createSiweMessage>[0]>): string {
  const f = parseSiweMessage(message);
  return createSiweMessage({
    domain: f.domain as string,
    address: f.address as `0x${string}`,
    statement: f.statement,
    uri: f.uri as string,
    version: '1',
    chainId: f.chainId as number,
    nonce: f.nonce as string,
    issuedAt: f.issuedAt,
    expirationTime: f.expirationTime,
    ...change,
  });
}

test('the server writes an EIP-4361 message; signed by the allowed key it yields the checksummed address and its scope', async () => {
  const { siwe } = setup();
  const c = siwe.challenge(ALICE.address);
  assert.match(c.message, /^127\.0\.0\.1:8080 wants you to sign in with your Ethereum account:\n0x/);
  assert.match(c.message, /\nURI: http:\/\/127\.0\.0\.1:8080\/\nVersion: 1\nChain ID: 1\nNonce: [0-9a-f]{32}\nIssued At: 2026-01-01T00:00:00\.000Z\nExpiration Time: 2026-01-01T00:05:00\.000Z$/);
  assert.equal(c.expiresAt, '2026-01-01T00:05:00.000Z');
  const id = await siwe.verify(c.message, await ALICE.signMessage({ message: c.message }));
  assert.deepEqual(id, { address: ALICE.address, scope: 'trade' });
});

test('a nonce is single-use: the same signed message again is refused as a replay', async () => {
  const { siwe } = setup();
  const c = siwe.challenge(ALICE.address);
  const sig = await ALICE.signMessage({ message: c.message });
  await siwe.verify(c.message, sig);
  await assert.rejects(siwe.verify(c.message, sig), refused(401, 'nonce-used'));
});

test('an expired nonce is refused, and so is one the server never issued', async () => {
  const { clock, siwe } = setup();
  const c = siwe.challenge(ALICE.address);
  clock.advance(300_000);
  await assert.rejects(siwe.verify(c.message, await ALICE.signMessage({ message: c.message })), refused(401, 'nonce-expired'));
  const forged = altered(c.message, { nonce: 'aaaaaaaabbbbbbbb' });
  await assert.rejects(siwe.verify(forged, await ALICE.signMessage({ message: forged })), refused(401, 'nonce-unknown'));
});

test('wrong domain, URI or chain are refused with their reason (the nonce is spent by the attempt)', async () => {
  const { siwe } = setup([1, 42161]);
  const cases: [Partial<Parameters<typeof createSiweMessage>[0]>, string, RegExp][] = [
    [{ domain: 'evil.example' }, 'wrong-domain', /domain "evil\.example", this server is 127\.0\.0\.1:8080/],
    [{ uri: 'http://127.0.0.1:8080/other' }, 'wrong-uri', /URI "http:\/\/127\.0\.0\.1:8080\/other"/],
    [{ chainId: 42161 }, 'wrong-chain', /chain 42161, the nonce was issued for chain 1/],
  ];
  for (const [change, reason, message] of cases) {
    const c = siwe.challenge(ALICE.address);
    const forged = altered(c.message, change);
    await assert.rejects(siwe.verify(forged, await ALICE.signMessage({ message: forged })), (e: unknown) => refused(401, reason)(e) && message.test((e as Error).message));
    await assert.rejects(siwe.verify(c.message, await ALICE.signMessage({ message: c.message })), refused(401, 'nonce-used'));
  }
  const statement = siwe.challenge(ALICE.address);
  const edited = altered(statement.message, { statement: 'Transfer everything.' });
  await assert.rejects(siwe.verify(edited, await ALICE.signMessage({ message: edited })), refused(401, 'bad-siwe-message'));
});

test('a signature by another key, or a message naming another address, is refused as the wrong signer', async () => {
  const { siwe } = setup();
  const c = siwe.challenge(ALICE.address);
  await assert.rejects(siwe.verify(c.message, await MALLORY.signMessage({ message: c.message })), refused(401, 'wrong-signer'));
  const c2 = siwe.challenge(ALICE.address);
  const forged = altered(c2.message, { address: MALLORY.address });
  await assert.rejects(siwe.verify(forged, await MALLORY.signMessage({ message: forged })), refused(401, 'wrong-signer'));
  const c3 = siwe.challenge(ALICE.address);
  await assert.rejects(siwe.verify(c3.message, '0x' + '00'.repeat(65)), refused(401, 'bad-signature'));
  await assert.rejects(siwe.verify('hello', '0x' + '00'.repeat(65)), refused(401, 'bad-siwe-message'));
});

test('an address off the allow-list gets no challenge (403); bad input is BadInputError', () => {
  const { siwe } = setup();
  assert.throws(() => siwe.challenge(MALLORY.address), refused(403, 'address-not-allowed'));
  assert.throws(() => siwe.challenge('0x1234'), /not an Ethereum address/);
  assert.throws(() => siwe.challenge(ALICE.address, 5), /chain 5 is not accepted/);
});
