// `--market replay:RUN`: a stored recording as the local venue's frame source, with each symbol's first recorded mid as its start price.
import { BadInputError } from '../core/errors.js';
import { BOOK, type BookData } from '../market/market-events.js';
import type { ReplayFrame, ReplayOptions } from '../localnet/hyperliquid/venue-options.js';
import type { RecordingInfo, RecordingStore } from '../store/recording-port.js';
import { HlFrameDecoder } from '../venues/hyperliquid/parse/frame-decoder.js';

/** Frames read per page. */
const PAGE = 2_000;
/** Frames searched for each symbol's first book before the recording is refused. */
const SCAN_FRAMES = 100_000;

export interface ReplayMarket {
  readonly recording: RecordingInfo;
  readonly replay: ReplayOptions;
  /** Each symbol's mid in its first recorded book (the venue starts there, its candle history ends there). */
  readonly startPrices: ReadonlyMap<string, number>;
}

/** Opens recording RUN of `--market replay:RUN` for `symbols`; a clear BadInputError when it is unknown or lacks a symbol. */
export async function openReplayMarket(store: RecordingStore, market: string, symbols: readonly string[], speed = 1): Promise<ReplayMarket> {
  const where = `--market ${market}`;
  const run = market.slice('replay:'.length);
  const id = Number(run);
  if (!/^[1-9][0-9]{0,15}$/.test(run) || !Number.isSafeInteger(id)) throw new BadInputError(where, 'expected replay:RUN with RUN a recording id (`sextant recordings list`)');
  const recording = await store.getRecording(id);
  if (recording === undefined) {
    const known = await store.listRecordings();
    throw new BadInputError(where, `no recording ${id}; ${known.length === 0 ? 'the store has none (make one with `sextant record`)' : `the store has ${known.map(describe).join('; ')}`}`);
  }
  const noted = recording.meta.symbols;
  if (Array.isArray(noted)) {
    const missing = symbols.filter((s) => !noted.includes(s));
    if (missing.length > 0) throw new BadInputError(where, `recording ${id} has no ${missing.join(', ')} (it recorded ${noted.join(', ')})`);
  }
  const startPrices = await firstMids(store, id, symbols);
  const missing = symbols.filter((s) => !startPrices.has(s));
  if (missing.length > 0) throw new BadInputError(where, `recording ${id} has no book of ${missing.join(', ')} in its first ${Math.min(SCAN_FRAMES, recording.frames)} frame(s)`);
  return { recording, startPrices, replay: { label: `recording ${id}`, frames: framesOf(store, id), speed } };
}

function describe(r: RecordingInfo): string {
  const symbols = Array.isArray(r.meta.symbols) ? ` ${r.meta.symbols.join(',')}` : '';
  return `${r.id} (${new Date(r.startedAt).toISOString()}${symbols}, ${r.frames} frames)`;
}

/** Each symbol's mid in its first book, searching the first SCAN_FRAMES frames. */
async function firstMids(store: RecordingStore, id: number, symbols: readonly string[]): Promise<Map<string, number>> {
  const want = new Set(symbols);
  const out = new Map<string, number>();
  const decoder = new HlFrameDecoder();
  let next = 1;
  while (out.size < want.size && next <= SCAN_FRAMES) {
    const page = await store.readFrames(id, next, PAGE);
    for (const f of page) {
      if (f.channel !== 'l2Book') continue;
      const d = decoder.decode(f.payload, f.tsInit);
      if (!d.ok) continue; // malformed when recorded too: the replay skips it as well
      for (const e of d.events) {
        if (e.type !== BOOK || !want.has(e.symbol) || out.has(e.symbol)) continue;
        const b = e.data as BookData;
        if (b.bids.length > 0 && b.asks.length > 0) out.set(e.symbol, (b.bids[0] + b.asks[0]) / 2);
      }
    }
    if (page.length < PAGE) break;
    next = page[page.length - 1].seq + 1;
  }
  return out;
}

/** The recording's frames in seq order, page by page; a gap in the seqs is an error. */
async function* framesOf(store: RecordingStore, id: number): AsyncGenerator<ReplayFrame> {
  let next = 1;
  for (;;) {
    const page = await store.readFrames(id, next, PAGE);
    for (const f of page) {
      if (f.seq !== next) throw new BadInputError(`recording ${id}`, `frame seq ${next} is missing (next stored is ${f.seq})`);
      next++;
      yield f;
    }
    if (page.length < PAGE) return;
  }
}
