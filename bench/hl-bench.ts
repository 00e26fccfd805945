// Hyperliquid frames benchmark: l2Book frames (20 levels a side, the recorded BTC shape) parsed from Buffers and applied to an OrderBook, per CPU second.
import { ManualClock } from '../src/core/manual-clock.js';
import { createRng, type Rng } from '../src/core/rng.js';
import { OrderBook } from '../src/market/order-book.js';
import { TradeFlow } from '../src/market/trade-flow.js';
import { HlStamp } from '../src/venues/hyperliquid/parse/context.js';
import { parseL2Book } from '../src/venues/hyperliquid/parse/l2-book.js';
import { randomTradesFrame } from '../src/testkit/venues/hyperliquid/random-frames.js';
import { HlWsParser } from '../src/venues/hyperliquid/parse/ws-frame.js';

const log = (s: string): void => void process.stderr.write(s + '\n');

/**
 * BTC-like l2Book frames exactly as the venue writes them (`{"px":"106217.0","sz":"0.27739","n":1}`,
 * bids best first, asks best first), `levels` levels a side around a random-walking mid, ~2.3 KB each.
 */
export function makeL2BookFrames(count: number, levels = 20, seed = 3): Buffer[] {
  const rng = createRng(seed);
  let mid = 106_225;
  const side = (r: Rng, from: number, dir: 1 | -1): string => {
    const out: string[] = [];
    let p = from;
    for (let i = 0; i < levels; i++) {
      const sz = (r.int(1, 200_000) / 100_000).toFixed(5).replace(/0+$/, '').replace(/\.$/, '.0');
      out.push(`{"px":"${p}.0","sz":"${sz}","n":${r.int(1, 4)}}`);
      p += dir * r.int(1, 30);
    }
    return out.join(',');
  };
  const frames: Buffer[] = [];
  let time = 1_751_427_259_657;
  for (let i = 0; i < count; i++) {
    mid += rng.int(-3, 3);
    time += 500 + rng.int(0, 200);
    const data = `{"coin":"BTC","time":${time},"levels":[[${side(rng, mid - rng.int(1, 8), -1)}],[${side(rng, mid + rng.int(1, 8), 1)}]]}`;
    frames.push(Buffer.from(`{"channel":"l2Book","data":${data}}`));
  }
  return frames;
}

/**
 * Items per second of the fastest of `passes` runs, timed in CPU seconds of this process: the
 * figure is "per core", and a machine shared with other jobs (tests, other benchmarks) does not
 * understate it the way wall time does. The wall-clock rate of the same best run is returned too.
 */
function bestRate(passes: number, n: number, run: () => void): { cpu: number; wall: number } {
  let cpu = Number.POSITIVE_INFINITY;
  let wall = Number.POSITIVE_INFINITY;
  for (let p = 0; p < passes; p++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const c = process.cpuUsage(c0);
    wall = Math.min(wall, performance.now() - t0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return { cpu: Math.round(n / (cpu / 1000)), wall: Math.round(n / (wall / 1000)) };
}

/** l2Book frames parsed (byte scanner → book event) and applied per second, best of several passes. */
export function benchHlFrames(frameCount = 4096, rounds = 12, passes = 7): { hl_frames_per_s: number; record_rows_per_s?: number } {
  const frames = makeL2BookFrames(frameCount);
  const bytes = frames.reduce((s, f) => s + f.length, 0);
  const clock = new ManualClock(0);
  const parser = new HlWsParser(new HlStamp(clock));
  const book = new OrderBook('BTC', 64);
  const n = frameCount * rounds;
  let levels = 0;
  const { cpu: rate, wall } = bestRate(passes, n, () => {
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < frames.length; i++) {
        const m = parser.parse(frames[i]);
        if (m.channel !== 'l2Book') throw new Error('hl-bench: expected an l2Book frame');
        book.applySnapshot(m.event.data.bids, m.event.data.asks, m.event.seq);
        levels += book.bids.length;
      }
    }
  });
  if (book.integrity() !== undefined || levels === 0) throw new Error(`hl-bench: the frames left the book inconsistent (${book.integrity()})`);
  log(`bench: hyperliquid l2Book ${rate} frames/s per CPU second, ${wall} per wall second (${Math.round((rate * bytes) / frameCount / 1e6)} MB/s, ${Math.round(bytes / frameCount)} B/frame)`);

  // For comparison (stderr only): the same frames through JSON.parse and the reference parser.
  const where = 'hyperliquid ws l2Book';
  const { cpu: jsonRate } = bestRate(3, frameCount * 2, () => {
    for (let r = 0; r < 2; r++) {
      for (let i = 0; i < frames.length; i++) {
        const b = parseL2Book((JSON.parse(frames[i].toString('utf8')) as { data: unknown }).data, where);
        book.applySnapshot(b.bids, b.asks);
      }
    }
  });
  log(`bench: hyperliquid l2Book via JSON.parse ${jsonRate} frames/s (the scanner is ${(rate / jsonRate).toFixed(1)}x)`);

  const rng = createRng(5);
  const trades = Array.from({ length: 2048 }, () => Buffer.from(randomTradesFrame(rng, { levels: rng.int(1, 6) })));
  const flows = new Map<string, TradeFlow>();
  const { cpu: tradesRate } = bestRate(passes, trades.length * 8, () => {
    for (let r = 0; r < 8; r++) {
      for (let i = 0; i < trades.length; i++) {
        const m = parser.parse(trades[i]);
        if (m.channel !== 'trades') throw new Error('hl-bench: expected a trades frame');
        for (const e of m.events) {
          let f = flows.get(e.symbol);
          if (f === undefined) flows.set(e.symbol, (f = new TradeFlow()));
          f.record({ ts: f.lastTs > e.tsEvent ? f.lastTs : e.tsEvent, price: e.data.price, size: e.data.size, side: e.data.side });
        }
      }
    }
  });
  log(`bench: hyperliquid trades ${tradesRate} frames/s (1–6 trades each, into trade flow)`);
  return { hl_frames_per_s: rate };
}
