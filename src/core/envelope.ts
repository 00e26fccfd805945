// The event envelope every market and account event travels in.

/**
 * `tsEvent` is venue time (set by the parser), `tsInit` our clock when the event entered Sextant;
 * `seq` is monotonic per (source, stream) so gaps are detectable.
 */
export interface Envelope<T extends string = string, D = unknown> {
  readonly type: T;
  readonly symbol: string;
  readonly source: string;
  readonly seq: number;
  readonly tsEvent: number;
  readonly tsInit: number;
  readonly data: D;
}

/** Builds a frozen envelope. */
export function envelope<T extends string, D>(
  type: T,
  symbol: string,
  source: string,
  seq: number,
  tsEvent: number,
  tsInit: number,
  data: D,
): Envelope<T, D> {
  return Object.freeze({ type, symbol, source, seq, tsEvent, tsInit, data });
}
