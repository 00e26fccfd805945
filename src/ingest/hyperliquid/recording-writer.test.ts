// Batching of the recorder: writes at the row limit or the latency limit, a crash loses only the open batch, a failed write stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/manual-clock.js';
import { openStore } from '../../store/open-store.js';
import { HyperliquidRecorder } from './recorder.js';

const T0 = 1_751_427_259_000;

/** A trades frame with one trade: the raw frame plus one trade row. */
const frame = (tid: number): Buffer => Buffer.from(JSON.stringify({ channel: 'trades', data: [{ coin: 'BTC', side: 'B', px: '100.5', sz: '1', time: T0 + tid, hash: '0x00', tid }] }));

function withStore(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-writer-'));
  return fn(join(dir, 'db.sqlite')).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('a batch is written when it reaches maxRows, or maxLatencyMs after its first row', () =>
  withStore(async (path) => {
    const store = openStore(path, { clock: new ManualClock(T0) });
    const rec = await store.recordings.startRecording('hyperliquid', {});
    const sched = new ManualClock(T0);
    const r = new HyperliquidRecorder({ store: store.recordings, recording: rec.id, scheduler: sched, batch: { maxRows: 5, maxLatencyMs: 250 } });
    const stored = async (): Promise<number> => (await store.recordings.getRecording(rec.id))?.frames ?? -1;
    r.onFrame('trades', frame(1), T0);
    r.onFrame('trades', frame(2), T0);
    assert.equal(await stored(), 0, '4 rows: still open');
    r.onFrame('trades', frame(3), T0 + 1);
    assert.equal(await stored(), 3, '6 rows ≥ 5: written at once');
    r.onFrame('trades', frame(4), T0 + 2);
    sched.advance(249);
    assert.equal(await stored(), 3);
    sched.advance(1);
    assert.equal(await stored(), 4, 'written 250 ms after its first row');
    assert.deepEqual(r.stats().written, { batches: 2, frames: 4, rows: 4, duplicates: 0 });
    await store.close();
  }));

test('a crash loses the open batch only, never part of a batch; the recording continues after it', () =>
  withStore(async (path) => {
    const store = openStore(path, { clock: new ManualClock(T0) });
    const rec = await store.recordings.startRecording('hyperliquid', {});
    const r = new HyperliquidRecorder({ store: store.recordings, recording: rec.id, scheduler: new ManualClock(T0), batch: { maxRows: 4, maxLatencyMs: 1e9 } });
    for (let i = 1; i <= 7; i++) r.onFrame('trades', frame(i), T0 + i);
    // "Crash": the database goes away with 3 frames (6 rows) written and 1 frame open.
    await store.close();
    const again = openStore(path, { clock: new ManualClock(T0) });
    try {
      const frames = await again.recordings.readFrames(rec.id, 1, 100);
      assert.deepEqual(frames.map((f) => f.seq), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual((await again.recordings.loadTrades('hyperliquid', 'BTC')).map((t) => t.tradeId), [1, 2, 3, 4, 5, 6], 'the rows of exactly the stored frames');
      // A new recorder continues the session's seq.
      const r2 = new HyperliquidRecorder({ store: again.recordings, recording: rec.id, scheduler: new ManualClock(T0) }, 7);
      r2.onFrame('trades', frame(7), T0 + 7);
      await r2.flush();
      assert.equal((await again.recordings.getRecording(rec.id))?.frames, 7);
    } finally {
      await again.close();
    }
  }));

test('a failed write stops the recorder and is reported; flush rejects with it', () =>
  withStore(async (path) => {
    const store = openStore(path, { clock: new ManualClock(T0) });
    const rec = await store.recordings.startRecording('hyperliquid', {});
    const failures: unknown[] = [];
    const r = new HyperliquidRecorder({ store: store.recordings, recording: rec.id, scheduler: new ManualClock(T0), batch: { maxRows: 2 }, onWriteFailure: (e) => failures.push(e) });
    await store.close();
    r.onFrame('trades', frame(1), T0);
    await assert.rejects(r.flush(), /not open/);
    assert.equal(failures.length, 1);
    r.onFrame('trades', frame(2), T0);
    assert.equal(r.stats().frames, 1, 'nothing more is taken once a write failed');
  }));

test('bad frames are counted per channel, never thrown; receive times never go backwards', () =>
  withStore(async (path) => {
    const store = openStore(path, { clock: new ManualClock(T0) });
    const rec = await store.recordings.startRecording('hyperliquid', {});
    const bad: string[] = [];
    const r = new HyperliquidRecorder({ store: store.recordings, recording: rec.id, scheduler: new ManualClock(T0), onBadFrame: (ch, e) => bad.push(`${ch}: ${e.message}`) });
    r.onFrame('trades', Buffer.from('{"channel":"trades","data":[{"coin":"BTC"}]}'), T0 + 10);
    r.onFrame(undefined, Buffer.from('{"channel":"activeAssetCtx","data":{"coin":"BTC","ctx":{"funding":"x"}}}'), T0 + 5);
    r.onFrame(undefined, Buffer.from('Websocket connection established.'), T0 + 20);
    r.onFrame(undefined, Buffer.from('{"chan'), T0 + 21);
    await r.flush();
    assert.deepEqual(bad, [
      'trades: hyperliquid ws trades: [0].side: missing (expected "B" or "A")',
      'activeAssetCtx: hyperliquid ws activeAssetCtx: ctx.funding: expected a decimal string, got "x"',
      'invalid: hyperliquid ws: frame: expected a key, got "chan (truncated at byte 6)',
    ]);
    const s = r.stats();
    assert.deepEqual([s.frames, s.errors], [4, 3]);
    assert.equal(s.streams.get('text')?.frames, 1);
    const frames = await store.recordings.readFrames(rec.id, 1, 10);
    assert.deepEqual(frames.map((f) => [f.channel, f.tsInit]), [['trades', T0 + 10], ['activeAssetCtx', T0 + 10], ['text', T0 + 20], ['invalid', T0 + 21]]);
    assert.match(r.progressLine(), /^trades 1 frames, activeAssetCtx 1 frames, text 1 frames, invalid 1 frames; stored 4 frames 0 rows; 3 bad frames \(last: .*expected a key/);
    await store.close();
  }));
