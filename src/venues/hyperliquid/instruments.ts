// Hyperliquid instruments: asset ids, size and price rules, leverage and tiered maintenance margin, from meta and spotMeta.
import { BadInputError } from '../../core/errors.js';
import { makeInstrument, type FeeSchedule, type Instrument } from '../../core/instrument.js';
import { parseMeta, parseSpotMeta, type HlMarginTable, type HlPerpMeta, type HlSpotMeta } from './parse/meta.js';

export const HL_VENUE = 'hyperliquid';
/** Orders below this notional are rejected ("Order must have minimum value of $10"; spot: 10 quote units). */
export const HL_MIN_NOTIONAL = 10;
/** Base-tier fees (14-day volume below the first tier); fills report the fee actually charged. */
export const HL_PERP_FEES: FeeSchedule = Object.freeze({ makerBps: 1.5, takerBps: 4.5, perUnit: 0 });
export const HL_SPOT_FEES: FeeSchedule = Object.freeze({ makerBps: 4, takerBps: 7, perUnit: 0 });
/** Margin table ids below this are not listed: the id itself is the max leverage of a single tier. */
const IMPLICIT_TABLE_LIMIT = 50;

/**
 * One margin tier. Maintenance margin of a position with notional N in tier n is
 * N × maintenanceRate(n) − deduction(n), with maintenanceRate = 1 / (2 × maxLeverage) and
 * deduction(n) = deduction(n − 1) + lowerBound(n) × (rate(n) − rate(n − 1)), so the margin is
 * continuous across tier bounds.
 */
export interface MarginTier {
  readonly lowerBound: number;
  readonly maxLeverage: number;
  readonly maintenanceRate: number;
  readonly deduction: number;
}

export interface HlAsset {
  /** The id orders carry in `a`. */
  readonly assetId: number;
  /** The wire coin: "BTC", "xyz:XYZ100", "PURR/USDC", "@107". */
  readonly symbol: string;
  readonly kind: 'perp' | 'spot';
  readonly szDecimals: number;
  readonly maxLeverage: number;
  readonly onlyIsolated: boolean;
  /** "strictIsolated" or "noCross" when the venue restricts the margin mode. */
  readonly marginMode: string | undefined;
  /** Delisted perps stay in the table (their position is their id) but take no new orders. */
  readonly isDelisted: boolean;
  readonly tiers: readonly MarginTier[];
  readonly instrument: Instrument;
  /** Spot only: the base and quote token names (e.g. HYPE, USDC); fees of spot buys come in the base token. */
  readonly baseToken: string | undefined;
  readonly quoteToken: string | undefined;
}

export interface InstrumentTableOptions {
  readonly perpFees?: FeeSchedule;
  readonly spotFees?: FeeSchedule;
}

/** Tiers of an asset with their maintenance rates and deductions. */
export function marginTiers(bounds: readonly { lowerBound: number; maxLeverage: number }[]): MarginTier[] {
  const out: MarginTier[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const rate = 1 / (2 * bounds[i].maxLeverage);
    const deduction = i === 0 ? 0 : out[i - 1].deduction + bounds[i].lowerBound * (rate - out[i - 1].maintenanceRate);
    out.push(Object.freeze({ lowerBound: bounds[i].lowerBound, maxLeverage: bounds[i].maxLeverage, maintenanceRate: rate, deduction }));
  }
  return out;
}

function tiersOf(tableId: number | undefined, maxLeverage: number, tables: ReadonlyMap<number, HlMarginTable>, where: string): MarginTier[] {
  if (tableId === undefined) return marginTiers([{ lowerBound: 0, maxLeverage }]);
  const t = tables.get(tableId);
  if (t !== undefined) return marginTiers(t.tiers);
  if (tableId < IMPLICIT_TABLE_LIMIT && tableId >= 1) return marginTiers([{ lowerBound: 0, maxLeverage: tableId }]);
  throw new BadInputError(where, `marginTableId ${tableId}: not listed in marginTables`);
}

/** 10^−d as the double nearest the decimal (1e-5, not 10 ** -5 computed by division). */
function lot(d: number): number {
  return Number(`1e-${d}`);
}

/**
 * Symbol ↔ asset id and the order rules of every Hyperliquid market. Used wherever an order is
 * built: prices snap to 5 significant figures and 6 − szDecimals decimals (spot 8 − szDecimals),
 * sizes to 10^−szDecimals, notional ≥ 10.
 */
export class InstrumentTable {
  private readonly bySymbol = new Map<string, HlAsset>();
  private readonly byId = new Map<number, HlAsset>();

  constructor(assets: readonly HlAsset[]) {
    for (const a of assets) {
      if (this.bySymbol.has(a.symbol)) throw new BadInputError('hyperliquid instruments', `coin ${JSON.stringify(a.symbol)} listed twice`);
      if (this.byId.has(a.assetId)) throw new BadInputError('hyperliquid instruments', `asset id ${a.assetId} listed twice`);
      this.bySymbol.set(a.symbol, a);
      this.byId.set(a.assetId, a);
    }
  }

  /** Builds the table from parsed perp metadata (one per dex) and optional spot metadata. */
  static from(perps: readonly HlPerpMeta[], spot?: HlSpotMeta, options: InstrumentTableOptions = {}): InstrumentTable {
    const assets: HlAsset[] = [];
    for (const meta of perps) {
      for (const m of meta.universe) {
        const where = `hyperliquid meta ${m.name}`;
        const tiers = tiersOf(m.marginTableId, m.maxLeverage, meta.marginTables, where);
        const instrument = makeInstrument({
          symbol: m.name,
          venue: HL_VENUE,
          priceRule: { kind: 'sigfig', sigFigs: 5, maxDecimals: 6 - m.szDecimals },
          lotSize: lot(m.szDecimals),
          minNotional: HL_MIN_NOTIONAL,
          maxLeverage: m.maxLeverage,
          fees: options.perpFees ?? HL_PERP_FEES,
          maintenanceMarginFraction: tiers[0].maintenanceRate,
        });
        assets.push(
          Object.freeze({
            assetId: m.assetId,
            symbol: m.name,
            kind: 'perp' as const,
            szDecimals: m.szDecimals,
            maxLeverage: m.maxLeverage,
            onlyIsolated: m.onlyIsolated || m.marginMode === 'strictIsolated' || m.marginMode === 'noCross',
            marginMode: m.marginMode,
            isDelisted: m.isDelisted,
            tiers,
            instrument,
            baseToken: undefined,
            quoteToken: undefined,
          }),
        );
      }
    }
    if (spot !== undefined) {
      const tokens = new Map(spot.tokens.map((t) => [t.index, t]));
      for (const p of spot.universe) {
        const where = `hyperliquid spotMeta ${p.name}`;
        const base = tokens.get(p.base);
        const quote = tokens.get(p.quote);
        if (base === undefined || quote === undefined) throw new BadInputError(where, `tokens [${p.base}, ${p.quote}]: not listed in tokens`);
        // Size decimals come from the base token; the pair index (not a token index) makes the id.
        if (base.szDecimals > 8) throw new BadInputError(where, `base token ${base.name} szDecimals ${base.szDecimals}: expected at most 8`);
        const instrument = makeInstrument({
          symbol: p.name,
          venue: HL_VENUE,
          priceRule: { kind: 'sigfig', sigFigs: 5, maxDecimals: 8 - base.szDecimals },
          lotSize: lot(base.szDecimals),
          minNotional: HL_MIN_NOTIONAL,
          maxLeverage: 1,
          fees: options.spotFees ?? HL_SPOT_FEES,
        });
        assets.push(
          Object.freeze({
            assetId: 10_000 + p.index,
            symbol: p.name,
            kind: 'spot' as const,
            szDecimals: base.szDecimals,
            maxLeverage: 1,
            onlyIsolated: false,
            marginMode: undefined,
            isDelisted: false,
            tiers: [],
            instrument,
            baseToken: base.name,
            quoteToken: quote.name,
          }),
        );
      }
    }
    return new InstrumentTable(assets);
  }

  /** From raw `meta` (or a list of per-dex metas, index = dex index) and optional raw `spotMeta` bodies. */
  static fromResponses(meta: unknown, spotMeta?: unknown, options?: InstrumentTableOptions): InstrumentTable {
    const metas = Array.isArray(meta) ? meta.map((m, i) => parseMeta(m, `hyperliquid info meta[${i}]`, i)) : [parseMeta(meta)];
    return InstrumentTable.from(metas, spotMeta === undefined ? undefined : parseSpotMeta(spotMeta), options);
  }

  get size(): number {
    return this.bySymbol.size;
  }

  /** Every asset, perps by id then spot pairs. */
  assets(): HlAsset[] {
    return [...this.bySymbol.values()];
  }

  get(symbol: string): HlAsset | undefined {
    return this.bySymbol.get(symbol);
  }

  byAssetId(assetId: number): HlAsset | undefined {
    return this.byId.get(assetId);
  }

  /** The asset of `symbol`, or a BadInputError naming it (refresh meta on an unknown coin). */
  require(symbol: string): HlAsset {
    const a = this.bySymbol.get(symbol);
    if (a === undefined) throw new BadInputError('hyperliquid instruments', `unknown coin ${JSON.stringify(symbol)}`);
    return a;
  }

  assetId(symbol: string): number {
    return this.require(symbol).assetId;
  }

  instrument(symbol: string): Instrument {
    return this.require(symbol).instrument;
  }

  /** The margin tier a position of `notional` (USD, ≥ 0) falls in. */
  tier(symbol: string, notional: number): MarginTier {
    const tiers = this.require(symbol).tiers;
    if (tiers.length === 0) throw new BadInputError('hyperliquid instruments', `${symbol} is spot: no margin tiers`);
    let i = 0;
    while (i + 1 < tiers.length && notional >= tiers[i + 1].lowerBound) i++;
    return tiers[i];
  }

  /** Maintenance margin (USD) of a position of `notional` USD: tiered, continuous at the bounds. */
  maintenanceMargin(symbol: string, notional: number): number {
    const n = Math.abs(notional);
    const t = this.tier(symbol, n);
    return n * t.maintenanceRate - t.deduction;
  }

  /** Maximum leverage allowed at `notional` (lower in higher tiers). */
  maxLeverageAt(symbol: string, notional: number): number {
    return this.tier(symbol, Math.abs(notional)).maxLeverage;
  }
}
