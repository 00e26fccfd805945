// The local venue's market replayed from recorded WebSocket frames (`--market replay:RUN`): their books and trades paced by the recorded receive times, the simulator after the end.
import type { Clock } from '../../core/clock.js';
import { BadInputError, InvariantError, RejectedError } from '../../core/errors.js';
import type { BookData, TradeData } from '../../market/market-events.js';
import { HlStamp } from '../../venues/hyperliquid/parse/context.js';
import { HlWsParser } from '../../venues/hyperliquid/parse/ws-frame.js';
import { SimMarketDriver } from './sim-market-driver.js';
import type { MarketTrade, SymbolMarket } from './symbol-market.js';
import type { VenueIds } from './venue-ids.js';
import type { LocalVenueOptions, ReplayOptions } from './venue-options.js';

/** What the replay needs beyond the options: the clock (its parser's stamps) and the log. */
export interface ReplayDeps {
  readonly clock: Clock;
  readonly log: (line: string) => void;
}

/** `waiting`: not every symbol's first book read yet; `replay`: the recording's books; `ended`: the simulator's, from the last replayed mids. */
export type ReplayMode = 'waiting' | 'replay' | 'ended';

/** One parsed book or trade frame of a venue symbol. */
type Item = { readonly tsInit: number; readonly coin: string; readonly book: BookData } | { readonly tsInit: number; readonly coin: string; readonly trades: readonly TradeData[] };

/** Parsed frames read ahead of the venue's clock at most (the reader waits below half of it). */
const READ_AHEAD = 20_000;

export class ReplayMarketDriver {
  readonly replay: ReplayOptions;
  private current: ReplayMode = 'waiting';
  private sim: SimMarketDriver | undefined;
  private readonly queue: Item[] = [];
  private head = 0;
  /** Symbols whose first book has been read; the replay's time starts at the frame completing it. */
  private readonly booked = new Set<string>();
  /** Receive time of the frame that gave the last symbol its first book (undefined until then). */
  private originTs: number | undefined;
  /** Venue time of the step the replay started at. */
  private anchor = 0;
  private readDone = false;
  private failure: unknown;
  private frames = 0;
  private malformed = 0;
  private closed = false;
  private resume: (() => void) | undefined;
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private readonly pending = new Map<string, BookData>();
  private readonly parser: HlWsParser;
  private readonly names: ReadonlySet<string>;
  private readonly reading: Promise<void>;

  constructor(
    private readonly opts: LocalVenueOptions,
    private readonly markets: readonly SymbolMarket[],
    private readonly deps: ReplayDeps,
  ) {
    if (opts.replay === undefined) throw new InvariantError('ReplayMarketDriver: market "replay" needs its frames (opts.replay)');
    this.replay = opts.replay;
    if (!(Number.isFinite(this.replay.speed) && this.replay.speed > 0)) throw new BadInputError('replay speed', `must be a positive number, got ${this.replay.speed}`);
    // After the end the simulator takes over, whose step must divide 5 s.
    if (!(Number.isInteger(opts.stepMs) && 5_000 % opts.stepMs === 0)) throw new BadInputError('--step-ms', `must divide 5000 ms with a replayed market (the simulator takes over at its end), got ${opts.stepMs}`);
    this.names = new Set(markets.map((m) => m.spec.name));
    this.parser = new HlWsParser(new HlStamp(deps.clock, 'hyperliquid-replay'));
    this.reading = this.read();
  }

  get mode(): ReplayMode {
    return this.current;
  }

  /** Frames read from the recording so far, and those that did not parse (skipped: they were malformed live too). */
  get counts(): { readonly frames: number; readonly malformed: number } {
    return { frames: this.frames, malformed: this.malformed };
  }

  /**
   * Settles at the step that shows every symbol's first recorded book; rejects when the recording
   * ends (or cannot be read) before each symbol has one.
   */
  ready(): Promise<void> {
    if (this.current !== 'waiting') return this.originTs !== undefined ? Promise.resolve() : Promise.reject(this.missingBooks());
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Applies the frames due by `t` (recorded receive time since the replay's start, divided by the
   * speed, on the venue's clock): each symbol's newest book and every trade, with the venue's own
   * ids. When the recording is over, the simulator continues from the last mids.
   */
  advance(t: number, ids: VenueIds): MarketTrade[][] {
    if (this.sim !== undefined) return this.sim.advance(t, this.markets, ids);
    const out: MarketTrade[][] = this.markets.map(() => []);
    if (this.current === 'waiting' && this.originTs !== undefined) {
      this.anchor = t;
      this.current = 'replay';
      this.deps.log(`market: REPLAYING ${this.replay.label} at ${this.replay.speed}x its recorded pace (simulated=true)`);
    }
    if (this.current === 'replay') {
      const origin = this.originTs as number;
      while (this.head < this.queue.length) {
        const item = this.queue[this.head];
        if (this.anchor + Math.max(0, item.tsInit - origin) / this.replay.speed > t) break;
        this.head++;
        const m = this.markets.find((x) => x.spec.name === item.coin) as SymbolMarket;
        if ('book' in item) this.pending.set(item.coin, item.book);
        else {
          for (const d of item.trades) {
            out[m.asset].push({ coin: item.coin, side: d.side === 'buy' ? 'B' : 'A', px: d.price, sz: d.size, time: t, tid: ids.nextTid(), hash: ids.nextHash() });
            m.lastTradePx = d.price;
          }
        }
      }
      this.compact();
    }
    for (const m of this.markets) {
      const book = this.pending.get(m.spec.name);
      if (book !== undefined) {
        m.setBook(book.bids, book.asks);
        m.simContext = undefined;
      }
      m.time = t;
    }
    this.pending.clear();
    if (this.current === 'replay') for (const w of this.waiters.splice(0)) w.resolve();
    // Over: every frame applied, or read to the end without a book of every symbol.
    if (this.readDone && (this.current === 'waiting' || this.head >= this.queue.length)) this.end(t);
    return out;
  }

  /** Skips the simulator ahead after a long pause (a replay applies the missed frames at the next step). */
  skipTo(t: number): void {
    this.sim?.skipTo(t);
  }

  /** Stops reading the recording. */
  async close(): Promise<void> {
    this.closed = true;
    this.resume?.();
    const gone = new RejectedError('local venue: closed before its market was ready');
    for (const w of this.waiters.splice(0)) w.reject(gone);
    await this.reading;
  }

  /** Reads and parses the frames ahead of the clock (all of them until every symbol has a book, then at most READ_AHEAD). */
  private async read(): Promise<void> {
    try {
      for await (const f of this.replay.frames) {
        if (this.closed) return;
        this.frames++;
        if (f.channel !== 'l2Book' && f.channel !== 'trades') continue;
        this.take(f.tsInit, f.payload);
        if (this.originTs !== undefined && this.queue.length - this.head >= READ_AHEAD) {
          await new Promise<void>((r) => (this.resume = r));
          this.resume = undefined;
          if (this.closed) return;
        }
      }
    } catch (e) {
      this.failure = e;
      this.deps.log(`market: reading ${this.replay.label} failed after ${this.frames} frame(s): ${e instanceof Error ? e.message : String(e)}; the replay ends there`);
    } finally {
      this.readDone = true;
    }
  }

  private take(tsInit: number, payload: Uint8Array): void {
    let msg;
    try {
      msg = this.parser.parse(payload);
    } catch (e) {
      if (!(e instanceof BadInputError)) throw e;
      // Recorded as received: a frame malformed live is skipped here too, and counted.
      if (this.malformed++ === 0) this.deps.log(`market: ${this.replay.label}: a malformed frame skipped (${e.message}); more are only counted`);
      return;
    }
    if (msg.channel === 'l2Book') {
      const coin = msg.event.symbol;
      if (!this.names.has(coin)) return;
      this.queue.push({ tsInit, coin, book: msg.event.data });
      if (this.originTs === undefined) {
        this.booked.add(coin);
        if (this.booked.size === this.names.size) this.originTs = tsInit;
      }
    } else if (msg.channel === 'trades') {
      const byCoin = new Map<string, TradeData[]>();
      for (const e of msg.events) {
        if (!this.names.has(e.symbol)) continue;
        const list = byCoin.get(e.symbol) ?? [];
        list.push(e.data);
        byCoin.set(e.symbol, list);
      }
      for (const [coin, trades] of byCoin) this.queue.push({ tsInit, coin, trades });
    }
  }

  /** Drops applied frames and lets the reader go on below half the read-ahead. */
  private compact(): void {
    if (this.head >= 1_024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.resume !== undefined && this.queue.length - this.head < READ_AHEAD / 2) this.resume();
  }

  /** The recording is over: the simulator continues from each market's current mid. */
  private end(t: number): void {
    const wasReplaying = this.current === 'replay';
    this.current = 'ended';
    const symbols = this.opts.symbols.map((s, i) => ({ ...s, startPrice: this.markets[i].mid }));
    this.sim = new SimMarketDriver({ ...this.opts, symbols }, t);
    const from = symbols.map((s) => `${s.name} ${s.startPrice}`).join(', ');
    const why = this.failure !== undefined ? 'could not be read further' : 'ended';
    this.deps.log(`market: ${this.replay.label} ${why} after ${this.frames} frame(s)${this.malformed > 0 ? ` (${this.malformed} malformed, skipped)` : ''}: SIMULATED market from now (simulated=true), continuing from ${wasReplaying ? 'the last replayed mids' : 'the start prices'} ${from}`);
    if (!wasReplaying) {
      const e = this.missingBooks();
      for (const w of this.waiters.splice(0)) w.reject(e);
    }
  }

  private missingBooks(): BadInputError {
    const missing = [...this.names].filter((n) => !this.booked.has(n));
    return new BadInputError(this.replay.label, `it has no book of ${missing.join(', ')} (it ${this.failure !== undefined ? 'could not be read' : 'ended'} after ${this.frames} frame(s))`, this.failure !== undefined ? { cause: this.failure } : undefined);
  }
}
