// `sextant download` as a real process against a local server: retries that really wait, a final failure on one line with exit 2, Ctrl-C keeps what was stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIN, startTestVenue } from '../../testkit/ingest/download-test-venue.js';
import { ManualClock } from '../../core/manual-clock.js';
import { openStore } from '../../store/open-store.js';
import { runCli, startCli } from '../../testkit/cli/cli-process.js';

const T0 = Date.UTC(2025, 0, 1);
const FROM = '2025-01-01T00:00:00Z';

async function storedBars(db: string): Promise<number> {
  const store = openStore(db, { clock: new ManualClock(0) });
  try {
    return (await store.candles.loadBars('hyperliquid', 'BTC', MIN)).length;
  } finally {
    await store.close();
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sextant-dl-cli-'));
}

test('download: a refused connection is retried (really waiting), then fails on one line naming the URL, the request and the attempts, exit 2', async () => {
  const venue = await startTestVenue('BTC', T0, 0);
  const url = venue.url;
  await venue.close(); // nothing listens on the port any more
  const dir = tempDir();
  try {
    const started = Date.now();
    const r = await runCli(['download', '--symbols', 'BTC', '--interval', '1m', '--from', FROM, '--to', '2025-01-01T01:00:00Z', '--url', url, '--retries', '1', '--db', 'x.db'], dir);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(r.code, 2, r.stderr);
    assert.match(lines[0], /^candleSnapshot BTC 1m \[.*\): hyperliquid \/info candleSnapshot: connection failed \(ECONNREFUSED\); retry 1 of 1 in (0\.[5-9]|1\.0) s$/);
    assert.equal(
      lines[lines.length - 1],
      `sextant download: ${url}: candleSnapshot BTC 1m [2025-01-01T00:00:00.000Z, 2025-01-01T01:01:00.000Z): failed after 2 attempts; last error: hyperliquid /info candleSnapshot: connection failed (ECONNREFUSED)`,
    );
    assert.ok(Date.now() - started >= 500, 'the backoff was waited for, not skipped');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('download: a 429 then data completes with exit 0 and every bar stored', async () => {
  const venue = await startTestVenue('BTC', T0, 120);
  venue.intercept = (_req, n) => (n === 1 ? { status: 429, text: 'rate limited' } : undefined);
  const dir = tempDir();
  try {
    const r = await runCli(['download', '--symbols', 'BTC', '--interval', '1m', '--from', FROM, '--to', '2025-01-01T01:59:00Z', '--url', venue.url, '--db', 'x.db'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /HTTP 429.*retry 1 of 6/);
    assert.match(r.stdout, /^BTC: 120 bars fetched, 120 new; 2 funding rates$/m);
    assert.equal(await storedBars(join(dir, 'x.db')), 120);
  } finally {
    await venue.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('download: Ctrl-C mid-download keeps the stored pages (exit 130) and a second run completes it', async () => {
  const venue = await startTestVenue('BTC', T0, 1440);
  venue.intercept = (_req, n) => (n === 3 ? 'hang' : undefined);
  const dir = tempDir();
  const args = ['download', '--symbols', 'BTC', '--interval', '1m', '--from', FROM, '--to', '2025-01-01', '--url', venue.url, '--no-funding', '--db', 'x.db'];
  try {
    const run = startCli(args, dir);
    await venue.server.waitForRequests(3);
    await run.waitForStderr(/BTC 1m: 1000\/1440 bars \(69%\), up to/);
    run.child.kill('SIGINT');
    assert.equal(await run.exit, 130, run.stderr());
    assert.match(run.stderr(), /interrupted; the pages stored so far stay/);
    assert.equal(await storedBars(join(dir, 'x.db')), 1000, 'two pages of 500');
    venue.intercept = undefined;
    const again = await runCli(args, dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^BTC: 440 bars fetched, 440 new; 0 funding rates$/m);
    assert.equal(await storedBars(join(dir, 'x.db')), 1440);
    assert.equal(venue.bodies().filter((b) => b.type === 'candleSnapshot').at(-1)?.startTime, T0 + 1000 * MIN);
  } finally {
    await venue.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

