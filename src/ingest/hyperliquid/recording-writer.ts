// Batches a recording's frames and rows into atomic store writes: flushed at `maxRows` rows or `maxLatencyMs` after the first unflushed row.
import { BadInputError } from '../../core/errors.js';
import { FrameColumns } from '../../store/frame-columns.js';
import type { RecordingBatchCounts, RecordingStore } from '../../store/recording-port.js';
import type { Scheduler, TimerHandle } from '../../core/clock.js';
import { TradeColumns } from '../../store/trade-columns.js';
import type { RowSink } from './recording-rows.js';

export interface BatchSettings {
  /** Rows (frames + parsed rows) that trigger a write (default 5000). */
  readonly maxRows?: number;
  /** Longest a row waits in memory before its batch is written, ms (default 250). */
  readonly maxLatencyMs?: number;
}

export interface WriterTotals {
  batches: number;
  frames: number;
  /** Parsed rows written (trades new, books, candles, contexts) and trades already stored. */
  rows: number;
  duplicates: number;
}

class OpenBatch implements RowSink {
  readonly frames: FrameColumns;
  readonly trades = new TradeColumns();
  readonly books: RowSink['books'] = [];
  readonly candles: RowSink['candles'] = [];
  readonly contexts: RowSink['contexts'] = [];
  rows = 0;

  constructor(firstSeq: number, byteCapacity?: number) {
    this.frames = new FrameColumns(firstSeq, byteCapacity);
  }
}

/**
 * Each batch is one `appendBatch`, i.e. one transaction: a crash loses at most the open batch
 * (and those being written), never half of one. The first failed write stops the writer: later
 * batches would not continue the seq (the store refuses them whole), and going on silently
 * without the lost frames would break the replay guarantee.
 */
export class RecordingWriter {
  readonly totals: WriterTotals = { batches: 0, frames: 0, rows: 0, duplicates: 0 };
  private readonly maxRows: number;
  private readonly maxLatencyMs: number;
  private open: OpenBatch;
  private timer: TimerHandle | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(
    private readonly store: RecordingStore,
    private readonly recording: number,
    /** The seq of the next frame (1 for a new recording). */
    firstSeq: number,
    private readonly venue: string,
    private readonly scheduler: Scheduler,
    settings: BatchSettings = {},
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {
    this.maxRows = settings.maxRows ?? 5000;
    this.maxLatencyMs = settings.maxLatencyMs ?? 250;
    this.open = new OpenBatch(firstSeq);
    if (!(Number.isInteger(this.maxRows) && this.maxRows >= 1)) throw new BadInputError('batch.maxRows', `must be a whole number ≥ 1, got ${this.maxRows}`);
    if (!(this.maxLatencyMs > 0 && Number.isFinite(this.maxLatencyMs))) throw new BadInputError('batch.maxLatencyMs', `must be a positive number of ms, got ${this.maxLatencyMs}`);
  }

  /** The first write error, once the writer has stopped. */
  get failed(): unknown {
    return this.failure;
  }

  /** The open batch's row sink: the caller pushes a frame's parsed rows here, then calls `added`. */
  get sink(): RowSink {
    return this.open;
  }

  /** Adds a raw frame (its bytes are copied) to the open batch as the recording's next seq. */
  addFrame(tsInit: number, channel: string, payload: Uint8Array): void {
    this.open.frames.push(tsInit, channel, payload);
  }

  /** Counts `rows` (the frame and its parsed rows) into the open batch and writes it when full. */
  added(rows: number): void {
    const b = this.open;
    b.rows += rows;
    if (b.rows >= this.maxRows) this.closeBatch();
    else if (this.timer === undefined) this.timer = this.scheduler.setTimeout(() => ((this.timer = undefined), this.closeBatch()), this.maxLatencyMs);
  }

  /** Writes the open batch and waits for every write so far; rejects with the first write error. */
  async flush(): Promise<void> {
    this.closeBatch();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    if (this.failure !== undefined) throw this.failure;
  }

  private closeBatch(): void {
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
    const b = this.open;
    if (b.frames.length === 0 && b.rows === 0) return;
    // Sized like this batch's bytes, so the next one rarely grows its buffer.
    this.open = new OpenBatch(b.frames.nextSeq, b.frames.byteLength + (b.frames.byteLength >> 2));
    if (this.failure !== undefined) return;
    // Issued at once: the store applies batches in call order (SQLite writes inside this call),
    // so nothing waits on a promise and a synchronous caller never builds a backlog.
    const w = this.write(b);
    this.inFlight.add(w);
    void w.finally(() => this.inFlight.delete(w));
  }

  private async write(b: OpenBatch): Promise<void> {
    let c: RecordingBatchCounts;
    try {
      c = await this.store.appendBatch({ recording: this.recording, venue: this.venue, frames: b.frames, trades: b.trades, books: b.books, candles: b.candles, contexts: b.contexts });
    } catch (e) {
      if (this.failure === undefined) {
        this.failure = e;
        this.onFailure(e);
      }
      return;
    }
    const t = this.totals;
    t.batches++;
    t.frames += c.frames;
    t.rows += c.trades + c.books + c.candles + c.contexts;
    t.duplicates += c.tradesDuplicate;
  }
}
