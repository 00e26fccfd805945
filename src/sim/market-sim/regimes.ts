// The market regime as a Markov chain (calm / trending / volatile) and what each regime means for drift, volatility, jumps and activity.
import type { Rng } from '../../core/rng.js';

export type Regime = 'calm' | 'trending' | 'volatile';

export interface RegimeParams {
  /** Annualised volatility the GARCH variance reverts to. */
  readonly volatility: number;
  /** Mean time spent in the regime before switching, ms. */
  readonly meanDurationMs: number;
  /** Jumps per hour. */
  readonly jumpsPerHour: number;
  /** Multiplies the symbol's trade rate. */
  readonly activity: number;
  /** Annualised drift magnitude (its sign is drawn on entering the regime). */
  readonly drift: number;
}

export const REGIMES: Readonly<Record<Regime, RegimeParams>> = {
  calm: { volatility: 0.3, meanDurationMs: 3 * 3_600_000, jumpsPerHour: 0.15, activity: 0.7, drift: 0 },
  trending: { volatility: 0.55, meanDurationMs: 90 * 60_000, jumpsPerHour: 0.5, activity: 1.2, drift: 25 },
  volatile: { volatility: 1.3, meanDurationMs: 40 * 60_000, jumpsPerHour: 3, activity: 2.2, drift: 0 },
};

/** Where a switch goes from each regime (the probabilities of the other two, in this order). */
const NEXT: Readonly<Record<Regime, readonly [Regime, number, Regime]>> = {
  calm: ['trending', 0.6, 'volatile'],
  trending: ['calm', 0.6, 'volatile'],
  volatile: ['calm', 0.6, 'trending'],
};

export class RegimeChain {
  regime: Regime = 'calm';
  /** +1 or −1: the direction of a trend. */
  direction = 1;
  switches = 0;

  constructor(private readonly rng: Rng) {}

  /** One step of `dtMs`: switches with probability dt / mean duration. Returns true on a switch. */
  step(dtMs: number): boolean {
    if (this.rng.next() >= dtMs / REGIMES[this.regime].meanDurationMs) return false;
    const [a, p, b] = NEXT[this.regime];
    this.regime = this.rng.next() < p ? a : b;
    this.direction = this.rng.next() < 0.5 ? -1 : 1;
    this.switches++;
    return true;
  }

  get params(): RegimeParams {
    return REGIMES[this.regime];
  }
}
