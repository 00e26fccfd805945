// Downloading from a local server that pages like Hyperliquid: completeness, retries on a manual clock, forming bars replaced, gaps filled, empty minutes remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/ports.js';
import { backoffDelay, DEFAULT_BACKOFF, HttpTransport, RestGateway } from '../../venues/hyperliquid/transport/index.js';
import { LiveClock } from '../../core/live-clock.js';
import { ManualClock } from '../../core/manual-clock.js';
import { CANDLE_CLOSE_MARGIN_MS } from './candle-close.js';
import { HOUR, MIN, settleOnManualClock, startTestVenue, walkCandle, type TestVenue } from '../../testkit/ingest/download-test-venue.js';
import { HyperliquidRecorder } from './recorder.js';
import { startHarness } from '../../testkit/localnet/test-support.js';
import { downloadHyperliquidHistory, type DownloadDeps, type DownloadRequest, type DownloadSummary } from './download.js';

const T0 = Date.UTC(2025, 0, 1);
const GATEWAY_SEED = 11;
const BACKOFF_SEED = 12;

interface Rig {
  readonly store: Store;
  readonly sched: ManualClock;
  readonly lines: string[];
  /** Runs a download, moving the manual clock to each pending timer (backoff sleeps) instead of sleeping. */
  download(req: Partial<DownloadRequest>, over?: Partial<DownloadDeps>): Promise<DownloadSummary[]>;
  close(): Promise<void>;
}

async function rig(venue: Pick<TestVenue, 'url' | 'close'>, now: number): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-dl-'));
  const sched = new ManualClock(now);
  const store = openStore(join(dir, 'db.sqlite'), { clock: { now: () => sched.now() } });
  const lines: string[] = [];
  // Real HTTP timeouts; the gateway's cooldowns and the downloader's sleeps on the manual clock.
  const rest = new RestGateway({ rest: new HttpTransport({ httpUrl: venue.url, scheduler: new LiveClock() }), scheduler: sched, rng: createRng(GATEWAY_SEED) });
  const base = { rest, store, source: venue.url, scheduler: sched, rng: createRng(BACKOFF_SEED), progress: (l: string) => void lines.push(l) };
  return {
    store,
    sched,
    lines,
    download(req, over = {}) {
      return settleOnManualClock(downloadHyperliquidHistory({ symbols: ['BTC'], interval: '1m', from: T0, to: T0 + HOUR, ...req }, { ...base, ...over }), sched);
    },
    async close() {
      await store.close();
      await venue.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const candleRequests = (v: TestVenue) => v.bodies().filter((b) => b.type === 'candleSnapshot');

test('download: every bar and funding rate of the range, paged, idempotent re-run, resume after a cut', async () => {
  const BARS = 3 * 24 * 60;
  const venue = await startTestVenue('BTC', T0, BARS);
  const r = await rig(venue, T0 + 4 * 24 * HOUR);
  try {
    const day1 = await r.download({ to: T0 + 1440 * MIN });
    assert.equal(day1[0].barsFetched, 1440);
    assert.equal(day1[0].fundingFetched, 24);
    assert.equal(candleRequests(venue).length, 3, 'pages of 500');

    venue.server.requests.length = 0;
    const all = await r.download({ to: T0 + BARS * MIN });
    assert.equal(all[0].barsNew, BARS - 1440);
    assert.ok(candleRequests(venue).every((b) => b.startTime >= T0 + 1440 * MIN), 'resumed after the stored bars');
    const bars = await r.store.candles.loadBars('hyperliquid', 'BTC', MIN);
    assert.equal(bars.length, BARS);
    for (const i of [0, 1439, 1440, BARS - 1]) {
      assert.equal(bars.time[i], T0 + i * MIN);
      assert.equal(bars.open[i], Number(walkCandle(i).o));
      assert.equal(bars.close[i], Number(walkCandle(i).c));
    }
    assert.equal((await r.store.funding.loadFunding('hyperliquid', 'BTC')).length, BARS / 60);

    venue.server.requests.length = 0;
    const again = await r.download({ to: T0 + BARS * MIN, funding: false });
    assert.equal(again[0].barsNew, 0);
    assert.equal(venue.server.requests.length, 0, 'no request at all for a settled range');
  } finally {
    await r.close();
  }
});

test('retries follow the backoff on the injected clock and rng, and honour the venue’s Retry-After', async () => {
  const venue = await startTestVenue('BTC', T0, 60);
  const r = await rig(venue, T0 + 2 * HOUR);
  const at: number[] = [];
  venue.intercept = (_req, n) => {
    at.push(r.sched.now());
    if (n === 1) return { status: 429, text: 'rate limited' };
    if (n === 2) return { status: 429, text: 'rate limited', headers: { 'retry-after': '7' } };
    return undefined;
  };
  try {
    const s = await r.download({ funding: false });
    assert.equal(s[0].barsFetched, 60);
    assert.equal(s[0].requests, 3);
    // The wait before retry k is the longer of the gateway's cooldown (its own jittered backoff, or
    // Retry-After) and the downloader's jittered backoff: replay both generators.
    const gw = createRng(GATEWAY_SEED);
    const dl = createRng(BACKOFF_SEED);
    const wait0 = Math.max(backoffDelay(0, DEFAULT_BACKOFF, gw), backoffDelay(0, DEFAULT_BACKOFF, dl));
    const wait1 = Math.max(7_000, backoffDelay(1, DEFAULT_BACKOFF, gw), backoffDelay(1, DEFAULT_BACKOFF, dl));
    assert.deepEqual([at[1] - at[0], at[2] - at[1]], [wait0, wait1]);
    assert.ok(wait0 >= 500 && wait0 <= 1_000, `first wait ${wait0} within 1 s × (1 − jitter 0.5 … 1)`);
    assert.match(r.lines[0], /candleSnapshot BTC 1m \[2025-01-01T00:00:00.000Z, 2025-01-01T01:00:00.000Z\): .*HTTP 429.*; retry 1 of 6 in \d+\.\d s/);
  } finally {
    await r.close();
  }
});

test('a read that keeps failing: one message naming the URL, the request, the attempts and the error; the pages before it stay stored', async () => {
  const venue = await startTestVenue('BTC', T0, 1440);
  const r = await rig(venue, T0 + 2 * 24 * HOUR);
  venue.intercept = (_req, n) => (n >= 2 ? { status: 502, text: 'bad gateway\n<html>' } : undefined);
  try {
    await assert.rejects(
      r.download({ to: T0 + 1440 * MIN, funding: false }, { retries: 2 }),
      (e: unknown) =>
        e instanceof BadInputError &&
        e.where === venue.url &&
        e.message === `${venue.url}: candleSnapshot BTC 1m [2025-01-01T08:20:00.000Z, 2025-01-02T00:00:00.000Z): failed after 3 attempts; last error: hyperliquid /info candleSnapshot: HTTP 502`,
    );
    assert.equal((await r.store.candles.loadBars('hyperliquid', 'BTC', MIN)).length, 500, 'the first page stays');
    venue.intercept = undefined;
    venue.server.requests.length = 0;
    const rest = await r.download({ to: T0 + 1440 * MIN, funding: false });
    assert.equal(rest[0].barsNew, 940);
    assert.equal(candleRequests(venue)[0].startTime, T0 + 500 * MIN, 'resumed at the first bar not stored');
  } finally {
    await r.close();
  }
});

test('an answer of another interval than asked for is refused, and nothing of it is stored or remembered empty', async () => {
  const venue = await startTestVenue('BTC', T0, 60);
  const r = await rig(venue, T0 + 2 * HOUR);
  // 5m candles for a 1m request: stored as 1m they would leave 4 of 5 minutes "confirmed empty" for good.
  const fiveMinute = [0, 5].map((k) => ({ t: T0 + k * MIN, T: T0 + (k + 5) * MIN - 1, s: 'BTC', i: '5m', ...walkCandle(k), n: 3 }));
  venue.intercept = () => ({ status: 200, text: JSON.stringify(fiveMinute) });
  try {
    await assert.rejects(
      r.download({ funding: false }),
      (e: unknown) => e instanceof BadInputError && e.where === venue.url && /candleSnapshot BTC 1m .*: the venue answered with 5m candles/.test(e.message),
    );
    assert.equal((await r.store.candles.loadBars('hyperliquid', 'BTC', MIN)).length, 0);
    assert.deepEqual(await r.store.candles.settledRanges('hyperliquid', 'BTC', MIN, T0, T0 + HOUR), []);
  } finally {
    await r.close();
  }
});

test('a forming candle is stored as not final and replaced once it closed (with the margin); a final one is never replaced by a forming one', async () => {
  const t = Date.UTC(2025, 0, 1, 12);
  const venue = await startTestVenue('BTC', t, 10);
  venue.candles.set(t + 10 * MIN, { o: '99900', h: '99950', l: '99850', c: '99891', v: '0.05' });
  const r = await rig(venue, t + 10 * MIN + 30_000);
  const req = { from: t, to: t + 11 * MIN, funding: false };
  const last = async () => {
    const b = await r.store.candles.loadBars('hyperliquid', 'BTC', MIN);
    return [b.length, b.close[b.length - 1], b.volume[b.length - 1]];
  };
  try {
    const first = await r.download(req);
    assert.equal(first[0].barsForming, 1);
    assert.deepEqual((await r.store.candles.checkSeries('hyperliquid', 'BTC', MIN))?.notFinal.items, [t + 10 * MIN]);
    // The minute closes; the venue's candle now holds the whole minute.
    venue.candles.set(t + 10 * MIN, { o: '99900', h: '99950', l: '99850', c: '99863', v: '1.15' });
    r.sched.advanceTo(t + 11 * MIN + CANDLE_CLOSE_MARGIN_MS - 1);
    venue.server.requests.length = 0;
    const early = await r.download(req);
    assert.deepEqual(candleRequests(venue).map((b) => b.startTime), [t + 10 * MIN], 'only the forming bar is asked for again');
    assert.equal(early[0].barsForming, 1, 'inside the margin it is still not final');
    assert.deepEqual(await last(), [11, 99863, 1.15]);
    r.sched.advanceTo(t + 11 * MIN + CANDLE_CLOSE_MARGIN_MS);
    const closed = await r.download(req);
    assert.equal(closed[0].barsForming, 0);
    assert.equal((await r.store.candles.checkSeries('hyperliquid', 'BTC', MIN))?.notFinal.count, 0);
    venue.server.requests.length = 0;
    await r.download(req);
    assert.equal(venue.server.requests.length, 0, 'settled');
  } finally {
    await r.close();
  }
});

test('a candle the recorder stored mid-minute is not final, and a download replaces it', async () => {
  const t = Date.UTC(2025, 0, 1, 12);
  const venue = await startTestVenue('BTC', t, 3);
  const r = await rig(venue, t + HOUR);
  try {
    const rec = await r.store.recordings.startRecording('hyperliquid', {});
    const recorder = new HyperliquidRecorder({ store: r.store.recordings, recording: rec.id, scheduler: new ManualClock(t) });
    const frame = JSON.stringify({ channel: 'candle', data: { t: t + MIN, T: t + 2 * MIN - 1, s: 'BTC', i: '1m', o: '99900', c: '99891', h: '99950', l: '99850', v: '0.05', n: 2 } });
    recorder.onFrame(undefined, Buffer.from(frame), t + MIN + 30_000);
    // Minute 0 arrives late, after its close and the margin: that one is final.
    const late = JSON.stringify({ channel: 'candle', data: { t, T: t + MIN - 1, s: 'BTC', i: '1m', ...walkCandle(0), n: 2 } });
    recorder.onFrame(undefined, Buffer.from(late), t + MIN + CANDLE_CLOSE_MARGIN_MS);
    await recorder.flush();
    const check = await r.store.candles.checkSeries('hyperliquid', 'BTC', MIN);
    assert.deepEqual([check?.series.bars, check?.notFinal.items], [2, [t + MIN]]);
    await r.download({ from: t, to: t + 3 * MIN, funding: false });
    const bars = await r.store.candles.loadBars('hyperliquid', 'BTC', MIN);
    assert.deepEqual([...bars.close], [0, 1, 2].map((i) => Number(walkCandle(i).c)));
    assert.equal((await r.store.candles.checkSeries('hyperliquid', 'BTC', MIN))?.notFinal.count, 0);
  } finally {
    await r.close();
  }
});

test('interior gaps are filled: 01:00–01:59, then 10:00–10:59, then 00:00–11:59 gives all 720 bars, fetching only what is missing', async () => {
  const venue = await startTestVenue('BTC', T0, 720);
  const r = await rig(venue, T0 + 24 * HOUR);
  try {
    await r.download({ from: T0 + HOUR, to: T0 + 2 * HOUR, funding: false });
    await r.download({ from: T0 + 10 * HOUR, to: T0 + 11 * HOUR, funding: false });
    venue.server.requests.length = 0;
    const all = await r.download({ from: T0, to: T0 + 12 * HOUR, funding: false });
    assert.equal(all[0].barsNew, 600);
    assert.equal((await r.store.candles.loadBars('hyperliquid', 'BTC', MIN)).length, 720);
    assert.deepEqual(candleRequests(venue).map((b) => (b.startTime - T0) / HOUR), [0, 2, 11]);
    const check = await r.store.candles.checkSeries('hyperliquid', 'BTC', MIN);
    assert.deepEqual([check?.gaps.count, check?.notFinal.count], [0, 0]);
  } finally {
    await r.close();
  }
});

test('minutes without trades are remembered as empty; what the venue no longer keeps stays missing and is reported', async () => {
  const venue = await startTestVenue('BTC', T0, 120);
  for (const i of [30, 31, 32, 33, 34, 100, 101]) venue.candles.delete(T0 + i * MIN);
  const r = await rig(venue, T0 + 121 * MIN);
  try {
    const s = await r.download({ from: T0 - 6_000 * MIN, to: T0 + 120 * MIN, funding: false });
    // The venue keeps its newest 5000 candles: from 4999 minutes before the answer on, an empty answer means no trades.
    const kept = T0 + 121 * MIN - 4_999 * MIN;
    assert.deepEqual([s[0].barsFetched, s[0].barsEmpty, s[0].barsUnavailable], [113, 7 + (T0 - kept) / MIN, (kept - (T0 - 6_000 * MIN)) / MIN]);
    const check = await r.store.candles.checkSeries('hyperliquid', 'BTC', MIN);
    assert.deepEqual([check?.series.bars, check?.gaps.count, check?.missingBars, check?.emptyBars], [113, 0, 0, 7]);
    venue.server.requests.length = 0;
    const again = await r.download({ from: T0 - 6_000 * MIN, to: T0 + 120 * MIN, funding: false });
    assert.deepEqual(candleRequests(venue).map((b) => [b.startTime, b.endTime + 1]), [[T0 - 6_000 * MIN, kept]], 'only the unavailable part is asked for again');
    assert.equal(again[0].barsUnavailable, (kept - (T0 - 6_000 * MIN)) / MIN);
  } finally {
    await r.close();
  }
});

test('minutes without trades between two candles are empty however old the answer says they are', async () => {
  const venue = await startTestVenue('BTC', T0, 60);
  for (const i of [10, 11]) venue.candles.delete(T0 + i * MIN);
  const r = await rig(venue, T0 + 30 * 24 * HOUR);
  try {
    const s = await r.download({ funding: false });
    assert.deepEqual([s[0].barsFetched, s[0].barsEmpty, s[0].barsUnavailable], [58, 2, 0]);
  } finally {
    await r.close();
  }
});

test('from the local venue: its last two hours settle (the forming minute excepted), and the forming minute is replaced once it closed', async () => {
  const h = await startHarness({ historyMinutes: 120 });
  const start = h.clock.now();
  const r = await rig({ url: h.server.url, close: () => h.close() }, start);
  const req = { from: start - 2 * HOUR, to: start + MIN, funding: false };
  try {
    const first = await r.download(req);
    const c1 = await r.store.candles.checkSeries('hyperliquid', 'BTC', MIN);
    assert.ok(c1 !== undefined);
    assert.equal(c1.gaps.count, 0);
    assert.equal(first[0].barsFetched + first[0].barsEmpty, c1.series.bars + c1.emptyBars);
    const times = [...(await r.store.candles.loadBars('hyperliquid', 'BTC', MIN)).time];
    assert.deepEqual(c1.notFinal.items, times.filter((t) => t + MIN > start - CANDLE_CLOSE_MARGIN_MS), 'the minutes not closed (with the margin) when the venue answered');
    assert.ok(c1.notFinal.count <= 2);
    // Past the close (and its margin) of the last minute asked for, wherever in its minute `start` fell.
    h.advance(2 * MIN + CANDLE_CLOSE_MARGIN_MS);
    r.sched.advanceTo(h.clock.now());
    await r.download(req);
    const c2 = await r.store.candles.checkSeries('hyperliquid', 'BTC', MIN);
    assert.deepEqual([c2?.gaps.count, c2?.notFinal.count], [0, 0]);
  } finally {
    await r.close();
  }
});

test('download refuses calendar months and empty ranges with clear errors', async () => {
  const venue = await startTestVenue('BTC', T0, 0);
  const r = await rig(venue, T0);
  try {
    await assert.rejects(r.download({ interval: '1M', from: 0, to: 1 }), /--interval: 1M/);
    await assert.rejects(r.download({ interval: '1h', from: 5, to: 5 }), /--to: must be after --from/);
    await assert.rejects(r.download({ interval: '7q', from: 0, to: 5 }), /--interval: expected an interval/);
  } finally {
    await r.close();
  }
});
