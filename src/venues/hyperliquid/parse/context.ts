// What every Hyperliquid stream parser stamps on an envelope: the source name, our clock (tsInit) and a seq counter per (type, symbol).
import type { Clock } from '../../../core/clock.js';

export const HL_SOURCE = 'hyperliquid';

/**
 * Hyperliquid frames carry no sequence numbers (l2Book is a full snapshot per block, trades have
 * tids), so `seq` is ours: 1, 2, 3, … per (event type, symbol) in arrival order, which makes
 * a recording replay in exactly that order. One instance per connection.
 */
export class HlStamp {
  private readonly seqs = new Map<string, Map<string, number>>();

  constructor(
    readonly clock: Clock,
    readonly source: string = HL_SOURCE,
  ) {}

  /** The next seq of the stream (type, symbol); the first is 1. */
  seq(type: string, symbol: string): number {
    let bySymbol = this.seqs.get(type);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.seqs.set(type, bySymbol);
    }
    const next = (bySymbol.get(symbol) ?? 0) + 1;
    bySymbol.set(symbol, next);
    return next;
  }

  /** tsInit: our clock, ms UTC. */
  now(): number {
    return this.clock.now();
  }
}
