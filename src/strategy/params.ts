// Declared strategy parameters: types, defaults and ranges; parsing `--param k=v` against them.
import { BadInputError } from '../core/errors.js';
import { quoteJson } from '../core/quote-input.js';

export interface ParamSpec {
  readonly name: string;
  readonly type: 'int' | 'number' | 'boolean' | 'string';
  readonly help: string;
  /** Absent means the parameter is optional with no value. */
  readonly default?: number | boolean | string;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly string[];
}

export type ParamValue = number | boolean | string;
export type ParamValues = Readonly<Record<string, ParamValue | undefined>>;

/** Parses `k=v` strings against the specs; unknown names and out-of-range values name the parameter. */
export function resolveParams(strategy: string, specs: readonly ParamSpec[], raw: readonly string[]): Record<string, ParamValue | undefined> {
  const out: Record<string, ParamValue | undefined> = {};
  for (const s of specs) out[s.name] = s.default;
  const seen = new Set<string>();
  for (const kv of raw) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new BadInputError(`--param ${kv}`, 'expected name=value');
    const name = kv.slice(0, eq).trim();
    const text = kv.slice(eq + 1).trim();
    const spec = specs.find((s) => s.name === name);
    const where = `--param ${name}`;
    if (!spec) throw new BadInputError(where, `strategy ${strategy} has no parameter ${quoteJson(name)} (parameters: ${specs.map((s) => s.name).join(', ') || 'none'})`);
    if (seen.has(name)) throw new BadInputError(where, 'given twice');
    seen.add(name);
    out[name] = parseParamValue(spec, text, where);
  }
  return out;
}

export function parseParamValue(spec: ParamSpec, text: string, where: string): ParamValue {
  switch (spec.type) {
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(text)) return true;
      if (/^(false|0|no|off)$/i.test(text)) return false;
      throw new BadInputError(where, `expected true or false, got ${quoteJson(text)}`);
    case 'string':
      if (spec.choices && !spec.choices.includes(text)) throw new BadInputError(where, `expected one of ${spec.choices.join(', ')}, got ${quoteJson(text)}`);
      return text;
    case 'int':
    case 'number': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) throw new BadInputError(where, `expected a number, got ${quoteJson(text)}`);
      if (spec.type === 'int' && !Number.isInteger(n)) throw new BadInputError(where, `expected an integer, got ${text}`);
      if (spec.min !== undefined && n < spec.min) throw new BadInputError(where, `must be ≥ ${spec.min}, got ${text}`);
      if (spec.max !== undefined && n > spec.max) throw new BadInputError(where, `must be ≤ ${spec.max}, got ${text}`);
      return n;
    }
  }
}
