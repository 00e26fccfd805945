// `sextant record` as a function: opens a recording, subscribes through the WebSocket supervisor, records until stopped, flushes.
import { CANDLE_INTERVALS } from '../../core/bars.js';
import type { Clock, Scheduler, TimerHandle } from '../../core/clock.js';
import type { Envelope } from '../../core/envelope.js';
import { BadInputError, RetryableError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { RecordingStore } from '../../store/recording-port.js';
import { type HealthEvent, restRepair, type InfoReader, type Subscription, WsSupervisor, type SocketFactory, type WsSupervisorSettings } from '../../venues/hyperliquid/transport/index.js';
import { HyperliquidRecorder, type RecorderStats } from './recorder.js';
import type { BatchSettings } from './recording-writer.js';
import { quoteJson } from '../../core/quote-input.js';

/** Channels `record` subscribes per coin (allMids is one stream for every coin). */
export const RECORD_CHANNELS = ['l2Book', 'trades', 'candle', 'activeAssetCtx', 'bbo', 'allMids'] as const;
export const DEFAULT_RECORD_CHANNELS = ['l2Book', 'trades', 'candle', 'activeAssetCtx'] as const;

export interface RecordRequest {
  readonly symbols: readonly string[];
  readonly channels?: readonly string[];
  /** Candle interval (default 1m). */
  readonly interval?: string;
  readonly wsUrl: string;
  /** The REST base used for gap repairs (noted in the meta; the reader itself is `deps.info`). */
  readonly httpUrl?: string;
  /** Noted in the recording's meta. */
  readonly network?: string;
  /** Store venue name (default `hyperliquid`). */
  readonly venue?: string;
  /** Stop after this many frames (tests, samples); default: until the signal aborts. */
  readonly maxFrames?: number;
}

export interface RecordDeps {
  readonly store: RecordingStore;
  readonly scheduler: Scheduler;
  /** Receive times. */
  readonly clock: Clock;
  /** Reconnect jitter. */
  readonly rng: Rng;
  /** Ends the recording (SIGINT in the CLI); the open batch is flushed first. */
  readonly signal: AbortSignal;
  /** The live count line, about once a second (`progressEveryMs`). */
  readonly progress?: (line: string) => void;
  readonly progressEveryMs?: number;
  /** Connection health, bad frames and write failures, one line each. */
  readonly log?: (line: string) => void;
  readonly batch?: BatchSettings;
  /** Each frame's envelopes as they are recorded (a live kernel feed; tests compare them with the replay). */
  readonly onEvents?: (events: readonly Envelope[], tsInit: number) => void;
  readonly ws?: WsSupervisorSettings;
  readonly createSocket?: SocketFactory;
  /**
   * The venue's /info (through the rate-limited gateway), to repair gaps after a reconnect: the
   * trades and book the venue still has are stored as rows. Without it, a gap stays a gap (shown
   * in the health lines).
   */
  readonly info?: InfoReader;
}

export interface RecordSummary {
  readonly recording: number;
  readonly stats: RecorderStats;
}

/** The subscriptions of a request, checked; errors name the option. */
export function recordSubscriptions(req: RecordRequest): Subscription[] {
  if (req.symbols.length === 0) throw new BadInputError('--symbols', 'give at least one coin, e.g. BTC');
  const channels = req.channels ?? DEFAULT_RECORD_CHANNELS;
  if (channels.length === 0) throw new BadInputError('--channels', 'give at least one channel');
  const interval = req.interval ?? '1m';
  if (!CANDLE_INTERVALS.includes(interval)) throw new BadInputError('--interval', `expected one of ${[...CANDLE_INTERVALS].join(' ')}, got ${quoteJson(interval)}`);
  const subs: Subscription[] = [];
  for (const ch of channels) {
    if (!(RECORD_CHANNELS as readonly string[]).includes(ch)) throw new BadInputError('--channels', `unknown channel ${quoteJson(ch)}; expected some of ${RECORD_CHANNELS.join(',')}`);
    if (ch === 'allMids') {
      subs.push({ type: 'allMids' });
      continue;
    }
    for (const coin of req.symbols) subs.push(ch === 'candle' ? { type: 'candle', coin, interval } : { type: ch, coin });
  }
  return subs;
}

/**
 * Records until `signal` aborts (or `maxFrames` frames arrived): then closes the socket, writes
 * the open batch and returns. A store write failure ends the recording with that error.
 */
export async function recordHyperliquid(req: RecordRequest, deps: RecordDeps): Promise<RecordSummary> {
  const subs = recordSubscriptions(req);
  const venue = req.venue ?? 'hyperliquid';
  const session = await deps.store.startRecording(venue, {
    symbols: req.symbols,
    channels: req.channels ?? DEFAULT_RECORD_CHANNELS,
    interval: req.interval ?? '1m',
    url: req.wsUrl,
    restUrl: req.httpUrl ?? null,
    network: req.network ?? null,
  });
  const log = deps.log ?? (() => undefined);
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  if (deps.signal.aborted) stop.abort();
  deps.signal.addEventListener('abort', onAbort, { once: true });
  let writeFailure: unknown;
  let badShown = 0;
  const recorder = new HyperliquidRecorder({
    store: deps.store,
    recording: session.id,
    venue,
    scheduler: deps.scheduler,
    batch: deps.batch,
    onEvents: deps.onEvents,
    onBadFrame: (channel, e) => {
      // The count line keeps counting; the first few are shown in full.
      if (badShown++ < 10) log(`bad ${channel} frame (recorded raw): ${e.message}`);
    },
    onWriteFailure: (e) => {
      writeFailure = e;
      log(`store write failed, recording stopped: ${(e as Error).message}`);
      stop.abort();
    },
  });
  const sup = new WsSupervisor({
    url: req.wsUrl,
    scheduler: deps.scheduler,
    rng: deps.rng,
    handler: (channel, frame) => {
      recorder.onFrame(channel, frame, deps.clock.now());
      if (req.maxFrames !== undefined && recorder.stats().frames >= req.maxFrames) stop.abort();
    },
    onEvent: (e) => log(healthLine(e)),
    // REST answers become rows (trades the socket missed, the book at reconnect), never frames:
    // the recording's frames stay exactly what arrived.
    repair:
      deps.info === undefined
        ? async () => undefined
        : restRepair(deps.info, {
            book: (coin, answer) => recorder.onRepair('l2Book', coin, answer, deps.clock.now()),
            trades: (coin, answer) => recorder.onRepair('trades', coin, answer, deps.clock.now()),
          }),
    config: deps.ws,
    createSocket: deps.createSocket,
  });
  let ticker: TimerHandle | undefined;
  const every = deps.progressEveryMs ?? 1000;
  const tick = (): void => {
    deps.progress?.(`recording ${session.id}: ${recorder.progressLine()}`);
    ticker = deps.scheduler.setTimeout(tick, every);
  };
  try {
    sup.start();
    ticker = deps.scheduler.setTimeout(tick, every);
    // Acks arrive in the background; a subscription the venue refuses shows in the health lines.
    for (const s of subs) sup.subscribe(s, { signal: stop.signal }).catch(() => undefined);
    if (!stop.signal.aborted) await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
    if (ticker !== undefined) deps.scheduler.clearTimeout(ticker);
    await sup.close();
  }
  await recorder.flush().catch((e: unknown) => {
    // Every batch before the failed one is stored; the failed one and later frames are not.
    throw new RetryableError(`recording ${session.id}: a batch could not be stored (${(e as Error).message}); what was stored before it stays`, { cause: writeFailure ?? e });
  });
  deps.progress?.(`recording ${session.id}: ${recorder.progressLine()}`);
  return { recording: session.id, stats: recorder.stats() };
}

function healthLine(e: HealthEvent): string {
  const d = e.data as { reason?: string; detail?: string; to?: string; stream?: string };
  return `${e.type}${d.stream !== undefined ? ` ${d.stream}` : ''}${d.to !== undefined ? ` → ${d.to}` : ''}${d.reason !== undefined ? ` (${d.reason})` : ''}${d.detail !== undefined ? `: ${d.detail}` : ''}`;
}
