// The admin password hash: round trip, wrong password, the self-describing text, hostile parameters refused, stdin reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { BadInputError } from '../../core/errors.js';
import { DEFAULT_SCRYPT, hashPassword, hashPasswordFromStream, parsePasswordHash, verifyPassword } from './password-hash.js';

const FAST = { N: 1024, r: 8, p: 1 };

test('a hash is scrypt$N$r$p$salt$hash and verifies its password only', async () => {
  const text = await hashPassword('correct horse battery', FAST);
  assert.match(text, /^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  const stored = parsePasswordHash(text, 'ENV');
  assert.equal(await verifyPassword('correct horse battery', stored), true);
  assert.equal(await verifyPassword('correct horse batterY', stored), false);
  assert.equal(await verifyPassword('', stored), false);
  assert.notEqual(await hashPassword('correct horse battery', FAST), text, 'a new salt each time');
});

test('the default cost hashes and verifies (32 MiB scrypt within node limits)', async () => {
  const text = await hashPassword('a long enough pass', DEFAULT_SCRYPT);
  assert.match(text, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('a long enough pass', parsePasswordHash(text, 'ENV')), true);
});

test('a malformed or hostile hash is refused naming the variable, never echoing the text', () => {
  const bad = [
    'plaintext-password',
    'bcrypt$10$abc',
    'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA', // N not a power of two
    'scrypt$2097152$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA', // N too large
    'scrypt$1024$64$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA', // r too large
    'scrypt$1024$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA', // salt too short
    'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFz!', // not base64url
  ];
  for (const text of bad) {
    assert.throws(
      () => parsePasswordHash(text, 'SEXTANT_ADMIN_PASSWORD_HASH'),
      (e: unknown) => e instanceof BadInputError && e.where === 'SEXTANT_ADMIN_PASSWORD_HASH' && !e.message.includes(text.split('$').pop() as string),
      text,
    );
  }
});

test('passwords too short or too long are refused', async () => {
  await assert.rejects(hashPassword('short', FAST), /too short/);
  await assert.rejects(hashPassword('x'.repeat(1025), FAST), /too long/);
});

test('hash-password reads one line from stdin (never argv), trailing newline dropped', async () => {
  const text = await hashPasswordFromStream(Readable.from([Buffer.from('from stdin pass'), Buffer.from('word\n')]), FAST);
  assert.equal(await verifyPassword('from stdin password', parsePasswordHash(text, 'ENV')), true);
  await assert.rejects(hashPasswordFromStream(Readable.from(['two\nlines here\n']), FAST), /one line/);
  await assert.rejects(hashPasswordFromStream(Readable.from(['x'.repeat(5000)]), FAST), /too long/);
});
