// defineStrategy: the way users write strategies — typed parameters, declared indicators and timeframes, state.
import { parseInterval } from '../core/bars.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';
import type { ExitRules } from '../strategy/exit-rules.js';
import type { StrategyNeeds } from '../strategy/needs.js';
import type { BarView, EntryCandidate, OrderRejection, SimDefaults, Strategy, StrategyContext, StrategyDefinition, StrategyFill } from '../strategy/strategy.js';
import { declaredChartLines } from './chart-lines.js';
import type { IndicatorDecl } from './indicators.js';
import { paramSpecs, type ParamDecls, type Params } from './params.js';
import { StrategyApiImpl, type StrategyApi } from './strategy-api.js';

export interface StrategySpec<P extends ParamDecls, I extends Readonly<Record<string, IndicatorDecl>>, S> {
  /** Names the strategy in runs, reports and client order ids. */
  readonly name: string;
  readonly summary?: string;
  /** Parameters with types, defaults and ranges: `--param k=v` is checked against them; sweeps read them. */
  readonly params?: P;
  /** The indicators the strategy reads, per symbol (built once per symbol and updated before each bar). */
  readonly indicators?: (params: Params<P>) => I;
  /** Longer intervals whose closed bars the strategy reads with `ctx.bars('4h')`: interval → bars kept. */
  readonly timeframes?: Readonly<Record<string, number>>;
  /** Closed bars of the run's own interval kept for `ctx.bars()` (default 2). */
  readonly barHistory?: number;
  /**
   * Exits the engine keeps on every position as reduce-only orders, evaluated in every mode: stopLoss,
   * takeProfit, trailingStop, breakeven, timeStop, and freqtrade's roi table and stoploss.
   */
  readonly exits?: ExitRules | ((params: Params<P>) => ExitRules);
  /**
   * Builds the per-run state (`ctx.state`); called once before the first bar, unless a saved state was
   * loaded (the daemon resuming a bot after a restart). (Its context has no typed state yet: the
   * state's type is inferred from what this returns.)
   */
  init?(ctx: Omit<StrategyApi<Params<P>, I, unknown>, 'state'>): S;
  onStart?(ctx: StrategyApi<Params<P>, I, S>): void;
  onBar?(bar: BarView, ctx: StrategyApi<Params<P>, I, S>): void;
  /** Tick-level market events (trades, book updates) when the run has them. */
  onEvent?(event: Envelope, ctx: StrategyApi<Params<P>, I, S>): void;
  onFill?(fill: StrategyFill, ctx: StrategyApi<Params<P>, I, S>): void;
  onOrderRejected?(rejection: OrderRejection, ctx: StrategyApi<Params<P>, I, S>): void;
  onTimer?(name: string, at: number, ctx: StrategyApi<Params<P>, I, S>): void;
  /** The step's proposed entries, ranked (see `ctx.proposeEntry`). */
  onEntries?(ranked: readonly EntryCandidate[], ctx: StrategyApi<Params<P>, I, S>): void;
  onStop?(ctx: StrategyApi<Params<P>, I, S>): void;
  /** Simulated-venue settings the strategy was designed under; command-line options override them. */
  readonly simDefaults?: SimDefaults;
}

/**
 * Declares a strategy. The result is what a strategy file exports by default:
 *
 * ```ts
 * import { defineStrategy, indicators as ind } from 'sextant';
 * export default defineStrategy({ name: 'x', params: { fast: { type: 'int', default: 10 } },
 *   indicators: (p) => ({ fast: ind.ema(p.fast) }), onBar(bar, ctx) { ... } });
 * ```
 */
export function defineStrategy<const P extends ParamDecls = Record<never, never>, const I extends Readonly<Record<string, IndicatorDecl>> = Record<never, never>, S = undefined>(
  spec: StrategySpec<P, I, S>,
): StrategyDefinition {
  const where = `strategy ${JSON.stringify(spec.name)}`;
  if (typeof spec.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(spec.name)) {
    throw new BadInputError(where, 'name must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  checkParamDecls(where, spec.params ?? {});
  const params = paramSpecs(spec.params ?? {});
  return {
    name: spec.name,
    summary: spec.summary ?? '',
    params,
    simDefaults: spec.simDefaults,
    chartLines(values, series) {
      const decls = spec.indicators?.(values as Params<P>) ?? ({} as I);
      return declaredChartLines(Object.entries(decls).map(([label, d]) => ({ ...d.request, label })), series);
    },
    create(values) {
      const p = values as Params<P>;
      const decls = spec.indicators?.(p) ?? ({} as I);
      const names = Object.keys(decls);
      const needs: StrategyNeeds = {
        indicators: names.map((n) => {
          const d = decls[n];
          if (d === undefined || typeof d !== 'object' || d.request === undefined) throw new BadInputError(`${where}: indicator ${n}`, 'expected a value built with indicators.* or custom()');
          return { ...d.request, label: n };
        }),
        timeframes: Object.entries(spec.timeframes ?? {}).map(([tf, history]) => ({ timeframeMs: parseInterval(tf, `${where}: timeframes`), history })),
        barHistory: spec.barHistory,
        exits: typeof spec.exits === 'function' ? spec.exits(p) : spec.exits,
      };
      let symbols: readonly string[] = [];
      // A state restored before the start (a daemon resuming after a restart) is kept: init builds a new one only when there is none.
      let restored = false;
      const api = new StrategyApiImpl<Params<P>, I, S>(spec.name, p, names, () => (symbols.length === 1 ? symbols[0] : undefined));
      const enter = (ctx: StrategyContext, symbol: string | undefined): StrategyApiImpl<Params<P>, I, S> => {
        api.inner = ctx;
        api.current = symbol;
        return api;
      };
      const strategy: Strategy = {
        needs,
        onStart(ctx) {
          symbols = ctx.symbols();
          const a = enter(ctx, undefined);
          if (spec.init !== undefined && !restored) a.state = spec.init(a as unknown as StrategyApi<Params<P>, I, unknown>);
          spec.onStart?.(a);
        },
        onBar: spec.onBar && ((bar, ctx) => spec.onBar?.(bar, enter(ctx, bar.symbol))),
        onEvent: spec.onEvent && ((e, ctx) => spec.onEvent?.(e, enter(ctx, e.symbol))),
        onFill: spec.onFill && ((f, ctx) => spec.onFill?.(f, enter(ctx, f.symbol))),
        onOrderRejected: spec.onOrderRejected && ((r, ctx) => spec.onOrderRejected?.(r, enter(ctx, r.symbol))),
        onTimer: spec.onTimer && ((name, at, ctx) => spec.onTimer?.(name, at, enter(ctx, undefined))),
        onEntries: spec.onEntries && ((ranked, ctx) => spec.onEntries?.(ranked, enter(ctx, undefined))),
        onStop: spec.onStop && ((ctx) => spec.onStop?.(enter(ctx, undefined))),
        saveState: () => api.state,
        loadState: (state) => {
          api.state = state as S;
          restored = true;
        },
      };
      return strategy;
    },
  };
}

function checkParamDecls(where: string, decls: ParamDecls): void {
  if (decls === null || typeof decls !== 'object') throw new BadInputError(`${where}: params`, 'expected a record of parameter declarations');
  for (const [name, d] of Object.entries(decls)) {
    const w = `${where}: parameter ${JSON.stringify(name)}`;
    // `--param name=value` must be able to set it: no '=', no surrounding blanks, not empty.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new BadInputError(w, 'names are letters, digits and "_", starting with a letter or "_"');
    if (d === null || typeof d !== 'object' || !['int', 'number', 'boolean', 'string'].includes(d.type)) throw new BadInputError(w, 'type must be int, number, boolean or string');
    if (d.default === undefined) continue;
    if (d.type === 'int' || d.type === 'number') {
      if (typeof d.default !== 'number' || !Number.isFinite(d.default)) throw new BadInputError(w, `default must be a finite number, got ${String(d.default)}`);
      if (d.type === 'int' && !Number.isInteger(d.default)) throw new BadInputError(w, `default must be an integer, got ${d.default}`);
      if (d.min !== undefined && d.default < d.min) throw new BadInputError(w, `default ${d.default} is below min ${d.min}`);
      if (d.max !== undefined && d.default > d.max) throw new BadInputError(w, `default ${d.default} is above max ${d.max}`);
    } else if (d.type === 'boolean' && typeof d.default !== 'boolean') throw new BadInputError(w, `default must be true or false, got ${String(d.default)}`);
    else if (d.type === 'string') {
      if (typeof d.default !== 'string') throw new BadInputError(w, `default must be a string, got ${String(d.default)}`);
      if (d.choices !== undefined && !d.choices.includes(d.default)) throw new BadInputError(w, `default ${JSON.stringify(d.default)} is not one of ${d.choices.join(', ')}`);
    }
  }
}
