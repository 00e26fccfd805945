// `sextant start --mode paper --market replay:RUN`: the in-process venue replays a stored recording, a bot trades on its prices, the simulator continues after its end; bad recordings and modes are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { BadInputError } from '../../core/errors.js';
import { LiveClock } from '../../core/live-clock.js';
import { ManualClock } from '../../core/manual-clock.js';
import { readSextantConfig } from '../../config/read-config.js';
import type { MarketSpec, SextantConfig } from '../../config/sextant-config.js';
import { HyperliquidRecorder } from '../../ingest/hyperliquid/recorder.js';
import { createLogger } from '../../live/telemetry/logger.js';
import { openStore } from '../../store/open-store.js';
import { startDaemon, type RunningDaemon } from './daemon-root.js';
import { readStatusToken } from './status-token.js';
import { until } from '../../testkit/poll-until.js';

/** The read-only token the daemon writes to its data dir (what `sextant status` uses). */
const auth = (dir: string): RequestInit => ({ headers: { authorization: `Bearer ${readStatusToken(dir) ?? ''}` } });

const R0 = 1_751_427_259_000;
const SECONDS = 25;
const SMA_BOT = { bots: [{ id: 'sma', strategy: 'sma-cross', symbols: ['BTC', 'ETH'], interval: '1s', params: { fast: 2, slow: 5, size: 0.01 }, capital: { usd: 5000 } }] };

function config(doc: unknown): SextantConfig {
  const r = readSextantConfig(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

/** A mid swinging ±1 % every 6 s (the SMA bot crosses often). */
function midAt(base: number, ms: number): number {
  return Math.round(base * (1 + 0.01 * Math.sin((2 * Math.PI * ms) / 6_000)));
}

function bookFrame(coin: string, mid: number): string {
  const lv = (px: number) => ({ px: String(px), sz: '0.5', n: 1 });
  return JSON.stringify({ channel: 'l2Book', data: { coin, time: R0, levels: [[lv(mid - 1), lv(mid - 2)], [lv(mid + 1), lv(mid + 2)]] } });
}

function tradeFrame(coin: string, px: number, tid: number): string {
  return JSON.stringify({ channel: 'trades', data: [{ coin, side: tid % 2 ? 'A' : 'B', px: String(px), sz: '0.01', time: R0, hash: '0x' + 'ab'.repeat(32), tid, users: ['0x' + '01'.repeat(20), '0x' + '02'.repeat(20)] }] });
}

/** Records SECONDS of BTC and ETH books and trades (a frame pair every 250 ms) into the data directory's store; returns every recorded trade price. */
async function record(dataDir: string): Promise<Set<number>> {
  const store = openStore(join(dataDir, 'sextant.db'), { clock: new ManualClock(R0) });
  const prices = new Set<number>();
  try {
    const rec = await store.recordings.startRecording('hyperliquid', { symbols: ['BTC', 'ETH'] });
    const r = new HyperliquidRecorder({ store: store.recordings, recording: rec.id, scheduler: new ManualClock(R0) });
    let tid = 1;
    for (let ms = 0; ms < SECONDS * 1_000; ms += 250) {
      for (const [coin, base] of [['BTC', 100_000], ['ETH', 3_500]] as const) {
        const mid = midAt(base, ms);
        r.onFrame(undefined, Buffer.from(bookFrame(coin, mid)), R0 + ms);
        r.onFrame(undefined, Buffer.from(tradeFrame(coin, mid, tid++)), R0 + ms + 1);
        prices.add(mid);
      }
    }
    await r.flush();
  } finally {
    await store.close();
  }
  return prices;
}

function start(dataDir: string, market: MarketSpec, lines: string[], mode: 'paper' | 'dry-live' = 'paper'): Promise<RunningDaemon> {
  const clock = new LiveClock();
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter((l) => l !== ''));
      done();
    },
  });
  return startDaemon({ mode, config: config(SMA_BOT), dataDir, cwd: dataDir, port: 0, market, env: {}, clock, log: createLogger({ clock, destination, level: 'debug' }), say: () => {} });
}


test('paper on replay:1: the venue shows the recording, the bot fills at recorded prices, the simulator continues after the end', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-replay-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const prices = await record(dir);
  const lines: string[] = [];
  const d = await start(dir, 'replay:1', lines);
  t.after(() => d.stop('test end'));
  const venue = d.venue?.venue;
  assert.ok(venue !== undefined, 'an in-process venue');
  assert.equal(venue.feed.replay?.mode, 'replay');
  assert.equal(d.simulated(), true);
  const status = (await (await fetch(`${d.url}/api/status`, auth(dir))).json()) as { market: string; simulated: boolean };
  assert.equal(status.market, 'replay:1');
  assert.equal(status.simulated, true);

  type Fill = { price: number };
  await until('two fills', async () => ((await (await fetch(`${d.url}/api/fills`, auth(dir))).json()) as Fill[]).length >= 2);
  const fills = (await (await fetch(`${d.url}/api/fills`, auth(dir))).json()) as Fill[];
  // Market orders take the recorded best level (mid ± 1).
  for (const f of fills) assert.ok(prices.has(f.price - 1) || prices.has(f.price + 1), `fill at ${f.price} is a recorded level`);
  assert.ok(venue.feed.recentTrades('BTC').filter((tr) => prices.has(tr.px)).length > 10, 'the venue tape is the recorded one');

  await until('the end of the recording', () => venue.feed.replay?.mode === 'ended');
  assert.ok(lines.some((l) => l.includes('recording 1 ended after') && l.includes('SIMULATED market from now')), lines.filter((l) => l.includes('market:')).join('\n'));
  const bots = d.bots.map((b) => b.state);
  assert.deepEqual(bots, ['running']);
});

test('replay: an unknown recording lists the known ones; dry-live refuses a replay', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-replay-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await record(dir);
  await assert.rejects(start(dir, 'replay:7', []), (e: unknown) => e instanceof BadInputError && /--market replay:7: no recording 7; the store has 1 \(.*BTC,ETH, 400 frames\)/.test(e.message));
  await assert.rejects(start(dir, 'replay:1', [], 'dry-live'), (e: unknown) => e instanceof BadInputError && /for paper mode only/.test(e.message));
});
