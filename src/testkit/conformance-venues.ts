// The implementations the execution conformance suite runs against: the simulated venue, and the live executor over the local Hyperliquid venue.
import type { ExecutionReport } from '../core/execution.js';
import { fixedFromNumber } from '../core/fixed.js';
import { makeInstrument, roundPrice, roundQty } from '../core/instrument.js';
import { createRng } from '../core/rng.js';
import { Ledger } from '../ledger/ledger.js';
import { VenueExecutor } from '../live/venue-executor.js';
import { KEY_A, startHarness, type Harness } from './localnet/test-support.js';
import { SimVenue } from '../sim/sim-venue.js';
import { createHyperliquidAdapter, type HyperliquidVenue } from '../venues/hyperliquid/create-adapter.js';
import { LiveClock } from '../core/live-clock.js';
import type { ConformanceVenue } from './execution-conformance.js';
import { HyperliquidSigner, NonceSource, accountFromPrivateKey } from '../venues/hyperliquid/signing/index.js';

const MIN = 60_000;

/**
 * The simulated venue under the `close` fill model (orders meet the market when sent, as on a live
 * venue), on flat one-minute bars at 50 000; `settle` runs the next bar. Fills go to its ledger, as the
 * kernel would record them, so positions (reduce-only, margin) are real.
 */
export function simConformanceVenue(): ConformanceVenue {
  const inst = makeInstrument({ symbol: 'BTC', priceRule: { kind: 'tick', tick: 0.5 }, lotSize: 0.001, fees: { makerBps: 1.5, takerBps: 4.5, perUnit: 0 } });
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(100_000));
  const reports: ExecutionReport[] = [];
  const venue = new SimVenue({ fillModel: 'close', slippageBps: 0, defaultLeverage: 10 }, [inst], ledger, {
    onExecutionReport(r) {
      if (r.type === 'order.filled') ledger.recordFill(r, inst.multiplier);
      reports.push(r);
    },
  });
  const px = 50_000;
  let time = 0;
  const bar = (): void => {
    time += MIN;
    venue.onBar({ symbol: 'BTC', time, open: px, high: px, low: px, close: px, volume: 1 });
  };
  bar();
  return {
    name: 'simulated venue',
    port: venue,
    reports,
    symbol: 'BTC',
    qty: 0.01,
    price: () => Promise.resolve(px),
    round: (p) => roundPrice(inst, p, 'nearest'),
    settle(until) {
      for (let i = 0; i < 3 && !until(); i++) bar();
      return Promise.resolve();
    },
    quiesce: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

export interface LocalHyperliquid {
  readonly harness: Harness;
  readonly venue: HyperliquidVenue;
}

/**
 * The adapter on a local venue harness, signing for real with `key` (default KEY_A), not yet started.
 * The venue checks nonces against its own (manual) clock, so the signer uses that clock. `httpUrl`
 * points REST at something else in front of the venue (a proxy that drops answers).
 */
export function adapterOnHarness(h: Harness, o: { readonly key?: string; readonly seed?: number; readonly httpUrl?: string } = {}): HyperliquidVenue {
  return createHyperliquidAdapter({
    config: { httpUrl: o.httpUrl ?? h.server.url, wsUrl: h.server.wsUrl, rateLimits: { ip: { perMinute: 6_000, burst: 2_000 } } },
    scheduler: new LiveClock(),
    clock: h.clock,
    rng: createRng(o.seed ?? 1),
    onHealth: () => undefined,
    signer: new HyperliquidSigner({ account: accountFromPrivateKey(o.key ?? KEY_A), network: 'mainnet', nonces: new NonceSource(h.clock) }),
  });
}

/** The local Hyperliquid-compatible venue in-process on port 0 and the adapter on it, started. */
export async function startLocalHyperliquid(): Promise<LocalHyperliquid> {
  const harness = await startHarness();
  const venue = adapterOnHarness(harness);
  venue.start();
  return { harness, venue };
}

/** Polls `cond` while the local venue's market moves on a second per round (WebSocket frames arrive in between). */
export async function settleLocal(h: Harness, until: () => boolean, rounds = 150): Promise<void> {
  for (let i = 0; i < rounds && !until(); i++) {
    h.advance(1_000);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The live executor over the adapter over the local venue; reports are collected as they arrive. */
export async function hyperliquidConformanceVenue(symbol = 'ETH'): Promise<ConformanceVenue> {
  const { harness: h, venue } = await startLocalHyperliquid();
  const { table } = await venue.adapter.requestInstruments();
  const inst = table.require(symbol).instrument;
  const reports: ExecutionReport[] = [];
  const exec = new VenueExecutor(venue.adapter, { onExecutionReport: (r) => void reports.push(r) }, h.clock);
  await exec.start();
  const mid = async (): Promise<number> => {
    const book = await h.info.l2Book({ coin: symbol });
    if (book === null) throw new Error(`local venue: no book for ${symbol}`);
    return (Number(book.levels[0][0].px) + Number(book.levels[1][0].px)) / 2;
  };
  const px = await mid();
  return {
    name: 'Hyperliquid adapter over the local venue',
    port: exec,
    reports,
    symbol,
    qty: roundQty(inst, 50 / px, 'up'),
    price: mid,
    round: (p) => roundPrice(inst, p, 'nearest'),
    async settle(until) {
      await exec.idle();
      await settleLocal(h, until);
    },
    async quiesce() {
      await exec.idle();
      await settleLocal(h, () => false, 5);
    },
    async close() {
      await exec.close();
      await venue.close();
      await h.close();
    },
  };
}
