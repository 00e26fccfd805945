// Endpoints: mainnet by default, testnet on request, overrides checked and normalised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../../core/errors.js';
import { resolveEndpoints } from './endpoints.js';

test('networks and overrides', () => {
  assert.deepEqual(resolveEndpoints(), { httpUrl: 'https://api.hyperliquid.xyz', wsUrl: 'wss://api.hyperliquid.xyz/ws' });
  assert.equal(resolveEndpoints({ network: 'testnet' }).wsUrl, 'wss://api.hyperliquid-testnet.xyz/ws');
  assert.equal(resolveEndpoints({ httpUrl: 'http://127.0.0.1:8090/' }).httpUrl, 'http://127.0.0.1:8090');
  assert.throws(() => resolveEndpoints({ wsUrl: 'http://x' }), (e: unknown) => e instanceof BadInputError && e.where === 'hyperliquid.wsUrl');
  assert.throws(() => resolveEndpoints({ network: 'devnet' as 'mainnet' }), /hyperliquid\.network/);
});
