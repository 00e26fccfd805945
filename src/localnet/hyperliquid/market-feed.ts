// The market of every symbol (simulated or mirrored), stepped on the injected clock; candles, recent trades, day statistics.
import { InvariantError } from '../../core/errors.js';
import { roundPrice, roundQty } from '../../core/instrument.js';
import { createRng, type Rng } from '../../core/rng.js';
import { bookEvent, tradeEvent, type BookEvent, type TradeEvent } from '../../market/market-events.js';
import { CandleSeries } from './candles.js';
import { MirrorMarketDriver, type MirrorDeps } from './mirror-market-driver.js';
import { ReplayMarketDriver, type ReplayDeps } from './replay-market-driver.js';
import { SimMarketDriver } from './sim-market-driver.js';
import { SymbolMarket, type MarketTrade } from './symbol-market.js';
import type { VenueIds } from './venue-ids.js';
import type { LocalVenueOptions } from './venue-options.js';

const SOURCE = 'hyperliquid-local';
/** After a long pause (a suspended laptop) the market resumes with at most this many steps. */
const MAX_CATCH_UP_STEPS = 1_200;
const RECENT_TRADES = 100;

export interface DayStats {
  readonly prevDayPx: number;
  readonly dayNtlVlm: number;
  readonly dayBaseVlm: number;
}

export class MarketFeed {
  readonly markets: SymbolMarket[];
  private readonly byName = new Map<string, SymbolMarket>();
  readonly candles = new Map<string, CandleSeries>();
  private readonly recent = new Map<string, MarketTrade[]>();
  private lastStep: number;
  private seq = 0;
  /** Set with `market: 'sim'`: the market simulator drives the books and trades instead of the random walk. */
  private readonly driver: SimMarketDriver | undefined;
  /** Set with `market: 'mirror'`: upstream's books and trades, the simulator while upstream is down. */
  readonly mirror: MirrorMarketDriver | undefined;
  /** Set with `market: 'replay'`: recorded books and trades, the simulator after their end. */
  readonly replay: ReplayMarketDriver | undefined;

  constructor(
    private readonly opts: LocalVenueOptions,
    start: number,
    private readonly ids: VenueIds,
    /** Required with `market: 'mirror'`: the upstream connection's timers and log. */
    mirrorDeps?: MirrorDeps,
    /** Required with `market: 'replay'`: the clock and the log. */
    replayDeps?: ReplayDeps,
  ) {
    this.lastStep = start;
    this.markets = opts.symbols.map((spec, i) => new SymbolMarket(spec, i, createRng(opts.seed * 1_000 + i), opts.stepMs, opts.volatility));
    for (const m of this.markets) {
      this.byName.set(m.spec.name, m);
      this.recent.set(m.spec.name, []);
      const series = new CandleSeries();
      this.candles.set(m.spec.name, series);
      backfill(series, m, start, opts, createRng(opts.seed * 1_000 + 500 + m.asset));
      m.time = start;
    }
    this.driver = opts.market === 'sim' ? new SimMarketDriver(opts, start) : undefined;
    // The simulator's first book replaces the random walk's before anyone reads it.
    if (this.driver !== undefined) {
      this.driver.advance(start + 1, this.markets, ids);
      for (const m of this.markets) m.time = start;
    }
    if (opts.market === 'mirror') {
      if (mirrorDeps === undefined) throw new InvariantError('MarketFeed: market "mirror" needs a scheduler and a log');
      this.mirror = new MirrorMarketDriver(opts, start, this.markets, mirrorDeps);
    }
    if (opts.market === 'replay') {
      if (replayDeps === undefined) throw new InvariantError('MarketFeed: market "replay" needs a clock and a log');
      this.replay = new ReplayMarketDriver(opts, this.markets, replayDeps);
    }
  }

  /** True unless the books and trades are mirrored from a live upstream venue right now. */
  get simulated(): boolean {
    return this.mirror?.simulated ?? true;
  }

  /** Settles when the market has its source (see MirrorMarketDriver.ready, ReplayMarketDriver.ready); at once otherwise. */
  ready(): Promise<void> {
    return this.mirror?.ready() ?? this.replay?.ready() ?? Promise.resolve();
  }

  /** Closes the upstream connection of a mirror, the reading of a replay. */
  async close(): Promise<void> {
    await this.mirror?.close();
    await this.replay?.close();
  }

  market(coin: string): SymbolMarket | undefined {
    return this.byName.get(coin);
  }

  /** Steps every market up to `now`; calls `onStep` after each step of each symbol. Returns the steps taken. */
  advanceTo(now: number, onStep: (m: SymbolMarket, trades: readonly MarketTrade[]) => void): number {
    const stepMs = this.opts.stepMs;
    let due = Math.floor((now - this.lastStep) / stepMs);
    if (due <= 0) return 0;
    if (due > MAX_CATCH_UP_STEPS) {
      this.lastStep += (due - MAX_CATCH_UP_STEPS) * stepMs;
      due = MAX_CATCH_UP_STEPS;
      this.driver?.skipTo(this.lastStep);
      this.mirror?.skipTo(this.lastStep);
      this.replay?.skipTo(this.lastStep);
    }
    for (let k = 0; k < due; k++) {
      this.lastStep += stepMs;
      const t = this.lastStep;
      const simTrades = this.driver?.advance(t, this.markets, this.ids) ?? this.mirror?.advance(t, this.ids) ?? this.replay?.advance(t, this.ids);
      for (const m of this.markets) {
        const trades = simTrades !== undefined ? simTrades[m.asset] : m.step(t, () => this.ids.nextTid(), () => this.ids.nextHash());
        const series = this.candles.get(m.spec.name) as CandleSeries;
        const recent = this.recent.get(m.spec.name) as MarketTrade[];
        for (const tr of trades) {
          series.add(t, tr.px, tr.px, tr.px, tr.px, tr.sz, 1);
          recent.push(tr);
        }
        if (recent.length > RECENT_TRADES) recent.splice(0, recent.length - RECENT_TRADES);
        onStep(m, trades);
      }
    }
    return due;
  }

  recentTrades(coin: string): readonly MarketTrade[] {
    return this.recent.get(coin) ?? [];
  }

  /** The current book of `m` as a snapshot envelope for the simulated venue. */
  bookEnvelope(m: SymbolMarket): BookEvent {
    const bids = new Float64Array(m.bids.length * 2);
    m.bids.forEach((l, i) => {
      bids[2 * i] = l.px;
      bids[2 * i + 1] = l.sz;
    });
    const asks = new Float64Array(m.asks.length * 2);
    m.asks.forEach((l, i) => {
      asks[2 * i] = l.px;
      asks[2 * i + 1] = l.sz;
    });
    const seq = ++this.seq;
    return bookEvent(m.spec.name, SOURCE, seq, m.time, m.time, { snapshot: true, bids, asks });
  }

  tradeEnvelope(tr: MarketTrade): TradeEvent {
    return tradeEvent(tr.coin, SOURCE, ++this.seq, tr.time, tr.time, { price: tr.px, size: tr.sz, side: tr.side === 'B' ? 'buy' : 'sell', tradeId: String(tr.tid) });
  }

  /** Price 24 h ago and the last 24 h of volume, from the one-minute candles. */
  dayStats(m: SymbolMarket, now: number): DayStats {
    const candles = (this.candles.get(m.spec.name) as CandleSeries).range('1m', now - 86_400_000, now);
    let ntl = 0;
    let base = 0;
    for (const c of candles) {
      ntl += c.v * c.c;
      base += c.v;
    }
    return { prevDayPx: candles.length > 0 ? candles[0].o : m.mid, dayNtlVlm: ntl, dayBaseVlm: base };
  }
}

/** One-minute candles before the start, walked backwards from the start price so history meets the live market. */
function backfill(series: CandleSeries, m: SymbolMarket, start: number, opts: LocalVenueOptions, rng: Rng): void {
  const n = opts.historyMinutes;
  if (n <= 0) return;
  const sigma = opts.volatility * Math.sqrt(60_000 / (365.25 * 86_400_000));
  const closes = new Float64Array(n);
  let p = m.mid;
  for (let k = n - 1; k >= 0; k--) {
    closes[k] = p;
    p = p * Math.exp(-sigma * rng.normal());
  }
  const first = Math.floor(start / 60_000) * 60_000 - n * 60_000;
  let open = p;
  for (let k = 0; k < n; k++) {
    const c = closes[k];
    const wick = sigma * 0.5 * Math.abs(rng.normal());
    const h = Math.max(open, c) * (1 + wick);
    const l = Math.min(open, c) * (1 - wick);
    const inst = m.inst;
    const v = Math.max(roundQty(inst, (20_000 * Math.exp(rng.normal())) / c), inst.lotSize);
    series.add(first + k * 60_000, roundPrice(inst, open), roundPrice(inst, h, 'up'), roundPrice(inst, l, 'down'), roundPrice(inst, c), v, rng.int(5, 60));
    open = c;
  }
}
