// GARCH(1,1) variance of log returns per step: shocks raise the next step's variance, which decays to a (regime-set) target.
const YEAR_MS = 365.25 * 86_400_000;

export class Garch {
  /** Conditional variance of the next step's log return. */
  variance: number;

  constructor(
    annualVol: number,
    private readonly stepMs: number,
    private readonly alpha = 0.06,
    private readonly beta = 0.93,
  ) {
    this.variance = Garch.stepVariance(annualVol, stepMs);
  }

  static stepVariance(annualVol: number, stepMs: number): number {
    return annualVol * annualVol * (stepMs / YEAR_MS);
  }

  /** Folds in the last shock (a log return) with the target annual volatility of the current regime. */
  update(shock: number, targetAnnualVol: number): void {
    const target = Garch.stepVariance(targetAnnualVol, this.stepMs);
    this.variance = (1 - this.alpha - this.beta) * target + this.alpha * shock * shock + this.beta * this.variance;
  }

  /** Current volatility relative to `annualVol` (1 = at that level). */
  ratio(annualVol: number): number {
    return Math.sqrt(this.variance / Garch.stepVariance(annualVol, this.stepMs));
  }
}
