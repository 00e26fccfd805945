// Every shared signing vector reproduced: connection ids, signatures (as 256-bit integers), multi-sig wrappers, msgpack bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex } from 'viem';
import { encodeMsgpack } from './msgpack.js';
import type { MsgpackValue } from './msgpack.js';
import { rustCompatAction } from './rust-compat.js';
import { parseSignature, sameSignature } from './signature.js';
import { runSigningVectors, VECTOR_KINDS } from './vectors.js';
import { loadSharedVectors, VECTORS_MISSING } from '../../../testkit/venues/hyperliquid/test-vectors.js';

const shared = loadSharedVectors();

type Vec = Record<string, unknown> & { id: string; kind: string; expected: Record<string, unknown> };

test('every shared signing vector: connection id and signature as expected', async (t) => {
  if (!shared) return t.skip(VECTORS_MISSING);
  const vectors = shared.data.signing_vectors as Vec[];
  assert.equal(vectors.length, 33);
  const results = await runSigningVectors(shared.data);
  assert.equal(results.length, vectors.length);
  const kinds = new Set<string>();
  let checkedSignatures = 0;
  let checkedIds = 0;
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i];
    const r = results[i];
    kinds.add(v.kind);
    assert.equal(r.id, v.id);
    assert.equal(r.error, undefined, `${v.id}: ${r.error}`);
    const exp = v.expected;
    const expectedId = (exp.connection_id ?? (v.derived as Record<string, unknown> | undefined)?.connection_id) as string | undefined;
    if (expectedId !== undefined) {
      assert.equal(r.connectionId, expectedId, `${v.id} connection id`);
      checkedIds++;
    }
    if (exp.signature !== undefined) {
      assert.ok(r.signature, `${v.id}: no signature computed`);
      assert.ok(sameSignature(r.signature, parseSignature(exp.signature)), `${v.id} signature ${JSON.stringify(r.signature)} ≠ ${JSON.stringify(exp.signature)}`);
      assert.match(r.signature.r, /^0x[0-9a-f]{64}$/);
      assert.match(r.signature.s, /^0x[0-9a-f]{64}$/);
      checkedSignatures++;
    } else {
      assert.equal(r.signature, null, `${v.id}: a signature without a key?`);
    }
    if (exp.action !== undefined) {
      assert.deepEqual(JSON.parse(JSON.stringify(r.multiSig?.action)), exp.action, `${v.id} multi-sig wrapper`);
      const derived = v.derived as Record<string, unknown>;
      assert.equal(r.multiSig?.multiSigActionHash, derived.multiSigActionHash, `${v.id} multiSigActionHash`);
    }
  }
  assert.deepEqual([...kinds].sort(), [...VECTOR_KINDS].sort());
  assert.equal(checkedSignatures, 28);
  assert.equal(checkedIds, 25);
});

test('msgpack bytes equal every vector\'s recorded preimage (Rust address fields as bin)', (t) => {
  if (!shared) return t.skip(VECTORS_MISSING);
  let n = 0;
  for (const v of shared.data.signing_vectors as Vec[]) {
    const derived = v.derived as Record<string, unknown> | undefined;
    const hex = (derived?.action_msgpack_hex ?? v.msgpack_hex) as string | undefined;
    if (hex === undefined) continue;
    const repo = String((v.source as Record<string, unknown>).repo);
    const action = repo.includes('rust-sdk') ? rustCompatAction(v.action as MsgpackValue) : (v.action as MsgpackValue);
    assert.equal(bytesToHex(encodeMsgpack(action)), `0x${hex}`, v.id);
    n++;
  }
  assert.equal(n, 22);
});

test('the Rust approveBuilderFee hash needs the builder packed as bin, not as a string', async (t) => {
  if (!shared) return t.skip(VECTORS_MISSING);
  const v = (shared.data.signing_vectors as Vec[]).find((x) => x.id === 'rs-approve-builder-fee-action-hash') as Vec;
  const asString = await runSigningVectors({ signing_vectors: [{ ...v, source: { repo: 'elsewhere' } }] });
  assert.equal(asString[0].connectionId, '0x708482d7c42bc9c8038fc7c4c2f6cb7541e6fe70a6b1fd0a4721d32864287559');
});

test('a malformed vector yields an error line naming it; the others still run', async () => {
  const out = await runSigningVectors({
    signing_vectors: [
      { id: 'bad-kind', kind: 'nonsense' },
      { id: 'bad-nonce', kind: 'l1_action_hash_only', action: { type: 'noop' }, nonce: -1 },
      { id: 'ok', kind: 'l1_action_hash_only', action: { type: 'noop' }, nonce: 1, vault_address: null, expires_after: null },
    ],
  });
  assert.match(out[0].error ?? '', /bad-kind.*unknown vector kind "nonsense"/);
  assert.match(out[1].error ?? '', /bad-nonce\)\.nonce: expected a non-negative integer/);
  assert.equal(out[2].error, undefined);
  assert.match(out[2].connectionId ?? '', /^0x[0-9a-f]{64}$/);
});
