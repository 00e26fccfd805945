// `sextant recordings list|show ID`: the recordings made by `sextant record`: symbols, channels, time range, frames, trades, books, size.
import { summarizeRecording, type RecordingSummary } from '../../app/recording-summary.js';
import { type Clock, isoShort } from '../../core/clock.js';
import { LiveClock } from '../../core/live-clock.js';
import { BadInputError } from '../../core/errors.js';
import { withStore } from '../../store/open-store.js';
import { idArgument, type OptionSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';
import { existingStore } from '../existing-store.js';
import { textTable } from '../text-table.js';
import { DEFAULT_DB } from './import-command.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'db', kind: 'string', placeholder: 'PATH', help: 'SQLite store', default: DEFAULT_DB },
  { name: 'json', kind: 'flag', help: 'print JSON' },
];

export function makeRecordingsCommand(clock: Clock): Command {
  return {
    name: 'recordings',
    summary: 'recordings made by sextant record: list, or show one (backtest one with sextant backtest --recording ID)',
    usage: 'sextant recordings list [--json] | show ID [--json] [--db PATH]',
    options: OPTIONS,
    async run(args: ParsedArgs, io: CommandIO): Promise<number> {
      const [sub, ...rest] = args.positionals;
      if (sub !== 'list' && sub !== 'show') throw new BadInputError('recordings', `expected the subcommand list or show, got ${JSON.stringify(sub ?? '')}`);
      if (sub === 'list' && rest.length > 0) throw new BadInputError('recordings list', `takes no arguments, got ${rest.join(' ')}`);
      if (sub === 'show' && rest.length !== 1) throw new BadInputError('recordings show', 'expected one recording id');
      const id = sub === 'show' ? idArgument(rest[0], 'recording') : 0;
      const { arg: dbArg, path: db } = existingStore(args, io.cwd, 'sextant record writes recordings there');
      return withStore(db, { clock }, async (store) => {
        if (sub === 'list') {
          const all = await Promise.all((await store.recordings.listRecordings()).map((r) => summarizeRecording(store.recordings, r, false)));
          if (args.flags.has('json')) io.out(JSON.stringify(all.map(summaryJson)) + '\n');
          else io.out(all.length === 0 ? `no recordings in ${dbArg}\n` : listText(all));
          return 0;
        }
        const info = await store.recordings.getRecording(id);
        if (info === undefined) throw new BadInputError(`recording ${id}`, `no such recording in ${dbArg} (see sextant recordings list)`);
        const s = await summarizeRecording(store.recordings, info, true);
        io.out(args.flags.has('json') ? JSON.stringify(summaryJson(s)) + '\n' : showText(s));
        return 0;
      });
    },
  };
}

export const recordingsCommand: Command = makeRecordingsCommand(new LiveClock());

const time = (t: number | undefined): string => (t === undefined ? '-' : isoShort(t));

/** Bytes as B, KB, MB (10^3 steps, one decimal above bytes). */
function size(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} KB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

function summaryJson(s: RecordingSummary): Record<string, unknown> {
  const i = s.info;
  return {
    id: i.id,
    venue: i.venue,
    started_at: isoShort(i.startedAt),
    symbols: s.symbols,
    channels: s.channels,
    meta: i.meta,
    first_frame_at: i.firstTsInit === undefined ? null : isoShort(i.firstTsInit),
    last_frame_at: i.lastTsInit === undefined ? null : isoShort(i.lastTsInit),
    frames: i.frames,
    frames_by_channel: Object.fromEntries(s.stats.channels.map((c) => [c.channel, c.frames])),
    trade_frames: s.tradeFrames,
    book_frames: s.bookFrames,
    ...(s.decoded !== undefined ? { trades: s.decoded.trades, books: s.decoded.books, bad_frames: s.decoded.badFrames } : {}),
    frame_bytes: s.stats.frameBytes,
    stored_bytes: s.stats.storedBytes,
  };
}

function listText(all: readonly RecordingSummary[]): string {
  const rows = [
    ['id', 'venue', 'symbols', 'channels', 'first frame', 'last frame', 'frames', 'trade frames', 'book frames', 'size'],
    ...all.map((s) => [String(s.info.id), s.info.venue, s.symbols.join(','), s.channels.join(','), time(s.info.firstTsInit), time(s.info.lastTsInit), String(s.info.frames), String(s.tradeFrames), String(s.bookFrames), size(s.stats.storedBytes)]),
  ];
  return textTable(rows, new Set([0, 6, 7, 8, 9]));
}

function showText(s: RecordingSummary): string {
  const i = s.info;
  const d = s.decoded;
  const rows = [
    ['recording', `${i.id} (${i.venue})`],
    ['started', isoShort(i.startedAt)],
    ['symbols', s.symbols.join(', ') || '-'],
    ['channels', s.channels.join(', ') || '-'],
    ['frames', `${i.frames}, received ${time(i.firstTsInit)} … ${time(i.lastTsInit)}`],
    ...s.stats.channels.map((c) => [`  ${c.channel}`, `${c.frames} frames, ${size(c.bytes)}`]),
    ...(d !== undefined ? [['trades', String(d.trades)], ['books', `${d.books} snapshots`], ['bad frames', String(d.badFrames)]] : []),
    ['size', `${size(s.stats.storedBytes)} stored for ${size(s.stats.frameBytes)} of frames`],
    ['meta', JSON.stringify(i.meta)],
  ];
  return textTable(rows);
}
