// Hyperliquid metadata: meta / metaAndAssetCtxs (perps, margin tables) and spotMeta (tokens, pairs) as checked records.
import { arr, bool, fieldError, int, nonNegDec, obj, optBool, optInt, optStr, str, text } from '../wire/json-fields.js';
import type { PerpCtxData } from './market-types.js';
import { parsePerpCtx } from './asset-ctx.js';

/** One perp of `meta.universe`. */
export interface HlPerpAssetMeta {
  /** Order asset id: the array position (main dex) or 100000 + dex × 10000 + position (HIP-3). */
  readonly assetId: number;
  readonly name: string;
  readonly szDecimals: number;
  readonly maxLeverage: number;
  /** undefined in old responses without margin tables. */
  readonly marginTableId: number | undefined;
  readonly onlyIsolated: boolean;
  readonly isDelisted: boolean;
  /** "strictIsolated" (margin cannot be removed) or "noCross"; undefined otherwise. */
  readonly marginMode: string | undefined;
}

export interface HlMarginTierMeta {
  /** Notional (USD) from which the tier applies. */
  readonly lowerBound: number;
  readonly maxLeverage: number;
}

export interface HlMarginTable {
  readonly id: number;
  readonly description: string;
  readonly tiers: readonly HlMarginTierMeta[];
}

export interface HlPerpMeta {
  readonly universe: readonly HlPerpAssetMeta[];
  readonly marginTables: ReadonlyMap<number, HlMarginTable>;
  /** Spot token index of the collateral (0 = USDC); undefined when not sent. */
  readonly collateralToken: number | undefined;
}

/** Asset id of position `index` on perp dex `dexIndex` (0 = the main dex). */
export function perpAssetId(index: number, dexIndex = 0): number {
  return dexIndex === 0 ? index : 100_000 + dexIndex * 10_000 + index;
}

/** REST `meta` body (`{universe, marginTables, collateralToken}`); `dexIndex` for a HIP-3 dex's meta. */
export function parseMeta(body: unknown, where = 'hyperliquid info meta', dexIndex = 0): HlPerpMeta {
  const o = obj(body, where, 'body');
  const u = arr(o.universe, where, 'universe');
  // Delisted coins keep their place: the position is the asset id, so index before any filtering.
  const universe: HlPerpAssetMeta[] = u.map((v, i) => {
    const p = `universe[${i}]`;
    const a = obj(v, where, p);
    const szDecimals = int(a.szDecimals, where, `${p}.szDecimals`);
    if (szDecimals > 6) fieldError(where, `${p}.szDecimals`, 'at most 6 (perp prices allow 6 − szDecimals decimals)', a.szDecimals);
    const maxLeverage = int(a.maxLeverage, where, `${p}.maxLeverage`);
    if (maxLeverage < 1) fieldError(where, `${p}.maxLeverage`, 'an integer ≥ 1', a.maxLeverage);
    return {
      assetId: perpAssetId(i, dexIndex),
      name: text(a.name, where, `${p}.name`),
      szDecimals,
      maxLeverage,
      marginTableId: optInt(a.marginTableId, where, `${p}.marginTableId`),
      onlyIsolated: optBool(a.onlyIsolated, where, `${p}.onlyIsolated`) ?? false,
      isDelisted: optBool(a.isDelisted, where, `${p}.isDelisted`) ?? false,
      marginMode: optStr(a.marginMode, where, `${p}.marginMode`),
    };
  });
  const marginTables = new Map<number, HlMarginTable>();
  const mt = o.marginTables === undefined || o.marginTables === null ? [] : arr(o.marginTables, where, 'marginTables');
  mt.forEach((e, i) => {
    const p = `marginTables[${i}]`;
    const pair = arr(e, where, p);
    if (pair.length !== 2) fieldError(where, p, '[id, table]', e);
    const id = int(pair[0], where, `${p}[0]`);
    const t = obj(pair[1], where, `${p}[1]`);
    const tiers = arr(t.marginTiers, where, `${p}[1].marginTiers`).map((x, j) => {
      const tp = `${p}[1].marginTiers[${j}]`;
      const tier = obj(x, where, tp);
      const maxLeverage = int(tier.maxLeverage, where, `${tp}.maxLeverage`);
      if (maxLeverage < 1) fieldError(where, `${tp}.maxLeverage`, 'an integer ≥ 1', tier.maxLeverage);
      return { lowerBound: nonNegDec(tier.lowerBound, where, `${tp}.lowerBound`), maxLeverage };
    });
    if (tiers.length === 0) fieldError(where, `${p}[1].marginTiers`, 'at least one tier', t.marginTiers);
    for (let j = 1; j < tiers.length; j++) {
      if (!(tiers[j].lowerBound > tiers[j - 1].lowerBound)) fieldError(where, `${p}[1].marginTiers[${j}].lowerBound`, 'bounds increasing tier by tier', tiers[j].lowerBound);
    }
    marginTables.set(id, { id, description: t.description === undefined ? '' : str(t.description, where, `${p}[1].description`), tiers });
  });
  return { universe, marginTables, collateralToken: optInt(o.collateralToken, where, 'collateralToken') };
}

/** REST `metaAndAssetCtxs` body: `[meta, ctxs]`, ctxs aligned with the universe by index. */
export function parseMetaAndAssetCtxs(body: unknown, where = 'hyperliquid info metaAndAssetCtxs'): { meta: HlPerpMeta; ctxs: PerpCtxData[] } {
  const pair = arr(body, where, 'body');
  if (pair.length !== 2) fieldError(where, 'body', '[meta, assetCtxs]', body);
  const meta = parseMeta(pair[0], where);
  const c = arr(pair[1], where, '[1]');
  if (c.length !== meta.universe.length) fieldError(where, '[1]', `${meta.universe.length} contexts, one per universe entry`, `${c.length} contexts`);
  return { meta, ctxs: c.map((x, i) => parsePerpCtx(x, where, `[1][${i}]`)) };
}

export interface HlSpotToken {
  readonly name: string;
  readonly index: number;
  readonly szDecimals: number;
  readonly weiDecimals: number;
  readonly tokenId: string | undefined;
  readonly isCanonical: boolean | undefined;
}

export interface HlSpotPair {
  /** The wire coin: "PURR/USDC" for the legacy pair, "@{index}" for the rest. */
  readonly name: string;
  /** Spot pair index (not a token index); asset id = 10000 + index. */
  readonly index: number;
  readonly base: number;
  readonly quote: number;
  readonly isCanonical: boolean | undefined;
}

export interface HlSpotMeta {
  readonly tokens: readonly HlSpotToken[];
  readonly universe: readonly HlSpotPair[];
}

/** REST `spotMeta` body: tokens and pairs (only the fields instruments use). */
export function parseSpotMeta(body: unknown, where = 'hyperliquid info spotMeta'): HlSpotMeta {
  const o = obj(body, where, 'body');
  const tokens = arr(o.tokens, where, 'tokens').map((v, i) => {
    const p = `tokens[${i}]`;
    const t = obj(v, where, p);
    return {
      name: text(t.name, where, `${p}.name`),
      index: int(t.index, where, `${p}.index`),
      szDecimals: int(t.szDecimals, where, `${p}.szDecimals`),
      weiDecimals: int(t.weiDecimals, where, `${p}.weiDecimals`),
      tokenId: optStr(t.tokenId, where, `${p}.tokenId`),
      isCanonical: optBool(t.isCanonical, where, `${p}.isCanonical`),
    };
  });
  const universe = arr(o.universe, where, 'universe').map((v, i) => {
    const p = `universe[${i}]`;
    const u = obj(v, where, p);
    const tk = arr(u.tokens, where, `${p}.tokens`);
    if (tk.length !== 2) fieldError(where, `${p}.tokens`, '[base, quote]', u.tokens);
    return {
      name: text(u.name, where, `${p}.name`),
      index: int(u.index, where, `${p}.index`),
      base: int(tk[0], where, `${p}.tokens[0]`),
      quote: int(tk[1], where, `${p}.tokens[1]`),
      isCanonical: u.isCanonical === undefined ? undefined : bool(u.isCanonical, where, `${p}.isCanonical`),
    };
  });
  return { tokens, universe };
}
