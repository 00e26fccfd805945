// Typed readers of parsed YAML values: each checks one value, records an issue naming path, value and expectation, and returns undefined when bad.
import { closestName, IssueList, showValue, type ConfigPath } from './config-issues.js';

export type Mapping = Readonly<Record<string, unknown>>;

export function isMapping(v: unknown): v is Mapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

// Key names that hold secrets: refused wherever they appear, with the variable to use instead.
const SECRET_KEY = /(private_?key|secret|token|password|passphrase|api_?key|webhook|mnemonic|seed_?phrase)/i;

export interface MappingRule {
  /** The keys this mapping may hold; any other key is an error with a "did you mean" hint. */
  readonly keys: readonly string[];
  /** The environment variable that holds this section's secret, named when a secret-looking key appears. */
  readonly secretEnv?: string;
}

/**
 * A mapping with only known keys. An empty value (`risk:` with nothing under it) is an empty
 * mapping. Unknown keys are reported one by one, but the known ones are still returned for checking.
 */
export function readMapping(v: unknown, path: ConfigPath, issues: IssueList, rule: MappingRule): Mapping | undefined {
  if (v === undefined || v === null) return {};
  if (!isMapping(v)) {
    issues.expected(path, `a mapping with keys ${rule.keys.join(', ')}`, v);
    return undefined;
  }
  for (const key of Object.keys(v)) {
    if (rule.keys.includes(key)) continue;
    if (SECRET_KEY.test(key)) {
      issues.add([...path, key], `secrets are never read from sextant.yaml (value not shown); set ${rule.secretEnv ?? 'them in the environment'} instead and remove this key`);
      continue;
    }
    const near = closestName(key, rule.keys);
    issues.add([...path, key], near !== undefined ? `unknown key; did you mean ${near}?` : `unknown key (known here: ${rule.keys.join(', ')})`);
  }
  return v;
}

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  readonly integer?: boolean;
}

/** `a number from 1 to 50`, `an integer of at least 1`, `a number greater than 0`. */
export function numberExpectation(r: NumberRule): string {
  const a = r.integer ? 'an integer' : 'a number';
  if (r.min !== undefined && r.max !== undefined) return `${a} from ${r.min} to ${r.max}`;
  if (r.above !== undefined && r.max !== undefined) return `${a} greater than ${r.above} and at most ${r.max}`;
  if (r.above !== undefined) return `${a} greater than ${r.above}`;
  if (r.min !== undefined) return `${a} of at least ${r.min}`;
  if (r.max !== undefined) return `${a} of at most ${r.max}`;
  return a;
}

/** A finite number within the rule; strings ("10", "ten"), NaN and infinities are refused. */
export function readNumber(v: unknown, path: ConfigPath, issues: IssueList, rule: NumberRule): number | undefined {
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (!rule.integer || Number.isInteger(v)) &&
    (rule.min === undefined || v >= rule.min) &&
    (rule.max === undefined || v <= rule.max) &&
    (rule.above === undefined || v > rule.above);
  if (!ok) {
    issues.expected(path, numberExpectation(rule), v);
    return undefined;
  }
  return v as number;
}

export function readBoolean(v: unknown, path: ConfigPath, issues: IssueList): boolean | undefined {
  if (typeof v === 'boolean') return v;
  issues.expected(path, 'true or false', v);
  return undefined;
}

/** One of `choices`, with a "did you mean" for near misses. */
export function readChoice<T extends string>(v: unknown, path: ConfigPath, issues: IssueList, choices: readonly T[]): T | undefined {
  if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
  const near = typeof v === 'string' ? closestName(v, choices) : undefined;
  issues.add(path, `expected one of ${choices.join(', ')}, got ${showValue(v)}${near !== undefined ? `; did you mean ${near}?` : ''}`);
  return undefined;
}

export interface StringRule {
  readonly pattern?: RegExp;
  /** What a valid value looks like, for the message. */
  readonly expectation: string;
}

/** A non-empty string (trimmed of nothing: what is written is what counts) matching the rule. */
export function readString(v: unknown, path: ConfigPath, issues: IssueList, rule: StringRule): string | undefined {
  if (typeof v === 'string' && v.trim() !== '' && (rule.pattern === undefined || rule.pattern.test(v))) return v;
  issues.expected(path, rule.expectation, v);
  return undefined;
}

/** A list (an absent value is `absent`). */
export function readList(v: unknown, path: ConfigPath, issues: IssueList, expectation: string): readonly unknown[] | undefined {
  if (Array.isArray(v)) return v;
  issues.expected(path, expectation, v);
  return undefined;
}

/** Reads `m[key]` with `read` when present; `fallback` when absent. An invalid value also yields `fallback` (its issue is recorded). */
export function field<T>(m: Mapping | undefined, key: string, path: ConfigPath, fallback: T, read: (v: unknown, path: ConfigPath) => T | undefined): T {
  if (m === undefined || m[key] === undefined) return fallback;
  return read(m[key], [...path, key]) ?? fallback;
}
