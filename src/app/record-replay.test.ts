// Record from a local server speaking the venue's WebSocket protocol, then replay: envelopes equal one by one, a strategy sees the same events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveClock } from '../core/live-clock.js';
import { ManualClock } from '../core/manual-clock.js';
import type { Envelope } from '../core/envelope.js';
import { fixedFromNumber } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import { createRng } from '../core/rng.js';
import type { ExecutionPort } from '../engine/execution-port.js';
import { driveEvents } from '../engine/event-driver.js';
import { Kernel } from '../engine/kernel.js';
import { Ledger } from '../ledger/ledger.js';
import { openStore } from '../store/open-store.js';
import type { Strategy } from '../strategy/strategy.js';
import { HttpTransport, RestGateway } from '../venues/hyperliquid/transport/index.js';
import { LocalHttpServer } from '../testkit/venues/hyperliquid/local-http-server.js';
import { LocalWsServer } from '../testkit/venues/hyperliquid/local-ws-server.js';
import { randomL2BookFrame, randomTradesFrame } from '../testkit/venues/hyperliquid/random-frames.js';
import { recordHyperliquid } from '../ingest/hyperliquid/record-session.js';
import { HyperliquidRecorder } from '../ingest/hyperliquid/recorder.js';
import { driveRecording, replayEvents, replayFrames } from './recording-replay.js';

const T0 = 1_751_427_259_000;
const MIN = 60_000;

/** An l2Book frame in the venue's shape (levels {px, sz, n}, bids then asks, best first). */
function book(coin: string, time: number, mid: number): string {
  const lv = (px: number, sz: string) => ({ px: px.toFixed(1), sz, n: 1 });
  return JSON.stringify({ channel: 'l2Book', data: { coin, time, levels: [[lv(mid - 1, '0.5'), lv(mid - 3, '1.25')], [lv(mid + 1, '0.27739'), lv(mid + 2, '2')]] } });
}

function trades(coin: string, time: number, tid: number, n: number): string {
  const data = Array.from({ length: n }, (_, i) => ({ coin, side: i % 2 ? 'A' : 'B', px: (106_296 + i).toFixed(1), sz: '0.00017', time, hash: '0x' + 'ab'.repeat(32), tid: tid + i, users: ['0x' + '01'.repeat(20), '0x' + '02'.repeat(20)] }));
  return JSON.stringify({ channel: 'trades', data });
}

function ctx(coin: string, oi: string, mark: string): string {
  return JSON.stringify({
    channel: 'activeAssetCtx',
    data: { coin, ctx: { funding: '0.0000125', openInterest: oi, prevDayPx: '105000.0', dayNtlVlm: '123456789.5', premium: '0.0003', oraclePx: '106200.0', markPx: mark, midPx: '106225.5', impactPxs: ['106220.0', '106231.0'], dayBaseVlm: '1162.3' } },
  });
}

function candle(coin: string, t: number, c: string, n: number): string {
  return JSON.stringify({ channel: 'candle', data: { t, T: t + MIN - 1, s: coin, i: '1m', o: '106200.0', c, h: '106400.0', l: '106100.0', v: '12.5', n } });
}

/** The stream the server sends once both coins' subscriptions are in: every data channel, a re-sent open candle, one corrupt book. */
function stream(): string[] {
  return [
    book('BTC', T0 + 100, 106_225),
    trades('BTC', T0 + 90, 900, 3),
    ctx('BTC', '23456.78', '106224.0'),
    candle('BTC', T0, '106300.0', 10),
    book('ETH', T0 + 120, 2_501),
    trades('ETH', T0 + 95, 500, 1),
    candle('BTC', T0, '106310.0', 12), // the open candle again, updated
    '{"channel":"l2Book","data":{"coin":"BTC","time":' + (T0 + 200) + ',"levels":[[{"px":"oops","sz":"1","n":1}],[]]}}',
    trades('BTC', T0 + 150, 903, 2),
    book('BTC', T0 + 600, 106_230),
    ctx('ETH', '1000.5', '2501.5'),
    candle('BTC', T0 + MIN, '106320.0', 1), // the next minute (the first candle stays not final: its last update came before its close)
  ];
}

/** A kernel whose strategy writes one line per call; the venue side only listens. */
function rig() {
  const log: string[] = [];
  const strategy: Strategy = {
    onEvent: (e, k) => void log.push(`${k.now()} ${e.type} ${e.symbol} #${e.seq} ${e.tsEvent}/${e.tsInit} ${JSON.stringify(e.data, (_k, v: unknown) => (v instanceof Float64Array ? [...v] : v))}`),
    onStop: () => void log.push('stop'),
  };
  const exec: ExecutionPort = {
    submit: () => undefined,
    cancel: () => undefined,
    setLeverage: () => undefined,
  };
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(1));
  const kernel = new Kernel('tiny', strategy, new ManualClock(0), ledger, [makeInstrument({ symbol: 'BTC' }), makeInstrument({ symbol: 'ETH' })], () => exec);
  return { kernel, log };
}

test('record from a local venue WebSocket, replay: the same envelopes one by one, the same strategy calls', async () => {
  const server = await LocalWsServer.start();
  const dir = mkdtempSync(join(tmpdir(), 'sextant-record-'));
  const store = openStore(join(dir, 'db.sqlite'), { clock: new ManualClock(T0) });
  // Receive times from an injected clock: a few ms apart, with repeats (several frames in one ms).
  let ticks = 0;
  const clock = { now: () => T0 + 1000 + 5 * Math.floor(ticks++ / 2) };
  const live: Envelope[] = [];
  const frames = stream();
  const abort = new AbortController();
  try {
    const running = recordHyperliquid(
      { symbols: ['BTC', 'ETH'], channels: ['l2Book', 'trades', 'candle', 'activeAssetCtx'], interval: '1m', wsUrl: server.url, maxFrames: frames.length },
      { store: store.recordings, scheduler: new LiveClock(), clock, rng: createRng(1), signal: abort.signal, onEvents: (es) => void live.push(...es), batch: { maxRows: 7 } },
    );
    await server.waitForSubscriptions(8, 1);
    // The supervisor expects the acks before data; let them reach it.
    await new Promise((r) => setTimeout(r, 20));
    for (const f of frames) server.push(f);
    const summary = await running;

    assert.equal(summary.stats.frames, frames.length);
    assert.equal(summary.stats.errors, 1);
    assert.match(summary.stats.lastError ?? '', /l2Book.*levels\[0\]\[0\]\.px/);
    assert.equal(summary.stats.streams.get('BTC trades')?.rows, 5);
    assert.equal(summary.stats.written.frames, frames.length, 'every frame is stored after the final flush');

    const rec = await store.recordings.getRecording(summary.recording);
    assert.equal(rec?.frames, frames.length);
    const stored = [];
    for await (const f of replayFrames(store.recordings, summary.recording)) stored.push(f);
    assert.deepEqual(
      stored.map((f) => Buffer.from(f.frame.payload).toString()),
      frames,
      'the raw frames, byte for byte, in arrival order',
    );
    assert.equal(stored.filter((f) => f.error !== undefined).length, 1);

    const replayed = await replayEvents(store.recordings, summary.recording);
    assert.equal(replayed.length, live.length);
    assert.equal(live.length, 14);
    for (let i = 0; i < live.length; i++) assert.deepEqual(replayed[i], live[i], `envelope ${i}`);

    // Venue times of books and trades interleave with receive-time-stamped candles and contexts:
    // stepping by tsEvent would have to reorder the stream, so it is refused.
    assert.throws(() => driveEvents(rig().kernel, live), /not in time order/);
    const a = rig();
    const b = rig();
    driveRecording(a.kernel, live);
    driveRecording(b.kernel, replayed);
    assert.equal(a.log.length, live.length + 1);
    assert.deepEqual(b.log, a.log);

    // The market rows beside the frames.
    const btcTrades = await store.recordings.loadTrades('hyperliquid', 'BTC');
    assert.deepEqual(btcTrades.map((t) => [t.tradeId, t.side, t.price]), [[900, 'buy', 106296], [901, 'sell', 106297], [902, 'buy', 106298], [903, 'buy', 106296], [904, 'sell', 106297]]);
    const books = await store.recordings.loadBooks('hyperliquid', 'BTC');
    assert.deepEqual(books.map((x) => [x.time, [...x.bids], [...x.asks]]), [
      [T0 + 100, [106224, 0.5, 106222, 1.25], [106226, 0.27739, 106227, 2]],
      [T0 + 600, [106229, 0.5, 106227, 1.25], [106231, 0.27739, 106232, 2]],
    ]);
    const ctxs = await store.recordings.loadAssetContexts('hyperliquid', 'ETH');
    assert.deepEqual(ctxs.map((c) => [c.openInterest, c.mark, c.funding]), [[1000.5, 2501.5, 0.0000125]]);
    const bars = await store.candles.loadBars('hyperliquid', 'BTC', MIN);
    assert.deepEqual([...bars.time], [T0, T0 + MIN]);
    assert.deepEqual([...bars.close], [106310, 106320], 'the re-sent open candle kept its last version');
  } finally {
    abort.abort();
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a socket cut mid-stream: after the reconnect the trades and book the venue still has are stored as rows, the frames stay what arrived', async () => {
  const ws = await LocalWsServer.start();
  // The venue's REST side: recentTrades (newest first) holds one trade the socket delivered and two it missed.
  const rest = await LocalHttpServer.start((req) => {
    const body = req.body as { type: string; coin: string };
    if (body.type === 'recentTrades') {
      const t = (tid: number, time: number, side: string) => ({ coin: body.coin, side, px: '106300.0', sz: '0.01', time, hash: '0x' + 'cd'.repeat(32), tid, users: ['0x' + '01'.repeat(20), '0x' + '02'.repeat(20)] });
      return { json: [t(911, T0 + 400, 'A'), t(910, T0 + 300, 'B'), t(902, T0 + 90, 'B')] };
    }
    if (body.type === 'l2Book') return { json: JSON.parse(book(body.coin, T0 + 450, 106_300)).data as unknown };
    return { status: 400, text: 'unexpected' };
  });
  const dir = mkdtempSync(join(tmpdir(), 'sextant-record-'));
  const store = openStore(join(dir, 'db.sqlite'), { clock: new ManualClock(T0) });
  const abort = new AbortController();
  const logs: string[] = [];
  try {
    const scheduler = new LiveClock();
    const info = new RestGateway({ rest: new HttpTransport({ httpUrl: rest.url, scheduler }), scheduler, rng: createRng(2) });
    const live = [book('BTC', T0 + 100, 106_225), trades('BTC', T0 + 90, 900, 3)];
    const after = [book('BTC', T0 + 500, 106_310), trades('BTC', T0 + 520, 912, 1)];
    const running = recordHyperliquid(
      { symbols: ['BTC'], channels: ['l2Book', 'trades'], wsUrl: ws.url, httpUrl: rest.url, maxFrames: live.length + after.length },
      { store: store.recordings, scheduler, clock: { now: () => Date.now() }, rng: createRng(1), signal: abort.signal, info, log: (l) => void logs.push(l), batch: { maxRows: 3 } },
    );
    await ws.waitForSubscriptions(2, 1);
    await new Promise((r) => setTimeout(r, 20));
    for (const f of live) ws.push(f);
    await new Promise((r) => setTimeout(r, 50));
    ws.cutAll();
    await ws.waitForSubscriptions(2, 2);
    await rest.waitForRequests(2);
    await new Promise((r) => setTimeout(r, 20));
    for (const f of after) ws.push(f);
    const summary = await running;

    assert.deepEqual(rest.requests.map((r) => (r.body as { type: string }).type).sort(), ['l2Book', 'recentTrades']);
    assert.equal(summary.stats.streams.get('BTC trades (REST)')?.rows, 3);
    assert.equal(summary.stats.streams.get('BTC l2Book (REST)')?.rows, 1);
    assert.ok(logs.some((l) => l.startsWith('stream.recovered')), logs.join('\n'));
    const btc = await store.recordings.loadTrades('hyperliquid', 'BTC');
    assert.deepEqual(btc.map((t) => [t.tradeId, t.time]), [[900, T0 + 90], [901, T0 + 90], [902, T0 + 90], [910, T0 + 300], [911, T0 + 400], [912, T0 + 520]], 'the missed trades filled in once each');
    assert.equal(summary.stats.written.duplicates, 1, 'trade 902 came on the socket and again over REST');
    assert.deepEqual((await store.recordings.loadBooks('hyperliquid', 'BTC')).map((b) => b.time), [T0 + 100, T0 + 450, T0 + 500]);
    const frames = [];
    for await (const f of replayFrames(store.recordings, summary.recording)) frames.push(Buffer.from(f.frame.payload).toString());
    assert.deepEqual(frames, [...live, ...after], 'REST answers are rows, never frames');
  } finally {
    abort.abort();
    await store.close();
    await ws.close();
    await rest.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with or without a live consumer (trades read by layout or by the full parser), the recorder stores the same frames and rows', async () => {
  const rng = createRng(31);
  const frames: Buffer[] = [];
  for (let i = 0; i < 600; i++) {
    const r = rng.int(0, 9);
    let f = r < 2 ? randomL2BookFrame(rng, { noisy: r === 0 }) : randomTradesFrame(rng, { noisy: r === 2 });
    // Now and then a corrupted frame: counted and kept raw by both.
    if (rng.next() < 0.03) f = f.slice(0, rng.int(1, f.length - 1));
    frames.push(Buffer.from(f));
  }
  const dir = mkdtempSync(join(tmpdir(), 'sextant-rec-'));
  try {
    const record = async (live: boolean) => {
      const store = openStore(join(dir, `${live}.db`), { clock: new ManualClock(0) });
      const rec = await store.recordings.startRecording('hyperliquid', {});
      let events = 0;
      const r = new HyperliquidRecorder({ store: store.recordings, recording: rec.id, scheduler: new ManualClock(0), batch: { maxRows: 97 }, onEvents: live ? (e) => void (events += e.length) : undefined });
      frames.forEach((f, i) => r.onFrame(undefined, f, T0 + i));
      await r.flush();
      const symbols = ['BTC', 'ETH', 'kPEPE', '@107', 'PURR/USDC', 'xyz:XYZ100', 'DOGE'];
      const out = {
        frames: (await store.recordings.readFrames(rec.id, 1, 10_000)).map((f) => [f.seq, f.tsInit, f.channel, Buffer.from(f.payload).toString('hex')]),
        trades: await Promise.all(symbols.map((s) => store.recordings.loadTrades('hyperliquid', s))),
        books: await Promise.all(symbols.map((s) => store.recordings.loadBooks('hyperliquid', s))),
        stats: { frames: r.stats().frames, errors: r.stats().errors, streams: [...r.stats().streams], written: r.stats().written },
      };
      await store.close();
      return { out, events };
    };
    const lean = await record(false);
    const live = await record(true);
    assert.ok(live.events > 1000, `${live.events} live envelopes`);
    assert.ok(lean.out.trades.flat().length > 1000 && lean.out.stats.errors > 5, `${lean.out.trades.flat().length} trades, ${lean.out.stats.errors} bad frames`);
    assert.deepEqual(lean.out, live.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
