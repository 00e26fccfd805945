// `sextant config check|show|init`: validate sextant.yaml (every error, exit 2), print the effective config and risk limits, write the template.
import { checkConfigFile, initConfigFile, showConfigText } from '../../app/config-root.js';
import { DEFAULT_CONFIG_FILE } from '../../app/config-file.js';
import { MODES } from '../../config/sextant-config.js';
import { BadInputError } from '../../core/errors.js';
import { choiceOption, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { SYMBOL_PATTERN } from '../../config/read-risk.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'config', kind: 'string', placeholder: 'FILE', help: 'the config file', default: DEFAULT_CONFIG_FILE },
  { name: 'mode', kind: 'string', placeholder: 'M', help: 'check: as started in this mode (live adds its requirements); show: resolve risk limits for it (paper, dry-live, live; default: the file’s mode)' },
  { name: 'symbol', kind: 'string', placeholder: 'S', help: 'show: only this symbol’s risk limits' },
  { name: 'json', kind: 'flag', help: 'show: JSON instead of YAML' },
];

const SUBCOMMANDS = ['check', 'show', 'init'] as const;

async function run(args: ParsedArgs, io: CommandIO): Promise<number> {
  const [sub, ...rest] = args.positionals;
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new BadInputError('config', `expected a subcommand (${SUBCOMMANDS.join(', ')}), got ${JSON.stringify(sub ?? '')}`);
  if (rest.length > 0) throw new BadInputError(`config ${sub}`, `takes no arguments, got ${rest.join(' ')} (the file is --config FILE)`);
  const path = args.values.get('config') as string;
  if (sub === 'init') {
    io.out(`wrote ${initConfigFile(path, io.cwd)} (paper mode, trend-confidence on BTC, ETH, SOL; every section commented)\n`);
    return 0;
  }
  const mode = args.values.has('mode') ? choiceOption(args, 'mode', MODES) : undefined;
  const symbol = args.values.get('symbol');
  if (symbol !== undefined && !SYMBOL_PATTERN.test(symbol)) throw new BadInputError('--symbol', `expected a symbol such as BTC, got ${JSON.stringify(symbol)}`);
  const r = await checkConfigFile(path, io.cwd, mode);
  if (!r.ok) {
    // The first problems, in file order, are the ones to fix first; thousands more would only bury them.
    for (const e of r.errors.slice(0, MAX_PRINTED_PROBLEMS)) io.err(e + '\n');
    if (r.errors.length > MAX_PRINTED_PROBLEMS) io.err(`… and ${r.errors.length - MAX_PRINTED_PROBLEMS} more\n`);
    io.err(`sextant config ${sub}: ${r.errors.length === 1 ? '1 problem' : `${r.errors.length} problems`} in ${r.file}\n`);
    return 2;
  }
  if (sub === 'check') io.out(`${r.file}: ok\n${r.summary.map((l) => `  ${l}\n`).join('')}`);
  else io.out(showConfigText(r.config, r.file, { mode, symbol, json: args.flags.has('json') }));
  return 0;
}

/** Problems printed at most; the count of the rest follows. */
export const MAX_PRINTED_PROBLEMS = 100;

export const configCommand: Command = {
  name: 'config',
  summary: 'sextant.yaml: check it (every error with its line), show the effective config and risk limits per symbol, or init the commented template',
  usage: 'sextant config check [--config FILE] [--mode M] | show [--config FILE] [--mode M] [--symbol S] [--json] | init [--config FILE]',
  options: OPTIONS,
  run,
};
