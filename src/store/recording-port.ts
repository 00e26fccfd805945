// The recording port: append-only raw frames of a live session plus the market rows parsed from them, written in atomic batches.
import type { Bar } from '../core/bars.js';
import type { Side } from '../core/orders.js';
import type { FrameColumns } from './frame-columns.js';
import type { TradeColumns } from './trade-columns.js';

/** One recording session (a run of `sextant record`). */
export interface RecordingInfo {
  /** Assigned by the store, increasing. */
  readonly id: number;
  readonly venue: string;
  /** From the store's injected clock. */
  readonly startedAt: number;
  /** Free JSON: symbols, channels, URL… as the recorder chose to note them. */
  readonly meta: Readonly<Record<string, unknown>>;
  /** Frames stored so far, and the receive times of the first and last (undefined when none). */
  readonly frames: number;
  readonly firstTsInit: number | undefined;
  readonly lastTsInit: number | undefined;
}

/** One frame exactly as it arrived: its bytes, its place in the stream and our receive time. */
export interface RecordedFrame {
  /** 1, 2, 3, … per recording, in arrival order, without gaps. */
  readonly seq: number;
  /** Receive time (our clock), ms UTC: the tsInit of every event parsed from it. */
  readonly tsInit: number;
  /** The channel the frame arrived on (`l2Book`, `trades`, …); `text` for non-JSON frames. */
  readonly channel: string;
  readonly payload: Uint8Array;
}

export interface TradeRow {
  readonly symbol: string;
  /** Venue time, ms UTC. */
  readonly time: number;
  /**
   * The venue's trade id, a non-negative whole number (Hyperliquid's `tid`); with the time, it
   * identifies a trade: one seen twice (e.g. after a reconnect) is stored once.
   */
  readonly tradeId: number;
  readonly side: Side;
  readonly price: number;
  readonly qty: number;
}

/** One full book snapshot; sides are flat [price, size, …], best first. */
export interface BookSnapshotRow {
  readonly symbol: string;
  /** Venue time, ms UTC. */
  readonly time: number;
  readonly tsInit: number;
  readonly bids: Float64Array;
  readonly asks: Float64Array;
}

/** One candle, keyed by (symbol, interval, open time): a later version of the open candle overwrites it. */
export interface CandleRow extends Bar {
  readonly intervalMs: number;
  /** Received after its interval closed; a forming candle (false) never overwrites a final one. */
  readonly final: boolean;
}

/** An asset context (funding, open interest, mark) at its receive time; null where the venue has none (spot). */
export interface AssetCtxRow {
  readonly symbol: string;
  readonly time: number;
  /** The current (predicted) funding rate per hour, not a settled payment. */
  readonly funding: number | null;
  readonly openInterest: number | null;
  readonly mark: number;
  readonly oracle: number | null;
  readonly mid: number | null;
  readonly premium: number | null;
}

/** Everything one batch writes: all of it or nothing. */
export interface RecordingBatch {
  readonly recording: number;
  /** Venue name of the parsed rows. */
  readonly venue: string;
  /** Must continue the recording's seq (its firstSeq is the last stored + 1). */
  readonly frames: FrameColumns;
  readonly trades: TradeColumns;
  readonly books: readonly BookSnapshotRow[];
  readonly candles: readonly CandleRow[];
  readonly contexts: readonly AssetCtxRow[];
}

/** A recording's frames by channel, and its size: the frames' own bytes and what the store keeps for them. */
export interface RecordingStats {
  /** By channel name, sorted; `frames` and `bytes` (the frames' own bytes) per channel. */
  readonly channels: readonly { readonly channel: string; readonly frames: number; readonly bytes: number }[];
  readonly frameBytes: number;
  /** Bytes the store holds for the frames (compressed payloads and their index). */
  readonly storedBytes: number;
}

/** Rows written by a batch; `tradesDuplicate`: trades already stored (skipped). */
export interface RecordingBatchCounts {
  readonly frames: number;
  readonly trades: number;
  readonly tradesDuplicate: number;
  readonly books: number;
  readonly candles: number;
  readonly contexts: number;
}

export interface RecordingStore {
  /** Opens a new recording session; frames are appended to it by `appendBatch`. */
  startRecording(venue: string, meta: Readonly<Record<string, unknown>>): Promise<RecordingInfo>;
  /**
   * Writes a batch in one transaction. Frames must continue the recording's seq without gaps,
   * else an InvariantError and nothing is written; bad rows are a BadInputError, nothing written.
   * Batches are applied in call order, also when the caller does not wait between calls (an
   * implementation with real I/O queues them).
   */
  appendBatch(batch: RecordingBatch): Promise<RecordingBatchCounts>;
  /** Frames with seq ≥ fromSeq, in seq order, at most `limit` (page through a long recording). */
  readFrames(recording: number, fromSeq: number, limit: number): Promise<RecordedFrame[]>;
  getRecording(id: number): Promise<RecordingInfo | undefined>;
  /** Frame counts by channel and sizes, without decompressing the frames. */
  recordingStats(id: number): Promise<RecordingStats>;
  /** Oldest first. */
  listRecordings(): Promise<RecordingInfo[]>;
  /** Trades with from ≤ time < to, by time then insertion. */
  loadTrades(venue: string, symbol: string, from?: number, to?: number): Promise<TradeRow[]>;
  /** Book snapshots with from ≤ time < to, by time then insertion. */
  loadBooks(venue: string, symbol: string, from?: number, to?: number): Promise<BookSnapshotRow[]>;
  /** Asset contexts with from ≤ time < to, by time then insertion. */
  loadAssetContexts(venue: string, symbol: string, from?: number, to?: number): Promise<AssetCtxRow[]>;
}
