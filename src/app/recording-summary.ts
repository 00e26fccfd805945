// What a recording holds, for `sextant recordings`: its session (symbols, channels, time range), frames by channel, size, and (decoded) its trades and book snapshots.
import { isBookEvent, isTradeEvent } from '../market/market-events.js';
import type { RecordingInfo, RecordingStats, RecordingStore } from '../store/recording-port.js';
import { replayFrames } from './recording-replay.js';

export interface RecordingSummary {
  readonly info: RecordingInfo;
  readonly stats: RecordingStats;
  readonly symbols: readonly string[];
  readonly channels: readonly string[];
  /** Frames of the trades and l2Book channels (from the index; no decoding). */
  readonly tradeFrames: number;
  readonly bookFrames: number;
  /** Decoded counts (`decode: true` only): trades, book snapshots, malformed frames. */
  readonly decoded?: { readonly trades: number; readonly books: number; readonly badFrames: number };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function summarizeRecording(store: RecordingStore, info: RecordingInfo, decode: boolean): Promise<RecordingSummary> {
  const stats = await store.recordingStats(info.id);
  const frames = (ch: string): number => stats.channels.find((c) => c.channel === ch)?.frames ?? 0;
  const base = { info, stats, symbols: strings(info.meta.symbols), channels: strings(info.meta.channels), tradeFrames: frames('trades'), bookFrames: frames('l2Book') };
  if (!decode) return base;
  let trades = 0;
  let books = 0;
  let badFrames = 0;
  for await (const f of replayFrames(store, info.id)) {
    if (f.error !== undefined) badFrames++;
    for (const e of f.events) {
      if (isTradeEvent(e)) trades++;
      else if (isBookEvent(e)) books++;
    }
  }
  return { ...base, decoded: { trades, books, badFrames } };
}
