// Built-in strategies by name, and loading a user strategy from a .ts/.js file path.
import { BadInputError } from '../core/errors.js';
import { smaCross } from './sma-cross.js';
import { trendConfidence } from './trend-confidence/trend-confidence.js';
import type { StrategyDefinition } from './strategy.js';

export const BUILTIN_STRATEGIES: readonly StrategyDefinition[] = [smaCross, trendConfidence];

export function findBuiltinStrategy(name: string, builtins: readonly StrategyDefinition[] = BUILTIN_STRATEGIES): StrategyDefinition | undefined {
  return builtins.find((s) => s.name === name);
}

/** Checks that a module's export looks like a StrategyDefinition. */
export function asStrategyDefinition(value: unknown, where: string): StrategyDefinition {
  const v = value as Partial<StrategyDefinition> | undefined;
  if (!v || typeof v !== 'object' || typeof v.name !== 'string' || typeof v.create !== 'function' || !Array.isArray(v.params)) {
    throw new BadInputError(where, 'expected a default export (or export `strategy`) of the form { name, summary, params: [...], create(params, options) }');
  }
  return v as StrategyDefinition;
}
