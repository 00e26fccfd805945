// The Telegram commands: parses `/name args`, calls the AlertCommands port, and words the reply.
import { KILL_LEVELS, type KillLevel } from '../config/risk-config.js';
import type { AlertCommands, PositionView } from './alert-commands.js';
import { formatDaily, formatMoney, formatNumber } from './format-alert.js';

export const HELP_TEXT = [
  'Sextant commands:',
  '/status - mode, kill level, bots, stale data',
  '/positions - open positions',
  '/pnl - today\'s PnL net of fees, equity',
  '/daily - today\'s summary',
  '/kill LEVEL - close_only, halt_all, hard or flatten',
  '/resume - clear the kill level',
  '/help - this list',
].join('\n');

const SETTABLE = KILL_LEVELS.filter((l): l is Exclude<KillLevel, 'off'> => l !== 'off');

/** `/kill@SextantBot halt_all` → { name: 'kill', args: 'halt_all' }; undefined when the text is no command. */
export function parseCommand(text: string): { readonly name: string; readonly args: string } | undefined {
  const m = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m === null ? undefined : { name: m[1].toLowerCase(), args: (m[2] ?? '').trim() };
}

const position = (p: PositionView): string =>
  `${p.symbol} ${p.side} ${formatNumber(p.qty)} @ ${formatNumber(p.entryPrice)}, uPnL ${p.unrealisedPnl === null ? 'unknown' : formatMoney(p.unrealisedPnl, true)}`;

/** The reply to command `name` with `args` from `source`; the port's errors propagate. */
export async function answerCommand(commands: AlertCommands, name: string, args: string, source: string): Promise<string> {
  switch (name) {
    case 'start':
    case 'help':
      return HELP_TEXT;
    case 'status': {
      const s = await commands.status();
      const bots = s.bots.length === 0 ? 'none' : s.bots.map((b) => `${b.id} ${b.state} (${b.symbols.join(', ')})`).join('; ');
      return [
        `Mode ${s.mode}${s.simulated ? ' (simulated market data)' : ''}, kill level ${s.killLevel}`,
        `Bots: ${bots}`,
        `Stale data: ${s.staleStreams.length === 0 ? 'none' : s.staleStreams.join(', ')}`,
      ].join('\n');
    }
    case 'positions': {
      const ps = await commands.positions();
      return ps.length === 0 ? 'No open positions' : ps.map(position).join('\n');
    }
    case 'pnl': {
      const p = await commands.pnl();
      return `Today ${formatMoney(p.realisedToday, true)} net of fees (fees ${formatMoney(p.fees)}), unrealised ${p.unrealised === null ? 'unknown' : formatMoney(p.unrealised, true)}, equity ${formatMoney(p.equity)}`;
    }
    case 'daily':
      return formatDaily(await commands.daily());
    case 'kill': {
      const level = SETTABLE.find((l) => l === args);
      if (level === undefined) {
        return args === 'off' ? 'To clear the kill level use /resume' : `Usage: /kill LEVEL, LEVEL one of ${SETTABLE.join(', ')}${args !== '' ? ` (got "${args.slice(0, 40)}")` : ''}`;
      }
      await commands.kill(level, source);
      return `Kill level set to ${level}`;
    }
    case 'resume':
      await commands.resume(source);
      return 'Kill level cleared: trading resumed';
    default:
      return `Unknown command /${name}. ${HELP_TEXT}`;
  }
}
