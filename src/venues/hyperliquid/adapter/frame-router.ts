// Routes parsed WebSocket frames to one callback per stream, and turns REST repair snapshots into the same envelopes.
import type { Clock } from '../../../core/clock.js';
import { envelope, type Envelope } from '../../../core/envelope.js';
import { BadInputError } from '../../../core/errors.js';
import { BOOK, TRADE, type BookEvent, type TradeEvent } from '../../../market/market-events.js';
import type { HlOrder } from '../parse/account-types.js';
import { HlStamp } from '../parse/context.js';
import { parseL2BookResponse } from '../parse/l2-book.js';
import { parseFrontendOpenOrders } from '../parse/orders.js';
import { parseTrades } from '../parse/trades.js';
import { HlWsParser } from '../parse/ws-frame.js';
import type { HlWsMessage } from '../parse/ws-messages.js';
import type { RepairSinks } from '../transport/rest-repair.js';

/** Receives the envelopes of one stream, in arrival order. Throwing marks the frame as rejected (stream.degraded). */
export type EnvelopeSink = (event: Envelope) => void;

/** Receives the open orders fetched after an orderUpdates gap (that channel has no snapshot of its own). */
export type OpenOrdersSink = (orders: readonly HlOrder[]) => void;

/**
 * Owns the parser of one connection (so seq counters run per stream across reconnects) and the
 * callbacks by stream key, in the supervisor's format: `l2Book:BTC`, `trades:BTC`,
 * `candle:BTC:1m`, `activeAssetCtx:BTC`, `bbo:BTC`, `allMids`, `user`, `orderUpdates`, `userFills`.
 */
export class FrameRouter {
  readonly stamp: HlStamp;
  private readonly parser: HlWsParser;
  private readonly sinks = new Map<string, EnvelopeSink>();
  private openOrdersSink: OpenOrdersSink | undefined;
  /** Venue time of the newest book applied per coin, so an older REST snapshot is never delivered. */
  private readonly bookTime = new Map<string, number>();
  /** Venue time of the newest trade delivered per coin: a trades repair delivers only later ones. */
  private readonly tradeTime = new Map<string, number>();

  constructor(clock: Clock, source?: string) {
    this.stamp = new HlStamp(clock, source);
    this.parser = new HlWsParser(this.stamp);
  }

  attach(key: string, sink: EnvelopeSink): void {
    if (this.sinks.has(key)) throw new BadInputError('subscription', `${key} already has a subscriber`);
    this.sinks.set(key, sink);
  }

  detach(key: string): void {
    this.sinks.delete(key);
  }

  setOpenOrdersSink(sink: OpenOrdersSink | undefined): void {
    this.openOrdersSink = sink;
  }

  /** The supervisor's frame handler. Parse errors are BadInputErrors: the supervisor counts them as garbage. */
  readonly onFrame = (_channel: string, frame: Buffer): void => {
    this.route(this.parser.parse(frame));
  };

  route(m: HlWsMessage): void {
    switch (m.channel) {
      case 'l2Book':
        return this.book(m.event);
      case 'trades':
        for (const e of m.events) this.trade(e);
        return;
      case 'candle':
        for (const e of m.events) this.deliver(`candle:${e.symbol}:${e.data.interval}`, e);
        return;
      case 'activeAssetCtx':
      case 'activeSpotAssetCtx':
        return this.deliver(`activeAssetCtx:${m.event.symbol}`, m.event);
      case 'bbo':
        return this.deliver(`bbo:${m.event.symbol}`, m.event);
      case 'allMids':
        return this.deliver('allMids', m.event);
      case 'orderUpdates':
      case 'user':
      case 'userFills':
      case 'userFundings':
        for (const e of m.events) this.deliver(m.channel, e);
        return;
      default:
        // Control frames (pong, acks, errors, posts) are the supervisor's; unknown channels are not ours to read.
        return;
    }
  }

  /** Repair sinks for the supervisor's standard REST repair: snapshots become envelopes on the same streams. */
  repairSinks(): RepairSinks {
    return {
      book: (coin, answer) => {
        const raw = parseL2BookResponse(answer);
        if (raw === undefined) return undefined;
        const applied = this.bookTime.get(coin) ?? -Infinity;
        // Frames kept flowing during the fetch: a snapshot older than the book would move it back.
        if (raw.time < applied) return applied;
        const st = this.stamp;
        this.book(envelope(BOOK, coin, st.source, st.seq(BOOK, coin), raw.time, st.now(), Object.freeze({ snapshot: true, bids: raw.bids, asks: raw.asks })));
        return raw.time;
      },
      trades: (coin, answer) => {
        const after = this.tradeTime.get(coin) ?? -Infinity;
        // recentTrades is newest first; deliver the missed ones oldest first. Trades in the very
        // millisecond of the last one delivered cannot be told from it by time and are skipped.
        const missed = parseTrades(answer, 'hyperliquid info recentTrades').filter((t) => t.time > after).sort((a, b) => a.time - b.time);
        const st = this.stamp;
        const now = st.now();
        for (const t of missed) {
          const data = Object.freeze({ price: t.price, size: t.size, side: t.side, tradeId: String(t.tid) });
          this.trade(envelope(TRADE, t.coin, st.source, st.seq(TRADE, t.coin), t.time, now, data));
        }
        const newest = this.tradeTime.get(coin);
        return newest === undefined || newest === -Infinity ? undefined : newest;
      },
      openOrders: (_user, answer) => {
        this.openOrdersSink?.(parseFrontendOpenOrders(answer));
      },
    };
  }

  private book(e: BookEvent): void {
    this.bookTime.set(e.symbol, e.tsEvent);
    this.deliver(`l2Book:${e.symbol}`, e);
  }

  private trade(e: TradeEvent): void {
    if (e.tsEvent > (this.tradeTime.get(e.symbol) ?? -Infinity)) this.tradeTime.set(e.symbol, e.tsEvent);
    this.deliver(`trades:${e.symbol}`, e);
  }

  private deliver(key: string, e: Envelope): void {
    this.sinks.get(key)?.(e);
  }
}
