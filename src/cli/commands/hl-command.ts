// `sextant hl <subcommand>`: Hyperliquid tools. `hl sign --vectors FILE` prints connection ids and signatures of a vectors file.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BadInputError } from '../../core/errors.js';
import { runSigningVectors, type VectorResult } from '../../venues/hyperliquid/signing/index.js';
import { requireOption } from '../args.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { quoteJson } from '../../core/quote-input.js';

/** One subcommand of `hl`: its options are merged into the command's option list. */
export interface HlSubcommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  run(args: ParsedArgs, io: CommandIO): Promise<number> | number;
}

/** The line printed per vector: r and s 0x + 64 hex, nulls where the vector allows no value. */
export function vectorLine(r: VectorResult): string {
  return JSON.stringify({ id: r.id, connection_id: r.connectionId, r: r.signature?.r ?? null, s: r.signature?.s ?? null, v: r.signature?.v ?? null });
}

export const hlSignSubcommand: HlSubcommand = {
  name: 'sign',
  summary: 'recompute a signing-vectors file: one JSON line {id, connection_id, r, s, v} per vector',
  usage: 'sextant hl sign --vectors FILE',
  options: [{ name: 'vectors', kind: 'string', placeholder: 'FILE', help: 'signing vectors in the shape of signing-vectors.json (hl sign)' }],
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const arg = requireOption(args, 'vectors');
    const file = resolve(io.cwd, arg);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new BadInputError('--vectors', `cannot read ${arg}: ${(e as Error).message}`, { cause: e });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new BadInputError(arg, `not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    const results = await runSigningVectors(data, arg);
    let failed = 0;
    for (const r of results) {
      io.out(vectorLine(r) + '\n');
      if (r.error !== undefined) {
        failed++;
        io.err(`sextant hl sign: ${r.error}\n`);
      }
      await io.drain();
    }
    if (failed > 0) io.err(`sextant hl sign: ${failed} of ${results.length} vectors could not be evaluated\n`);
    return failed > 0 ? 1 : 0;
  },
};

function subcommandList(subs: readonly HlSubcommand[]): string {
  const w = Math.max(...subs.map((s) => s.name.length));
  return subs.map((s) => `  ${s.name.padEnd(w)}  ${s.summary}`).join('\n');
}

export function makeHlCommand(subcommands: readonly HlSubcommand[] = [hlSignSubcommand]): Command {
  const options = subcommands.flatMap((s) => s.options);
  const usage = `${subcommands.map((s) => s.usage).join('\n       ')}\n\nsubcommands:\n${subcommandList(subcommands)}`;
  return {
    name: 'hl',
    summary: `Hyperliquid tools (subcommands: ${subcommands.map((s) => s.name).join(', ')})`,
    usage,
    options,
    run(args: ParsedArgs, io: CommandIO): Promise<number> | number {
      const [name, ...extra] = args.positionals;
      const sub = subcommands.find((s) => s.name === name);
      if (!sub) {
        if (name !== undefined) io.err(`sextant hl: unknown subcommand ${quoteJson(name)}\n`);
        io.err(`usage: ${usage}\n`);
        return 2;
      }
      if (extra.length > 0) throw new BadInputError(`hl ${sub.name}`, `unexpected argument ${quoteJson(extra[0])}`);
      const own = new Set(sub.options.map((o) => o.name));
      // Defaults of other subcommands' options are filled in by the parser: not the user's doing.
      const defaulted = new Set(options.filter((o) => o.default !== undefined).map((o) => o.name));
      for (const given of [...args.values.keys(), ...args.flags, ...args.lists.keys()]) {
        if (!own.has(given) && !defaulted.has(given)) throw new BadInputError(`--${given}`, `is not an option of hl ${sub.name}`);
      }
      return sub.run(args, io);
    },
  };
}

export const hlCommand = makeHlCommand();
