// The market simulator's events written as this venue's WebSocket frames (l2Book, trades, activeAssetCtx, candle), byte for byte what a client would receive.
import type { Envelope } from '../../core/envelope.js';
import { BOOK, TRADE, type BookData, type TradeData } from '../../market/market-events.js';
import { PERP_CTX, type PerpCtxData } from '../../market/perp-events.js';
import { wireNumber } from '../../venues/hyperliquid/actions/index.js';

/** The crowd's addresses on the tape (the venue writes [buyer, seller]). */
const CROWD = '["0x0000000000000000000000000000000000000001","0x0000000000000000000000000000000000000002"]';

export interface WsFrame {
  readonly channel: 'l2Book' | 'trades' | 'activeAssetCtx' | 'candle';
  readonly text: string;
}

/** 12 decimals at most, so float noise (0.000012499999999999999) reads as the venue writes it. */
function rate(x: number): string {
  return wireNumber(Number(x.toFixed(12)));
}

function levels(flat: Float64Array): string {
  const parts: string[] = [];
  for (let i = 0; i < flat.length; i += 2) parts.push(`{"px":"${wireNumber(flat[i])}","sz":"${wireNumber(flat[i + 1])}","n":1}`);
  return `[${parts.join(',')}]`;
}

export function l2BookFrame(e: Envelope<string, BookData>): WsFrame {
  const d = e.data;
  return { channel: 'l2Book', text: `{"channel":"l2Book","data":{"coin":"${e.symbol}","time":${e.tsEvent},"levels":[${levels(d.bids)},${levels(d.asks)}]}}` };
}

/** One frame for trades of one coin (the venue sends a block's trades together). */
export function tradesFrame(trades: readonly Envelope<string, TradeData>[]): WsFrame {
  const items = trades.map((e) => {
    const t = e.data;
    const hash = '0x' + BigInt(t.tradeId).toString(16).padStart(64, '0');
    return `{"coin":"${e.symbol}","side":"${t.side === 'buy' ? 'B' : 'A'}","px":"${wireNumber(t.price)}","sz":"${wireNumber(t.size)}","time":${e.tsEvent},"hash":"${hash}","tid":${t.tradeId},"users":${CROWD}}`;
  });
  return { channel: 'trades', text: `{"channel":"trades","data":[${items.join(',')}]}` };
}

export function assetCtxFrame(e: Envelope<string, PerpCtxData>, szDecimals: number): WsFrame {
  const c = e.data;
  const ctx =
    `{"funding":"${rate(c.funding)}","openInterest":"${wireNumber(Number(c.openInterest.toFixed(szDecimals)))}","prevDayPx":"${wireNumber(c.prevDayPrice)}",` +
    `"dayNtlVlm":"${wireNumber(Number(c.dayNotionalVolume.toFixed(2)))}","premium":"${rate(c.premium)}","oraclePx":"${wireNumber(c.oraclePrice)}","markPx":"${wireNumber(c.markPrice)}",` +
    `"midPx":"${wireNumber(c.midPrice)}","impactPxs":["${wireNumber(c.impactBid)}","${wireNumber(c.impactAsk)}"],"dayBaseVlm":"${wireNumber(Number(c.dayBaseVolume.toFixed(szDecimals)))}"}`;
  return { channel: 'activeAssetCtx', text: `{"channel":"activeAssetCtx","data":{"coin":"${e.symbol}","ctx":${ctx}}}` };
}

export interface CandleFields {
  readonly symbol: string;
  readonly interval: string;
  readonly intervalMs: number;
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly trades: number;
}

export function candleFrame(c: CandleFields): WsFrame {
  const v = wireNumber(Number(c.volume.toPrecision(12)));
  return {
    channel: 'candle',
    text: `{"channel":"candle","data":{"t":${c.time},"T":${c.time + c.intervalMs - 1},"s":"${c.symbol}","i":"${c.interval}","o":"${wireNumber(c.open)}","c":"${wireNumber(c.close)}","h":"${wireNumber(c.high)}","l":"${wireNumber(c.low)}","v":"${v}","n":${c.trades}}}`,
  };
}

/**
 * Frames for a time-ordered stream of simulator envelopes, pushed one by one: each book and
 * context its own frame, consecutive trades of one coin at one time one frame (call `flush` at
 * the end, or before writing another frame yourself). Other kinds (settled funding,
 * liquidations) have no public channel: the venue shows liquidations only as trades.
 */
export class SimFrameEncoder {
  private run: Envelope<string, TradeData>[] = [];

  constructor(
    private readonly szDecimals: (symbol: string) => number,
    private readonly emit: (frame: WsFrame, ts: number) => void,
  ) {}

  push(e: Envelope): void {
    if (e.type === TRADE) {
      const r = this.run;
      if (r.length > 0 && (r[0].symbol !== e.symbol || r[0].tsEvent !== e.tsEvent)) this.flush();
      this.run.push(e as Envelope<string, TradeData>);
      return;
    }
    this.flush();
    if (e.type === BOOK) this.emit(l2BookFrame(e as Envelope<string, BookData>), e.tsEvent);
    else if (e.type === PERP_CTX) this.emit(assetCtxFrame(e as Envelope<string, PerpCtxData>, this.szDecimals(e.symbol)), e.tsEvent);
  }

  flush(): void {
    if (this.run.length === 0) return;
    const r = this.run;
    this.run = [];
    this.emit(tradesFrame(r), r[0].tsEvent);
  }
}
