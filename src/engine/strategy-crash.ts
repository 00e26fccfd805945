// Turns an exception thrown inside a strategy callback into an error that says where: the strategy's file and
// line, the callback, the symbol, the bar index and the step time.
import { BadInputError, SextantError } from '../core/errors.js';
import type { ParamValues } from '../strategy/params.js';
import type { Strategy, StrategyDefinition, StrategyOptions } from '../strategy/strategy.js';

/** Frames in these parts of Sextant are the engine calling the strategy, not the strategy's own code. */
const ENGINE_FRAME = /[/\\]src[/\\](engine|sim|sdk|core|ledger|indicators|market|oms|research)[/\\](?![^:]*\.test\.ts:)|node:internal|[/\\]node_modules[/\\]/;

/** The first stack frame of `error` in the strategy's own code (`file:line:col`), if the stack has one. */
export function strategyFrame(error: unknown): string | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (stack === undefined) return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(line.trim());
    if (m === null || ENGINE_FRAME.test(m[1])) continue;
    return m[1].replace(/^file:\/\//, '');
  }
  return undefined;
}

/**
 * The error to throw when a strategy callback threw `cause`. Errors of Sextant's own invariants stay what
 * they are (a bug of ours); anything else is the strategy's input to fix: a BadInputError naming the place.
 */
export function strategyCrashed(strategy: string, callback: string, detail: string, time: number, cause: unknown): Error {
  if (cause instanceof SextantError && cause.code === 'INVARIANT') return cause;
  // Already placed (a fill reported inside ctx.submit, inside onBar): keep the innermost callback.
  if (cause instanceof BadInputError && cause.where.startsWith(`strategy ${strategy}`)) return cause;
  const at = strategyFrame(cause);
  const when = Number.isFinite(time) && Math.abs(time) < 8.64e15 ? ` at ${new Date(time).toISOString()}` : ' before the first step';
  const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : `threw ${String(cause)}`;
  return new BadInputError(`strategy ${strategy}${at !== undefined ? ` (${at})` : ''}`, `${callback}${detail ? ` ${detail}` : ''}${when}: ${what}`, { cause });
}

/** `def.create(...)` inside the same boundary: a user's factory (or its declarations) throwing is its own error, not Sextant's. */
export function createStrategy(def: StrategyDefinition, params: ParamValues, options: StrategyOptions): Strategy {
  try {
    return def.create(params, options);
  } catch (e) {
    throw strategyCrashed(def.name, 'create', '', Number.NaN, e);
  }
}
