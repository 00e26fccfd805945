// The public API of Sextant for strategy authors: `import { defineStrategy, indicators } from 'sextant'`.
// A reference, not an import: the file only declares globals and has no run-time module.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./globals.d.ts" />
export { defineStrategy, type StrategySpec } from './define-strategy.js';
export { indicators, indicator, custom, type IndicatorDecl, type IndicatorOf, type IndicatorOptions, type IndicatorSet } from './indicators.js';
export type { ParamDecl, ParamDecls, Params } from './params.js';
export type { StrategyApi, OrderOptions } from './strategy-api.js';
export type { BarView, EntryCandidate, OrderRejection, StrategyDefinition, StrategyFill, SimDefaults } from '../strategy/strategy.js';
export type { BarHistory, IndicatorValues, LineValues } from '../strategy/needs.js';
export type { ExitRules, ExitDistance, ExitLevels } from '../strategy/exit-rules.js';
export type { Indicator } from '../indicators/index.js';
export type { Instrument } from '../core/instrument.js';
export type { OrderRequest, OrderType, Side, TimeInForce } from '../core/orders.js';
export type { Envelope } from '../core/envelope.js';
export { backtest, syntheticBars, readBars, type BacktestSettings, type BacktestOutcome, type SyntheticOptions } from './backtest.js';
export type { BacktestResult, FillRecord, RoundTrip } from '../research/backtest-result.js';
export type { BacktestMetrics } from '../research/metrics.js';
export type { BarSeries } from '../core/bars.js';
