// The supervisor's health events (stream.stale, stream.recovered, stream.degraded, connection.state) in the event envelope.
import { envelope, type Envelope } from '../../../core/envelope.js';
import type { ConnectionState } from './connection-state.js';

export const HEALTH_SOURCE = 'hyperliquid.ws';

/** Why a stream is stale: it went quiet, the socket dropped, or a gap awaits repair. */
export type StaleReason = 'silence' | 'disconnected' | 'gap';

/** What was wrong with the data of a stream (or, for stream `connection`, of the socket). */
export type DegradedReason = 'garbage' | 'out-of-order' | 'handler-error' | 'unrouted' | 'repair-failed' | 'ack-timeout' | 'venue-error';

export interface StreamStaleData {
  readonly stream: string;
  readonly channel: string;
  readonly reason: StaleReason;
  /** Scheduler time of the last data (frame or repair), NaN if none yet. */
  readonly lastDataAt: number;
  readonly thresholdMs: number;
  /** The stream will not recover before a REST repair succeeds. */
  readonly needsRepair: boolean;
}

export interface StreamRecoveredData {
  readonly stream: string;
  readonly channel: string;
  readonly staleForMs: number;
  /** True when a REST repair was part of the recovery. */
  readonly repaired: boolean;
}

export interface StreamDegradedData {
  readonly stream: string;
  readonly channel: string;
  readonly reason: DegradedReason;
  readonly detail: string;
  /** Occurrences of this reason on this stream so far. */
  readonly count: number;
  /** Occurrences not reported separately since the last report (reports are rate limited per reason). */
  readonly unreported: number;
  readonly cause?: unknown;
}

export interface ConnectionStateData {
  readonly from: ConnectionState;
  readonly to: ConnectionState;
  readonly reason: string;
  readonly cause?: unknown;
}

export type StreamStaleEvent = Envelope<'stream.stale', StreamStaleData>;
export type StreamRecoveredEvent = Envelope<'stream.recovered', StreamRecoveredData>;
export type StreamDegradedEvent = Envelope<'stream.degraded', StreamDegradedData>;
export type ConnectionStateEvent = Envelope<'connection.state', ConnectionStateData>;
export type HealthEvent = StreamStaleEvent | StreamRecoveredEvent | StreamDegradedEvent | ConnectionStateEvent;

/** Numbers and stamps events for one supervisor: `seq` is monotonic per supervisor, times are scheduler time. */
export class HealthEventFactory {
  private seq = 0;

  constructor(private readonly now: () => number) {}

  stale(symbol: string, data: StreamStaleData): StreamStaleEvent {
    return this.make('stream.stale', symbol, data);
  }

  recovered(symbol: string, data: StreamRecoveredData): StreamRecoveredEvent {
    return this.make('stream.recovered', symbol, data);
  }

  degraded(symbol: string, data: StreamDegradedData): StreamDegradedEvent {
    return this.make('stream.degraded', symbol, data);
  }

  connection(data: ConnectionStateData): ConnectionStateEvent {
    return this.make('connection.state', '*', data);
  }

  private make<T extends string, D>(type: T, symbol: string, data: D): Envelope<T, D> {
    const t = this.now();
    return envelope(type, symbol, HEALTH_SOURCE, ++this.seq, t, t, Object.freeze(data));
  }
}
