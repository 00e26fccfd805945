// A strategy loaded from a user's file: an exception it throws is named as its own, not taken for a bug in Sextant.
import { BadInputError, SextantError } from '../core/errors.js';
import type { Strategy, StrategyDefinition } from './strategy.js';

const HOOKS = ['onStart', 'onBar', 'onEvent', 'onEntries', 'onTimer', 'onFill', 'onOrderRejected', 'onStop', 'saveState', 'loadState'] as const;

// Cold on purpose: a formatted throw inside the hot wrapper would slow its compiled code.
function userError(where: string, hook: string, e: unknown): never {
  // Errors of Sextant's own making (a rejected context call, a broken invariant) keep their class.
  if (e instanceof SextantError) throw e;
  throw new BadInputError(where, `${hook} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
}

/**
 * `def` with create() and every hook of the strategies it creates wrapped: an exception thrown by
 * the user's code becomes BadInputError(`strategy FILE`, `onBar threw TypeError: ...`), exit 2 in
 * the CLI, with the original as cause (SEXTANT_DEBUG=1 prints its stack).
 */
export function guardUserStrategy(def: StrategyDefinition, file: string): StrategyDefinition {
  const where = `strategy ${file}`;
  const simDefaultsFor = def.simDefaultsFor;
  return {
    name: def.name,
    summary: def.summary,
    params: def.params,
    ...(def.simDefaults !== undefined ? { simDefaults: def.simDefaults } : {}),
    ...(simDefaultsFor !== undefined
      ? {
          simDefaultsFor(options) {
            try {
              return simDefaultsFor.call(def, options);
            } catch (e) {
              return userError(where, 'simDefaultsFor', e);
            }
          },
        }
      : {}),
    create(params, options) {
      let inner: Strategy;
      try {
        inner = def.create(params, options);
      } catch (e) {
        return userError(where, 'create', e);
      }
      const outer: Record<string, unknown> = {};
      for (const hook of HOOKS) {
        const f = inner[hook] as ((a?: unknown, b?: unknown, c?: unknown) => unknown) | undefined;
        if (typeof f !== 'function') continue;
        // Fixed arity (hooks take at most three arguments): no rest array per call on the hot path.
        outer[hook] = (a?: unknown, b?: unknown, c?: unknown): unknown => {
          try {
            return f.call(inner, a, b, c);
          } catch (e) {
            return userError(where, hook, e);
          }
        };
      }
      return outer as Strategy;
    },
  };
}
