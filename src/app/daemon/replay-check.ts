// `sextant replay-check`: a recorded bot session run again through a fresh kernel, decision by decision.
import { BadInputError } from '../../core/errors.js';
import type { ExecutionCommand } from '../../core/execution.js';
import { fixedFromString } from '../../core/fixed.js';
import { ManualClock } from '../../core/manual-clock.js';
import { Kernel } from '../../engine/kernel.js';
import { Ledger } from '../../ledger/ledger.js';
import { BotHost } from '../../live/bot-host.js';
import { recordCommands } from '../../live/command-recorder.js';
import { decodeSessionLine, type SessionHeader } from '../../live/session-codec.js';
import { resolveParams, type ParamValues } from '../../strategy/params.js';
import { loadStrategy } from '../load-strategy.js';
import { LineReader } from './line-reader.js';
import { statSync } from 'node:fs';
import { notRegularFileReason } from '../../core/file-kind.js';

/** One command as compared: the input (1-based line) it followed, and its content. */
export interface DecisionText {
  readonly afterLine: number;
  readonly text: string;
}

export interface Divergence {
  /** 1-based position of the command in the session's command sequence. */
  readonly n: number;
  readonly recorded: DecisionText | undefined;
  readonly replayed: DecisionText | undefined;
}

export interface ReplayCheckResult {
  readonly header: SessionHeader;
  readonly inputs: number;
  readonly recorded: number;
  readonly replayed: number;
  /** The first divergences, in order (at most `maxDivergences`). */
  readonly divergences: readonly Divergence[];
  /** All positions where the two sequences differ. */
  readonly divergenceCount: number;
  /** The file ended in a partial line (a crash while writing it); that line was left out. */
  readonly tornTail: boolean;
}

/** The command without its envelope time (the decision is the step it followed plus what it asked). */
function commandText(c: ExecutionCommand): string {
  switch (c.type) {
    case 'order.submit':
      return `submit ${c.clientId} ${JSON.stringify(c.request)}`;
    case 'order.cancel':
      return `cancel ${c.symbol} ${c.clientId}`;
    case 'leverage.set':
      return `leverage ${c.symbol} ${c.leverage}`;
    default: {
      const never: never = c;
      throw new BadInputError('session', `unknown command ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Replays the session file at `path`: the same strategy (by name, or by path with the source hash
 * checked), parameters, instruments and capital, then every recorded input in order; compares the
 * commands the replay sends with the recorded ones, position by position.
 */
export async function replayCheck(path: string, cwd: string, o: { readonly maxDivergences?: number; readonly typecheck?: boolean } = {}): Promise<ReplayCheckResult> {
  // A FIFO would block the read for ever, a folder cannot be read: both refused before opening.
  const st = statSync(path, { throwIfNoEntry: false });
  const notFile = st === undefined ? undefined : notRegularFileReason(st);
  if (notFile !== undefined) throw new BadInputError(path, `${notFile} (a session is a .jsonl file)`);
  const reader = new LineReader(path);
  let lines: Iterator<string>;
  let firstLine: IteratorResult<string>;
  try {
    lines = reader[Symbol.iterator]();
    firstLine = lines.next();
  } catch (e) {
    throw new BadInputError(path, `cannot read the session (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  try {
    // A session cut by a crash (kill -9 mid-write) ends in a partial line: the reader drops it and says so.
    if (firstLine.done === true) throw new BadInputError(path, 'empty session file');
    const first = decodeSessionLine(firstLine.value, `${path}:1`);
    if (first.kind !== 'session') throw new BadInputError(`${path}:1`, `expected the session header, got a ${first.kind} line`);
    const header = first;
    const loaded = await loadStrategy(header.strategy, cwd, { typecheck: o.typecheck });
    const now = 'file' in loaded.ref ? loaded.ref.file.sha256 : undefined;
    if (header.strategySha256 !== undefined && now !== undefined && now !== header.strategySha256) {
      throw new BadInputError(header.strategy, `the strategy's source changed since the session (recorded sha256 ${header.strategySha256.slice(0, 12)}…, now ${now.slice(0, 12)}…): a replay would check other code`);
    }
    const raw = Object.entries(header.params).map(([k, v]) => `${k}=${String(v)}`);
    const params = resolveParams(loaded.definition.name, loaded.definition.params, raw) as ParamValues;
    const strategy = loaded.definition.create(params, {});
    if (header.state !== undefined) strategy.loadState?.(header.state);
    const ledger = new Ledger();
    if (header.ledger !== undefined && header.ledger.length > 0) ledger.restore(header.ledger);
    else ledger.deposit(header.startedAt, fixedFromString(header.capital, `${path}:1 capital`));
    const clock = new ManualClock(header.startedAt);
    const replayed: DecisionText[] = [];
    let line = 0;
    // The replay sends nothing anywhere: the commands are only written down (the recorded reports stand for the venue).
    const kernel: Kernel = new Kernel(header.botId, strategy, clock, ledger, header.instruments, () =>
      recordCommands({ submit() {}, cancel() {}, setLeverage: () => undefined }, (c) => replayed.push({ afterLine: line, text: commandText(c) }), () => clock.now()),
    );
    const host = new BotHost(kernel, { botId: header.botId, symbols: header.symbols, intervalMs: header.intervalMs });
    host.start();
    const recorded: DecisionText[] = [];
    let inputs = 0;
    let lastInput = 0;
    let i = 1;
    for (let next = lines.next(); next.done !== true; next = lines.next()) {
      i++;
      const where = `${path}:${i}`;
      const l = decodeSessionLine(next.value, where);
      switch (l.kind) {
        case 'session':
          throw new BadInputError(where, 'a second session header');
        case 'command':
          recorded.push({ afterLine: lastInput, text: commandText(l.command) });
          break;
        default:
          line = i;
          lastInput = line;
          inputs++;
          host.input(l);
      }
    }
    host.stop();
    const max = o.maxDivergences ?? 20;
    const divergences: Divergence[] = [];
    let count = 0;
    const n = Math.max(recorded.length, replayed.length);
    for (let k = 0; k < n; k++) {
      const a = recorded[k];
      const b = replayed[k];
      if (a !== undefined && b !== undefined && a.afterLine === b.afterLine && a.text === b.text) continue;
      count++;
      if (divergences.length < max) divergences.push({ n: k + 1, recorded: a, replayed: b });
    }
    return { header, inputs, recorded: recorded.length, replayed: replayed.length, divergences, divergenceCount: count, tornTail: reader.torn };
  } finally {
    // Closes the file when a bad line or a strategy error stops the replay early.
    lines.return?.();
  }
}
