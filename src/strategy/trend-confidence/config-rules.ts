// Leaf rules of the trend-confidence config schema: the default, the expected type and the allowed range of one key.

export type Confidence = 'low' | 'medium' | 'high';
export type MacdMode = 'accel' | 'sign' | 'none';

export interface NumRule {
  readonly kind: 'num';
  readonly default: number;
  readonly int?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Exclusive lower bound. */
  readonly gt?: number;
}

export interface BoolRule {
  readonly kind: 'bool';
  readonly default: boolean;
}

export interface EnumRule<T extends string = string> {
  readonly kind: 'enum';
  readonly default: T;
  readonly choices: readonly T[];
}

export interface StrRule {
  readonly kind: 'str';
  readonly default: string;
}

export type LeafRule = NumRule | BoolRule | EnumRule | StrRule;

/** A schema node: a leaf rule or a section of named nodes. */
export interface SchemaSection {
  readonly [key: string]: LeafRule | SchemaSection;
}

/** The config type a schema describes: every leaf becomes its value type. */
export type ConfigOf<S> = {
  readonly [K in keyof S]: S[K] extends NumRule ? number : S[K] extends BoolRule ? boolean : S[K] extends EnumRule<infer T> ? T : S[K] extends StrRule ? string : ConfigOf<S[K]>;
};

export const num = (def: number, range: { int?: boolean; min?: number; max?: number; gt?: number } = {}): NumRule => ({ kind: 'num', default: def, ...range });
export const int = (def: number, min = 0): NumRule => ({ kind: 'num', default: def, int: true, min });
export const bool = (def: boolean): BoolRule => ({ kind: 'bool', default: def });
export const str = (def: string): StrRule => ({ kind: 'str', default: def });
export const confidence = (def: Confidence): EnumRule<Confidence> => ({ kind: 'enum', default: def, choices: ['low', 'medium', 'high'] });
export const macdMode = (def: MacdMode): EnumRule<MacdMode> => ({ kind: 'enum', default: def, choices: ['accel', 'sign', 'none'] });

/** Shorthands for the common ranges. */
export const nonneg = (def: number): NumRule => num(def, { min: 0 });
export const positive = (def: number): NumRule => num(def, { gt: 0 });
/** A threshold compared against an indicator: any finite number (beyond the indicator's range = always/never). */
export const level = (def: number): NumRule => num(def);
export const fraction = (def: number): NumRule => num(def, { min: 0, max: 1 });
export const window = (def: number): NumRule => int(def, 1);

export function isLeaf(node: LeafRule | SchemaSection): node is LeafRule {
  const k = (node as { kind?: unknown }).kind;
  return typeof k === 'string' && 'default' in node;
}

/** Describes what a leaf accepts, for error messages. */
export function describeRule(rule: LeafRule): string {
  switch (rule.kind) {
    case 'bool':
      return 'true or false';
    case 'str':
      return 'a string';
    case 'enum':
      return `one of ${rule.choices.join(', ')}`;
    case 'num': {
      const parts: string[] = [rule.int ? 'an integer' : 'a number'];
      if (rule.gt !== undefined) parts.push(`> ${rule.gt}`);
      if (rule.min !== undefined) parts.push(`≥ ${rule.min}`);
      if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
      return parts.join(' ');
    }
  }
}

/** Checks one value against its rule; returns the accepted value or a reason. */
export function checkLeaf(rule: LeafRule, raw: unknown): { ok: true; value: number | boolean | string } | { ok: false; reason: string } {
  const bad = (): { ok: false; reason: string } => ({ ok: false, reason: `expected ${describeRule(rule)}, got ${JSON.stringify(raw)}` });
  switch (rule.kind) {
    case 'bool':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : bad();
    case 'str':
      return typeof raw === 'string' ? { ok: true, value: raw } : bad();
    case 'enum': {
      // The reference lower-cases these (`Confidence::from_str`); unknown words are an error here, not "high".
      if (typeof raw !== 'string') return bad();
      const v = raw.trim().toLowerCase();
      return rule.choices.includes(v) ? { ok: true, value: v } : bad();
    }
    case 'num': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return bad();
      if (rule.int && !Number.isInteger(raw)) return bad();
      if (rule.gt !== undefined && !(raw > rule.gt)) return bad();
      if (rule.min !== undefined && raw < rule.min) return bad();
      if (rule.max !== undefined && raw > rule.max) return bad();
      return { ok: true, value: raw };
    }
  }
}
