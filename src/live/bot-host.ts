// One bot of the daemon: its kernel, the candle builders that turn the trade stream into its bars, and the step order of its inputs.
import type { Envelope } from '../core/envelope.js';
import { BadInputError, InvariantError } from '../core/errors.js';
import type { Bar } from '../core/bars.js';
import type { ExecutionReport } from '../core/execution.js';
import type { Kernel } from '../engine/kernel.js';
import { MutableBar } from '../engine/mutable-bar.js';
import { CandleBuilder, type BuiltBar } from '../market/candle-builder.js';
import { isTradeEvent } from '../market/market-events.js';
import { KernelQueue } from './kernel-queue.js';

/**
 * Everything that reaches a bot, stamped with the daemon's time `t` (ms) when it was taken from the
 * queue. The session recording keeps these in order: replaying them through a fresh kernel gives the
 * same decisions (replay-check), because nothing else reaches the kernel.
 */
export type BotInput =
  | { readonly kind: 'market'; readonly t: number; readonly event: Envelope }
  | { readonly kind: 'report'; readonly t: number; readonly report: ExecutionReport }
  | { readonly kind: 'tick'; readonly t: number }
  /** A closed bar from the venue's candle history (warm-up at start, and the gap a restart left). */
  | { readonly kind: 'bar'; readonly t: number; readonly bar: Bar };

export interface BotHostOptions {
  readonly botId: string;
  readonly symbols: readonly string[];
  /** The bot's bar interval, a whole number of seconds. */
  readonly intervalMs: number;
  /** How long after a bar's end a clock tick waits for late trades before closing it (default 250 ms). */
  readonly graceMs?: number;
}

/**
 * Feeds the kernel's input queue, one input at a time at the input's time: bars that closed (by the
 * clock past their end plus grace, or by a trade of a later bucket, which closes that bucket for every
 * symbol), oldest first then in symbol order, then the market event itself; a report; a tick closes
 * quiet bars and fires due timers. A report the kernel's own command causes at once (a refusal) is
 * recorded and queued behind the current item, never stepped inside it.
 */
export class BotHost {
  readonly botId: string;
  private readonly builders = new Map<string, CandleBuilder>();
  private readonly bars = new Map<string, MutableBar>();
  /** Bars closed by the current input, delivered in symbol order at the step. */
  private readonly closed: MutableBar[] = [];
  private lastT = Number.NEGATIVE_INFINITY;
  /** The latest bucket end a bar closed at during the current trade (NEGATIVE_INFINITY: none). */
  private closedUntil = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;
  private started = false;
  private stopped = false;
  private readonly queue: KernelQueue;

  constructor(
    private readonly kernel: Kernel,
    opts: BotHostOptions,
    private readonly record: (input: BotInput) => void = () => {},
  ) {
    this.queue = new KernelQueue(kernel, { now: () => this.lastT });
    this.botId = opts.botId;
    this.intervalMs = opts.intervalMs;
    const symbols = [...opts.symbols].sort();
    for (const symbol of symbols) {
      const bar = new MutableBar(symbol);
      this.bars.set(symbol, bar);
      this.builders.set(symbol, new CandleBuilder({ symbol, intervalMs: opts.intervalMs, graceMs: opts.graceMs ?? 250 }, (b, s) => this.onBarClosed(b, s)));
    }
  }

  /** The bar being formed for `symbol`, or undefined. */
  forming(symbol: string): Readonly<BuiltBar> | undefined {
    return this.builders.get(symbol)?.forming();
  }

  /** The open time of `symbol`'s last closed bar, or undefined before one closed. */
  lastBarTime(symbol: string): number | undefined {
    const bar = this.bars.get(symbol);
    return bar === undefined || bar.index < 0 ? undefined : bar.time;
  }

  /** The time of the latest input (the kernel's clock follows it). */
  get time(): number {
    return this.lastT;
  }

  /** Late trades ignored so far, summed over the symbols. */
  lateTrades(): number {
    let n = 0;
    for (const b of this.builders.values()) n += b.lateTrades;
    return n;
  }

  start(): void {
    if (this.started) throw new InvariantError(`bot ${this.botId} started twice`);
    this.started = true;
    this.kernel.start();
  }

  /** Feeds one input (the session replay calls this with recorded inputs). */
  input(input: BotInput): void {
    switch (input.kind) {
      case 'market':
        return this.market(input.t, input.event);
      case 'report':
        return this.report(input.t, input.report);
      case 'tick':
        return this.tick(input.t);
      case 'bar':
        return this.history(input.t, input.bar);
      default:
        return unknownInput(input);
    }
  }

  market(t: number, event: Envelope): void {
    const builder = this.builders.get(event.symbol);
    if (builder === undefined) return;
    this.enter({ kind: 'market', t, event });
    this.closeQuietBars(t);
    if (isTradeEvent(event)) {
      this.closedUntil = Number.NEGATIVE_INFINITY;
      builder.onTrade(event.data.price, event.data.size, event.tsEvent);
      // A trade of a later bucket closed its symbol's bar: that bucket is over for every symbol, so
      // their bars close in the same step and the strategy ranks entries across all of them.
      if (this.closedUntil > Number.NEGATIVE_INFINITY) for (const b of this.builders.values()) b.onClock(this.closedUntil + b.graceMs);
    }
    this.queueClosed(t);
    this.queue.pushMarket(event, t);
    this.queue.drain();
  }

  report(t: number, report: ExecutionReport): void {
    this.enter({ kind: 'report', t, report });
    this.queue.push({ kind: 'report', time: t, report });
    this.queue.drain();
  }

  /**
   * A history bar: delivered as a closed bar of its symbol; the symbol's trades of that bucket or
   * earlier are then late. History comes before the first trade, oldest first.
   */
  history(t: number, bar: Bar): void {
    const builder = this.builders.get(bar.symbol);
    if (builder === undefined) throw new BadInputError(`bot ${this.botId} history bar`, `symbol ${bar.symbol} is not one of the bot's`);
    const last = this.lastBarTime(bar.symbol);
    if (last !== undefined && !(bar.time > last)) throw new BadInputError(`bot ${this.botId} history bar ${bar.symbol}`, `time ${bar.time} is not after the last bar's ${last}`);
    this.enter({ kind: 'bar', t, bar });
    builder.skipUntil(bar.time + this.intervalMs);
    this.onBarClosed(bar, bar.symbol);
    this.queueClosed(t);
    this.queue.drain();
  }

  tick(t: number): void {
    this.enter({ kind: 'tick', t });
    this.closeQuietBars(t);
    this.queueClosed(t);
    this.queue.pushTimer(t);
    this.queue.drain();
  }

  stop(): void {
    if (!this.started || this.stopped) return;
    this.stopped = true;
    this.kernel.stop();
  }

  private enter(input: BotInput): void {
    if (!this.started || this.stopped) throw new InvariantError(`bot ${this.botId}: input while ${this.started ? 'stopped' : 'not started'}`);
    // The daemon's clock never goes back; equal times share a millisecond (the kernel allows it).
    const t = input.t;
    if (!(t >= this.lastT)) throw new InvariantError(`bot ${this.botId}: input at ${t} after ${this.lastT}`);
    this.lastT = t;
    this.record(input);
  }

  /** Closes every bar whose end plus grace the daemon's clock has passed. */
  private closeQuietBars(t: number): void {
    for (const b of this.builders.values()) b.onClock(t);
  }

  private onBarClosed(b: Readonly<Bar | BuiltBar>, symbol: string): void {
    const end = b.time + this.intervalMs;
    if (end > this.closedUntil) this.closedUntil = end;
    const bar = this.bars.get(symbol) as MutableBar;
    bar.index++;
    bar.time = b.time;
    bar.open = b.open;
    bar.high = b.high;
    bar.low = b.low;
    bar.close = b.close;
    bar.volume = b.volume;
    this.closed.push(bar);
  }

  /** Queues the bars the current input closed (one per symbol at most; each symbol's bar object is reused after the drain). */
  private queueClosed(t: number): void {
    if (this.closed.length === 0) return;
    // Older buckets first (a quiet symbol's bar may close late), then symbol order.
    if (this.closed.length > 1) this.closed.sort((a, b) => a.time - b.time || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    for (let i = 0; i < this.closed.length; i++) this.queue.pushBar(this.closed[i], t);
    this.closed.length = 0;
  }
}

function unknownInput(input: never): never {
  throw new InvariantError(`unknown bot input ${JSON.stringify(input)}`);
}
