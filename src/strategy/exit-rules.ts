// Declarative exits a strategy asks the engine to keep on every position: stops, targets, trailing, breakeven,
// time stops and freqtrade's ROI table; and their validation.
import { BadInputError } from '../core/errors.js';

/** A distance from the entry: a fraction of the entry price, a price distance, or a multiple of ATR at entry. */
export type ExitDistance =
  | { readonly percent: number }
  | { readonly distance: number }
  /** `atr` × ATR(`period`, default 14) of the bar the position opened on. */
  | { readonly atr: number; readonly period?: number };

export interface ExitRules {
  readonly stopLoss?: ExitDistance;
  /** A distance, or `riskReward` × the stop-loss distance. */
  readonly takeProfit?: ExitDistance | { readonly riskReward: number };
  /**
   * Once the best price since entry is `start` (fraction) beyond the entry, a stop follows it at `distance`
   * (fraction of the best price) behind. `start: 0` trails from the entry on.
   */
  readonly trailingStop?: { readonly start: number; readonly distance: number };
  /** Once the best price is `trigger` (fraction) beyond the entry, the stop moves to entry × (1 ± `offset`, default 0). */
  readonly breakeven?: { readonly trigger: number; readonly offset?: number };
  /** Close at market after this many bars (closes of the position's symbol) or minutes since entry. */
  readonly timeStop?: { readonly bars?: number; readonly minutes?: number };
  /**
   * freqtrade's `minimal_roi`: minutes since entry → the profit ratio after fees that closes the position
   * (`{ "0": 0.04, "30": 0.02, "60": 0 }`); the exit is a take-profit at the exact price that yields it.
   * A ratio of -1 closes at market once that time is reached.
   */
  readonly roi?: Readonly<Record<string, number>>;
  /** freqtrade's `stoploss`: a negative ratio of the entry price, e.g. -0.10 (same as stopLoss { percent: 0.10 }). */
  readonly stoploss?: number;
}

/** Per-position levels a strategy sets when it enters (absolute prices); they replace the rules' stop or target. */
export interface ExitLevels {
  readonly stopLoss?: number;
  readonly takeProfit?: number;
}

/** The ATR periods the rules need (the engine keeps those indicators). */
export function exitAtrPeriods(rules: ExitRules): number[] {
  const out = new Set<number>();
  for (const d of [rules.stopLoss, rules.takeProfit]) if (d !== undefined && 'atr' in d) out.add(d.period ?? 14);
  return [...out];
}

const RULE_KEYS: Readonly<Record<string, readonly string[]>> = {
  stopLoss: ['percent', 'distance', 'atr', 'period'],
  takeProfit: ['percent', 'distance', 'atr', 'period', 'riskReward'],
  trailingStop: ['start', 'distance'],
  breakeven: ['trigger', 'offset'],
  timeStop: ['bars', 'minutes'],
  roi: [],
  stoploss: [],
};

/**
 * Throws a BadInputError naming the first bad field (`where: exits.stopLoss.percent`). Rules come from
 * JavaScript files too, so shapes are checked, and unknown names are refused rather than silently ignored
 * (a misspelt `stopLos` would leave every position without its stop).
 */
export function checkExitRules(rules: ExitRules, where: string): void {
  const w = (k: string): string => `${where}: exits.${k}`;
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) throw new BadInputError(`${where}: exits`, `expected an object of rules (${Object.keys(RULE_KEYS).join(', ')})`);
  for (const [k, v] of Object.entries(rules)) {
    const fields = RULE_KEYS[k];
    if (fields === undefined) throw new BadInputError(w(k), `unknown exit rule (rules: ${Object.keys(RULE_KEYS).join(', ')})`);
    if (k === 'stoploss' || v === undefined) continue;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new BadInputError(w(k), `expected an object${fields.length > 0 ? ` with ${fields.join(' | ')}` : ' of minutes → ratio'}, got ${JSON.stringify(v)}`);
    if (k === 'roi') continue;
    for (const f of Object.keys(v)) if (!fields.includes(f)) throw new BadInputError(w(`${k}.${f}`), `unknown field (fields: ${fields.join(', ')})`);
  }
  const positive = (v: unknown, k: string): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new BadInputError(w(k), `must be a positive finite number, got ${String(v)}`);
  };
  const fraction = (v: unknown, k: string, min: number): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v >= 1) throw new BadInputError(w(k), `must be a fraction in [${min}, 1), got ${String(v)}`);
  };
  const distance = (d: ExitDistance | { readonly riskReward: number }, k: string): void => {
    const keys = Object.keys(d);
    if ('percent' in d) fraction(d.percent, `${k}.percent`, 1e-9);
    else if ('distance' in d) positive(d.distance, `${k}.distance`);
    else if ('atr' in d) {
      positive(d.atr, `${k}.atr`);
      if (d.period !== undefined && !(Number.isInteger(d.period) && d.period >= 1)) throw new BadInputError(w(`${k}.period`), `must be a whole number ≥ 1, got ${d.period}`);
    } else if ('riskReward' in d && k === 'takeProfit') positive(d.riskReward, `${k}.riskReward`);
    else throw new BadInputError(w(k), `expected one of percent, distance, atr${k === 'takeProfit' ? ', riskReward' : ''}; got ${keys.join(', ') || 'nothing'}`);
  };
  if (rules.stopLoss !== undefined) distance(rules.stopLoss, 'stopLoss');
  if (rules.stoploss !== undefined) {
    if (rules.stopLoss !== undefined) throw new BadInputError(w('stoploss'), 'give stopLoss or freqtrade\'s stoploss, not both');
    if (typeof rules.stoploss !== 'number' || !(rules.stoploss < 0 && rules.stoploss > -1)) throw new BadInputError(w('stoploss'), `must be a negative ratio in (-1, 0), got ${String(rules.stoploss)}`);
  }
  if (rules.takeProfit !== undefined) {
    distance(rules.takeProfit, 'takeProfit');
    if ('riskReward' in rules.takeProfit && rules.stopLoss === undefined && rules.stoploss === undefined) throw new BadInputError(w('takeProfit.riskReward'), 'needs a stopLoss to measure the risk');
  }
  if (rules.trailingStop !== undefined) {
    const t = rules.trailingStop;
    if (typeof t.start !== 'number' || !Number.isFinite(t.start) || t.start < 0) throw new BadInputError(w('trailingStop.start'), `must be a fraction ≥ 0, got ${String(t.start)}`);
    fraction(t.distance, 'trailingStop.distance', 1e-9);
  }
  if (rules.breakeven !== undefined) {
    positive(rules.breakeven.trigger, 'breakeven.trigger');
    const off = rules.breakeven.offset ?? 0;
    if (typeof off !== 'number' || !Number.isFinite(off) || off < 0 || off >= rules.breakeven.trigger) throw new BadInputError(w('breakeven.offset'), `must be ≥ 0 and below the trigger ${rules.breakeven.trigger}, got ${String(off)}`);
  }
  if (rules.timeStop !== undefined) {
    const { bars, minutes } = rules.timeStop;
    if (bars === undefined && minutes === undefined) throw new BadInputError(w('timeStop'), 'give bars or minutes');
    if (bars !== undefined && !(Number.isInteger(bars) && bars >= 1)) throw new BadInputError(w('timeStop.bars'), `must be a whole number ≥ 1, got ${bars}`);
    if (minutes !== undefined) positive(minutes, 'timeStop.minutes');
  }
  if (rules.roi !== undefined) {
    const entries = Object.entries(rules.roi);
    if (entries.length === 0) throw new BadInputError(w('roi'), 'is empty');
    for (const [k, v] of entries) {
      if (!/^\d+$/.test(k)) throw new BadInputError(w(`roi.${k}`), 'keys are whole minutes since entry ("0", "30", …)');
      if (typeof v !== 'number' || !Number.isFinite(v) || v < -1) throw new BadInputError(w(`roi.${k}`), `must be a ratio ≥ -1, got ${String(v)}`);
    }
  }
}

/** The ROI table as (minutes, ratio) pairs sorted by minutes. */
export function roiSteps(roi: Readonly<Record<string, number>>): { readonly minutes: number; readonly ratio: number }[] {
  return Object.entries(roi)
    .map(([k, ratio]) => ({ minutes: Number(k), ratio }))
    .sort((a, b) => a.minutes - b.minutes);
}
