// Instruments: price and size rules, minimum notional, leverage, contract multiplier and fees.
import { BadInputError } from './errors.js';

/** How valid prices are formed: a fixed tick, or significant figures with a decimals cap (Hyperliquid perps). */
export type PriceRule =
  | { readonly kind: 'tick'; readonly tick: number }
  | { readonly kind: 'sigfig'; readonly sigFigs: number; readonly maxDecimals: number };

/** Fees charged per fill: bps of notional by liquidity role, plus a flat amount per unit of quantity. */
export interface FeeSchedule {
  readonly makerBps: number;
  readonly takerBps: number;
  /** Quote currency per unit of quantity (per contract), charged on every fill. */
  readonly perUnit: number;
}

export interface Instrument {
  readonly symbol: string;
  readonly venue: string;
  readonly priceRule: PriceRule;
  /** Quantity step; every order quantity is a whole multiple of it. */
  readonly lotSize: number;
  /** Smallest order notional (price × qty × multiplier) in quote currency; 0 = none. */
  readonly minNotional: number;
  readonly maxLeverage: number;
  /** PnL = Δprice × qty × multiplier. 1 for linear perps. */
  readonly multiplier: number;
  readonly fees: FeeSchedule;
  /** Maintenance margin as a fraction of notional (Hyperliquid: 1 / (2 × max leverage)). */
  readonly maintenanceMarginFraction: number;
}

export type RoundMode = 'nearest' | 'down' | 'up';

/** Builds an instrument with checked fields; unspecified fields take linear-perp defaults. */
export function makeInstrument(p: Partial<Instrument> & { symbol: string }): Instrument {
  const maxLeverage = p.maxLeverage ?? 50;
  const inst: Instrument = {
    symbol: p.symbol,
    venue: p.venue ?? 'sim',
    priceRule: p.priceRule ?? { kind: 'tick', tick: 1e-8 },
    lotSize: p.lotSize ?? 1e-8,
    minNotional: p.minNotional ?? 0,
    maxLeverage,
    multiplier: p.multiplier ?? 1,
    fees: p.fees ?? { makerBps: 0, takerBps: 0, perUnit: 0 },
    maintenanceMarginFraction: p.maintenanceMarginFraction ?? 1 / (2 * maxLeverage),
  };
  const where = `instrument ${inst.symbol}`;
  const pos = (v: number, name: string): void => {
    if (!(Number.isFinite(v) && v > 0)) throw new BadInputError(where, `${name} must be a positive number, got ${v}`);
  };
  const nonneg = (v: number, name: string): void => {
    if (!(Number.isFinite(v) && v >= 0)) throw new BadInputError(where, `${name} must be ≥ 0, got ${v}`);
  };
  if (inst.priceRule.kind === 'tick') pos(inst.priceRule.tick, 'tick');
  else {
    pos(inst.priceRule.sigFigs, 'sigFigs');
    nonneg(inst.priceRule.maxDecimals, 'maxDecimals');
  }
  pos(inst.lotSize, 'lotSize');
  nonneg(inst.minNotional, 'minNotional');
  pos(inst.maxLeverage, 'maxLeverage');
  pos(inst.multiplier, 'multiplier');
  nonneg(inst.fees.perUnit, 'fees.perUnit');
  if (!Number.isFinite(inst.fees.makerBps) || !Number.isFinite(inst.fees.takerBps)) throw new BadInputError(where, 'fee bps must be finite');
  if (!(inst.maintenanceMarginFraction > 0 && inst.maintenanceMarginFraction < 1)) {
    throw new BadInputError(where, `maintenanceMarginFraction must be in (0, 1), got ${inst.maintenanceMarginFraction}`);
  }
  return inst;
}

/** 10^d as exact doubles for d = 0..15 (a table: `10 ** d` is a Math.pow call on the fill path). */
const POW10: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Number of decimals of a step such as 0.01 (→ 2) or 0.5 (→ 1); steps ≥ 1 give 0. */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 15; d++) {
    const scaled = step * POW10[d];
    // `Math.round(scaled) >= 1`: a step below 1e-9 (e.g. 1e-12) must not pass as "0 decimals".
    if (Math.round(scaled) >= 1 && Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 15;
}

/** Rounds x to a multiple of `step`, giving the double nearest to the exact decimal result. */
export function roundToStep(x: number, step: number, mode: RoundMode = 'nearest'): number {
  const d = stepDecimals(step);
  const scale = POW10[d];
  const stepUnits = Math.round(step * scale);
  const units = x * scale / stepUnits;
  // Guard against float noise (e.g. 0.29/0.01 = 28.999999999999996) before floor/ceil.
  const near = Math.round(units);
  const k = Math.abs(units - near) < 1e-9 ? near : mode === 'down' ? Math.floor(units) : mode === 'up' ? Math.ceil(units) : near;
  return (k * stepUnits) / scale;
}

/** Decimals allowed for a price under the rule (sig-fig rules depend on the magnitude). */
export function priceDecimals(rule: PriceRule, price: number): number {
  if (rule.kind === 'tick') return stepDecimals(rule.tick);
  const mag = Math.floor(Math.log10(Math.abs(price)));
  return Math.max(0, Math.min(rule.maxDecimals, rule.sigFigs - 1 - mag));
}

/** Snaps a price to the instrument's price rule. Integer prices are always valid under sig-fig rules. */
export function roundPrice(inst: Instrument, price: number, mode: RoundMode = 'nearest'): number {
  const rule = inst.priceRule;
  if (rule.kind === 'tick') return roundToStep(price, rule.tick, mode);
  if (price === 0) return 0;
  const d = priceDecimals(rule, price);
  return roundToStep(price, 10 ** -d, mode);
}

/** Snaps a quantity to the lot size (down by default, so an order never grows). */
export function roundQty(inst: Instrument, qty: number, mode: RoundMode = 'down'): number {
  return roundToStep(qty, inst.lotSize, mode);
}

/** True when the price is already on the instrument's price grid. */
export function isValidPrice(inst: Instrument, price: number): boolean {
  if (!(Number.isFinite(price) && price > 0)) return false;
  if (inst.priceRule.kind === 'sigfig' && Number.isInteger(price)) return true;
  return roundPrice(inst, price) === price;
}

/** True when the quantity is a positive multiple of the lot size. */
export function isValidQty(inst: Instrument, qty: number): boolean {
  return Number.isFinite(qty) && qty > 0 && roundQty(inst, qty, 'nearest') === qty;
}
