// Market data as the venue writes it: meta, asset contexts, mids, L2 book (with nSigFigs buckets), trades, candles.
import type { Candle } from './candles.js';
import type { DayStats, MarketFeed } from './market-feed.js';
import type { Level, MarketTrade, SymbolMarket } from './symbol-market.js';
import { wireNumber } from '../../venues/hyperliquid/actions/index.js';

/** Funding of the simulated market: the venue's baseline (0.01 % per 8 h, paid hourly). */
export const BASE_FUNDING = 0.0000125;

export function metaView(feed: MarketFeed): unknown {
  const universe = feed.markets.map((m) => ({ szDecimals: m.spec.szDecimals, name: m.spec.name, maxLeverage: m.spec.maxLeverage, marginTableId: m.spec.maxLeverage }));
  // Table ids below 50 are single-tier tables whose max leverage is the id.
  const ids = [...new Set(feed.markets.map((m) => m.spec.maxLeverage))].sort((a, b) => a - b);
  const marginTables = ids.map((id) => [id, { description: '', marginTiers: [{ lowerBound: '0.0', maxLeverage: id }] }]);
  return { universe, marginTables, collateralToken: 0 };
}

export function assetCtxView(m: SymbolMarket, day: DayStats): Record<string, unknown> {
  const mid = m.midPx();
  const sim = m.simContext;
  if (sim !== undefined) {
    return {
      funding: wireNumber(Number(sim.funding.toFixed(12))),
      openInterest: wireNumber(Number(sim.openInterest.toFixed(m.spec.szDecimals))),
      prevDayPx: wireNumber(day.prevDayPx),
      dayNtlVlm: wireNumber(Number(day.dayNtlVlm.toFixed(2))),
      premium: wireNumber(Number(sim.premium.toFixed(12))),
      oraclePx: wireNumber(sim.oraclePrice),
      markPx: wireNumber(sim.markPrice),
      midPx: wireNumber(mid),
      impactPxs: [wireNumber(sim.impactBid), wireNumber(sim.impactAsk)],
      dayBaseVlm: wireNumber(Number(day.dayBaseVlm.toFixed(m.spec.szDecimals))),
    };
  }
  return {
    funding: wireNumber(BASE_FUNDING),
    openInterest: wireNumber(Number((5_000_000 / mid).toFixed(m.spec.szDecimals))),
    prevDayPx: wireNumber(day.prevDayPx),
    dayNtlVlm: wireNumber(Number(day.dayNtlVlm.toFixed(2))),
    premium: '0.0',
    oraclePx: wireNumber(mid),
    markPx: wireNumber(mid),
    midPx: wireNumber(mid),
    impactPxs: [wireNumber(m.bestBid), wireNumber(m.bestAsk)],
    dayBaseVlm: wireNumber(Number(day.dayBaseVlm.toFixed(m.spec.szDecimals))),
  };
}

export function allMidsView(feed: MarketFeed): Record<string, string> {
  const mids: Record<string, string> = {};
  for (const m of feed.markets) mids[m.spec.name] = wireNumber(m.midPx());
  return mids;
}

function levelView(l: Level): { px: string; sz: string; n: number } {
  return { px: wireNumber(l.px), sz: wireNumber(l.sz), n: l.n };
}

/**
 * Levels merged into buckets of `nSigFigs` significant figures (bids round down, asks up), as
 * the venue aggregates; `mantissa` 2 or 5 widens the bucket (only with 5 figures).
 */
function aggregate(levels: readonly Level[], nSigFigs: number, mantissa: number, bid: boolean, szDecimals: number): Level[] {
  if (levels.length === 0) return [];
  const mag = Math.floor(Math.log10(levels[0].px));
  const step = mantissa * 10 ** (mag - nSigFigs + 1);
  const out: Level[] = [];
  for (const l of levels) {
    const k = bid ? Math.floor(l.px / step + 1e-9) : Math.ceil(l.px / step - 1e-9);
    const px = Number((k * step).toPrecision(12));
    const last = out[out.length - 1];
    if (last !== undefined && last.px === px) out[out.length - 1] = { px, sz: Number((last.sz + l.sz).toFixed(szDecimals)), n: last.n + l.n };
    else out.push(l.px === px ? l : { px, sz: l.sz, n: l.n });
  }
  return out;
}

export function l2BookView(m: SymbolMarket, nSigFigs: number | null | undefined, mantissa: number | null | undefined): unknown {
  let bids = m.bids;
  let asks = m.asks;
  if (typeof nSigFigs === 'number' && nSigFigs >= 2 && nSigFigs <= 4) {
    bids = aggregate(bids, nSigFigs, 1, true, m.spec.szDecimals);
    asks = aggregate(asks, nSigFigs, 1, false, m.spec.szDecimals);
  } else if (nSigFigs === 5 && (mantissa === 2 || mantissa === 5)) {
    bids = aggregate(bids, 5, mantissa, true, m.spec.szDecimals);
    asks = aggregate(asks, 5, mantissa, false, m.spec.szDecimals);
  }
  return { coin: m.spec.name, time: m.time, levels: [bids.slice(0, 20).map(levelView), asks.slice(0, 20).map(levelView)] };
}

export function bboView(m: SymbolMarket): unknown {
  return { coin: m.spec.name, time: m.time, bbo: [m.bids.length > 0 ? levelView(m.bids[0]) : null, m.asks.length > 0 ? levelView(m.asks[0]) : null] };
}

/** The crowd's addresses on the tape (the venue writes [buyer, seller]). */
const CROWD: readonly [string, string] = ['0x0000000000000000000000000000000000000001', '0x0000000000000000000000000000000000000002'];

export function tradeView(t: MarketTrade): unknown {
  return { coin: t.coin, side: t.side, px: wireNumber(t.px), sz: wireNumber(t.sz), time: t.time, hash: t.hash, tid: t.tid, users: CROWD };
}

export function candleView(c: Candle, coin: string, interval: string): unknown {
  return { t: c.t, T: c.T, s: coin, i: interval, o: wireNumber(c.o), c: wireNumber(c.c), h: wireNumber(c.h), l: wireNumber(c.l), v: wireNumber(Number(c.v.toPrecision(12))), n: c.n };
}
