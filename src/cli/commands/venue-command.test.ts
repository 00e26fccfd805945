// `sextant venue`: prints the URLs and the balance rule, serves /info, stops when told; replays a stored recording.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { parseArgs } from '../args.js';
import { ManualClock } from '../../core/manual-clock.js';
import { HyperliquidRecorder } from '../../ingest/hyperliquid/recorder.js';
import { openStore } from '../../store/open-store.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { runVenue, venueCommand } from './venue-command.js';
import { startHarness } from '../../testkit/localnet/test-support.js';

it('sextant venue prints its URLs and balance rule, serves /info and stops cleanly', async () => {
  const io = captureIO(process.cwd());
  let stop = (): void => {};
  const stopped = new Promise<void>((r) => (stop = r));
  const done = runVenue(parseArgs(['--port', '0', '--balance', '2500', '--symbols', 'BTC,DOGE', '--seed', '3'], venueCommand.options), io, stopped);
  while (!io.stdout().includes('stop')) await new Promise((r) => setTimeout(r, 10));
  const out = io.stdout();
  const url = /api url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  assert.ok(url !== undefined, out);
  assert.match(out, /websocket\s+ws:\/\/127\.0\.0\.1:\d+\/ws/);
  assert.match(out, /2500 USDC/);
  assert.match(out, /SIMULATED DATA/);
  const meta = (await (await fetch(url + '/info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"meta"}' })).json()) as { universe: { name: string }[] };
  assert.deepEqual(meta.universe.map((u) => u.name), ['BTC', 'DOGE']);
  stop();
  assert.equal(await done, 0);
  assert.match(io.stderr(), /local venue stopped/);
});

it('sextant venue names a bad option', async () => {
  const io = captureIO(process.cwd());
  await assert.rejects(runVenue(parseArgs(['--accounts', 'some'], venueCommand.options), io, Promise.resolve()), /--accounts/);
});

it('sextant venue on a port in use: one line on stderr, exit 2 (the real process)', async () => {
  const held = createServer();
  await new Promise<void>((r) => held.listen(0, '127.0.0.1', r));
  const port = (held.address() as { port: number }).port;
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/sextant.js', 'venue', '--port', String(port)], { timeout: 30_000, env: { ...process.env, SEXTANT_FROM_SOURCE: '1' } }, (e, _out, err) => resolve({ code: e === null ? 0 : (e.code as number | null), stderr: err }));
    });
    assert.equal(stderr, `sextant venue: 127.0.0.1:${port}: address already in use\n`);
    assert.equal(code, 2);
  } finally {
    await new Promise<void>((r) => held.close(() => r()));
  }
});

it('sextant venue --faults says what it injects and does it; a bad spec names the part', async () => {
  const io = captureIO(process.cwd());
  let stop = (): void => {};
  const stopped = new Promise<void>((r) => (stop = r));
  const done = runVenue(parseArgs(['--port', '0', '--faults', '5xx:info=#1,seed=3'], venueCommand.options), io, stopped);
  while (!io.stdout().includes('stop')) await new Promise((r) => setTimeout(r, 10));
  assert.match(io.stdout(), /faults {5}5xx on info \(requests #1\); seed 3/);
  const url = /api url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(io.stdout())?.[1];
  const ask = () => fetch(url + '/info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"meta"}' });
  assert.equal((await ask()).status, 502);
  assert.equal((await ask()).status, 200);
  stop();
  assert.equal(await done, 0);
  await assert.rejects(runVenue(parseArgs(['--faults', '5xx=often'], venueCommand.options), captureIO(process.cwd()), Promise.resolve()), /--faults 5xx=often: expected a probability/);
});

it('sextant venue --market mirror --upstream URL mirrors that venue and says so; a bad URL names --upstream', async () => {
  const up = await startHarness({ seed: 2, historyMinutes: 0 });
  const io = captureIO(process.cwd());
  let stop = (): void => {};
  const stopped = new Promise<void>((r) => (stop = r));
  try {
    const done = runVenue(parseArgs(['--port', '0', '--market', 'mirror', '--upstream', up.server.url, '--upstream-timeout', '3000'], venueCommand.options), io, stopped);
    while (!io.stdout().includes('stop')) await new Promise((r) => setTimeout(r, 10));
    assert.match(io.stdout(), new RegExp(`^MIRRORED DATA: .* ${up.server.wsUrl} `));
    assert.match(io.stdout(), /market {5}mirror of .*, now mirroring; .* silent for 3000 ms/);
    assert.match(io.stderr(), new RegExp(`market: MIRRORING upstream ${up.server.wsUrl}`));
    stop();
    assert.equal(await done, 0);
  } finally {
    await up.close();
  }
  await assert.rejects(runVenue(parseArgs(['--market', 'mirror', '--upstream', 'ftp://example'], venueCommand.options), captureIO(process.cwd()), Promise.resolve()), /--upstream/);
});

it('sextant venue --market replay:1 --db PATH: the venue starts at the recording\'s first book; an unknown run lists the known ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-venue-replay-'));
  try {
    const db = join(dir, 'rec.db');
    const store = openStore(db, { clock: new ManualClock(0) });
    const rec = await store.recordings.startRecording('hyperliquid', { symbols: ['BTC'] });
    const r = new HyperliquidRecorder({ store: store.recordings, recording: rec.id, scheduler: new ManualClock(0) });
    const lv = (px: number) => ({ px: String(px), sz: '1', n: 1 });
    for (let k = 0; k < 5; k++) r.onFrame(undefined, Buffer.from(JSON.stringify({ channel: 'l2Book', data: { coin: 'BTC', time: k, levels: [[lv(90_000 + k)], [lv(90_002 + k)]] } })), 1_000 + 250 * k);
    await r.flush();
    await store.close();

    const io = captureIO(process.cwd());
    let stop = (): void => {};
    const stopped = new Promise<void>((res) => (stop = res));
    const done = runVenue(parseArgs(['--port', '0', '--market', 'replay:1', '--db', db, '--symbols', 'BTC', '--step-ms', '250'], venueCommand.options), io, stopped);
    while (!io.stdout().includes('stop') && !/Error/.test(io.stderr())) await new Promise((res) => setTimeout(res, 10));
    assert.match(io.stdout(), /market {5}replay of recording 1 at 1x/);
    assert.match(io.stderr(), /market: REPLAYING recording 1/);
    const url = /api url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(io.stdout())?.[1];
    const mids = (await (await fetch(url + '/info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"allMids"}' })).json()) as Record<string, string>;
    assert.ok(Number(mids.BTC) >= 90_001 && Number(mids.BTC) <= 90_005, JSON.stringify(mids));
    stop();
    assert.equal(await done, 0);

    await assert.rejects(runVenue(parseArgs(['--port', '0', '--market', 'replay:2', '--db', db, '--symbols', 'BTC'], venueCommand.options), captureIO(process.cwd()), Promise.resolve()), /no recording 2; the store has 1 \(/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
