// The little an action builder needs from the instrument table: a symbol's asset id and size decimals.
import { BadInputError } from '../../../core/errors.js';
import type { MarketKind } from './wire-number.js';

/**
 * Implemented by the instrument table built from `meta` / `spotMeta`. Both methods throw
 * BadInputError for an unknown symbol (asset ids differ between mainnet and testnet: never guess).
 */
export interface AssetTable {
  assetId(symbol: string): number;
  szDecimals(symbol: string): number;
}

/** Perps: 0..9999 main dex, ≥ 100000 HIP-3 (100000 + dex × 10000 + index); spot: 10000 + pair index. */
export function marketKindOf(assetId: number): MarketKind {
  return assetId >= 10_000 && assetId < 100_000 ? 'spot' : 'perp';
}

export interface ResolvedAsset {
  readonly symbol: string;
  readonly assetId: number;
  readonly szDecimals: number;
  readonly market: MarketKind;
}

export function resolveAsset(table: AssetTable, symbol: string, where: string): ResolvedAsset {
  if (typeof symbol !== 'string' || symbol === '') throw new BadInputError(where, `symbol must be a non-empty string, got ${JSON.stringify(symbol)}`);
  let assetId: number;
  let szDecimals: number;
  try {
    assetId = table.assetId(symbol);
    szDecimals = table.szDecimals(symbol);
  } catch (e) {
    throw new BadInputError(where, `unknown symbol ${JSON.stringify(symbol)}`, { cause: e });
  }
  if (!(Number.isSafeInteger(assetId) && assetId >= 0)) throw new BadInputError(where, `asset id of ${symbol} must be a non-negative integer, got ${assetId}`);
  return { symbol, assetId, szDecimals, market: marketKindOf(assetId) };
}

/** A fixed table, for tests and for the local venue: `{ BTC: { assetId: 0, szDecimals: 5 } }`. */
export function staticAssetTable(entries: Readonly<Record<string, { readonly assetId: number; readonly szDecimals: number }>>): AssetTable {
  const map = new Map(Object.entries(entries));
  const get = (symbol: string) => {
    const e = map.get(symbol);
    if (!e) throw new BadInputError('symbol', `unknown symbol ${JSON.stringify(symbol)} (known: ${[...map.keys()].join(', ')})`);
    return e;
  };
  return { assetId: (s) => get(s).assetId, szDecimals: (s) => get(s).szDecimals };
}
