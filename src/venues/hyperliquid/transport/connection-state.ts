// The WebSocket connection lifecycle as one transition table; a move the table does not allow is a bug and throws.
import { InvariantError } from '../../../core/errors.js';

/**
 * `open`: connected and every stream healthy. `stale`: connected but some stream has gone quiet
 * past its threshold or awaits repair. `degraded`: connected and fresh, but bad frames, failed
 * repairs or missing acks were seen recently. `reconnecting`: waiting out the backoff.
 */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'stale' | 'degraded' | 'reconnecting' | 'closed';

const TRANSITIONS: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = Object.freeze({
  idle: ['connecting', 'closed'],
  connecting: ['open', 'reconnecting', 'closed'],
  open: ['stale', 'degraded', 'reconnecting', 'closed'],
  stale: ['open', 'degraded', 'reconnecting', 'closed'],
  degraded: ['open', 'stale', 'reconnecting', 'closed'],
  reconnecting: ['connecting', 'closed'],
  closed: [],
});

export function canTransition(from: ConnectionState, to: ConnectionState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Returns `to`, or throws an InvariantError naming both states. */
export function transition(from: ConnectionState, to: ConnectionState): ConnectionState {
  if (!canTransition(from, to)) throw new InvariantError(`hyperliquid ws: connection cannot go from ${from} to ${to}`);
  return to;
}

/** The states in which a socket is up and streams can flow. */
export function isConnected(state: ConnectionState): boolean {
  return state === 'open' || state === 'stale' || state === 'degraded';
}
