// File-backed nonce store: survives a restart, rejects corrupt files by name, writes atomically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ManualClock } from '../../../core/manual-clock.js';
import { NonceSource } from './nonce.js';
import { FileNonceStore } from './file-nonce-store.js';

const A = '0x14791697260E4c9A71f18484C9f997B308e59325';
const B = '0xcd49bbac6e85fdeb167eb7ca41a945d2b8758f6f';
const tmp = () => mkdtempSync(join(tmpdir(), 'sextant-nonce-'));

test('nonces continue after a restart from the file, per signer, even with the clock behind', () => {
  const path = join(tmp(), 'state', 'hl-nonces.json');
  const before = new NonceSource(new ManualClock(2_000), new FileNonceStore(path));
  assert.deepEqual([before.next(A), before.next(A), before.next(B)], [2_000, 2_001, 2_000]);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { [A.toLowerCase()]: 2_001, [B]: 2_000 });
  assert.deepEqual(readdirSync(dirname(path)), ['hl-nonces.json'], 'no temporary file left');
  assert.equal(statSync(path).mode & 0o777, 0o600, 'only the owner reads the nonces');
  const after = new NonceSource(new ManualClock(1_500), new FileNonceStore(path));
  assert.equal(after.next(A), 2_002);
  assert.equal(after.next(B), 2_001);
  assert.equal(after.next('0x' + '1'.repeat(40)), 1_500);
});

test('a corrupt nonce file is named and never silently reset', () => {
  const dir = tmp();
  let n = 0;
  const bad = (text: string) => {
    const p = join(dir, `nonces-${n++}.json`);
    writeFileSync(p, text);
    return p;
  };
  assert.throws(() => new FileNonceStore(bad('{oops')), /nonce file is not valid JSON/);
  assert.throws(() => new FileNonceStore(bad('[1]')), /nonce file must be an object/);
  assert.throws(() => new FileNonceStore(bad(`{"${A}": 1}`)), /expected a lowercase signer address/);
  assert.throws(() => new FileNonceStore(bad(`{"${B}": -4}`)), new RegExp(`${B}: expected a non-negative integer nonce, got -4`));
});

test('a save that cannot be written throws and leaves the store unchanged', () => {
  const dir = tmp();
  // The target's parent is a file, so neither mkdir nor the temp file can be created.
  writeFileSync(join(dir, 'blocker'), 'x');
  const store = new FileNonceStore(join(dir, 'blocker', 'nonces.json'));
  assert.throws(() => store.save(B, 5));
  assert.equal(store.load(B), undefined);
});
