// Trades → OHLCV bars of one symbol at a fixed interval on the interval grid, each emitted once when it closes.
import { barOpenAt } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';

/** A bar as the builder emits it. The object is reused: read it inside `onBar`, copy what you keep. */
export interface BuiltBar {
  /** Open time, ms UTC, on the interval grid (`barOpenAt`). */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Sum of trade sizes, in trade order. */
  volume: number;
  /** Number of trades. */
  trades: number;
}

export interface CandleBuilderOptions {
  readonly symbol: string;
  readonly intervalMs: number;
  /**
   * How long after a bucket's end a clock tick waits before closing it (trades stamped inside the
   * bucket may arrive a little late); default 0. A trade of a later bucket closes it at once.
   */
  readonly graceMs?: number;
}

/**
 * An empty bucket yields no bar, as Hyperliquid's candles do (a minute without trades has no
 * candle; the local venue and the recorder follow that): a consumer that needs a flat bar can
 * fill gaps with the previous close. A trade older than the open bucket (or stamped in a bucket
 * already closed) is late: it is counted in `lateTrades` and ignored; a closed bar never reopens.
 * `onTrade` and `onClock` allocate nothing.
 */
export class CandleBuilder {
  readonly symbol: string;
  readonly intervalMs: number;
  readonly graceMs: number;
  /** Trades ignored because their bucket had already closed. */
  lateTrades = 0;
  private readonly bar: BuiltBar = { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, trades: 0 };
  private open = false;
  /** End of the open bucket (when `open`). */
  private end = 0;
  /** Trades before this time are late: the end of the last closed bucket. */
  private closedUntil = Number.NEGATIVE_INFINITY;

  constructor(
    opts: CandleBuilderOptions,
    private readonly onBar: (bar: Readonly<BuiltBar>, symbol: string) => void,
  ) {
    const where = `candle builder ${opts.symbol}`;
    if (!(Number.isInteger(opts.intervalMs) && opts.intervalMs >= 1000 && opts.intervalMs % 1000 === 0)) {
      throw new BadInputError(where, `intervalMs must be a whole number of seconds ≥ 1 s, got ${opts.intervalMs}`);
    }
    const grace = opts.graceMs ?? 0;
    if (!(Number.isFinite(grace) && grace >= 0)) throw new BadInputError(where, `graceMs must be a number ≥ 0, got ${grace}`);
    this.symbol = opts.symbol;
    this.intervalMs = opts.intervalMs;
    this.graceMs = grace;
  }

  /** The bar being formed (read-only, reused), or undefined when no bucket is open. */
  forming(): Readonly<BuiltBar> | undefined {
    return this.open ? this.bar : undefined;
  }

  /**
   * Bars up to `end` came from elsewhere (history candles at start): trades before it are late, so
   * no bar of a bucket already delivered is built again. Only before the first trade (no open bucket).
   */
  skipUntil(end: number): void {
    if (this.open) throw new BadInputError(`candle builder ${this.symbol}`, 'skipUntil while a bar is forming');
    if (end > this.closedUntil) this.closedUntil = end;
  }

  /** One trade at venue time `ts` (ms UTC). Closes the open bar first when the trade is of a later bucket. */
  onTrade(price: number, size: number, ts: number): void {
    if (!(price > 0 && price < Infinity && size > 0 && size < Infinity && Number.isFinite(ts))) {
      throw new BadInputError(`candle builder ${this.symbol}`, `trade needs a positive finite price and size and a finite time, got price ${price} size ${size} time ${ts}`);
    }
    const b = this.bar;
    if (this.open) {
      if (ts >= this.end) this.close();
      else if (ts < b.time) {
        this.lateTrades++;
        return;
      } else {
        if (price > b.high) b.high = price;
        if (price < b.low) b.low = price;
        b.close = price;
        b.volume += size;
        b.trades++;
        return;
      }
    }
    if (ts < this.closedUntil) {
      this.lateTrades++;
      return;
    }
    const t = barOpenAt(ts, this.intervalMs);
    b.time = t;
    b.open = price;
    b.high = price;
    b.low = price;
    b.close = price;
    b.volume = size;
    b.trades = 1;
    this.end = t + this.intervalMs;
    this.open = true;
  }

  /** The clock reached `now`: closes the open bar once `now` ≥ its end + grace (quiet markets still close bars). */
  onClock(now: number): void {
    if (this.open && now >= this.end + this.graceMs) this.close();
  }

  /** Emits the open bar now, whatever the clock (end of a stream). */
  flush(): void {
    if (this.open) this.close();
  }

  private close(): void {
    this.open = false;
    this.closedUntil = this.end;
    this.onBar(this.bar, this.symbol);
  }
}
