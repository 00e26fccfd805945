// Hyperliquid allMids, bbo and fundingHistory payloads to Sextant market data.
import { arr, dec, decOrNull, fieldError, int, obj, posDec, text, type JsonObject } from '../wire/json-fields.js';
import type { BboData, FundingPoint, MidsData } from './market-types.js';

/** REST allMids body / WS allMids `data.mids`: `{coin: px}`. */
export function parseMidsMap(v: unknown, where: string, path: string): Map<string, number> {
  const o = obj(v, where, path);
  const out = new Map<string, number>();
  for (const coin of Object.keys(o)) out.set(coin, posDec(o[coin], where, `${path}.${coin}`));
  return out;
}

/** WS allMids data: `{mids: {coin: px}, dex?}`. */
export function parseAllMids(data: unknown, where: string): MidsData {
  const o = obj(data, where, 'data');
  const dex = o.dex === undefined || o.dex === null || o.dex === '' ? undefined : text(o.dex, where, 'dex');
  return { mids: parseMidsMap(o.mids, where, 'mids'), dex };
}

/** WS bbo data: `{coin, time, bbo: [bid | null, ask | null]}`, level `{px, sz, n}`. */
export function parseBbo(data: unknown, where: string): { coin: string; time: number; bbo: BboData } {
  const o = obj(data, where, 'data');
  const coin = text(o.coin, where, 'coin');
  const time = int(o.time, where, 'time');
  const b = arr(o.bbo, where, 'bbo');
  if (b.length !== 2) fieldError(where, 'bbo', '[bid, ask]', o.bbo);
  const bid = level(b[0], where, 'bbo[0]');
  const ask = level(b[1], where, 'bbo[1]');
  if (bid !== null && ask !== null && !(bid.px < ask.px)) fieldError(where, 'bbo[1].px', `a price above the bid ${bid.px}`, (b[1] as JsonObject).px);
  return {
    coin,
    time,
    bbo: { bidPrice: bid?.px ?? null, bidSize: bid?.sz ?? null, askPrice: ask?.px ?? null, askSize: ask?.sz ?? null },
  };
}

function level(v: unknown, where: string, path: string): { px: number; sz: number } | null {
  if (v === null) return null;
  const o = obj(v, where, path);
  return { px: posDec(o.px, where, `${path}.px`), sz: posDec(o.sz, where, `${path}.sz`) };
}

/** REST fundingHistory body: `[{coin, fundingRate, premium?, time}]`, hourly. */
export function parseFundingHistory(body: unknown, where = 'hyperliquid info fundingHistory'): FundingPoint[] {
  const a = arr(body, where, 'body');
  const out: FundingPoint[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const o = obj(a[i], where, `[${i}]`);
    out[i] = {
      symbol: text(o.coin, where, `[${i}].coin`),
      time: int(o.time, where, `[${i}].time`),
      rate: dec(o.fundingRate, where, `[${i}].fundingRate`),
      premium: decOrNull(o.premium, where, `[${i}].premium`) ?? undefined,
    };
  }
  return out;
}
