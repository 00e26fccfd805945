// Hyperliquid-style funding: premium sampled every 5 s, the hour's mean turned into an hourly rate (interest 0.01 %/8 h, clamp ±0.05 %, cap 4 %/h).
/** The 8-hour interest rate. */
const INTEREST_8H = 0.0001;
const CLAMP_8H = 0.0005;
/** The venue's cap on the hourly rate. */
export const FUNDING_CAP_HOURLY = 0.04;
export const PREMIUM_SAMPLE_MS = 5_000;

/** The hourly funding rate from a mean premium: F = P + clamp(r − P, ±0.05 %) per 8 h, paid as F/8 each hour, capped. */
export function hourlyFunding(premium: number): number {
  const f8 = premium + Math.min(Math.max(INTEREST_8H - premium, -CLAMP_8H), CLAMP_8H);
  return Math.min(Math.max(f8 / 8, -FUNDING_CAP_HOURLY), FUNDING_CAP_HOURLY);
}

/** The premium of one sample: how far the impact prices sit outside the oracle, over the oracle. */
export function premiumSample(impactBid: number, impactAsk: number, oracle: number): number {
  return (Math.max(impactBid - oracle, 0) - Math.max(oracle - impactAsk, 0)) / oracle;
}

export class FundingClock {
  private sum = 0;
  private n = 0;
  /** The last sample (for the asset context). */
  lastPremium = 0;

  add(premium: number): void {
    this.sum += premium;
    this.n++;
    this.lastPremium = premium;
  }

  /** Samples of the hour so far. */
  get samples(): number {
    return this.n;
  }

  /** The mean premium of the hour so far (0 before the first sample). */
  meanPremium(): number {
    return this.n === 0 ? 0 : this.sum / this.n;
  }

  /** The rate the hour would settle at now (what the asset context shows). */
  predicted(): number {
    return hourlyFunding(this.meanPremium());
  }

  /** Settles the hour: its rate and mean premium; the next hour starts empty. */
  settle(): { rate: number; premium: number } {
    const premium = this.meanPremium();
    this.sum = 0;
    this.n = 0;
    return { rate: hourlyFunding(premium), premium };
  }
}
