// Parsed Hyperliquid messages → the market rows a recording stores beside the raw frame (trades, books, candles, asset contexts).
import { FIXED_CANDLE_INTERVALS, parseInterval } from '../../core/bars.js';
import type { HlWsMessage } from '../../venues/hyperliquid/parse/ws-messages.js';
import type { AssetCtxRow, BookSnapshotRow, CandleRow } from '../../store/recording-port.js';
import type { TradeColumns } from '../../store/trade-columns.js';
import { candlesClosedBy } from './candle-close.js';

/** Where the rows of one batch accumulate (pushed to, then handed to the store). */
export interface RowSink {
  readonly trades: TradeColumns;
  readonly books: BookSnapshotRow[];
  readonly candles: CandleRow[];
  readonly contexts: AssetCtxRow[];
}

/** Candle interval labels → ms, computed once; `1M` (calendar month) has no fixed length and is not stored as bars. */
const INTERVAL_MS = new Map<string, number>(FIXED_CANDLE_INTERVALS.map((i) => [i, parseInterval(i)]));

/** Appends the rows of `m` to `sink`; returns how many. Channels without market rows give none (the raw frame is kept anyway). */
export function appendRows(m: HlWsMessage, sink: RowSink): number {
  switch (m.channel) {
    case 'l2Book': {
      const e = m.event;
      sink.books.push({ symbol: e.symbol, time: e.tsEvent, tsInit: e.tsInit, bids: e.data.bids, asks: e.data.asks });
      return 1;
    }
    case 'trades': {
      // The envelope's id is the scanner's safe integer as text: Number() gives it back exactly.
      for (const e of m.events) sink.trades.push(e.symbol, e.tsEvent, Number(e.data.tradeId), e.data.side, e.data.price, e.data.size);
      return m.events.length;
    }
    case 'candle': {
      let n = 0;
      for (const e of m.events) {
        const ms = INTERVAL_MS.get(e.data.interval);
        if (ms === undefined) continue;
        const c = e.data;
        // The channel re-sends the forming candle: only one received after its close is final.
        const final = c.openTime + ms <= candlesClosedBy(e.tsInit);
        sink.candles.push({ symbol: e.symbol, intervalMs: ms, time: c.openTime, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, final });
        n++;
      }
      return n;
    }
    case 'activeAssetCtx':
    case 'activeSpotAssetCtx': {
      const e = m.event;
      const c = e.data;
      sink.contexts.push(
        c.kind === 'perp'
          ? { symbol: e.symbol, time: e.tsInit, funding: c.funding, openInterest: c.openInterest, mark: c.markPrice, oracle: c.oraclePrice, mid: c.midPrice, premium: c.premium }
          : { symbol: e.symbol, time: e.tsInit, funding: null, openInterest: null, mark: c.markPrice, oracle: null, mid: c.midPrice, premium: null },
      );
      return 1;
    }
    default:
      return 0;
  }
}

/** The symbol a message is about, for per-symbol counters (undefined for control frames and account feeds). */
export function messageSymbol(m: HlWsMessage): string | undefined {
  switch (m.channel) {
    case 'l2Book':
    case 'bbo':
    case 'activeAssetCtx':
    case 'activeSpotAssetCtx':
      return m.event.symbol;
    case 'trades':
    case 'candle':
      return m.events[0]?.symbol;
    default:
      return undefined;
  }
}
