// Fee arithmetic of the simulated venue: exact bps of notional by liquidity role plus a per-unit charge.
import { divRoundHalfEven, fixedFromNumber, FIXED_ONE, type Fixed } from '../core/fixed.js';
import type { FeeSchedule } from '../core/instrument.js';
import type { Liquidity } from '../core/orders.js';

const ONE3 = FIXED_ONE * FIXED_ONE * FIXED_ONE;

/** fee = qty × price × multiplier × bps / 10⁴ + qty × perUnit, rounded half-even to 10⁻¹² once. */
export function feeFor(fees: FeeSchedule, liquidity: Liquidity, qty: number, price: number, multiplier: number): Fixed {
  const bps = liquidity === 'maker' ? fees.makerBps : fees.takerBps;
  const q = fixedFromNumber(qty);
  let total = 0n;
  if (bps !== 0) {
    const notional = q * fixedFromNumber(price) * fixedFromNumber(multiplier);
    total += divRoundHalfEven(notional * fixedFromNumber(bps), ONE3 * 10_000n);
  }
  if (fees.perUnit !== 0) total += divRoundHalfEven(q * fixedFromNumber(fees.perUnit), FIXED_ONE);
  return total;
}
