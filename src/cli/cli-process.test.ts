// The real `sextant` process: output paths checked before the work, closed pipes, full disks, exit codes, no hangs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../core/manual-clock.js';
import { withStore } from '../store/open-store.js';
import { runCli } from '../testkit/cli/test-process.js';

/** A generic CSV of `n` one-minute bars. */
function barFile(dir: string, n: number): string {
  const rows = ['time,open,high,low,close,volume'];
  for (let i = 0; i < n; i++) {
    const p = 100 + (i % 50);
    rows.push(`${1_600_000_000_000 + i * 60_000},${p},${p + 2},${p - 1},${p + 1},${i % 7}`);
  }
  const file = join(dir, 'bars.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const backtest = (data: string, ...more: string[]): string[] => ['backtest', '--strategy', 'sma-cross', '--data', data, '--param', 'fast=2', '--param', 'slow=5', '--param', 'size=1', '--quiet', ...more];

async function storedRuns(db: string): Promise<number> {
  if (!existsSync(db)) return 0;
  return withStore(db, { clock: new ManualClock(0) }, async (store) => (await store.runs.listRuns()).length);
}

test('backtest --report into /proc, under a file, onto a FIFO or a folder: one line, exit 2, no hang, no run stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-out-'));
  const data = barFile(dir, 300);
  const db = join(dir, 'store.db');
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  const cases: [string, RegExp][] = [
    ['/proc/sextant-missing/r.html', /^sextant backtest: \/proc\/sextant-missing\/r\.html: \/proc is on proc, a kernel file system, not storage\n$/],
    ['/proc/self/fd/x/r.html', /: \/proc\/self\/fd is on proc, a kernel file system/],
    [join(data, 'r.html'), /: .*bars\.csv is not a directory\n$/],
    [join(dir, 'fifo'), /fifo: is a named pipe \(FIFO\), not a regular file\n$/],
    [dir, /: is a directory\n$/],
  ];
  for (const [report, message] of cases) {
    const r = await runCli(backtest(data, '--report', report, '--db', db), { cwd: dir, timeoutMs: 20_000 });
    assert.equal(r.code, 2, `${report}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
  assert.equal(await storedRuns(db), 0);
  // The same run with a writable report path is stored, after the report exists; no temporary file stays.
  const ok = await runCli(backtest(data, '--report', join(dir, 'out', 'r.html'), '--db', db), { cwd: dir, timeoutMs: 20_000 });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(await storedRuns(db), 1);
  assert.deepEqual(readdirSync(join(dir, 'out')), ['r.html']);
});

test('import, download and record check --db before any work', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-out-'));
  const data = barFile(dir, 10);
  mkdirSync(join(dir, 'adir'));
  for (const argv of [
    ['import', '--file', data, '--interval', '1m', '--db', '/proc/sextant/x.db'],
    ['download', '--symbols', 'BTC', '--from', '2024-01-01', '--url', 'http://127.0.0.1:9', '--db', '/proc/sextant/x.db'],
    ['record', '--symbols', 'BTC', '--ws-url', 'ws://127.0.0.1:9/ws', '--db', join(dir, 'adir')],
    ['demo', '--bars', '60', '--out', '/sys/sextant'],
  ]) {
    const r = await runCli(argv, { cwd: dir, timeoutMs: 20_000 });
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^sextant ${argv[0]}: /(proc|sys|.*adir)[^\\n]*: (is a directory|.* is on (proc|sysfs), a kernel file system, not storage)\\n$`));
  }
});

test('a reader that closes the pipe ends the command quietly with 141 (hl sign, indicators, backtest --json, data list)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-pipe-'));
  const data = barFile(dir, 20_000);
  const db = join(dir, 'store.db');
  const vectors = join(dir, 'vectors.json');
  writeFileSync(vectors, JSON.stringify({ signing_vectors: Array.from({ length: 5 }, (_, i) => ({ id: `v${i}`, kind: 'l1_sign_connection_id', connection_id: '0x' + '00'.repeat(32) })) }));
  const imported = await runCli(['import', '--file', data, '--db', db], { cwd: dir });
  assert.equal(imported.code, 0, imported.stderr);
  for (const argv of [
    ['hl', 'sign', '--vectors', vectors],
    ['indicators', '--data', data, '--ind', 's=sma:period=5'],
    backtest(data, '--json', '--no-save'),
    ['data', 'list', '--db', db],
  ]) {
    const r = await runCli(argv, { cwd: dir, stdout: 'closed', timeoutMs: 20_000 });
    assert.equal(r.stderr, '', `${argv[0]}: no stack, no message`);
    assert.equal(r.code, 141, argv.join(' '));
  }
});

test('stdout on a full disk (/dev/full): one line naming stdout, exit 2', async (t) => {
  if (!existsSync('/dev/full')) return t.skip('no /dev/full on this system');
  const dir = mkdtempSync(join(tmpdir(), 'sextant-full-'));
  const data = barFile(dir, 2_000);
  const fd = openSync('/dev/full', 'w');
  try {
    const r = await runCli(['indicators', '--data', data, '--ind', 's=sma:period=5'], { cwd: dir, stdout: fd, timeoutMs: 20_000 });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'sextant indicators: stdout: no space left on device (ENOSPC)\n');
  } finally {
    closeSync(fd);
  }
});

test('download against a host that refuses: it keeps retrying (no silent exit 13), and Ctrl-C ends it with one line and 130', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-dl-'));
  const r = await runCli(['download', '--symbols', 'BTC', '--from', '2024-01-01', '--to', '2024-01-02', '--url', 'http://127.0.0.1:9', '--db', join(dir, 'd.db')], {
    cwd: dir,
    interrupt: { when: /retry 2 of 6 in/, signal: 'SIGINT' },
    timeoutMs: 20_000,
  });
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /retry 1 of 6 in [\d.]+ s\n.*retry 2 of 6 in [\d.]+ s\nsextant download: interrupted; the pages stored so far stay, run the same command again to resume\n$/s);
});

test('record against a host that refuses: it keeps reconnecting through its back-offs (no silent exit 13), and Ctrl-C ends it with its summary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-rec-'));
  const r = await runCli(['record', '--symbols', 'BTC', '--ws-url', 'ws://127.0.0.1:9/ws', '--db', join(dir, 'r.db')], {
    cwd: dir,
    interrupt: { when: /connecting \(backoff elapsed\)[^]*connecting \(backoff elapsed\)/, signal: 'SIGINT' },
    timeoutMs: 20_000,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'recording 1: 0 frames, 0 rows stored\n');
});

test('a folder given as the input file: one line naming it, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-in-'));
  const r = await runCli(['import', '--file', dir, '--db', join(dir, 'x.db')], { cwd: dir, timeoutMs: 20_000 });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `sextant import: ${dir}: cannot read: illegal operation on a directory (EISDIR)\n`);
});

test('file bytes in an error are escaped and cut: ANSI escapes, NUL, invalid UTF-8, a 10 000-character cell', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-esc-'));
  const head = 'time,open,high,low,close,volume\n1600000000000,1,2,1,1,5\n';
  const cases: [string, Buffer, string][] = [
    ['ansi.csv', Buffer.from(head + '1600000060000,1,2,1,\u001b[31mred\u0000,5\n'), 'ansi.csv:3: column close: expected a number, got "\\x1b[31mred\\x00"'],
    ['long.csv', Buffer.from(head + `1600000060000,1,2,1,${'7'.repeat(5_000)}x${'7'.repeat(4_999)},5\n`), `long.csv:3: column close: expected a number, got "${'7'.repeat(60)}…" (10000 bytes)`],
    ['latin1.csv', Buffer.concat([Buffer.from(head + '1600000060000,1,2,1,'), Buffer.from([0xff, 0xe9, 0x41]), Buffer.from(',5\n')]), 'latin1.csv:3: column close: expected a number, got "\\xff\\xe9A"'],
  ];
  for (const [name, bytes, message] of cases) {
    writeFileSync(join(dir, name), bytes);
    const r = await runCli(['import', '--file', name, '--interval', '1m', '--db', join(dir, 'x.db')], { cwd: dir, timeoutMs: 20_000 });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, `sextant import: ${join(dir, name)}:${message.slice(message.indexOf(':') + 1)}\n`);
  }
});

test('a strategy file that throws is its own error (exit 2, the hook named), not reported as a bug in sextant', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-strat-'));
  const data = barFile(dir, 50);
  writeFileSync(join(dir, 'bad.mts'), "export default { name: 'bad', summary: '', params: [], create() { return { onBar() { throw new TypeError('oops'); } }; } };\n");
  const r = await runCli(['backtest', '--strategy', './bad.mts', '--data', data, '--no-save'], { cwd: dir, timeoutMs: 20_000 });
  assert.equal(r.code, 2);
  // One line naming the strategy, its file and line, the callback, symbol, bar and time (the kernel's crash boundary).
  assert.match(r.stderr, /^sextant backtest: strategy bad \(.*bad\.mts:1:\d+\): onBar \(\w+, bar 0\) at \d{4}-\d\d-\d\dT[\d:.]+Z: TypeError: oops\n$/);
});

test('an exception outside any await chain (a timer) reaches the process boundary: one line, exit 70, no Node stack', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-fatal-'));
  const data = barFile(dir, 50);
  writeFileSync(join(dir, 'late.mts'), "setTimeout(() => { throw new RangeError('late'); }, 0);\nexport default { name: 'late', summary: '', params: [], create() { return { onBar() {} }; } };\n");
  const r = await runCli(['backtest', '--strategy', './late.mts', '--data', data, '--no-save', '--quiet', '--no-typecheck'], { cwd: dir, timeoutMs: 20_000 });
  assert.equal(r.code, 70, r.stderr);
  assert.match(r.stderr, /^sextant backtest: internal error: RangeError: late\nsextant backtest: this is a bug in sextant, not in your input; please report it with the command line \(SEXTANT_DEBUG=1 prints the stack\)\n$/);
});

test('download whose stderr reader went away stops at its next progress line: 141, no retrying on unseen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-dl-'));
  const r = await runCli(['download', '--symbols', 'BTC', '--from', '2024-01-01', '--to', '2024-01-02', '--url', 'http://127.0.0.1:9', '--db', join(dir, 'd.db')], {
    cwd: dir,
    stderr: 'closed',
    timeoutMs: 20_000,
  });
  assert.equal(r.code, 141);
  assert.equal(r.stdout, '');
});
