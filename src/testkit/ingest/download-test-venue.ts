// Test support: a scripted Hyperliquid /info on 127.0.0.1 serving candles and funding paged like the venue, with hooks for 429s, errors and hangs.
import type { ManualClock } from '../../core/manual-clock.js';
import { LocalHttpServer, type RecordedRequest, type Reply } from '../venues/hyperliquid/local-http-server.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;

export interface TestCandle {
  readonly o: string;
  readonly h: string;
  readonly l: string;
  readonly c: string;
  readonly v: string;
}

/** Candle i of a deterministic walk, with decimal-string prices as the venue sends them. */
export function walkCandle(i: number): TestCandle {
  const base = 100 + Math.round(10 * Math.sin(i / 50) * 100) / 100;
  const px = (x: number): string => x.toFixed(2);
  return { o: px(base), h: px(base + 0.5), l: px(base - 0.5), c: px(base + 0.1), v: '1.5' };
}

export interface TestVenue {
  readonly url: string;
  readonly server: LocalHttpServer;
  /** Candles by open time (1m, coin `coin`); edit between downloads. */
  readonly candles: Map<number, TestCandle>;
  /** Funding rates by time. */
  readonly funding: Map<number, string>;
  /** Candles per answer at most (the venue's page). */
  page: number;
  /** Answers a request instead of the data when it returns a reply (n counts requests from 1). */
  intercept: ((req: RecordedRequest, n: number) => Reply | undefined) | undefined;
  /** The parsed bodies of every request so far. */
  bodies(): { type: string; startTime: number; endTime: number }[];
  close(): Promise<void>;
}

/** Starts a venue holding 1m candles `walkCandle(i)` at `t0 + i` minutes for i < bars, and hourly funding over the same span. */
export async function startTestVenue(coin: string, t0: number, bars: number): Promise<TestVenue> {
  const candles = new Map<number, TestCandle>();
  for (let i = 0; i < bars; i++) candles.set(t0 + i * MIN, walkCandle(i));
  const funding = new Map<number, string>();
  for (let h = 0; h * 60 < bars; h++) funding.set(t0 + h * HOUR, h % 2 ? '0.0000125' : '-0.0000081');
  let n = 0;
  const v: TestVenue = {
    url: '',
    server: undefined as unknown as LocalHttpServer,
    candles,
    funding,
    page: 500,
    intercept: undefined,
    bodies: () => v.server.requests.map((r) => range(r.body)),
    close: () => v.server.close(),
  };
  const server = await LocalHttpServer.start((req) => {
    n++;
    const hooked = v.intercept?.(req, n);
    if (hooked !== undefined) return hooked;
    const b = range(req.body);
    if (b.type === 'candleSnapshot') {
      const out = [...candles.entries()]
        .filter(([t]) => t >= b.startTime && t <= b.endTime)
        .sort((x, y) => x[0] - y[0])
        .slice(0, v.page)
        .map(([t, c]) => ({ t, T: t + MIN - 1, s: coin, i: '1m', ...c, n: 3 }));
      return { json: out };
    }
    if (b.type === 'fundingHistory') {
      const out = [...funding.entries()]
        .filter(([t]) => t >= b.startTime && t <= b.endTime)
        .sort((x, y) => x[0] - y[0])
        .slice(0, 500)
        .map(([time, fundingRate]) => ({ coin, fundingRate, premium: '0.0001', time }));
      return { json: out };
    }
    return { status: 422, text: 'Failed to deserialize the JSON body' };
  });
  return Object.assign(v, { server, url: server.url });
}

function range(body: unknown): { type: string; startTime: number; endTime: number } {
  const b = body as { type: string; req?: { startTime: number; endTime: number }; startTime?: number; endTime?: number };
  return { type: b.type, startTime: b.req?.startTime ?? b.startTime ?? 0, endTime: b.req?.endTime ?? b.endTime ?? Number.MAX_SAFE_INTEGER };
}

/** Awaits `p` while moving the manual clock to each pending timer (backoff sleeps, cooldowns) instead of sleeping; real I/O gets 2 ms turns. */
export async function settleOnManualClock<T>(p: Promise<T>, sched: ManualClock): Promise<T> {
  let done = false;
  const settle = (): void => void (done = true);
  p.then(settle, settle);
  while (!done) {
    await new Promise((r) => setTimeout(r, 2));
    const at = sched.nextAt();
    if (at !== undefined && !done) sched.advanceTo(at);
  }
  return p;
}
