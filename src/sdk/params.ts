// Strategy parameters declared as a record, with the TypeScript types their values have inside the strategy.
import type { ParamSpec } from '../strategy/params.js';

interface BaseDecl {
  /** One line for `--help`, sweeps and the terminal's parameter forms. */
  readonly help?: string;
}

export type ParamDecl =
  | (BaseDecl & { readonly type: 'int' | 'number'; readonly default?: number; readonly min?: number; readonly max?: number })
  | (BaseDecl & { readonly type: 'boolean'; readonly default?: boolean })
  | (BaseDecl & { readonly type: 'string'; readonly default?: string; readonly choices?: readonly string[] });

export type ParamDecls = Readonly<Record<string, ParamDecl>>;

type ValueOf<D> = D extends { readonly type: 'int' | 'number' }
  ? number
  : D extends { readonly type: 'boolean' }
    ? boolean
    : D extends { readonly choices: readonly (infer C)[] }
      ? C
      : string;

/** The parameter values a strategy receives: declared with a default ⇒ always set; without ⇒ possibly undefined. */
export type Params<P> = { readonly [K in keyof P]: P[K] extends { readonly default: unknown } ? ValueOf<P[K]> : ValueOf<P[K]> | undefined };

/** The engine's parameter specs (what `--param`, sweeps and the API read) for a declared record. */
export function paramSpecs(decls: ParamDecls): ParamSpec[] {
  return Object.entries(decls).map(([name, d]) => ({
    name,
    type: d.type,
    help: d.help ?? '',
    default: d.default,
    min: d.type === 'int' || d.type === 'number' ? d.min : undefined,
    max: d.type === 'int' || d.type === 'number' ? d.max : undefined,
    choices: d.type === 'string' ? d.choices : undefined,
  }));
}
