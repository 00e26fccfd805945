import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError } from '../../core/errors.js';
import { recordSession } from '../../testkit/live/session-fixture.js';
import { replayCheck } from './replay-check.js';

test('a recorded session replays with zero divergences: the same orders after the same inputs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-replay-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = recordSession(dir);
  const r = await replayCheck(path, dir);
  assert.ok(r.recorded >= 10, `only ${r.recorded} commands recorded`);
  assert.equal(r.replayed, r.recorded);
  assert.equal(r.divergenceCount, 0);
  assert.deepEqual(r.divergences, []);
  assert.ok(r.inputs > 4000);
});

test('a changed input or a changed command is found, named by position and by the input it followed', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-replay-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = recordSession(dir);
  const lines = readFileSync(path, 'utf8').split('\n');
  // A recorded order with another size: the replay sends the original size at that position.
  const k = lines.findIndex((l) => l.includes('"order.submit"'));
  const edited = [...lines];
  edited[k] = edited[k].replace(/"qty":0\.01/, '"qty":0.02');
  writeFileSync(path, edited.join('\n'));
  const r = await replayCheck(path, dir);
  assert.equal(r.divergenceCount, 1);
  assert.equal(r.divergences[0].n, 1);
  assert.match(r.divergences[0].recorded?.text ?? '', /"qty":0\.02/);
  assert.match(r.divergences[0].replayed?.text ?? '', /"qty":0\.01/);
  assert.equal(r.divergences[0].recorded?.afterLine, r.divergences[0].replayed?.afterLine);
  // The first fill left out: the replayed bot still waits on that order, so its later decisions differ.
  const lost = lines.filter((_l, i) => i !== lines.findIndex((l) => l.includes('"order.filled"')));
  writeFileSync(path, lost.join('\n'));
  const moved = await replayCheck(path, dir);
  assert.ok(moved.divergenceCount > 0, 'a lost fill changes nothing?');
  assert.ok(moved.divergences[0].n > 1, 'the decisions before the lost fill still agree');
});

test('a session cut short by a crash mid-line is replayed up to its last whole line, and says so', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-replay-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = recordSession(dir);
  const text = readFileSync(path, 'utf8');
  const whole = await replayCheck(path, dir);
  assert.equal(whole.tornTail, false);
  // Cut inside the last line (the newline and a few characters before it gone).
  writeFileSync(path, text.slice(0, text.length - 6));
  const cut = await replayCheck(path, dir);
  assert.equal(cut.tornTail, true);
  assert.equal(cut.divergenceCount, 0);
  assert.equal(cut.inputs, whole.inputs - 1);
});

test('a damaged session is bad input naming the file and line', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-replay-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 's.jsonl');
  writeFileSync(path, '{"kind":"tick","t":1}\n');
  await assert.rejects(replayCheck(path, dir), (e) => e instanceof BadInputError && /s\.jsonl:1: expected the session header, got a tick line/.test(e.message));
  writeFileSync(path, '');
  await assert.rejects(replayCheck(path, dir), /empty session file/);
  await assert.rejects(replayCheck(join(dir, 'missing.jsonl'), dir), /cannot read the session \(ENOENT\)/);
});

test('a FIFO or a folder given as the session is refused at once, not read (a FIFO would block for ever)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-replay-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  await assert.rejects(replayCheck(join(dir, 'pipe'), dir), (e) => e instanceof BadInputError && /pipe: is a named pipe \(FIFO\), not a regular file \(a session is a \.jsonl file\)/.test(e.message));
  await assert.rejects(replayCheck(dir, dir), /is a directory \(a session is a \.jsonl file\)/);
});
