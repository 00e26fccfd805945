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
  private readonly makerD: ShortDecimal;
  private readonly takerD: ShortDecimal;
  private readonly perUnitD: ShortDecimal;
  private readonly multD: ShortDecimal;
  private readonly scratch: [number] = [0];

  constructor(fees: FeeSchedule, multiplier: number) {
    this.maker = fixedFromNumber(fees.makerBps);
    this.taker = fixedFromNumber(fees.takerBps);
    this.perUnit = fixedFromNumber(fees.perUnit);
    this.multiplier = fixedFromNumber(multiplier);
    this.makerD = shortDecimal(this.maker);
    this.takerD = shortDecimal(this.taker);
    this.perUnitD = shortDecimal(this.perUnit);
    this.multD = shortDecimal(this.multiplier);
  }

  /** fee = qty × price × multiplier × bps / 10⁴ + qty × perUnit, rounded half-even to 10⁻¹² once. */
  fee(liquidity: Liquidity, qty: number, price: number): Fixed {
    const bps = liquidity === 'maker' ? this.maker : this.taker;
    if (bps === 0n && this.perUnit === 0n) return 0n;
    const fast = this.feeExactInDoubles(liquidity, qty, price);
    if (fast !== undefined) return fast;
    const q = fixedFromNumber(qty);
    // Both parts over one denominator (10^40), so the sum is rounded once as documented: the bps part
    // q·p·m·bps is scaled 10^48 (÷ 10^4 bps), the per-unit part q·perUnit 10^24 (× 10^28 to match).
    let n = 0n;
    if (bps !== 0n) n += q * fixedFromNumber(price) * this.multiplier * bps;
    if (this.perUnit !== 0n) n += q * this.perUnit * PER_UNIT_SCALE;
    return divRoundHalfEven(n, ONE3 * 10_000n);
  }

  /**
   * The same fee in exact integer arithmetic on doubles, when every factor is a short decimal and
   * the result is a whole number of 10⁻¹² units below 2^53 (no rounding needed): the common case
   * (lot-sized quantities, tick prices, whole bps) without bigint temporaries. Undefined otherwise.
   */
  private feeExactInDoubles(liquidity: Liquidity, qty: number, price: number): Fixed | undefined {
    const bps = liquidity === 'maker' ? this.makerD : this.takerD;
    const q = decimal(qty, this.scratch);
    const qe = this.scratch[0];
    let total = 0;
    if (bps.m !== 0) {
      const p = decimal(price, this.scratch);
      const k = 12 - (qe + this.scratch[0] + this.multD.e + bps.e + 4);
      if (k < 0 || p === undefined || q === undefined) return undefined;
      const n = q * p * this.multD.m * bps.m * POW10[k];
      if (!(n < SAFE)) return undefined;
      total += n;
    }
    if (this.perUnitD.m !== 0) {
      const k = 12 - (qe + this.perUnitD.e);
      if (k < 0 || q === undefined) return undefined;
      const n = q * this.perUnitD.m * POW10[k];
      if (!(n < SAFE)) return undefined;
      total += n;
    }
    return total < SAFE ? BigInt(total) : undefined;
  }

}

const SAFE = 2 ** 53;
const POW10: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

interface ShortDecimal {
  readonly m: number;
  readonly e: number;
}

/** A non-negative fixed value as mantissa × 10^-e with the mantissa a safe integer (or m = NaN when too long). */
function shortDecimal(v: Fixed): ShortDecimal {
  let e = 12;
  let m = v;
  while (e > 0 && m % 10n === 0n) {
    m /= 10n;
    e--;
  }
  return m < 2n ** 53n ? { m: Number(m), e } : { m: Number.NaN, e };
}

/**
 * x as an integer mantissa with `out[0]` decimals (the fewest, up to 12) when x ≥ 0 is exactly the
 * double nearest to that short decimal; undefined when it is not.
 */
function decimal(x: number, out: [number]): number | undefined {
  let scale = 1;
  for (let d = 0; d <= 12; d++) {
    const m = x * scale;
    if (m >= SAFE) return undefined;
    const r = Math.round(m);
    if (r / scale === x) {
      out[0] = d;
      return r;
    }
    scale *= 10;
  }
  return undefined;
}

/** One-off form of FeeCalculator.fee. */
export function feeFor(fees: FeeSchedule, liquidity: Liquidity, qty: number, price: number, multiplier: number): Fixed {
  return new FeeCalculator(fees, multiplier).fee(liquidity, qty, price);
}
