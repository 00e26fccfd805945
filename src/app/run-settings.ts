// A run's settings for its report, read from the run spec (so a report of a rerun lists exactly the same).
import type { BacktestSpec } from './backtest-spec.js';
import { DEFAULT_LEVERAGE } from '../research/backtest-runner.js';
import { reportSettings } from '../research/report-settings.js';

export function specReportSettings(spec: BacktestSpec, source: string, symbols: readonly string[]): [string, string][] {
  return reportSettings({
    strategy: 'builtin' in spec.strategy ? spec.strategy.builtin : spec.strategy.file.path,
    params: spec.params,
    strategyConfig: spec.strategyConfig?.file.path,
    data: source,
    symbols,
    from: spec.inputs.first ?? undefined,
    to: spec.inputs.last ?? undefined,
    ticks: spec.ticks.map((f) => f.path),
    funding: spec.funding.map((f) => `${f.symbol}=${f.file.path}`),
    cash: spec.cash,
    fees: spec.fees.basis,
    makerBps: spec.fees.makerBps,
    takerBps: spec.fees.takerBps,
    feePerUnit: spec.fees.perUnit,
    slippageBps: spec.slippageBps,
    exitSlippageBps: spec.exitSlippageBps ?? undefined,
    fillModel: spec.fillModel,
    leverage: spec.leverage ?? DEFAULT_LEVERAGE,
    tick: spec.tick ?? undefined,
    lot: spec.lot ?? undefined,
    multiplier: spec.multiplier,
    sextant: spec.sextant,
  });
}
