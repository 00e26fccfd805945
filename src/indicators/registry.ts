// The indicator catalogue and `createIndicator`: build any indicator by name from string or number parameters.
import { BadInputError } from '../core/errors.js';
import type { Indicator, IndicatorSpec, ParamValue } from './indicator.js';
import { smaSpec } from './sma.js';
import { emaSpec } from './ema.js';
import { wmaSpec } from './wma.js';
import { demaSpec } from './dema.js';
import { temaSpec } from './tema.js';
import { kamaSpec } from './kama.js';
import { rsiSpec } from './rsi.js';
import { atrSpec } from './atr.js';
import { adxSpec } from './adx.js';
import { dmiSpec } from './dmi.js';
import { macdSpec } from './macd.js';
import { bbandsSpec } from './bbands.js';
import { stochSpec } from './stoch.js';
import { stochrsiSpec } from './stochrsi.js';
import { cciSpec } from './cci.js';
import { rocSpec } from './roc.js';
import { momentumSpec } from './momentum.js';
import { willrSpec } from './willr.js';
import { obvSpec } from './obv.js';
import { vwapSpec } from './vwap.js';
import { donchianSpec } from './donchian.js';
import { aroonSpec } from './aroon.js';
import { trixSpec } from './trix.js';
import { ultoscSpec } from './ultosc.js';
import { psarSpec } from './psar.js';
import { ichimokuSpec } from './ichimoku.js';
import { quoteJson } from '../core/quote-input.js';

export const INDICATOR_SPECS: readonly IndicatorSpec[] = [
  smaSpec, emaSpec, wmaSpec, demaSpec, temaSpec, kamaSpec, rsiSpec, atrSpec, adxSpec, dmiSpec, macdSpec, bbandsSpec, stochSpec,
  stochrsiSpec, cciSpec, rocSpec, momentumSpec, willrSpec, obvSpec, vwapSpec, donchianSpec, aroonSpec, trixSpec, ultoscSpec,
  psarSpec, ichimokuSpec,
];

export function indicatorNames(): string[] {
  return INDICATOR_SPECS.map((s) => s.name);
}

export function indicatorSpec(name: string, where: string): IndicatorSpec {
  const spec = INDICATOR_SPECS.find((s) => s.name === name);
  if (!spec) throw new BadInputError(where, `unknown indicator ${quoteJson(name)} (valid: ${indicatorNames().join(', ')})`);
  return spec;
}

/**
 * Builds indicator `name` with `params` (numbers, or strings as they come from a command line); missing
 * parameters take the catalogue defaults. `where` names the caller's input in errors, e.g. `--ind fast`.
 * Throws BadInputError for an unknown indicator or parameter (listing the valid ones) or a bad value.
 */
export function createIndicator(name: string, params: Readonly<Record<string, ParamValue>>, where: string): Indicator {
  const spec = indicatorSpec(name, where);
  const w = `${where} (${name})`;
  const valid = spec.params.map((p) => p.name);
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(params)) {
    if (!valid.includes(key)) {
      throw new BadInputError(w, `unknown parameter ${quoteJson(key)} (valid: ${valid.length > 0 ? valid.join(', ') : 'none'})`);
    }
  }
  for (const p of spec.params) {
    const raw = Object.hasOwn(params, p.name) ? params[p.name] : p.default;
    if (p.kind === 'choice') {
      const s = String(raw);
      if (!p.choices?.includes(s)) throw new BadInputError(w, `${p.name} must be one of ${p.choices?.join(', ')}, got ${quoteJson(raw)}`);
      out[p.name] = s;
    } else {
      const n = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(n)) throw new BadInputError(w, `${p.name} must be a number, got ${quoteJson(raw)}`);
      out[p.name] = n;
    }
  }
  return spec.create(out, w);
}
