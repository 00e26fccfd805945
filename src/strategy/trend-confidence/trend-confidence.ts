// Built-in `trend-confidence`: the AI Quant "Mei Alpha v1" strategy, reproducing that engine's CPU backtest trade for trade.
//
// Most settings come from an AI Quant strategy YAML (`--strategy-config`, see config.ts); the only
// parameter is the warm-up `lookback`. The reference engine fills at the deciding bar's close with
// a fixed 0.5 bps exit slippage and a 3.5 bps taker fee, and rounds to 1e-12: those are simulated-venue
// settings, given as simDefaults (and, for the config-dependent entry slippage, simDefaultsFor).
import { BadInputError } from '../../core/errors.js';
import type { ParamValues } from '../params.js';
import type { SimDefaults, StrategyDefinition, StrategyOptions } from '../strategy.js';
import { resolveTrendConfidenceConfig } from './config.js';
import { TrendConfidenceStrategy } from './trend-confidence-strategy.js';

const SIM_DEFAULTS: SimDefaults = { fillModel: 'close', exitSlippageBps: 0.5, takerFeeBps: 3.5, tick: 1e-12, lot: 1e-12 };

export const trendConfidence: StrategyDefinition & { simDefaultsFor(options: StrategyOptions): SimDefaults } = {
  name: 'trend-confidence',
  summary: 'AI Quant Mei Alpha v1: EMA/ADX/RSI/MACD trend entries ranked by confidence, ATR stops, trailing and smart exits',
  params: [{ name: 'lookback', type: 'int', help: 'bars per symbol before the first entry signal (the reference run uses 200)', default: 200, min: 1 }],
  simDefaults: SIM_DEFAULTS,
  readsConfig: true,
  /** The venue settings under a given config: entry slippage is the config's trade.slippage_bps. */
  simDefaultsFor(options: StrategyOptions): SimDefaults {
    const cfg = resolveTrendConfidenceConfig(options.config, options.configSource);
    return { ...SIM_DEFAULTS, slippageBps: cfg.trade.slippage_bps };
  },
  create(params: ParamValues, options: StrategyOptions): TrendConfidenceStrategy {
    const cfg = resolveTrendConfidenceConfig(options.config, options.configSource);
    const lookback = params.lookback ?? 200;
    if (typeof lookback !== 'number' || !Number.isInteger(lookback) || lookback < 1) throw new BadInputError('--param lookback', `expected an integer ≥ 1, got ${JSON.stringify(lookback)}`);
    return new TrendConfidenceStrategy(cfg, lookback);
  },
};

export default trendConfidence;
