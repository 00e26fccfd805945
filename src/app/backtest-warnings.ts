// What a backtest says on stderr when its inputs do nothing or its orders were refused: runs that look fine but are not.
import { createStrategy } from '../engine/strategy-crash.js';
import type { BacktestResult } from '../research/backtest-result.js';
import type { BacktestMetrics } from '../research/metrics.js';
import type { BacktestRequest, PreparedBacktest } from './backtest-root.js';

/** Inputs that have no effect on this run (checked before it starts). */
export function inputWarnings(req: BacktestRequest, p: PreparedBacktest): string[] {
  const out: string[] = [...p.dataNotes];
  const name = p.strategy.name;
  if (req.strategyConfig !== undefined && p.strategy.readsConfig !== true) out.push(`--strategy-config: strategy ${name} reads no config; ${req.strategyConfig.path} is ignored`);
  const bars = p.series.reduce((n, s) => n + s.length, 0);
  if (p.events.length > 0) {
    const probe = createStrategy(p.strategy, p.params, p.strategyOptions);
    if (bars === 0 && probe.onEvent === undefined) {
      out.push(`strategy ${name} reacts to bars only (it has no onEvent) and this run has no bars, only tick events: it will not trade (give bars with --data beside --ticks, or a strategy with onEvent)`);
    }
    const eventSymbols = new Set(p.events.map((e) => e.symbol));
    if (req.fillModel !== undefined && p.series.every((s) => s.length === 0 || eventSymbols.has(s.symbol))) {
      out.push(`--fill-model ${req.fillModel}: does not apply to this run: with tick events, orders fill against the replayed book and trades (see "Tick data" in the README)`);
    }
  }
  return out;
}

/** What went wrong during the run: refused orders by reason, a liquidation. */
export function outcomeWarnings(r: BacktestResult, m: BacktestMetrics): string[] {
  const out: string[] = [];
  const counts = Object.entries(m.rejected_orders);
  if (counts.length > 0) {
    const total = counts.reduce((n, [, c]) => n + c, 0);
    const first = r.rejections[0];
    out.push(
      `${total} order${total === 1 ? ' was' : 's were'} rejected (${counts.map(([k, c]) => `${k}: ${c}`).join('; ')}); ` +
        `the first at ${new Date(first.time).toISOString()} (${first.symbol}): ${first.reason}. The strategy is told through onOrderRejected.`,
    );
  }
  const liq = r.fills.find((f) => f.reason === 'Liquidation');
  if (liq !== undefined) out.push(`the account was liquidated at ${new Date(liq.time).toISOString()} (${liq.symbol} ${liq.side} ${liq.qty} @ ${liq.price}): equity fell below the maintenance margin`);
  return out;
}
