// Command-line argument parsing: `--name value`, `--flag`, repeated options, with errors naming the option.
import { BadInputError } from '../core/errors.js';
import { quoteJson } from '../core/quote-input.js';

export interface OptionSpec {
  readonly name: string;
  /** 'string' takes a value; 'flag' takes none; 'list' takes a value and may repeat. */
  readonly kind: 'string' | 'flag' | 'list';
  readonly help: string;
  readonly placeholder?: string;
  readonly default?: string;
}

export interface ParsedArgs {
  readonly values: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    let name = a.slice(2);
    let inline: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = byName.get(name);
    if (!spec) {
      const known = specs.map((s) => '--' + s.name).join(', ');
      throw new BadInputError(`--${name}`, `unknown option (known: ${known || 'none'})`);
    }
    if (spec.kind === 'flag') {
      if (inline !== undefined) throw new BadInputError(`--${name}`, 'takes no value');
      flags.add(name);
      continue;
    }
    const v = inline ?? argv[++i];
    if (v === undefined) throw new BadInputError(`--${name}`, `needs a value (${spec.placeholder ?? 'value'})`);
    if (spec.kind === 'list') {
      const l = lists.get(name) ?? [];
      l.push(v);
      lists.set(name, l);
    } else {
      if (values.has(name)) throw new BadInputError(`--${name}`, 'given twice');
      values.set(name, v);
    }
  }
  for (const s of specs) if (s.kind === 'string' && s.default !== undefined && !values.has(s.name)) values.set(s.name, s.default);
  return { values, lists, flags, positionals };
}

/** Reads a numeric option, or undefined when absent. */
export function numberOption(args: ParsedArgs, name: string, check?: (n: number) => string | undefined): number | undefined {
  const raw = args.values.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new BadInputError(`--${name}`, `expected a number, got ${quoteJson(raw)}`);
  const problem = check?.(n);
  if (problem) throw new BadInputError(`--${name}`, `${problem}, got ${raw}`);
  return n;
}

/** `A, B,,C` → ['A', 'B', 'C']: a comma-separated option value, items trimmed, empty ones dropped. */
export function listValue(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** A string option that must be one of `choices`; an error naming the option otherwise. */
export function choiceOption<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T {
  const v = requireOption(args, name);
  if (!(choices as readonly string[]).includes(v)) throw new BadInputError(`--${name}`, `expected ${choices.join(' or ')}, got ${quoteJson(v)}`);
  return v as T;
}

export function requireOption(args: ParsedArgs, name: string): string {
  const v = args.values.get(name);
  if (v === undefined) throw new BadInputError(`--${name}`, 'is required');
  return v;
}

/** Renders the help text of a command. */
export function formatHelp(usage: string, summary: string, specs: readonly OptionSpec[]): string {
  const lines = [`usage: ${usage}`, '', summary, ''];
  if (specs.length > 0) {
    lines.push('options:');
    const rows = specs.map((s) => [`--${s.name}${s.kind === 'flag' ? '' : ' ' + (s.placeholder ?? 'VALUE')}`, s.help + (s.default !== undefined ? ` (default ${s.default})` : '') + (s.kind === 'list' ? ' (repeatable)' : '')]);
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [a, b] of rows) lines.push(`  ${a.padEnd(w)}  ${b}`);
    lines.push(`  ${'--help'.padEnd(w)}  show this help`);
  }
  return lines.join('\n') + '\n';
}

/** A positional id (a run, a recording): a whole number ≥ 1, else an error naming `what` and the text. */
export function idArgument(text: string, what: string): number {
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 1)) throw new BadInputError(`${what} id ${JSON.stringify(text)}`, 'expected a whole number ≥ 1');
  return n;
}
