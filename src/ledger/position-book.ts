// Projection of fills onto net positions: signed quantity, exact cost basis and realised PnL.
import { divRoundHalfEven, FIXED_ONE, type Fixed } from '../core/fixed.js';
import type { Side } from '../core/orders.js';

const ONE2 = FIXED_ONE * FIXED_ONE;

/** One symbol's net position. `cost` is Σ(signed qty × price) of the open part, scaled 10^24 (exact). */
export interface PositionState {
  readonly symbol: string;
  qty: Fixed;
  cost: bigint;
  multiplier: Fixed;
  realized: Fixed;
  fees: Fixed;
  funding: Fixed;
  /** Number mirrors for the float hot path (reporting, sizing); the bigint fields are the truth. */
  qtyNum: number;
  avgPriceNum: number;
  multiplierNum: number;
}

export function newPosition(symbol: string): PositionState {
  return { symbol, qty: 0n, cost: 0n, multiplier: FIXED_ONE, realized: 0n, fees: 0n, funding: 0n, qtyNum: 0, avgPriceNum: 0, multiplierNum: 1 };
}

/**
 * Applies a fill to the position and returns the realised PnL it produced (rounded half-even to
 * 10^-12 once). Reducing fills release cost basis pro rata; a fill that crosses zero closes the old
 * side in full and opens the remainder at the fill price.
 */
export function applyFill(p: PositionState, side: Side, qty: Fixed, price: Fixed, multiplier: Fixed): Fixed {
  const signed = side === 'buy' ? qty : -qty;
  let realized = 0n;
  if (p.qty === 0n || (p.qty > 0n) === (signed > 0n)) {
    p.cost += signed * price;
    p.qty += signed;
    p.multiplier = multiplier;
  } else {
    const openAbs = p.qty < 0n ? -p.qty : p.qty;
    const closeAbs = qty < openAbs ? qty : openAbs;
    // Cost released for the closed part; exact when the whole position closes.
    const released = closeAbs === openAbs ? p.cost : divRoundHalfEven(p.cost * closeAbs, openAbs);
    const closedSigned = p.qty > 0n ? closeAbs : -closeAbs;
    // PnL = (exit value − entry cost) of the closed part, × multiplier; long: +, short: sign folds in.
    const value = closedSigned * price - released;
    realized = p.multiplier === FIXED_ONE ? divRoundHalfEven(value, FIXED_ONE) : divRoundHalfEven(value * p.multiplier, ONE2);
    p.cost -= released;
    p.qty -= closedSigned;
    const rest = qty - closeAbs;
    if (rest > 0n) {
      const restSigned = side === 'buy' ? rest : -rest;
      p.cost = restSigned * price;
      p.qty = restSigned;
      p.multiplier = multiplier;
    }
  }
  p.realized += realized;
  refreshMirrors(p);
  return realized;
}

/** Float mirrors (nearest doubles, within an ulp or two); cheap conversions, no bigint division. */
export function refreshMirrors(p: PositionState): void {
  p.qtyNum = Number(p.qty) / 1e12;
  p.avgPriceNum = p.qty === 0n ? 0 : Number(p.cost) / Number(p.qty) / 1e12;
  p.multiplierNum = Number(p.multiplier) / 1e12;
}

/** Unrealised PnL at `mark` (exact, rounded once). */
export function unrealizedAt(p: PositionState, mark: Fixed): Fixed {
  if (p.qty === 0n) return 0n;
  return divRoundHalfEven((p.qty * mark - p.cost) * p.multiplier, ONE2);
}
