// Daily loss and drawdown: the trailing equity peak (reset only as configured) and the breach tests.
import type { RiskLimits } from '../config/risk-config.js';
import type { UnixMs } from '../core/clock.js';
import { type RiskDailyPnl, utcDayStart } from './risk-view.js';
import type { VerdictInputs } from './verdict.js';
import { over } from './limit-compare.js';

export interface PeakState {
  /** Highest equity seen since the last reset; undefined until the first observation after a reset. */
  readonly peak: number | undefined;
  readonly peakTs: UnixMs | undefined;
  /** The UTC day (ms of its 00:00) the peak belongs to, for `drawdownPeakReset: daily`. */
  readonly peakDay: UnixMs | undefined;
}

export interface Breach {
  readonly rule: 'daily_loss' | 'drawdown';
  readonly reason: string;
  readonly inputs: VerdictInputs;
}

export class LossGuard {
  private peak: number | undefined;
  private peakTs: UnixMs | undefined;
  private peakDay: UnixMs | undefined;

  constructor(state?: PeakState) {
    this.peak = state?.peak;
    this.peakTs = state?.peakTs;
    this.peakDay = state?.peakDay;
  }

  /**
   * Moves the peak with `equity` at `now` and returns the limits breached (inclusive limits: a loss
   * or drawdown equal to its limit passes). The daily figure counts only when it is today's.
   */
  observe(equity: number, daily: RiskDailyPnl, now: UnixMs, limits: RiskLimits): Breach[] {
    const today = utcDayStart(now);
    if (limits.drawdownPeakReset === 'daily' && this.peakDay !== today) this.forget();
    if (this.peak === undefined || equity > this.peak) {
      this.peak = equity;
      this.peakTs = now;
    }
    if (this.peakDay === undefined || this.peakDay < today) this.peakDay = today;
    const out: Breach[] = [];
    if (limits.maxDrawdownPct !== undefined) {
      const dd = this.drawdownPct(equity);
      if (over(dd, limits.maxDrawdownPct))
        out.push({
          rule: 'drawdown',
          reason: `drawdown ${dd.toFixed(2)} % from the equity peak ${this.peak} (at ${new Date(this.peakTs as number).toISOString()}) to ${equity} is beyond the limit ${limits.maxDrawdownPct} %`,
          inputs: { equity, peak: this.peak, drawdownPct: dd, maxDrawdownPct: limits.maxDrawdownPct },
        });
    }
    if (limits.maxDailyLoss !== undefined && daily.dayStartMs === today && over(-daily.realisedNet, limits.maxDailyLoss))
      out.push({
        rule: 'daily_loss',
        reason: `realised loss net of fees and funding today (UTC ${new Date(today).toISOString().slice(0, 10)}) is ${-daily.realisedNet}, beyond the limit ${limits.maxDailyLoss}`,
        inputs: { realisedNet: daily.realisedNet, maxDailyLoss: limits.maxDailyLoss, dayStartMs: daily.dayStartMs },
      });
    return out;
  }

  /** Percent below the peak (0 at or above it, or with no positive peak). */
  drawdownPct(equity: number): number {
    if (this.peak === undefined || this.peak <= 0 || equity >= this.peak) return 0;
    return ((this.peak - equity) / this.peak) * 100;
  }

  /** Forgets the peak: the next observation starts a new one (a configured reset). */
  forget(): void {
    this.peak = undefined;
    this.peakTs = undefined;
    this.peakDay = undefined;
  }

  state(): PeakState {
    return { peak: this.peak, peakTs: this.peakTs, peakDay: this.peakDay };
  }
}
