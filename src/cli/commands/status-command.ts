// `sextant status [--json] [--url URL] [--data-dir DIR]`: a running daemon's state (mode, readiness, kill level, bots, positions, orders).
import { resolve } from 'node:path';
import { API_TOKEN_ENV, DEFAULT_DAEMON_URL, daemonUrl, readDaemonSnapshot, statusToken } from '../../app/status-root.js';
import type { DaemonSnapshot } from '../../api/ops-views.js';
import { BadInputError } from '../../core/errors.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { textTable } from '../text-table.js';
import { escapeControls } from '../../core/quote-input.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'url', kind: 'string', placeholder: 'URL', help: 'the daemon’s ops server', default: DEFAULT_DAEMON_URL },
  { name: 'data-dir', kind: 'string', placeholder: 'DIR', help: `the daemon’s data dir, whose status-token file (a read-scope API key) authenticates the reads; ${API_TOKEN_ENV} overrides it`, default: 'data' },
  { name: 'json', kind: 'flag', help: 'print one JSON object {status, bots, positions, orders, risk}' },
];

export const statusCommand: Command = {
  name: 'status',
  summary: 'show a running daemon’s mode, readiness, kill level, bots, positions and orders',
  usage: 'sextant status [--json] [--url URL] [--data-dir DIR]',
  options: OPTIONS,
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    if (args.positionals.length > 0) throw new BadInputError('status', `takes no arguments, got ${args.positionals.join(' ')}`);
    const base = daemonUrl(args.values.get('url') ?? DEFAULT_DAEMON_URL);
    const token = statusToken(io.env, resolve(io.cwd, args.values.get('data-dir') ?? 'data'));
    const snapshot = await readDaemonSnapshot(base, token);
    io.out(args.flags.has('json') ? `${JSON.stringify(snapshot)}\n` : statusText(base, snapshot));
    return 0;
  },
};

const num = (n: number | null): string => (n === null ? '?' : String(n));

/** textTable with every cell escaped: the daemon's answer is text from another process, not terminal control. */
function table(rows: readonly (readonly string[])[], rightAligned?: ReadonlySet<number>): string {
  return textTable(rows.map((r) => r.map(escapeControls)), rightAligned);
}

export function statusText(base: string, s: DaemonSnapshot): string {
  const st = s.status;
  const r = st.readiness;
  const lines = [
    table([
      ['daemon', `${base}  ${st.mode}  pid ${st.pid}  since ${st.startedAt}  v${st.version}`],
      ['market', `${st.market}${st.simulated ? '  SIMULATED DATA (not the market’s prices)' : ''}`],
      ['ready', r.ready ? 'yes' : `no: ${r.reasons.join('; ') || `reconciled ${r.reconciled}, market data fresh ${r.marketDataFresh}`}`],
      ['kill level', `${s.risk.killLevel}${s.risk.killReason !== null ? ` (${s.risk.killReason})` : ''}`],
      ['equity', num(st.equity)],
      ['data dir', st.dataDir],
    ]),
  ];
  lines.push(
    s.bots.length === 0
      ? 'bots: none\n'
      : `bots:\n${table([['id', 'strategy', 'symbols', 'interval', 'state', 'capital'], ...s.bots.map((b) => [b.id, b.strategy, b.symbols.join(','), b.interval, b.state, String(b.capital)])], new Set([5]))}`,
  );
  lines.push(
    s.positions.length === 0
      ? 'positions: none\n'
      : `positions:\n${table([['symbol', 'size', 'entry', 'mark', 'uPnL'], ...s.positions.map((p) => [p.symbol, String(p.size), String(p.entryPrice), num(p.markPrice), num(p.unrealizedPnl)])], new Set([1, 2, 3, 4]))}`,
  );
  lines.push(
    s.orders.length === 0
      ? 'orders: none\n'
      : `orders:\n${table([['cloid', 'bot', 'symbol', 'side', 'size', 'filled', 'price', 'status', 'placed'], ...s.orders.map((o) => [o.cloid, o.bot ?? '-', o.symbol, o.side, String(o.size), String(o.filled), o.price === null ? 'market' : String(o.price), o.status, o.placedAt])], new Set([4, 5, 6]))}`,
  );
  const blocks = Object.entries(s.risk.blocksByRule);
  lines.push(blocks.length === 0 ? 'risk blocks: none\n' : `risk blocks:\n${table(blocks.map(([rule, n]) => [rule, String(n)]), new Set([1]))}`);
  return lines.join('\n');
}
