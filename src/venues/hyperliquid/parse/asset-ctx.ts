// Hyperliquid asset contexts (metaAndAssetCtxs entries, WS activeAssetCtx / activeSpotAssetCtx) to PerpCtxData / SpotCtxData.
import { arr, dec, decOrNull, fieldError, nonNegDec, obj, posDec } from '../wire/json-fields.js';
import type { PerpCtxData, SpotCtxData } from './market-types.js';

/** `{funding, openInterest, prevDayPx, dayNtlVlm, dayBaseVlm, premium|null, oraclePx, markPx, midPx|null, impactPxs|null}`. */
export function parsePerpCtx(v: unknown, where: string, path: string): PerpCtxData {
  const o = obj(v, where, path);
  let impactBid: number | null = null;
  let impactAsk: number | null = null;
  if (o.impactPxs !== null && o.impactPxs !== undefined) {
    const ip = arr(o.impactPxs, where, `${path}.impactPxs`);
    if (ip.length !== 2) fieldError(where, `${path}.impactPxs`, '[bid, ask]', o.impactPxs);
    impactBid = posDec(ip[0], where, `${path}.impactPxs[0]`);
    impactAsk = posDec(ip[1], where, `${path}.impactPxs[1]`);
  }
  return {
    kind: 'perp',
    funding: dec(o.funding, where, `${path}.funding`),
    openInterest: nonNegDec(o.openInterest, where, `${path}.openInterest`),
    markPrice: posDec(o.markPx, where, `${path}.markPx`),
    oraclePrice: posDec(o.oraclePx, where, `${path}.oraclePx`),
    midPrice: positiveOrNull(o.midPx, where, `${path}.midPx`),
    premium: decOrNull(o.premium, where, `${path}.premium`),
    impactBid,
    impactAsk,
    prevDayPrice: nonNegDec(o.prevDayPx, where, `${path}.prevDayPx`),
    dayNotionalVolume: nonNegDec(o.dayNtlVlm, where, `${path}.dayNtlVlm`),
    dayBaseVolume: nonNegDec(o.dayBaseVlm, where, `${path}.dayBaseVlm`),
  };
}

/** `{coin, markPx, midPx|null, prevDayPx, dayNtlVlm, dayBaseVlm, circulatingSupply, totalSupply}`. */
export function parseSpotCtx(v: unknown, where: string, path: string): SpotCtxData {
  const o = obj(v, where, path);
  return {
    kind: 'spot',
    markPrice: posDec(o.markPx, where, `${path}.markPx`),
    midPrice: positiveOrNull(o.midPx, where, `${path}.midPx`),
    prevDayPrice: nonNegDec(o.prevDayPx, where, `${path}.prevDayPx`),
    dayNotionalVolume: nonNegDec(o.dayNtlVlm, where, `${path}.dayNtlVlm`),
    dayBaseVolume: nonNegDec(o.dayBaseVlm, where, `${path}.dayBaseVlm`),
    circulatingSupply: nonNegDec(o.circulatingSupply, where, `${path}.circulatingSupply`),
    totalSupply: nonNegDec(o.totalSupply, where, `${path}.totalSupply`),
  };
}

function positiveOrNull(v: unknown, where: string, path: string): number | null {
  return v === null || v === undefined ? null : posDec(v, where, path);
}
