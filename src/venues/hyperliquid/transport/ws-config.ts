// WebSocket supervisor settings with their defaults (seed 003 freshness thresholds) and validation naming the key.
import { BadInputError } from '../../../core/errors.js';
import { checkBackoff, DEFAULT_BACKOFF, type BackoffConfig } from './backoff.js';

/** What a stream carries, which decides how long it may stay quiet. */
export type StreamKind = 'price' | 'book' | 'trades' | 'openInterest' | 'candle' | 'events';

export interface WsSupervisorConfig {
  /** Ping every this many ms. The venue drops a socket after 60 s without traffic; it asks for 30–50 s. */
  readonly heartbeatMs: number;
  /** No pong within this many ms after a ping ⇒ the socket is dead: reconnect. */
  readonly pongTimeoutMs: number;
  /** A socket not open after this many ms is abandoned and retried. */
  readonly connectTimeoutMs: number;
  /** A subscribe not acknowledged within this many ms is reported and sent again. */
  readonly ackTimeoutMs: number;
  /** Reconnect delays (1 s → 60 s, jittered). */
  readonly reconnect: BackoffConfig;
  /** A connection that stayed up this long resets the reconnect backoff. */
  readonly stableAfterMs: number;
  /** Longest silence per kind before a stream is stale; Infinity = never (event feeds are quiet by nature). */
  readonly freshnessMs: Readonly<Record<StreamKind, number>>;
  /** Channels that lose data across a gap and need a REST repair (trades and orderUpdates have no snapshot; books are repaired to be sure). */
  readonly repairChannels: readonly string[];
  /** Delays between repair attempts after a failed repair. */
  readonly repairBackoff: BackoffConfig;
  /** When every watched stream has been stale this long, the feed is stalled: reconnect (feeds stall silently for days). */
  readonly feedStallReconnectMs: number;
  /** A stream counts as degraded this long after a bad frame; repeated reports of one reason are at most this frequent. */
  readonly degradedWindowMs: number;
}

export const DEFAULT_WS_CONFIG: WsSupervisorConfig = Object.freeze({
  heartbeatMs: 30_000,
  pongTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  ackTimeoutMs: 10_000,
  reconnect: DEFAULT_BACKOFF,
  stableAfterMs: 60_000,
  freshnessMs: Object.freeze({ price: 3_000, book: 4_000, trades: 5_000, openInterest: 15_000, candle: 90_000, events: Infinity }),
  repairChannels: Object.freeze(['l2Book', 'trades', 'orderUpdates']),
  repairBackoff: DEFAULT_BACKOFF,
  feedStallReconnectMs: 60_000,
  degradedWindowMs: 30_000,
});

/** Partial settings with nested freshness overrides. */
export type WsSupervisorSettings = Partial<Omit<WsSupervisorConfig, 'freshnessMs'>> & { readonly freshnessMs?: Partial<Record<StreamKind, number>> };

/** Defaults merged with `settings`, checked; errors name the key under `where`. */
export function wsConfig(settings: WsSupervisorSettings = {}, where = 'hyperliquid.ws'): WsSupervisorConfig {
  const c: WsSupervisorConfig = {
    ...DEFAULT_WS_CONFIG,
    ...settings,
    freshnessMs: { ...DEFAULT_WS_CONFIG.freshnessMs, ...settings.freshnessMs },
  };
  if (!(c.heartbeatMs >= 1_000 && c.heartbeatMs <= 55_000)) throw new BadInputError(`${where}.heartbeatMs`, `must be within 1000–55000 ms (the venue closes idle sockets at 60 s), got ${c.heartbeatMs}`);
  for (const key of ['pongTimeoutMs', 'connectTimeoutMs', 'ackTimeoutMs', 'stableAfterMs', 'feedStallReconnectMs', 'degradedWindowMs'] as const) {
    if (!(c[key] > 0 && Number.isFinite(c[key]))) throw new BadInputError(`${where}.${key}`, `must be a positive number of ms, got ${c[key]}`);
  }
  for (const [kind, ms] of Object.entries(c.freshnessMs)) {
    if (!(ms > 0)) throw new BadInputError(`${where}.freshnessMs.${kind}`, `must be > 0 ms (or Infinity), got ${ms}`);
  }
  checkBackoff(c.reconnect, `${where}.reconnect`);
  checkBackoff(c.repairBackoff, `${where}.repairBackoff`);
  return Object.freeze(c);
}
