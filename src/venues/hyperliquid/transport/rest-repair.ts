// The standard gap repair: fetch the REST snapshot for the stream's channel and hand it to the owner of the book/trades/orders.
import { BadInputError, RetryableError } from '../../../core/errors.js';
import type { Freshness } from './stale-cache.js';
import type { RepairFn, RepairRequest, RepairResult } from './stream-monitor.js';

/** Where repaired snapshots go. Each receives the /info answer as parsed JSON (the parser owns its shape). */
export interface RepairSinks {
  /** Applies an `l2Book` answer unless it is older than the book; returns its venue `time`. */
  book(coin: string, answer: unknown): number | undefined;
  /** Merges a `recentTrades` answer (dedupe by tid); returns the newest trade time if known. */
  trades(coin: string, answer: unknown): number | undefined;
  /** Reconciles open orders from `frontendOpenOrders` (orderUpdates has no snapshot of its own). */
  openOrders?(user: string, answer: unknown): void;
}

/** What the repair needs of the REST gateway. */
export interface InfoReader {
  info<T = unknown>(body: unknown, options?: { signal?: AbortSignal }): Promise<Freshness<T>>;
}

/**
 * A RepairFn over /info. A stale (cached) answer never counts as a repair: the stream stays
 * stale and the repair is retried after the cooldown.
 */
export function restRepair(rest: InfoReader, sinks: RepairSinks): RepairFn {
  return async (req: RepairRequest, signal: AbortSignal): Promise<RepairResult> => {
    switch (req.channel) {
      case 'l2Book': {
        const coin = need(req.coin, req);
        const time = sinks.book(coin, await fresh(rest, { type: 'l2Book', coin }, signal));
        return time === undefined ? {} : { time };
      }
      case 'trades': {
        const coin = need(req.coin, req);
        const time = sinks.trades(coin, await fresh(rest, { type: 'recentTrades', coin }, signal));
        return time === undefined ? {} : { time };
      }
      case 'orderUpdates': {
        const user = req.subscription.user;
        if (typeof user !== 'string' || sinks.openOrders === undefined) throw new BadInputError(`repair ${req.stream}`, 'orderUpdates repair needs subscription.user and an openOrders sink');
        sinks.openOrders(user, await fresh(rest, { type: 'frontendOpenOrders', user }, signal));
        return {};
      }
      default:
        throw new BadInputError(`repair ${req.stream}`, `no REST repair for channel ${req.channel}; remove it from repairChannels or pass a repair callback of your own`);
    }
  };
}

async function fresh(rest: InfoReader, body: { type: string; coin?: string; user?: string }, signal: AbortSignal): Promise<unknown> {
  const r = await rest.info(body, { signal });
  if (r.stale) {
    throw new RetryableError(`hyperliquid /info ${body.type}: only a cached answer from ${r.asOf} is available (rate limited); a repair needs a fresh one`, {
      cause: new Error('stale cache answer'),
    });
  }
  return r.value;
}

function need(coin: string | undefined, req: RepairRequest): string {
  if (coin === undefined) throw new BadInputError(`repair ${req.stream}`, 'the subscription has no coin');
  return coin;
}
