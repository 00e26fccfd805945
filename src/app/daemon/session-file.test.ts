import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BadInputError } from '../../core/errors.js';
import { driveSession } from '../../testkit/live/session-fixture.js';
import { replayCheck } from './replay-check.js';
import { SessionFile } from './session-file.js';

const REGISTER = fileURLToPath(new URL('../../../bin/register.js', import.meta.url));
const ts = (rel: string): string => new URL(rel, import.meta.url).href.replace(/\.js$/, '.ts');

/** Records a session into argv's path until killed, flushing every 25 trades and printing the count. */
const WRITER = `
import { SessionFile } from ${JSON.stringify(ts('./session-file.js'))};
import { driveSession } from ${JSON.stringify(ts('../../testkit/live/session-fixture.js'))};
let file;
driveSession({ header: (h) => (file = SessionFile.create(process.argv[1], h)), input: (i) => file.input(i), command: (c) => file.command(c) }, 1e9, (i) => {
  if (i % 25 === 0) { file.flush(); process.stdout.write(i + '\\n'); }
});
`;

test('a session file written by a process killed with SIGKILL replays with zero divergences up to where it stopped', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-session-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'sessions', 's1', 'bot-1.jsonl');
  const child = spawn(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', WRITER, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => child.once('exit', r));
  let out = '';
  let killed = false;
  await new Promise<void>((resolve, reject) => {
    const early = (code: number | null): void => reject(new Error(`writer exited early with ${String(code)}`));
    child.once('exit', early);
    child.stdout.on('data', (d: Buffer) => {
      if (killed) return;
      out += d.toString();
      // Well past the fixture's first decisions (sma-cross 2/5 on 1 s bars).
      if (out.split('\n').some((l) => Number(l) >= 3000)) {
        killed = true;
        child.removeListener('exit', early);
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await exited;
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const r = await replayCheck(path, dir);
  assert.equal(r.divergenceCount, 0, JSON.stringify(r.divergences[0]));
  assert.ok(r.inputs >= 3000 && r.recorded > 0, `${r.inputs} inputs, ${r.recorded} decisions`);
});

test('a session file is never replaced, is written in order, and refuses lines once closed', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-session-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'a.jsonl');
  let file: SessionFile | undefined;
  let header: Parameters<typeof SessionFile.create>[1] | undefined;
  driveSession({ header: (h) => ((header = h), (file = SessionFile.create(path, h))), input: (i) => file?.input(i), command: (c) => file?.command(c) }, 200);
  (file as SessionFile).close();
  const lines = readFileSync(path, 'utf8').split('\n');
  assert.equal(lines.pop(), '');
  assert.match(lines[0], /^\{"kind":"session"/);
  assert.ok(lines.length > 200);
  assert.throws(() => (file as SessionFile).input({ kind: 'tick', t: 1 }), /is closed/);
  assert.throws(() => SessionFile.create(path, header as Parameters<typeof SessionFile.create>[1]), (e) => e instanceof BadInputError && /exists already/.test(e.message));
  assert.ok(existsSync(path));
});
