// The simulated perps: Hyperliquid-like instruments (szDecimals, 5 significant figures) with the scale of their market (price, depth, trade rate).
import { BadInputError } from '../../core/errors.js';
import { makeInstrument, priceDecimals, type Instrument } from '../../core/instrument.js';
import { quoteJson } from '../../core/quote-input.js';

export interface SimSymbolSpec {
  readonly name: string;
  readonly szDecimals: number;
  readonly maxLeverage: number;
  readonly startPrice: number;
  /** Typical USD resting per book level near the touch in a calm market. */
  readonly levelUsd: number;
  /** Mean trades per second in a calm market. */
  readonly tradesPerSecond: number;
  /** Median trade notional, USD. */
  readonly tradeUsd: number;
  /** Open interest the walk reverts to, USD. */
  readonly openInterestUsd: number;
  /** Funding impact notional, USD ($20k for BTC and ETH, $6k others, as the venue). */
  readonly impactUsd: number;
}

const KNOWN: Readonly<Record<string, Omit<SimSymbolSpec, 'name'>>> = {
  BTC: { szDecimals: 5, maxLeverage: 40, startPrice: 100_000, levelUsd: 120_000, tradesPerSecond: 5, tradeUsd: 4_000, openInterestUsd: 2e9, impactUsd: 20_000 },
  ETH: { szDecimals: 4, maxLeverage: 25, startPrice: 3_500, levelUsd: 70_000, tradesPerSecond: 4, tradeUsd: 2_500, openInterestUsd: 1e9, impactUsd: 20_000 },
  SOL: { szDecimals: 2, maxLeverage: 20, startPrice: 150, levelUsd: 25_000, tradesPerSecond: 2.5, tradeUsd: 1_200, openInterestUsd: 3e8, impactUsd: 6_000 },
};

const OTHER: Omit<SimSymbolSpec, 'name' | 'szDecimals' | 'startPrice'> = { maxLeverage: 10, levelUsd: 8_000, tradesPerSecond: 1, tradeUsd: 500, openInterestUsd: 3e7, impactUsd: 6_000 };

/** `BTC,ETH,SOL` or `NAME:szDecimals:startPrice` for others (default szDecimals 2, price 10). */
export function simSymbols(text: string, where = '--symbols'): SimSymbolSpec[] {
  const out: SimSymbolSpec[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const [name, sz, px] = part.split(':');
    if (!/^[A-Za-z][A-Za-z0-9]{0,15}$/.test(name)) throw new BadInputError(where, `symbol name ${quoteJson(name)} must be letters and digits`);
    if (out.some((s) => s.name === name)) throw new BadInputError(where, `symbol ${name} given twice`);
    const base = KNOWN[name] ?? { ...OTHER, szDecimals: 2, startPrice: 10 };
    const szDecimals = sz === undefined || sz === '' ? base.szDecimals : Number(sz);
    if (!(Number.isInteger(szDecimals) && szDecimals >= 0 && szDecimals <= 8)) throw new BadInputError(`${where} ${name}`, `szDecimals must be an integer in [0, 8], got ${quoteJson(sz)}`);
    const startPrice = px === undefined || px === '' ? base.startPrice : Number(px);
    if (!(Number.isFinite(startPrice) && startPrice > 0)) throw new BadInputError(`${where} ${name}`, `start price must be a positive number, got ${quoteJson(px)}`);
    out.push({ ...base, name, szDecimals, startPrice });
  }
  if (out.length === 0) throw new BadInputError(where, 'needs at least one symbol, e.g. BTC,ETH,SOL');
  return out;
}

/** The venue's perp rules: 5 significant figures and at most 6 − szDecimals decimals; lots of 10^−szDecimals. */
export function simInstrument(spec: SimSymbolSpec, venue = 'sim'): Instrument {
  return makeInstrument({
    symbol: spec.name,
    venue,
    priceRule: { kind: 'sigfig', sigFigs: 5, maxDecimals: 6 - spec.szDecimals },
    lotSize: 10 ** -spec.szDecimals,
    minNotional: 10,
    maxLeverage: spec.maxLeverage,
    fees: { makerBps: 1.5, takerBps: 4.5, perUnit: 0 },
  });
}

/** The price step at the magnitude of `px`. */
export function tickAt(inst: Instrument, px: number): number {
  return 10 ** -priceDecimals(inst.priceRule, px);
}
