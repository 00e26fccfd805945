// `sextant replay-check SESSION`: a bot's recorded session through a fresh kernel; exit 0 when every decision matches, 1 when they diverge.
import { resolve } from 'node:path';
import { isoTime } from '../../core/clock.js';
import { BadInputError } from '../../core/errors.js';
import { replayCheck, type ReplayCheckResult } from '../../app/daemon/replay-check.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'json', kind: 'flag', help: 'print the result as one JSON object' },
  { name: 'no-typecheck', kind: 'flag', help: 'load a TypeScript strategy without type-checking it first' },
];

export const replayCheckCommand: Command = {
  name: 'replay-check',
  summary: 'run a recorded bot session through a fresh kernel and compare every decision (exit 1 when they diverge)',
  usage: 'sextant replay-check SESSION.jsonl [--json] [--no-typecheck]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    if (args.positionals.length !== 1) throw new BadInputError('replay-check', `expected one session file, got ${args.positionals.length === 0 ? 'none' : args.positionals.join(' ')}`);
    const r = await replayCheck(resolve(io.cwd, args.positionals[0]), io.cwd, { typecheck: !args.flags.has('no-typecheck') });
    io.out(args.flags.has('json') ? `${JSON.stringify(r)}\n` : replayText(args.positionals[0], r));
    return r.divergenceCount === 0 ? 0 : 1;
  },
};

function replayText(file: string, r: ReplayCheckResult): string {
  const h = r.header;
  const torn = r.tornTail ? ' (the last line was cut short, as by a crash while writing, and is left out)' : '';
  const head = `${file}${torn}: session ${h.sessionId}, bot ${h.botId} (${h.strategy}, ${h.mode}, ${h.symbols.join(',')}), started ${isoTime(h.startedAt)}: ${r.inputs} inputs, ${r.recorded} decisions recorded, ${r.replayed} replayed`;
  if (r.divergenceCount === 0) return `${head}: identical\n`;
  const lines = [`${head}: DIVERGED at ${r.divergenceCount} position${r.divergenceCount === 1 ? '' : 's'}`];
  for (const d of r.divergences) {
    lines.push(`  #${d.n}`);
    lines.push(`    recorded: ${d.recorded === undefined ? '(none)' : `after line ${d.recorded.afterLine}: ${d.recorded.text}`}`);
    lines.push(`    replayed: ${d.replayed === undefined ? '(none)' : `after line ${d.replayed.afterLine}: ${d.replayed.text}`}`);
  }
  if (r.divergenceCount > r.divergences.length) lines.push(`  … and ${r.divergenceCount - r.divergences.length} more`);
  return lines.join('\n') + '\n';
}
