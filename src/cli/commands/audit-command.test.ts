// `sextant audit verify|show` over a real store: exit 0 intact, 1 broken naming the link, 2 bad input; filters, JSON lines, a closed pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/manual-clock.js';
import type { AuditEntry } from '../../ledger/audit-record.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { runCli } from '../../testkit/cli/test-process.js';
import { makeAuditCommand, sinceOption } from './audit-command.js';
import { execRawSql } from '../../testkit/store/raw-sqlite.js';

const T0 = Date.parse('2026-12-07T10:00:00Z');

function entries(n: number): AuditEntry[] {
  return Array.from({ length: n }, (_, i): AuditEntry =>
    i % 2 === 0
      ? { kind: 'fill', ts: T0 + i * 60_000, botId: i % 4 === 0 ? 'trend-1' : 'swing-2', symbol: i % 3 === 0 ? 'BTC' : 'ETH', data: { side: 'buy', qty: 0.01, price: 97_250, fee: 0.29 } }
      : { kind: 'kill', ts: T0 + i * 60_000, data: { from: 'off', to: 'halt_all', source: 'cli', reason: `drill ${i}` } },
  );
}

async function makeStore(path: string, n: number): Promise<void> {
  const store = openSqliteStore(path, { clock: new ManualClock(0) });
  await store.audit.appendAudit(entries(n));
  await store.close();
}

async function run(argv: string[], cwd: string, now = T0 + 3_600_000): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(argv, io, [makeAuditCommand(new ManualClock(now))]);
  return { code, out: io.stdout(), err: io.stderr() };
}

test('verify: 0 and the head when intact, 1 naming the first broken link after an edit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-cli-'));
  try {
    mkdirSync(join(dir, 'data'));
    await makeStore(join(dir, 'data', 'sextant.db'), 20);
    const ok = await run(['audit', 'verify', '--data-dir', 'data'], dir);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^audit chain intact: 20 records in data\/sextant\.db; head seq 20 hash [0-9a-f]{64}\n$/);
    execRawSql(join(dir, 'data', 'sextant.db'), 'DROP TRIGGER audit_log_no_update; UPDATE audit_log SET ts = ts + 1 WHERE seq = 9');
    const bad = await run(['audit', 'verify', '--db', 'data/sextant.db'], dir);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /^audit chain BROKEN at seq 9 \(edited\): the record at seq 9 was edited/);
    assert.match(bad.out, /expected [0-9a-f]{64}\n {2}found {4}[0-9a-f]{64}\n {2}8 records before it are intact \(through seq 8\)/);
    const json = await run(['audit', 'verify', '--db', 'data/sextant.db', '--json'], dir);
    assert.equal(json.code, 1);
    const v = JSON.parse(json.out) as { ok: boolean; broken: { seq: number; change: string } };
    assert.deepEqual([v.ok, v.broken.seq, v.broken.change], [false, 9, 'edited']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input exits 2 and names it: no store, both --db and --data-dir, a bad kind, since or limit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-cli-'));
  try {
    await makeStore(join(dir, 'a.db'), 2);
    const cases: [string[], RegExp][] = [
      [['audit', 'verify', '--db', 'missing.db'], /--db: no store at missing\.db/],
      [['audit', 'verify', '--db', 'a.db', '--data-dir', 'x'], /give --db or --data-dir, not both/],
      [['audit', 'show', '--db', 'a.db', '--kind', 'trade'], /--kind: expected one of decision, risk\.verdict/],
      [['audit', 'show', '--db', 'a.db', '--since', 'yesterday'], /--since: expected an ISO time/],
      [['audit', 'show', '--db', 'a.db', '--limit', '0'], /--limit: expected a whole number ≥ 1/],
      [['audit', 'verify', '--db', 'a.db', '--bot', 'x'], /--bot: applies to audit show only/],
      [['audit', 'check'], /expected a subcommand \(verify, show\)/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(argv, dir);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, re);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('show: a table, filtered by since, bot, symbol and kind; --limit keeps the newest; --json is one record per line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-cli-'));
  try {
    await makeStore(join(dir, 'a.db'), 12);
    const all = await run(['audit', 'show', '--db', 'a.db'], dir);
    assert.equal(all.code, 0, all.err);
    const lines = all.out.trimEnd().split('\n');
    assert.match(lines[0], /^\s+seq {2}time\s+kind\s+bot\s+symbol\s+data$/);
    assert.equal(lines.length, 13);
    assert.match(lines[1], /^\s+1 {2}2026-12-07T10:00:00\.000Z {2}fill\s+trend-1\s+BTC\s+\{"fee":0\.29,"price":97250,"qty":0\.01,"side":"buy"\}$/);
    const seqs = async (argv: string[], now?: number): Promise<number[]> => {
      const r = await run(['audit', 'show', '--db', 'a.db', '--json', ...argv], dir, now);
      assert.equal(r.code, 0, r.err);
      return r.out.trimEnd().split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { seq: number }).seq);
    };
    const want = (p: (e: AuditEntry) => boolean): number[] => entries(12).flatMap((e, i) => (p(e) ? [i + 1] : []));
    assert.deepEqual(await seqs(['--bot', 'trend-1']), want((e) => e.botId === 'trend-1'));
    assert.deepEqual(await seqs(['--symbol', 'ETH', '--kind', 'fill']), want((e) => e.symbol === 'ETH' && e.kind === 'fill'));
    assert.deepEqual(await seqs(['--since', '2026-12-07T10:05:00Z']), want((e) => e.ts >= T0 + 5 * 60_000));
    assert.deepEqual(await seqs(['--since', '4m'], T0 + 10 * 60_000), want((e) => e.ts >= T0 + 6 * 60_000));
    assert.deepEqual(await seqs(['--kind', 'kill', '--limit', '2']), want((e) => e.kind === 'kill').slice(-2));
    const none = await run(['audit', 'show', '--db', 'a.db', '--bot', 'nobody'], dir);
    assert.match(none.err, /no audit records in a\.db match/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an export (show --json) verifies on its own; an edited or deleted line is named, a malformed one is bad input', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-cli-'));
  try {
    await makeStore(join(dir, 'a.db'), 10);
    const exported = await run(['audit', 'show', '--db', 'a.db', '--json'], dir);
    writeFileSync(join(dir, 'audit.jsonl'), exported.out);
    const ok = await run(['audit', 'verify', '--file', 'audit.jsonl'], dir);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^audit chain intact: 10 records in audit\.jsonl/);
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'edited.jsonl'), lines.map((l, i) => (i === 4 ? l.replace('"qty":0.01', '"qty":0.1') : l)).join('\n'));
    assert.match((await run(['audit', 'verify', '--file', 'edited.jsonl'], dir)).out, /^audit chain BROKEN at seq 5 \(edited\)/);
    writeFileSync(join(dir, 'cut.jsonl'), lines.filter((_, i) => i !== 2).join('\n'));
    const cut = await run(['audit', 'verify', '--file', 'cut.jsonl'], dir);
    assert.equal(cut.code, 1);
    assert.match(cut.out, /^audit chain BROKEN at seq 4 \(deleted\): record seq 3 is missing/);
    writeFileSync(join(dir, 'junk.jsonl'), lines[0] + '\n{"seq": "x"}\n');
    const junk = await run(['audit', 'verify', '--file', 'junk.jsonl'], dir);
    assert.equal(junk.code, 2);
    assert.match(junk.err, /junk\.jsonl:2: seq: expected a whole number ≥ 1/);
    assert.equal((await run(['audit', 'verify', '--file', 'audit.jsonl', '--db', 'a.db'], dir)).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--since: durations count back from now, ISO times are taken as UTC', () => {
  assert.equal(sinceOption('1h', T0), T0 - 3_600_000);
  assert.equal(sinceOption('90s', T0), T0 - 90_000);
  assert.equal(sinceOption('2026-12-07T09:00:00Z', T0), T0 - 3_600_000);
  assert.equal(sinceOption(undefined, T0), undefined);
});

test('show into a closed pipe ends quietly with 141 (the real process)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-cli-'));
  try {
    await makeStore(join(dir, 'a.db'), 5000);
    const r = await runCli(['audit', 'show', '--db', 'a.db'], { cwd: dir, stdout: 'closed', timeoutMs: 30_000 });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 141);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('show: control and bidi characters recorded in a bot id, symbol or data are escaped in the table, not sent to the terminal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-cli-'));
  try {
    const store = openSqliteStore(join(dir, 'a.db'), { clock: new ManualClock(0) });
    await store.audit.appendAudit([{ kind: 'alert', ts: T0, botId: 'b\u001b[2Jot', symbol: 'BTC\u009b', data: { text: 'x\u202ey' } }]);
    await store.close();
    const r = await run(['audit', 'show', '--db', 'a.db'], dir);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /[\u001b\u009b\u202e]/);
    assert.match(r.out, /b\\x1b\[2Jot +BTC\\x9b +\{"text":"x\\u202ey"\}/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('show on a missing store: nothing on stdout (the table header is not printed before the error)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-cli-'));
  try {
    const r = await run(['audit', 'show', '--db', 'missing.db'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /no store at missing\.db/);
    assert.equal(r.out, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verify --file on a FIFO (no writer): exit 2 at once naming it, not a hang (the real process)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-cli-'));
  try {
    execFileSync('mkfifo', [join(dir, 'audit.jsonl')]);
    const r = await runCli(['audit', 'verify', '--file', 'audit.jsonl'], { cwd: dir, timeoutMs: 20_000 });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^sextant audit: --file: audit\.jsonl is not a regular file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
