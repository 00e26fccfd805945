// The first-start login link: only its hash on disk (mode 0600), single use, expiry, a new link replaces the old.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/manual-clock.js';
import { AuthRefusedError } from './auth-errors.js';
import { LOGIN_LINK_FILE, LoginLinks } from './login-link.js';

const refused = (reason: string) => (e: unknown) => e instanceof AuthRefusedError && e.status === 401 && e.reason === reason;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-auth-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('issue writes only the hash, mode 0600, and prints a 127.0.0.1 URL with the token', (t) => {
  const dir = tempDir(t);
  const links = new LoginLinks(dir, new ManualClock(5_000), 60_000);
  const { token, url, expiresAt } = links.issue('http://127.0.0.1:8080/');
  const tok = token.reveal();
  assert.match(tok, /^sxl_[A-Za-z0-9_-]{43}$/);
  assert.equal(url.reveal(), `http://127.0.0.1:8080/?token=${tok}`);
  assert.equal(expiresAt, 65_000);
  const path = join(dir, LOGIN_LINK_FILE);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const text = readFileSync(path, 'utf8');
  assert.ok(!text.includes(tok) && !text.includes(tok.slice(4)), 'the token itself is not stored');
  assert.match(text, /"hash":"[0-9a-f]{64}"/);
  assert.equal(String(url), '[redacted]');
});

test('a link is spent by its first use, refused when expired, and replaced by the next one', (t) => {
  const dir = tempDir(t);
  const clock = new ManualClock(0);
  const links = new LoginLinks(dir, clock, 60_000);
  const first = links.issue('http://127.0.0.1:8080').token.reveal();
  assert.throws(() => links.redeem('sxl_' + 'B'.repeat(43)), refused('unknown-token'));
  links.redeem(first);
  assert.throws(() => links.redeem(first), refused('used-token'));
  const second = links.issue('http://127.0.0.1:8080').token.reveal();
  assert.throws(() => links.redeem(first), refused('unknown-token'), 'the old link is gone');
  clock.advance(60_000);
  assert.throws(() => links.redeem(second), refused('expired-token'));
  // Another instance (a restarted daemon) reads the same state.
  const third = links.issue('http://127.0.0.1:8080').token.reveal();
  new LoginLinks(dir, clock, 60_000).redeem(third);
  assert.throws(() => links.redeem(third), refused('used-token'));
});

test('a file loosened by hand is made 0600 again; a corrupt one is a clear error', (t) => {
  const dir = tempDir(t);
  const links = new LoginLinks(dir, new ManualClock(0));
  const tok = links.issue('http://127.0.0.1:8080').token.reveal();
  chmodSync(links.path, 0o644);
  links.redeem(tok);
  assert.equal(statSync(links.path).mode & 0o777, 0o600);
  writeFileSync(links.path, '{"version":1}');
  assert.throws(() => links.redeem(tok), /auth-login-link\.json: not a login link record/);
  writeFileSync(links.path, 'garbage');
  assert.throws(() => links.redeem(tok), /auth-login-link\.json: not JSON/);
});
