// `--market mirror` against another local venue as upstream: the book and mid follow it, orders fill at its prices, a dead or absent upstream gives the simulator from the last mirrored mids, and mirroring resumes when upstream is back.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { it } from 'node:test';
import { BadInputError } from '../../core/errors.js';
import { ManualClock } from '../../core/manual-clock.js';
import { KEY_A, startHarness, waitFor, type Harness } from '../../testkit/localnet/test-support.js';
import { serveLocalVenue } from './http-server.js';
import { LocalVenue } from './local-venue.js';
import type { MirrorMarketDriver } from './mirror-market-driver.js';
import type { SymbolMarket } from './symbol-market.js';
import { defaultVenueOptions, parseSymbols, parseUpstreamUrl } from './venue-options.js';

const TIMEOUT_MS = 5_000;

function levels(m: SymbolMarket): { bids: number[][]; asks: number[][] } {
  return { bids: m.bids.map((l) => [l.px, l.sz]), asks: m.asks.map((l) => [l.px, l.sz]) };
}

function pairs(flat: Float64Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

function driverOf(h: Harness): MirrorMarketDriver {
  const d = h.venue.feed.mirror;
  assert.ok(d !== undefined, 'the venue mirrors');
  return d;
}

async function mirrorOf(wsUrl: string, log: string[], symbols = 'BTC,ETH'): Promise<Harness> {
  return startHarness({ market: 'mirror', upstream: { wsUrl, timeoutMs: TIMEOUT_MS }, symbols: parseSymbols(symbols), seed: 3, historyMinutes: 0 }, { log: (l) => log.push(l) });
}

/** One upstream step, then the mirror's step once the upstream's books of that step have arrived. */
async function step(up: Harness, mirror: Harness): Promise<void> {
  const want = up.venue.feed.markets.map((m) => m.bids.map((l) => [l.px, l.sz]));
  up.advance(500);
  const next = up.venue.feed.markets.map((m) => JSON.stringify(m.bids.map((l) => [l.px, l.sz])));
  assert.notDeepEqual(next, want.map((w) => JSON.stringify(w)), 'the upstream book moved');
  await waitFor(() => {
    return mirror.venue.feed.markets.every((m) => {
      const b = driverOf(mirror).newestBook(m.spec.name);
      return b !== undefined && JSON.stringify(pairs(b.bids)) === next[m.asset];
    });
  });
  mirror.advance(500);
}

/** A port on 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

it('mirrors the upstream book and trades; an order fills at the mirrored price', async () => {
  const up = await startHarness({ seed: 11, historyMinutes: 0, symbols: parseSymbols('BTC,ETH') });
  const log: string[] = [];
  const mirror = await mirrorOf(up.server.wsUrl, log);
  try {
    await mirror.venue.marketReady();
    assert.equal(driverOf(mirror).mode, 'mirror');
    assert.equal(mirror.venue.simulated, false);
    assert.ok(log.some((l) => l.startsWith('market: MIRRORING upstream')), log.join('\n'));
    let trades = 0;
    for (let k = 0; k < 10; k++) {
      await step(up, mirror);
      for (const m of up.venue.feed.markets) {
        const mine = mirror.venue.feed.market(m.spec.name) as SymbolMarket;
        assert.deepEqual(levels(mine), levels(m), `${m.spec.name} book after step ${k}`);
        assert.equal(mine.midPx(), m.midPx());
      }
      trades += mirror.venue.feed.recentTrades('BTC').length;
    }
    // The upstream's crowd trades reach the mirror's tape (the local venue prints 0–2 a step).
    const upTape = up.venue.feed.recentTrades('BTC').map((t) => [t.px, t.sz, t.side]);
    const myTape = mirror.venue.feed.recentTrades('BTC').map((t) => [t.px, t.sz, t.side]);
    assert.ok(trades > 0 && myTape.length > 0, 'some trades mirrored');
    assert.deepEqual(myTape, upTape.slice(upTape.length - myTape.length));

    const btc = mirror.venue.feed.market('BTC') as SymbolMarket;
    const ask = btc.bestAsk;
    const { client } = mirror.exchange(KEY_A);
    const res = await client.order({ orders: [{ a: 0, b: true, p: String(Math.round(ask * 1.01)), s: '0.001', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const status = res.response.data.statuses[0] as { filled?: { avgPx: string; totalSz: string } };
    assert.ok(status.filled !== undefined, JSON.stringify(status));
    assert.equal(Number(status.filled.avgPx), ask);
    assert.equal(Number(status.filled.avgPx), (up.venue.feed.market('BTC') as SymbolMarket).bestAsk, 'the upstream best ask');
  } finally {
    await mirror.close();
    await up.close();
  }
});

it('upstream killed: simulated after the timeout, prices continue from the last mirrored mid; back again: mirroring resumes', async () => {
  const opts = defaultVenueOptions({ seed: 11, historyMinutes: 0, symbols: parseSymbols('BTC,ETH') });
  const upClock = new ManualClock(Date.now());
  const upVenue = new LocalVenue(opts, upClock);
  const upServer = await serveLocalVenue(upVenue, { port: 0 });
  const up = { venue: upVenue, advance: (ms: number) => (upClock.advance(ms), upVenue.sync()) } as unknown as Harness;
  const log: string[] = [];
  const mirror = await mirrorOf(upServer.wsUrl, log);
  let upServer2: Awaited<ReturnType<typeof serveLocalVenue>> | undefined;
  try {
    await mirror.venue.marketReady();
    for (let k = 0; k < 4; k++) await step(up, mirror);
    const btc = mirror.venue.feed.market('BTC') as SymbolMarket;
    const lastMid = btc.mid;
    assert.equal(btc.midPx(), (upVenue.feed.market('BTC') as SymbolMarket).midPx());

    await upServer.close();
    mirror.advance(TIMEOUT_MS - 500);
    assert.equal(mirror.venue.simulated, false, 'not before the timeout');
    mirror.advance(1_000);
    assert.equal(mirror.venue.simulated, true);
    assert.equal(driverOf(mirror).mode, 'simulated');
    const line = log.find((l) => l.includes('SIMULATED market from now'));
    assert.ok(line?.includes('continuing from the last mirrored mids'), log.join('\n'));
    // The simulator starts at the last mirrored mid and goes on from there.
    assert.ok(Math.abs(btc.mid / lastMid - 1) < 0.002, `${btc.mid} vs ${lastMid}`);
    const before = JSON.stringify(levels(btc));
    for (let k = 0; k < 20; k++) mirror.advance(500);
    assert.notEqual(JSON.stringify(levels(btc)), before, 'the simulated book moves');
    assert.ok(btc.bestBid < btc.bestAsk && Math.abs(btc.mid / lastMid - 1) < 0.02, `${btc.mid} vs ${lastMid}`);

    // Upstream back on the same port (its clock later than before, as a real venue's would be).
    const port = Number(new URL(upServer.wsUrl).port);
    const upClock2 = new ManualClock(upClock.now() + 60_000);
    const upVenue2 = new LocalVenue(opts, upClock2);
    upServer2 = await serveLocalVenue(upVenue2, { port });
    const up2 = { venue: upVenue2, advance: (ms: number) => (upClock2.advance(ms), upVenue2.sync()) } as unknown as Harness;
    // The supervisor reconnects on its backoff (mirror clock); the upstream's subscription snapshots bring it back.
    await waitFor(() => {
      mirror.advance(500);
      return driverOf(mirror).mode === 'mirror';
    }, 10_000);
    assert.equal(mirror.venue.simulated, false);
    assert.ok(log.some((l) => l.includes('is back: MIRRORING')), log.join('\n'));
    await step(up2, mirror);
    assert.deepEqual(levels(btc), levels(upVenue2.feed.market('BTC') as SymbolMarket));
  } finally {
    await mirror.close();
    await upServer2?.close();
  }
});

it('an upstream refusing connections at the start: simulated from the start, from the start prices', async () => {
  const log: string[] = [];
  const mirror = await mirrorOf(`ws://127.0.0.1:${await closedPort()}/ws`, log);
  try {
    await mirror.venue.marketReady();
    assert.equal(mirror.venue.simulated, true);
    assert.ok(log.some((l) => l.includes('unreachable (cannot connect') && l.includes('continuing from the start prices BTC 100000')), log.join('\n'));
    mirror.advance(500);
    const btc = mirror.venue.feed.market('BTC') as SymbolMarket;
    assert.ok(btc.bestBid < btc.bestAsk && Math.abs(btc.mid / 100_000 - 1) < 0.01, String(btc.mid));
    const { client } = mirror.exchange(KEY_A);
    const res = await client.order({ orders: [{ a: 0, b: true, p: String(Math.round(btc.bestAsk * 1.01)), s: '0.001', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    assert.ok('filled' in (res.response.data.statuses[0] as object), 'orders fill against the simulated book');
  } finally {
    await mirror.close();
  }
});

it('an upstream that does not list a symbol refuses it: the start fails naming it', async () => {
  const up = await startHarness({ seed: 11, historyMinutes: 0, symbols: parseSymbols('BTC') });
  const log: string[] = [];
  const mirror = await mirrorOf(up.server.wsUrl, log, 'BTC,XYZ');
  try {
    await assert.rejects(mirror.venue.marketReady(), (e: unknown) => e instanceof BadInputError && /refused the (l2Book|trades) subscription of XYZ/.test(e.message));
    assert.equal(mirror.venue.simulated, true);
  } finally {
    await mirror.close();
    await up.close();
  }
});

it('--upstream takes an API base URL or a WebSocket URL', () => {
  assert.equal(parseUpstreamUrl('https://api.hyperliquid.xyz'), 'wss://api.hyperliquid.xyz/ws');
  assert.equal(parseUpstreamUrl('http://127.0.0.1:8090/'), 'ws://127.0.0.1:8090/ws');
  assert.equal(parseUpstreamUrl('wss://api.hyperliquid-testnet.xyz/ws'), 'wss://api.hyperliquid-testnet.xyz/ws');
  assert.throws(() => parseUpstreamUrl('ftp://x'), BadInputError);
  assert.throws(() => parseUpstreamUrl('not a url'), BadInputError);
});
