// Which fee schedule a backtest uses: explicit rates, a venue preset, the strategy's default, the data's venue, or none; and the sentence saying so.
import { BadInputError } from '../core/errors.js';
import { feePreset, venueFeePreset } from '../sim/fee-presets.js';
import type { FeeSpec } from './backtest-spec.js';

export interface FeeRequest {
  /** `--fees NAME`. */
  readonly preset?: string;
  /** `--fee-bps`: maker and taker. */
  readonly bps?: number;
  readonly makerBps?: number;
  readonly takerBps?: number;
  readonly perUnit: number;
  /** A schedule already chosen (a rerun from a stored spec): used as it is. */
  readonly chosen?: FeeSpec;
}

export const NO_FEES_BASIS = 'none (generic data file; use --fees or --fee-bps)';

/**
 * Precedence, highest first: `--maker-bps` / `--taker-bps`, `--fee-bps`, `--fees PRESET`, the
 * strategy's declared taker fee (the convention it was designed under, both sides), the base tier
 * of the venue the data came from, none.
 */
export function chooseFees(req: FeeRequest, strategy: { readonly name: string; readonly takerFeeBps: number | undefined }, venue: string | undefined): FeeSpec {
  if (req.chosen !== undefined) return req.chosen;
  for (const [k, v] of [['--fee-bps', req.bps], ['--maker-bps', req.makerBps], ['--taker-bps', req.takerBps], ['--fee-per-unit', req.perUnit]] as const) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new BadInputError(k, `must be a number ≥ 0, got ${v}`);
  }
  const preset = req.preset !== undefined ? feePreset(req.preset) : undefined;
  const fromVenue = venue !== undefined ? venueFeePreset(venue) : undefined;
  let maker: number;
  let taker: number;
  let basis: string;
  let presetName: string | null = null;
  if (preset !== undefined) {
    [maker, taker, presetName] = [preset.makerBps, preset.takerBps, preset.name];
    basis = `--fees ${preset.name} (${preset.source})`;
  } else if (req.bps === undefined && req.makerBps === undefined && req.takerBps === undefined && strategy.takerFeeBps !== undefined) {
    [maker, taker] = [strategy.takerFeeBps, strategy.takerFeeBps];
    basis = `strategy ${strategy.name}'s default`;
  } else if (fromVenue !== undefined) {
    [maker, taker, presetName] = [fromVenue.makerBps, fromVenue.takerBps, fromVenue.name];
    basis = `${fromVenue.source} (the data is from ${venue}; --fees or --fee-bps to change)`;
  } else {
    [maker, taker] = [0, 0];
    basis = NO_FEES_BASIS;
  }
  const overridden = req.bps !== undefined || req.makerBps !== undefined || req.takerBps !== undefined;
  if (overridden) {
    maker = req.makerBps ?? req.bps ?? maker;
    taker = req.takerBps ?? req.bps ?? taker;
    presetName = null;
    basis = 'given (--fee-bps / --maker-bps / --taker-bps)';
  }
  // Only the no-fees basis has both rates 0 by construction; it is prefixed when a per-unit fee applies.
  if (basis !== NO_FEES_BASIS || req.perUnit !== 0) {
    basis = `maker ${maker} bps, taker ${taker} bps${req.perUnit !== 0 ? `, ${req.perUnit} per unit` : ''}: ${basis}`;
  }
  return { makerBps: maker, takerBps: taker, perUnit: req.perUnit, preset: presetName, basis };
}
