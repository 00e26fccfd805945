// Downloading from a local server that pages like Hyperliquid: completeness, a 429 retried, idempotence, resume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openStore } from '../store/open-store.js';
import { HttpTransport } from '../venues/hyperliquid/transport/http-transport.js';
import { LiveScheduler, type Scheduler } from '../venues/hyperliquid/transport/scheduler.js';
import { downloadHyperliquidHistory } from './hyperliquid-download.js';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 1);
const BARS = 3 * 24 * 60; // three days of 1m candles
const PAGE = 500;

interface Venue {
  readonly url: string;
  readonly server: Server;
  requests: { type: string; startTime: number }[];
  /** Answer the next n requests with 429. */
  rateLimitNext: number;
}

/** Candle i: a deterministic walk with decimal-string prices, as the venue sends them. */
function candle(i: number): Record<string, unknown> {
  const base = 100 + Math.round(10 * Math.sin(i / 50) * 100) / 100;
  const px = (x: number): string => x.toFixed(2);
  return { t: T0 + i * MIN, T: T0 + i * MIN + MIN - 1, s: 'BTC', i: '1m', o: px(base), h: px(base + 0.5), l: px(base - 0.5), c: px(base + 0.1), v: '1.5', n: 3 };
}

async function startVenue(): Promise<Venue> {
  const v = { requests: [] as { type: string; startTime: number }[], rateLimitNext: 0 } as Venue;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const b = JSON.parse(body) as { type: string; req?: { startTime: number; endTime: number }; startTime?: number; endTime?: number };
      const start = b.req?.startTime ?? b.startTime ?? 0;
      const end = b.req?.endTime ?? b.endTime ?? 0;
      v.requests.push({ type: b.type, startTime: start });
      if (v.rateLimitNext > 0) {
        v.rateLimitNext--;
        res.writeHead(429).end('rate limited');
        return;
      }
      let out: unknown[] = [];
      if (b.type === 'candleSnapshot') {
        for (let i = 0; i < BARS && out.length < PAGE; i++) if (T0 + i * MIN >= start && T0 + i * MIN <= end) out.push(candle(i));
      } else if (b.type === 'fundingHistory') {
        for (let h = 0; h < BARS / 60 && out.length < PAGE; h++) {
          const t = T0 + h * 3_600_000;
          if (t >= start && t <= end) out.push({ coin: 'BTC', fundingRate: (h % 2 ? '0.0000125' : '-0.0000081'), premium: '0.0001', time: t });
        }
      } else out = [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(v, { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

/** Sleeps end at once (the downloader's backoff), so the test never waits. */
const instant: Scheduler = { now: () => 0, setTimeout: (cb) => (setImmediate(cb), { id: 0 }), clearTimeout: () => undefined };

test('download: every bar and funding rate of the range, a 429 retried, idempotent re-run, resume after a cut', async () => {
  const venue = await startVenue();
  const dir = mkdtempSync(join(tmpdir(), 'sextant-dl-'));
  const store = openStore(join(dir, 'db.sqlite'), { clock: { now: () => 0 } });
  const http = new HttpTransport({ httpUrl: venue.url, scheduler: new LiveScheduler() });
  const deps = { http, store, scheduler: instant };
  try {
    // First run covers only the first day: a "cut" download.
    venue.rateLimitNext = 1;
    const day1 = await downloadHyperliquidHistory({ symbols: ['BTC'], interval: '1m', from: T0, to: T0 + 1440 * MIN }, deps);
    assert.equal(day1[0].barsFetched, 1440);
    assert.equal(day1[0].fundingFetched, 24);
    assert.equal(venue.requests[0].type, 'candleSnapshot');
    assert.ok(day1[0].requests >= 4, 'paged in 500s plus the retried 429');

    // The full range: only the missing two days are asked for.
    venue.requests = [];
    const all = await downloadHyperliquidHistory({ symbols: ['BTC'], interval: '1m', from: T0, to: T0 + BARS * MIN }, deps);
    assert.equal(all[0].barsNew, BARS - 1440);
    assert.ok(venue.requests.filter((r) => r.type === 'candleSnapshot').every((r) => r.startTime >= T0 + 1440 * MIN), 'resumed after the stored bars');
    const bars = await store.candles.loadBars('hyperliquid', 'BTC', MIN);
    assert.equal(bars.length, BARS);
    for (const i of [0, 1439, 1440, BARS - 1]) {
      const c = candle(i);
      assert.equal(bars.time[i], c.t);
      assert.equal(bars.open[i], Number(c.o));
      assert.equal(bars.close[i], Number(c.c));
    }
    const funding = await store.funding.loadFunding('hyperliquid', 'BTC');
    assert.equal(funding.length, BARS / 60);
    assert.equal(funding[1].rate, 0.0000125);

    // Idempotent: nothing new, and no candle request at all for a covered range.
    venue.requests = [];
    const again = await downloadHyperliquidHistory({ symbols: ['BTC'], interval: '1m', from: T0, to: T0 + BARS * MIN, funding: false }, deps);
    assert.equal(again[0].barsNew, 0);
    assert.equal(venue.requests.length, 0);
  } finally {
    store.close();
    venue.server.close();
  }
});

test('download refuses calendar months and empty ranges with clear errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-dl-'));
  const store = openStore(join(dir, 'db.sqlite'), { clock: { now: () => 0 } });
  const deps = { http: { info: async () => [] }, store, scheduler: instant };
  try {
    await assert.rejects(downloadHyperliquidHistory({ symbols: ['BTC'], interval: '1M', from: 0, to: 1 }, deps), /--interval: 1M/);
    await assert.rejects(downloadHyperliquidHistory({ symbols: ['BTC'], interval: '1h', from: 5, to: 5 }, deps), /--to: must be after --from/);
    await assert.rejects(downloadHyperliquidHistory({ symbols: ['BTC'], interval: '7q', from: 0, to: 5 }, deps), /--interval: expected an interval/);
  } finally {
    store.close();
  }
});
