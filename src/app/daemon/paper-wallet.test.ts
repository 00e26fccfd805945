import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError } from '../../core/errors.js';
import { PAPER_WALLET_FILE, paperWalletKey } from './paper-wallet.js';

test('the paper wallet is made once (owner-only), then read back on every start; a damaged file is refused, not replaced', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-wallet-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = paperWalletKey(dir);
  assert.match(first, /^0x[0-9a-f]{64}$/);
  assert.equal(statSync(join(dir, PAPER_WALLET_FILE)).mode & 0o777, 0o600);
  assert.equal(paperWalletKey(dir), first);
  const other = mkdtempSync(join(tmpdir(), 'sextant-wallet-'));
  t.after(() => rmSync(other, { recursive: true, force: true }));
  assert.notEqual(paperWalletKey(other), first);
  writeFileSync(join(dir, PAPER_WALLET_FILE), 'not a key');
  assert.throws(() => paperWalletKey(dir), (e) => e instanceof BadInputError && /is not a paper wallet key/.test(e.message) && !e.message.includes(first.slice(2)));
});
