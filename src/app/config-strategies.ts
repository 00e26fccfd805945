// Checks what the config layer cannot: that each bot's strategy loads, and its params are the strategy's declared ones, in range.
import { closestName, pathText } from '../config/config-issues.js';
import type { SextantConfig } from '../config/sextant-config.js';
import { SextantError } from '../core/errors.js';
import { parseParamValue } from '../strategy/params.js';
import { loadStrategy, loadStrategyConfig } from './load-strategy.js';

/**
 * One line per problem, `FILE: bots[i].params.NAME: …`, for every bot (enabled or not): an
 * unknown strategy, a strategy file that does not load or type-check, an unknown parameter (with
 * a "did you mean"), a value of the wrong type or out of range, an unreadable strategy_config.
 */
export async function botStrategyProblems(config: SextantConfig, file: string, cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const [i, bot] of config.bots.entries()) {
    const at = (...rest: (string | number)[]): string => `${file}: ${pathText(['bots', i, ...rest])}`;
    let params;
    try {
      params = (await loadStrategy(bot.strategy, cwd)).definition.params;
    } catch (e) {
      if (!(e instanceof SextantError)) throw e;
      out.push(`${at('strategy')}: ${e.message}`);
      continue;
    }
    for (const [name, value] of Object.entries(bot.params)) {
      const spec = params.find((p) => p.name === name);
      if (spec === undefined) {
        const near = closestName(name, params.map((p) => p.name));
        out.push(`${at('params', name)}: ${bot.strategy} has no parameter ${JSON.stringify(name)}${near !== undefined ? `; did you mean ${near}?` : ''} (its parameters: ${params.map((p) => p.name).join(', ') || 'none'})`);
        continue;
      }
      try {
        parseParamValue(spec, String(value), at('params', name));
      } catch (e) {
        if (!(e instanceof SextantError)) throw e;
        out.push(e.message);
      }
    }
    if (bot.strategyConfig !== undefined) {
      try {
        loadStrategyConfig(bot.strategyConfig, cwd);
      } catch (e) {
        if (!(e instanceof SextantError)) throw e;
        out.push(`${at('strategy_config')}: ${e.message}`);
      }
    }
  }
  return out;
}
