// Hyperliquid clearinghouseState (perp account: margin summaries, withdrawable, positions) to HlAccountState.
import { arr, dec, fieldError, fixed, int, obj, optFixed, optInt, posDec, text, type JsonObject } from '../wire/json-fields.js';
import type { HlAccountState, HlLeverage, HlMarginSummary, HlPosition } from './account-types.js';

function summary(v: unknown, where: string, path: string): HlMarginSummary | undefined {
  if (v === undefined || v === null) return undefined;
  const o = obj(v, where, path);
  return {
    accountValue: fixed(o.accountValue, where, `${path}.accountValue`),
    totalNtlPos: fixed(o.totalNtlPos, where, `${path}.totalNtlPos`),
    totalRawUsd: fixed(o.totalRawUsd, where, `${path}.totalRawUsd`),
    totalMarginUsed: fixed(o.totalMarginUsed, where, `${path}.totalMarginUsed`),
  };
}

function leverage(v: unknown, where: string, path: string): HlLeverage {
  const o = obj(v, where, path);
  const type = o.type;
  if (type !== 'cross' && type !== 'isolated') fieldError(where, `${path}.type`, '"cross" or "isolated"', type);
  const value = int(o.value, where, `${path}.value`);
  if (value < 1) fieldError(where, `${path}.value`, 'a leverage ≥ 1', o.value);
  return { type, value, rawUsd: type === 'isolated' ? fixed(o.rawUsd, where, `${path}.rawUsd`) : undefined };
}

function position(v: unknown, where: string, path: string): HlPosition {
  const o = obj(v, where, path);
  const p: JsonObject = obj(o.position, where, `${path}.position`);
  const pp = `${path}.position`;
  const cf = p.cumFunding === undefined || p.cumFunding === null ? undefined : obj(p.cumFunding, where, `${pp}.cumFunding`);
  return {
    symbol: text(p.coin, where, `${pp}.coin`),
    size: dec(p.szi, where, `${pp}.szi`),
    entryPrice: p.entryPx === null || p.entryPx === undefined ? null : posDec(p.entryPx, where, `${pp}.entryPx`),
    positionValue: fixed(p.positionValue, where, `${pp}.positionValue`),
    unrealizedPnl: fixed(p.unrealizedPnl, where, `${pp}.unrealizedPnl`),
    returnOnEquity: dec(p.returnOnEquity, where, `${pp}.returnOnEquity`),
    liquidationPrice: p.liquidationPx === null || p.liquidationPx === undefined ? null : posDec(p.liquidationPx, where, `${pp}.liquidationPx`),
    marginUsed: fixed(p.marginUsed, where, `${pp}.marginUsed`),
    leverage: leverage(p.leverage, where, `${pp}.leverage`),
    maxLeverage: optInt(p.maxLeverage, where, `${pp}.maxLeverage`),
    cumFunding:
      cf === undefined
        ? undefined
        : {
            allTime: fixed(cf.allTime, where, `${pp}.cumFunding.allTime`),
            sinceOpen: fixed(cf.sinceOpen, where, `${pp}.cumFunding.sinceOpen`),
            sinceChange: fixed(cf.sinceChange, where, `${pp}.cumFunding.sinceChange`),
          },
  };
}

/** REST clearinghouseState body (also the WS clearinghouseState channel's `clearinghouseState`). */
export function parseClearinghouseState(body: unknown, where = 'hyperliquid info clearinghouseState'): HlAccountState {
  const o = obj(body, where, 'body');
  const ap = arr(o.assetPositions, where, 'assetPositions');
  const positions: HlPosition[] = new Array(ap.length);
  for (let i = 0; i < ap.length; i++) positions[i] = position(ap[i], where, `assetPositions[${i}]`);
  return {
    time: optInt(o.time, where, 'time'),
    marginSummary: summary(o.marginSummary, where, 'marginSummary'),
    crossMarginSummary: summary(o.crossMarginSummary, where, 'crossMarginSummary'),
    crossMaintenanceMarginUsed: optFixed(o.crossMaintenanceMarginUsed, where, 'crossMaintenanceMarginUsed'),
    withdrawable: fixed(o.withdrawable, where, 'withdrawable'),
    positions,
  };
}
