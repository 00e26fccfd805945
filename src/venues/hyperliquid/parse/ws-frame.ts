// HlWsParser: one WebSocket frame (Buffer) to typed messages and envelopes; l2Book and trades by byte scanner, the rest by JSON.parse.
import { BadInputError } from '../../../core/errors.js';
import { envelope } from '../../../core/envelope.js';
import { BOOK, TRADE, type BookEvent, type TradeData, type TradeEvent } from '../../../market/market-events.js';
import { ByteScanner, ScanError, keyTable } from '../wire/byte-scanner.js';
import { arr, bool, fieldError, fixed, int, obj, str, text, type JsonObject } from '../wire/json-fields.js';
import {
  FILL,
  FUNDING,
  LIQUIDATION,
  NON_USER_CANCEL,
  ORDER_UPDATE,
  type FillEvent,
  type FundingEvent,
  type HlFill,
  type HlFunding,
  type OrderUpdateEvent,
} from './account-types.js';
import { parsePerpCtx, parseSpotCtx } from './asset-ctx.js';
import { parseCandle } from './candles.js';
import type { HlStamp } from './context.js';
import { parseFills } from './fills.js';
import { parseFundingDelta, parseFundings } from './funding.js';
import { L2BookScanner } from './l2-book-scan.js';
import { ALL_SYMBOLS, ASSET_CTX, BBO, CANDLE, MIDS, type CandleEvent } from './market-types.js';
import { parseAllMids, parseBbo } from './market-data.js';
import { parseOrderUpdates } from './orders.js';
import { TradesScanner } from './trades-scan.js';
import type { HlWsMessage, UserEventsEvent } from './ws-messages.js';

const TOP = keyTable('channel', 'data');
const WHERE = 'hyperliquid ws';
const WHERE_BOOK = 'hyperliquid ws l2Book';
const WHERE_TRADES = 'hyperliquid ws trades';
const PONG: HlWsMessage = Object.freeze({ channel: 'pong' });
const EMPTY = Buffer.alloc(0);

/**
 * Parses frames of one connection. Owns the scanners' scratch space and, through `stamp`, the
 * seq counters and the clock (tsInit, read once per frame). Every malformed frame throws a
 * BadInputError naming the channel and the field; nothing else escapes.
 */
export class HlWsParser {
  private readonly s = new ByteScanner();
  private readonly books = new L2BookScanner();
  private readonly trades = new TradesScanner();
  /** Error context of the frame being read: its channel once known, and whether inside `data`. */
  private channel: string | undefined;
  private inData = false;

  constructor(readonly stamp: HlStamp) {}

  parse(frame: Uint8Array | string): HlWsMessage {
    const buf = typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
    const s = this.s.reset(buf);
    this.channel = undefined;
    this.inData = false;
    try {
      if (s.peek() !== 0x7b) return { channel: 'text', text: s.buf.toString('utf8') };
      return this.frame(s);
    } catch (e) {
      if (e instanceof BadInputError) throw e;
      const where = this.channel === undefined ? WHERE : `${WHERE} ${this.channel}`;
      const part = this.inData ? 'data' : 'frame';
      if (e instanceof ScanError) throw new BadInputError(where, `${part}: expected ${e.expected}, got ${s.describeAt(e.pos)}`, { cause: e });
      throw new BadInputError(where, `${part} could not be parsed: ${(e as Error).message}`, { cause: e });
    } finally {
      // Do not keep the caller's buffer alive between frames.
      s.reset(EMPTY);
    }
  }

  private frame(s: ByteScanner): HlWsMessage {
    let channel: string | undefined;
    let dataStart = -1;
    let dataEnd = -1;
    let done: HlWsMessage | undefined;
    s.openObject();
    do {
      const k = s.key(TOP);
      if (k === 0) {
        channel = s.string();
        this.channel = channel;
      } else if (k === 1) {
        // The venue writes the channel first, so the hot channels are read in place, once.
        if (channel === 'l2Book') done = this.book(s);
        else if (channel === 'trades') done = this.tradeList(s);
        else {
          s.peek();
          dataStart = s.pos;
          this.inData = true;
          s.skipValue();
          this.inData = false;
          dataEnd = s.pos;
          done = undefined;
        }
      } else s.skipValue();
    } while (s.nextMember());
    if (!s.atEnd()) s.fail('the end of the frame');
    if (channel === undefined) throw new BadInputError(WHERE, 'channel: missing (expected a string)');
    if (done !== undefined) return done;
    if (channel === 'l2Book' || channel === 'trades') {
      if (dataStart < 0) throw new BadInputError(channel === 'l2Book' ? WHERE_BOOK : WHERE_TRADES, 'data: missing (expected the channel data)');
      // Data came before the channel: go back for it.
      s.reset(s.buf, dataStart, dataEnd);
      return channel === 'l2Book' ? this.book(s) : this.tradeList(s);
    }
    const data = dataStart < 0 ? undefined : (JSON.parse(s.buf.toString('utf8', dataStart, dataEnd)) as unknown);
    return this.json(channel, data);
  }

  private book(s: ByteScanner): HlWsMessage {
    const b = this.books.scan(s, WHERE_BOOK);
    const st = this.stamp;
    // Validated by the scanner (stricter than bookEvent: positive sizes, strictly ordered sides).
    const event: BookEvent = envelope(BOOK, b.coin, st.source, st.seq(BOOK, b.coin), b.time, st.now(), Object.freeze({ snapshot: true, bids: b.bids, asks: b.asks }));
    return { channel: 'l2Book', event };
  }

  private tradeList(s: ByteScanner): HlWsMessage {
    const raw = this.trades.scan(s, WHERE_TRADES);
    const st = this.stamp;
    const now = st.now();
    const events: TradeEvent[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i];
      const data: TradeData = Object.freeze({ price: t.price, size: t.size, side: t.side, tradeId: String(t.tid) });
      events[i] = envelope(TRADE, t.coin, st.source, st.seq(TRADE, t.coin), t.time, now, data);
    }
    return { channel: 'trades', events };
  }

  /** The channels read through JSON.parse: low rate, or shapes too varied to be worth a scanner. */
  private json(channel: string, data: unknown): HlWsMessage {
    const where = `${WHERE} ${channel}`;
    const st = this.stamp;
    const now = st.now();
    switch (channel) {
      case 'pong':
        return PONG;
      case 'subscriptionResponse': {
        const o = obj(data, where, 'data');
        return { channel, method: str(o.method, where, 'method'), subscription: obj(o.subscription, where, 'subscription') };
      }
      case 'error':
        return { channel, message: typeof data === 'string' ? data : JSON.stringify(data) ?? 'error' };
      case 'allMids': {
        const m = parseAllMids(data, where);
        // allMids has no venue time: tsEvent is our receive time.
        const symbol = m.dex ?? ALL_SYMBOLS;
        return { channel, event: envelope(MIDS, symbol, st.source, st.seq(MIDS, symbol), now, now, Object.freeze(m)) };
      }
      case 'candle': {
        // The docs show an array, the SDKs read one object: accept both.
        const items = Array.isArray(data) ? data : [data];
        // Parse all before stamping any, so a bad element consumes no seq.
        const candles = items.map((c, i) => parseCandle(c, where, Array.isArray(data) ? `[${i}]` : 'data'));
        const events: CandleEvent[] = candles.map(({ coin, ...candle }) =>
          // An open candle has no update time (its close time is in the future): tsEvent is our receive time.
          envelope(CANDLE, coin, st.source, st.seq(CANDLE, coin), now, now, Object.freeze(candle)),
        );
        return { channel, events };
      }
      case 'bbo': {
        const b = parseBbo(data, where);
        return { channel, event: envelope(BBO, b.coin, st.source, st.seq(BBO, b.coin), b.time, now, Object.freeze(b.bbo)) };
      }
      case 'activeAssetCtx':
      case 'activeSpotAssetCtx': {
        const o = obj(data, where, 'data');
        const coin = text(o.coin, where, 'coin');
        const ctx = channel === 'activeAssetCtx' ? parsePerpCtx(o.ctx, where, 'ctx') : parseSpotCtx(o.ctx, where, 'ctx');
        // Contexts carry no venue time: tsEvent is our receive time.
        const event = envelope(ASSET_CTX, coin, st.source, st.seq(ASSET_CTX, coin), now, now, Object.freeze(ctx));
        return channel === 'activeAssetCtx' ? { channel, event } : { channel, event };
      }
      case 'orderUpdates': {
        const events: OrderUpdateEvent[] = parseOrderUpdates(data, where).map((u) =>
          envelope(ORDER_UPDATE, u.order.symbol, st.source, st.seq(ORDER_UPDATE, u.order.symbol), u.statusTimestamp, now, Object.freeze(u)),
        );
        return { channel, events };
      }
      case 'userFills': {
        const o = obj(data, where, 'data');
        const events = parseFills(o.fills, where, 'fills').map((f) => this.fill(f, now));
        return { channel, user: text(o.user, where, 'user'), isSnapshot: snapshotFlag(o, where), events };
      }
      case 'userFundings': {
        const o = obj(data, where, 'data');
        const events = parseFundings(o.fundings, where, 'fundings').map((f) => this.funding(f, now));
        return { channel, user: text(o.user, where, 'user'), isSnapshot: snapshotFlag(o, where), events };
      }
      case 'user':
        return { channel, events: this.userEvents(data, where, now) };
      case 'notification': {
        const o = obj(data, where, 'data');
        return { channel, text: str(o.notification, where, 'notification') };
      }
      case 'post': {
        const o = obj(data, where, 'data');
        const r = obj(o.response, where, 'response');
        return { channel, id: int(o.id, where, 'id'), type: text(r.type, where, 'response.type'), payload: r.payload };
      }
      default:
        return { channel: 'unknown', name: channel };
    }
  }

  private fill(f: HlFill, now: number): FillEvent {
    const st = this.stamp;
    return envelope(FILL, f.symbol, st.source, st.seq(FILL, f.symbol), f.time, now, Object.freeze(f));
  }

  private funding(f: HlFunding, now: number): FundingEvent {
    const st = this.stamp;
    return envelope(FUNDING, f.symbol, st.source, st.seq(FUNDING, f.symbol), f.time ?? now, now, Object.freeze(f));
  }

  /** `user` (userEvents): one of {fills}, {funding}, {liquidation}, {nonUserCancel}; twap payloads are not read. */
  private userEvents(data: unknown, where: string, now: number): UserEventsEvent[] {
    const o: JsonObject = obj(data, where, 'data');
    const st = this.stamp;
    if (o.fills !== undefined) return parseFills(o.fills, where, 'fills').map((f) => this.fill(f, now));
    if (o.funding !== undefined) return [this.funding(parseFundingDelta(o.funding, where, 'funding', undefined, undefined), now)];
    if (o.liquidation !== undefined) {
      const l = obj(o.liquidation, where, 'liquidation');
      const liq = Object.freeze({
        lid: int(l.lid, where, 'liquidation.lid'),
        liquidator: text(l.liquidator, where, 'liquidation.liquidator'),
        liquidatedUser: text(l.liquidated_user, where, 'liquidation.liquidated_user'),
        liquidatedNotional: fixed(l.liquidated_ntl_pos, where, 'liquidation.liquidated_ntl_pos'),
        liquidatedAccountValue: fixed(l.liquidated_account_value, where, 'liquidation.liquidated_account_value'),
      });
      return [envelope(LIQUIDATION, ALL_SYMBOLS, st.source, st.seq(LIQUIDATION, ALL_SYMBOLS), now, now, liq)];
    }
    if (o.nonUserCancel !== undefined) {
      const cancels = arr(o.nonUserCancel, where, 'nonUserCancel').map((c, i) => {
        const co = obj(c, where, `nonUserCancel[${i}]`);
        return Object.freeze({ oid: int(co.oid, where, `nonUserCancel[${i}].oid`), symbol: text(co.coin, where, `nonUserCancel[${i}].coin`) });
      });
      return cancels.map((d) => envelope(NON_USER_CANCEL, d.symbol, st.source, st.seq(NON_USER_CANCEL, d.symbol), now, now, d));
    }
    if (o.twapHistory !== undefined || o.twapSliceFills !== undefined) return [];
    return fieldError(where, 'data', 'one of fills, funding, liquidation, nonUserCancel', data);
  }
}

function snapshotFlag(o: JsonObject, where: string): boolean {
  return o.isSnapshot === undefined || o.isSnapshot === null ? false : bool(o.isSnapshot, where, 'isSnapshot');
}
