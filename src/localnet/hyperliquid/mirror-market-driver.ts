// The local venue's market mirrored from an upstream Hyperliquid venue (`--market mirror`): its l2Book and trades over the WebSocket supervisor, the simulator while it is unreachable.
import type { Scheduler } from '../../core/clock.js';
import { BadInputError, RejectedError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { BookData, TradeData } from '../../market/market-events.js';
import { HlStamp } from '../../venues/hyperliquid/parse/context.js';
import { HlWsParser } from '../../venues/hyperliquid/parse/ws-frame.js';
import { WsSupervisor, type HealthEvent, type SocketFactory } from '../../venues/hyperliquid/transport/index.js';
import { SimMarketDriver } from './sim-market-driver.js';
import type { MarketTrade, SymbolMarket } from './symbol-market.js';
import type { VenueIds } from './venue-ids.js';
import { DEFAULT_UPSTREAM, type LocalVenueOptions, type UpstreamOptions } from './venue-options.js';

/** What the mirror needs beyond the options: timers (the supervisor's), the log, and optionally how sockets are opened. */
export interface MirrorDeps {
  readonly scheduler: Scheduler;
  readonly log: (line: string) => void;
  readonly createSocket?: SocketFactory;
}

/** `waiting`: connected or connecting, not every symbol's first book yet; `mirror`: upstream's books; `simulated`: the simulator's. */
export type MirrorMode = 'waiting' | 'mirror' | 'simulated';

/** Upstream trades kept per symbol between two steps (a burst beyond it keeps the newest). */
const MAX_PENDING_TRADES = 2_000;

export class MirrorMarketDriver {
  readonly upstream: UpstreamOptions;
  private current: MirrorMode = 'waiting';
  private sim: SimMarketDriver | undefined;
  /** The newest upstream book per symbol (since the start or the last fall-back). */
  private readonly books = new Map<string, BookData>();
  /** Symbols whose newest book the markets do not show yet. */
  private readonly unapplied = new Set<string>();
  /** Upstream trades per symbol not yet applied (only while mirroring). */
  private readonly trades = new Map<string, TradeData[]>();
  /** Clock time of the last upstream book or trade (the start before any). */
  private lastDataAt: number;
  private connected = false;
  private fallbacks = 0;
  /** Whether any upstream book reached the markets (the fall-back then continues from mirrored mids). */
  private mirrored = false;
  /** Set when upstream refused a subscription: simulated for good, and `ready()` rejects. */
  private refused: BadInputError | undefined;
  private closed = false;
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private readonly parser: HlWsParser;
  private readonly ws: WsSupervisor;

  constructor(
    private readonly opts: LocalVenueOptions,
    start: number,
    private readonly markets: readonly SymbolMarket[],
    private readonly deps: MirrorDeps,
  ) {
    this.upstream = opts.upstream ?? DEFAULT_UPSTREAM;
    if (!(Number.isFinite(this.upstream.timeoutMs) && this.upstream.timeoutMs > 0)) throw new BadInputError('--upstream-timeout', `must be a positive number of ms, got ${this.upstream.timeoutMs}`);
    // The fall-back is the market simulator, whose step must divide 5 s.
    if (!(Number.isInteger(opts.stepMs) && 5_000 % opts.stepMs === 0)) throw new BadInputError('--step-ms', `must divide 5000 ms with --market mirror (the simulator takes over when upstream is down), got ${opts.stepMs}`);
    this.lastDataAt = start;
    this.parser = new HlWsParser(new HlStamp(deps.scheduler, 'hyperliquid-upstream'));
    this.ws = new WsSupervisor({
      url: this.upstream.wsUrl,
      scheduler: deps.scheduler,
      rng: createRng(opts.seed),
      handler: (channel, frame) => this.onFrame(channel, frame),
      onEvent: (e) => this.onHealth(e),
      // A book frame is a whole snapshot and a trade missed across a gap is only a missed print: no REST repair.
      config: { repairChannels: [] },
      ...(deps.createSocket !== undefined ? { createSocket: deps.createSocket } : {}),
    });
    this.ws.start();
    for (const m of markets) {
      for (const type of ['l2Book', 'trades']) {
        this.ws.subscribe({ type, coin: m.spec.name }).catch((e: unknown) => this.onRefused(type, m.spec.name, e));
      }
    }
  }

  get mode(): MirrorMode {
    return this.current;
  }

  /** True while the books and trades are the simulator's, not upstream's. */
  get simulated(): boolean {
    return this.current === 'simulated';
  }

  /**
   * Settles once the market has a source: every symbol's first upstream book, or the fall-back to
   * the simulator (the connection failed before any data, or nothing came within the timeout;
   * the venue's steps decide the latter). Rejects when upstream refused a symbol.
   */
  ready(): Promise<void> {
    if (this.refused !== undefined) return Promise.reject(this.refused);
    if (this.current !== 'waiting') return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Applies upstream's newest books and the trades since the last step to `markets` (or, while
   * upstream is down, the simulator's step) and returns each market's trades with the venue's
   * own ids. Falls back when upstream has been silent past the timeout; resumes mirroring when
   * every symbol has a fresh upstream book again.
   */
  advance(t: number, ids: VenueIds): MarketTrade[][] {
    const silentFor = t - this.lastDataAt;
    if (this.current !== 'simulated' && silentFor > this.upstream.timeoutMs) {
      this.fallBack(t, this.current === 'waiting' ? `no data within ${this.upstream.timeoutMs} ms of the start` : `no data for ${silentFor} ms`);
    } else if (this.current === 'simulated' && this.refused === undefined && this.connected && this.books.size === this.markets.length && silentFor <= this.upstream.timeoutMs) {
      this.sim = undefined;
      this.setMode('mirror', `upstream ${this.upstream.wsUrl} is back: MIRRORING its books and trades again (simulated=false)`);
    }
    if (this.sim !== undefined) return this.sim.advance(t, this.markets, ids);
    const out: MarketTrade[][] = this.markets.map(() => []);
    for (const m of this.markets) {
      const name = m.spec.name;
      const book = this.books.get(name);
      if (book !== undefined && this.unapplied.delete(name)) {
        m.setBook(book.bids, book.asks);
        m.simContext = undefined;
        this.mirrored = true;
      }
      const tape = this.trades.get(name);
      if (tape !== undefined && tape.length > 0) {
        for (const d of tape) {
          out[m.asset].push({ coin: name, side: d.side === 'buy' ? 'B' : 'A', px: d.price, sz: d.size, time: t, tid: ids.nextTid(), hash: ids.nextHash() });
          m.lastTradePx = d.price;
        }
        tape.length = 0;
      }
      m.time = t;
    }
    return out;
  }

  /** The newest book upstream sent for `coin` since the start or the last fall-back. */
  newestBook(coin: string): BookData | undefined {
    return this.books.get(coin);
  }

  /** Skips the fall-back simulator ahead after a long pause (upstream data is always the newest). */
  skipTo(t: number): void {
    this.sim?.skipTo(t);
  }

  /** Stops the upstream connection. */
  async close(): Promise<void> {
    this.closed = true;
    const gone = new RejectedError('local venue: closed before its market was ready');
    for (const w of this.waiters.splice(0)) w.reject(gone);
    await this.ws.close();
  }

  private onFrame(channel: string, frame: Buffer): void {
    if (channel !== 'l2Book' && channel !== 'trades') return;
    // A malformed frame throws a BadInputError: the supervisor counts it and reports the stream degraded.
    const msg = this.parser.parse(frame);
    this.lastDataAt = this.deps.scheduler.now();
    if (msg.channel === 'l2Book') {
      const coin = msg.event.symbol;
      this.books.set(coin, msg.event.data);
      this.unapplied.add(coin);
      if (this.current === 'waiting' && this.books.size === this.markets.length) {
        this.setMode('mirror', `MIRRORING upstream ${this.upstream.wsUrl}: live books and trades (simulated=false)`);
      }
    } else if (msg.channel === 'trades' && this.current !== 'simulated') {
      for (const e of msg.events) {
        let tape = this.trades.get(e.symbol);
        if (tape === undefined) {
          tape = [];
          this.trades.set(e.symbol, tape);
        }
        tape.push(e.data);
        if (tape.length > MAX_PENDING_TRADES) tape.splice(0, tape.length - MAX_PENDING_TRADES);
      }
    }
  }

  private onHealth(e: HealthEvent): void {
    if (this.closed) return;
    if (e.type === 'connection.state') {
      const { from, to, reason } = e.data;
      const wasConnected = this.connected;
      this.connected = to === 'open' || to === 'stale' || to === 'degraded';
      if (this.connected && !wasConnected) this.deps.log(`upstream ${this.upstream.wsUrl}: connected`);
      if (to === 'reconnecting' && (wasConnected || from === 'connecting')) {
        if (wasConnected || this.fallbacks === 0) this.deps.log(`upstream ${this.upstream.wsUrl}: ${reason}${causeText(e.data.cause)}`);
        // Unreachable at the start: simulated at once rather than after the timeout.
        if (this.current === 'waiting' && !wasConnected) this.fallBack(this.deps.scheduler.now(), `cannot connect (${reason}${causeText(e.data.cause)})`);
      }
    } else if (e.type === 'stream.degraded') {
      this.deps.log(`upstream ${e.data.stream}: ${e.data.reason}: ${e.data.detail} (${e.data.count} so far)`);
    }
  }

  private onRefused(type: string, coin: string, e: unknown): void {
    if (this.closed) return; // close() rejects the subscriptions still waiting for their ack
    this.refused = new BadInputError('--upstream', `upstream ${this.upstream.wsUrl} refused the ${type} subscription of ${coin} (does it list ${coin}?)`, { cause: e });
    this.deps.log(this.refused.message);
    if (this.current !== 'simulated') this.fallBack(this.deps.scheduler.now(), `it refused ${coin}`);
    for (const w of this.waiters.splice(0)) w.reject(this.refused);
  }

  /** The simulator takes over from each market's current mid (the last mirrored one, or the start price if none came). */
  private fallBack(t: number, why: string): void {
    const symbols = this.opts.symbols.map((s, i) => ({ ...s, startPrice: this.markets[i].mid }));
    // Its first step is before `t`, so the next venue step shows its book.
    this.sim = new SimMarketDriver({ ...this.opts, symbols, seed: this.opts.seed + this.fallbacks }, t - this.opts.stepMs);
    this.fallbacks++;
    this.books.clear();
    this.unapplied.clear();
    this.trades.clear();
    const from = symbols.map((s) => `${s.name} ${s.startPrice}`).join(', ');
    this.setMode('simulated', `upstream ${this.upstream.wsUrl} unreachable (${why}): SIMULATED market from now (simulated=true), continuing from ${this.mirrored ? 'the last mirrored mids' : 'the start prices'} ${from}`);
  }

  private setMode(mode: MirrorMode, line: string): void {
    this.current = mode;
    this.deps.log(`market: ${line}`);
    if (this.refused === undefined) for (const w of this.waiters.splice(0)) w.resolve();
  }
}

function causeText(cause: unknown): string {
  return cause instanceof Error && cause.message !== '' ? `: ${cause.message}` : '';
}
