// The session recording's line format: a header, every bot input in order, and every command the kernel sent.
import { BadInputError } from '../core/errors.js';
import type { ExecutionCommand } from '../core/execution.js';
import { fixedFromString, fixedToString } from '../core/fixed.js';
import type { Instrument } from '../core/instrument.js';
import type { BotInput } from './bot-host.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';

/** What a replay needs to rebuild the bot as the daemon built it. */
export interface SessionHeader {
  readonly kind: 'session';
  readonly format: 1;
  readonly sessionId: string;
  readonly botId: string;
  /** The strategy as configured (a name or a path) and the SHA-256 of its source, when a file. */
  readonly strategy: string;
  readonly strategySha256?: string;
  readonly symbols: readonly string[];
  /** The instruments as the venue described them at start (tick, lot, fees): a replay needs no venue. */
  readonly instruments: readonly Instrument[];
  readonly intervalMs: number;
  readonly params: Readonly<Record<string, number | boolean | string>>;
  readonly mode: string;
  readonly startedAt: number;
  /** Cash the bot's ledger started with, as exact decimal text. */
  readonly capital: string;
  /** Strategy state loaded at start (saveState of the previous session), when any. */
  readonly state?: unknown;
  /**
   * The bot's ledger at start when it resumed one (a restart keeps its positions and cash): a replay
   * restores these entries instead of depositing `capital` into an empty ledger.
   */
  readonly ledger?: readonly LedgerEntry[];
}

/** A command the kernel sent while handling the input just before it in the file. */
export interface CommandLine {
  readonly kind: 'command';
  readonly t: number;
  readonly command: ExecutionCommand;
}

export type SessionLine = SessionHeader | BotInput | CommandLine;

/** One JSON line. Typed arrays (book levels) become tagged arrays; a fill's exact fee its decimal text. */
export function encodeSessionLine(line: SessionLine): string {
  return JSON.stringify(line, replacer);
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Float64Array) return { $f64: Array.from(value) };
  if (typeof value === 'bigint') return { $fixed: fixedToString(value) };
  return value;
}

/** Parses one line; `where` names the file and line for errors. */
export function decodeSessionLine(text: string, where: string): SessionLine {
  let v: unknown;
  try {
    v = JSON.parse(text, reviver);
  } catch (e) {
    throw new BadInputError(where, `not a session line: ${(e as Error).message}`, { cause: e });
  }
  if (typeof v !== 'object' || v === null) throw new BadInputError(where, 'not a session line: expected an object');
  const kind = (v as { kind?: unknown }).kind;
  switch (kind) {
    case 'session':
      if ((v as { format?: unknown }).format !== 1) throw new BadInputError(where, `session format ${JSON.stringify((v as { format?: unknown }).format)} is not supported (expected 1)`);
      return v as SessionHeader;
    case 'market':
    case 'report':
    case 'tick':
    case 'bar':
    case 'command':
      if (typeof (v as { t?: unknown }).t !== 'number' || !Number.isFinite((v as { t: number }).t)) throw new BadInputError(where, `${kind} line without a finite time`);
      return v as SessionLine;
    default:
      throw new BadInputError(where, `unknown line kind ${JSON.stringify(kind)}`);
  }
}

function reviver(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.$f64) && Object.keys(o).length === 1) return Float64Array.from(o.$f64 as number[]);
    if (typeof o.$fixed === 'string' && Object.keys(o).length === 1) return fixedFromString(o.$fixed, 'session line');
  }
  return value;
}
