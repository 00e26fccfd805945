// Fee arithmetic of the simulated venue: exact bps of notional by liquidity role plus a per-unit charge.
import { divRoundHalfEven, fixedFromNumber, FIXED_ONE, type Fixed } from '../core/fixed.js';
import type { FeeSchedule } from '../core/instrument.js';
import type { Liquidity } from '../core/orders.js';

const ONE3 = FIXED_ONE * FIXED_ONE * FIXED_ONE;
const PER_UNIT_SCALE = 10n ** 28n;

/** An instrument's fee constants converted to fixed point once. */
export class FeeCalculator {
  private readonly maker: Fixed;
  private readonly taker: Fixed;
  private readonly perUnit: Fixed;
  private readonly multiplier: Fixed;

  constructor(fees: FeeSchedule, multiplier: number) {
    this.maker = fixedFromNumber(fees.makerBps);
    this.taker = fixedFromNumber(fees.takerBps);
    this.perUnit = fixedFromNumber(fees.perUnit);
    this.multiplier = fixedFromNumber(multiplier);
  }

  /** fee = qty × price × multiplier × bps / 10⁴ + qty × perUnit, rounded half-even to 10⁻¹² once. */
  fee(liquidity: Liquidity, qty: number, price: number): Fixed {
    const bps = liquidity === 'maker' ? this.maker : this.taker;
    if (bps === 0n && this.perUnit === 0n) return 0n;
    const q = fixedFromNumber(qty);
    // Both parts over one denominator (10^40), so the sum is rounded once as documented: the bps part
    // q·p·m·bps is scaled 10^48 (÷ 10^4 bps), the per-unit part q·perUnit 10^24 (× 10^28 to match).
    let n = 0n;
    if (bps !== 0n) n += q * fixedFromNumber(price) * this.multiplier * bps;
    if (this.perUnit !== 0n) n += q * this.perUnit * PER_UNIT_SCALE;
    return divRoundHalfEven(n, ONE3 * 10_000n);
  }
}

/** One-off form of FeeCalculator.fee. */
export function feeFor(fees: FeeSchedule, liquidity: Liquidity, qty: number, price: number, multiplier: number): Fixed {
  return new FeeCalculator(fees, multiplier).fee(liquidity, qty, price);
}
