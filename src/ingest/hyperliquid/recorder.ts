// The Hyperliquid recorder: every received frame stored raw in arrival order, parsed once, its market rows batched beside it, with live counters.
import type { Envelope } from '../../core/envelope.js';
import type { BadInputError } from '../../core/errors.js';
import type { RecordingStore } from '../../store/recording-port.js';
import { parseL2BookResponse } from '../../venues/hyperliquid/parse/l2-book.js';
import { TradeFrameRows } from '../../venues/hyperliquid/parse/trade-frame-rows.js';
import { parseTrades } from '../../venues/hyperliquid/parse/trades.js';
import type { Scheduler } from '../../core/clock.js';
import { HlFrameDecoder } from '../../venues/hyperliquid/parse/frame-decoder.js';
import { appendRows, messageSymbol } from './recording-rows.js';
import { RecordingWriter, type BatchSettings, type WriterTotals } from './recording-writer.js';

export interface RecorderOptions {
  readonly store: RecordingStore;
  /** The session frames are appended to (from `store.startRecording`). */
  readonly recording: number;
  /** Venue name of the parsed rows (default `hyperliquid`). */
  readonly venue?: string;
  /** Arms the batch latency timer. */
  readonly scheduler: Scheduler;
  readonly batch?: BatchSettings;
  /** Live consumers (a kernel feed, a test): each frame's envelopes, as the replay will rebuild them. */
  readonly onEvents?: (events: readonly Envelope[], tsInit: number) => void;
  /** A malformed frame (already counted and recorded raw); the error names the channel and field. */
  readonly onBadFrame?: (channel: string, error: BadInputError) => void;
  /** A store write failed: the recorder has stopped storing. */
  readonly onWriteFailure?: (error: unknown) => void;
}

/** Counters of one stream (`BTC l2Book`) or, for frames naming no coin, of one channel. */
export interface StreamCounters {
  frames: number;
  /** Parsed market rows (trades, book snapshots, candles, contexts). */
  rows: number;
  errors: number;
}

export interface RecorderStats {
  readonly frames: number;
  readonly errors: number;
  readonly lastError: string | undefined;
  /** Keyed `BTC l2Book`, or the bare channel (`subscriptionResponse`, `text`, …); insertion order. */
  readonly streams: ReadonlyMap<string, Readonly<StreamCounters>>;
  /** What the store has confirmed. */
  readonly written: Readonly<WriterTotals>;
}

export class HyperliquidRecorder {
  private readonly decoder = new HlFrameDecoder();
  /**
   * With no live consumer nobody needs a trade's envelope: trades frames in the venue's layout
   * are then read straight into rows (the full parser still decides every other frame).
   */
  private readonly tradeRows: TradeFrameRows | undefined;
  private readonly writer: RecordingWriter;
  /** By display key, in order of first appearance (for stats and the progress line). */
  private readonly streams = new Map<string, StreamCounters>();
  /** The same counters by channel, then symbol: the per-frame lookup. */
  private readonly byChannel = new Map<string, Map<string | undefined, StreamCounters>>();
  private lastTsInit = Number.NEGATIVE_INFINITY;
  private frames = 0;
  private errors = 0;
  private lastError: string | undefined;
  private stopped = false;

  constructor(
    private readonly options: RecorderOptions,
    /** Frames already in the recording (to continue a session); 0 for a new one. */
    firstSeq = 1,
  ) {
    this.tradeRows = options.onEvents === undefined ? new TradeFrameRows() : undefined;
    this.writer = new RecordingWriter(options.store, options.recording, firstSeq, options.venue ?? 'hyperliquid', options.scheduler, options.batch, (e) => {
      this.stopped = true;
      options.onWriteFailure?.(e);
    });
  }

  /**
   * Records one frame. `channel` as the frame source routed it (undefined: taken from the parse).
   * `receivedAt` is our clock at receipt; a clock step backwards is clamped to the previous
   * frame's time, so receive times never decrease and replay can step the kernel by them.
   * Never throws for bad frames: they are stored raw, counted and reported.
   */
  onFrame(channel: string | undefined, frame: Buffer, receivedAt: number): void {
    if (this.stopped) return;
    const tsInit = receivedAt < this.lastTsInit ? this.lastTsInit : receivedAt;
    this.lastTsInit = tsInit;
    const w = this.writer;
    let ch: string;
    let symbol: string | undefined;
    let rows = this.tradeRows === undefined ? -1 : this.readTrades(this.tradeRows, frame);
    let events: readonly Envelope[] | undefined;
    let bad: BadInputError | undefined;
    if (rows >= 0) {
      ch = channel ?? 'trades';
      symbol = (this.tradeRows as TradeFrameRows).symbol;
    } else {
      const d = this.decoder.decode(frame, tsInit);
      if (d.ok) {
        const m = d.message;
        ch = channel ?? (m.channel === 'unknown' ? m.name : m.channel);
        rows = appendRows(m, w.sink);
        symbol = messageSymbol(m);
        events = d.events;
      } else {
        // The parser's error names the channel once it read it (`hyperliquid ws activeAssetCtx`).
        ch = channel ?? (/^hyperliquid ws (\S+)$/.exec(d.error.where)?.[1] ?? 'invalid');
        rows = 0;
        bad = d.error;
      }
    }
    w.addFrame(tsInit, ch, frame);
    const counters = this.counters(symbol, ch);
    if (events !== undefined && events.length > 0) this.options.onEvents?.(events, tsInit);
    if (bad !== undefined) {
      counters.errors++;
      this.errors++;
      this.lastError = bad.message;
      this.options.onBadFrame?.(ch, bad);
    }
    counters.frames++;
    counters.rows += rows;
    this.frames++;
    w.added(1 + rows);
  }

  /**
   * A trades frame in the venue's layout read straight into the batch's trade columns: how many,
   * or −1 (nothing kept) for any other frame, which then takes the full parser.
   */
  private readTrades(reader: TradeFrameRows, frame: Buffer): number {
    const trades = this.writer.sink.trades;
    const mark = trades.length;
    const rows = reader.read(frame, trades);
    if (rows < 0) trades.truncate(mark);
    return rows;
  }

  /**
   * Rows from a REST answer fetched to repair a gap after a reconnect (`recentTrades`, `l2Book`),
   * stored beside the frames' rows under `<coin> <channel> (REST)` — never as frames, so a replay
   * stays exactly what arrived. Trades already stored are skipped by the store. Returns the newest
   * venue time in the answer (the supervisor's evidence that the stream is current again), or
   * undefined for an empty answer. A malformed answer throws a BadInputError naming the field.
   */
  onRepair(channel: 'trades' | 'l2Book', coin: string, answer: unknown, receivedAt: number): number | undefined {
    if (this.stopped) return undefined;
    const tsInit = receivedAt < this.lastTsInit ? this.lastTsInit : receivedAt;
    const sink = this.writer.sink;
    let rows = 0;
    let newest: number | undefined;
    if (channel === 'trades') {
      for (const t of parseTrades(answer, `hyperliquid info recentTrades ${coin}`)) {
        sink.trades.push(t.coin, t.time, t.tid, t.side, t.price, t.size);
        rows++;
        if (newest === undefined || t.time > newest) newest = t.time;
      }
    } else {
      const b = parseL2BookResponse(answer, `hyperliquid info l2Book ${coin}`);
      if (b !== undefined) {
        sink.books.push({ symbol: b.coin, time: b.time, tsInit, bids: b.bids, asks: b.asks });
        rows = 1;
        newest = b.time;
      }
    }
    const c = this.counters(coin, `${channel} (REST)`);
    c.rows += rows;
    if (rows > 0) this.writer.added(rows);
    return newest;
  }

  /** Writes the open batch and waits for every write; rejects with a write failure. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  stats(): RecorderStats {
    return { frames: this.frames, errors: this.errors, lastError: this.lastError, streams: this.streams, written: this.writer.totals };
  }

  /** One line for a terminal: `BTC l2Book 1 234 frames, BTC trades 567 rows, … ; 2 bad frames`. */
  progressLine(): string {
    const parts: string[] = [];
    for (const [key, c] of this.streams) {
      if (c.rows > 0) parts.push(`${key} ${group(c.frames)} frames ${group(c.rows)} rows`);
      else parts.push(`${key} ${group(c.frames)} frames`);
    }
    const w = this.writer.totals;
    let line = `${parts.join(', ') || 'no frames yet'}; stored ${group(w.frames)} frames ${group(w.rows)} rows`;
    if (this.errors > 0) line += `; ${group(this.errors)} bad frames (last: ${this.lastError})`;
    return line;
  }

  /** The counters of `<symbol> <channel>` (or of the bare channel), found without building the key. */
  private counters(symbol: string | undefined, channel: string): StreamCounters {
    let bySymbol = this.byChannel.get(channel);
    if (bySymbol === undefined) this.byChannel.set(channel, (bySymbol = new Map()));
    let c = bySymbol.get(symbol);
    if (c === undefined) {
      c = { frames: 0, rows: 0, errors: 0 };
      bySymbol.set(symbol, c);
      this.streams.set(symbol === undefined ? channel : `${symbol} ${channel}`, c);
    }
    return c;
  }
}

/** 1234567 → "1 234 567" (thin grouping that reads in any locale). */
function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
