// Crash-harness support: the paper daemon as a child process to SIGKILL and restart, and what its data dir and the venue hold afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ledger } from '../../ledger/ledger.js';
import type { LedgerEntry } from '../../ledger/ledger-entry.js';
import type { LocalVenue } from '../../localnet/hyperliquid/local-venue.js';
import type { WireFill } from '../../localnet/hyperliquid/account.js';
import { decodeSessionLine, type SessionHeader } from '../../live/session-codec.js';
import type { OmsFill, StoredOrder } from '../../oms/oms-store.js';
import { openStore } from '../../store/open-store.js';
import { openSqliteOmsStore } from '../../store/sqlite/sqlite-oms-store.js';
import { ManualClock } from '../../core/manual-clock.js';
import { accountFromPrivateKey } from '../../venues/hyperliquid/signing/index.js';

const BIN = fileURLToPath(new URL('../../../bin/sextant.js', import.meta.url));

/**
 * A strategy that trades on every closed bar (it flips a ~20 USD position of each symbol with a market
 * order) and counts bars and orders in its saved state, so a lost or stale state shows as a counter
 * that went back. Plain JavaScript: a .ts strategy is type-checked at every start, ~20 s on a busy machine.
 */
export const FLIPPER_STRATEGY = `// crash-flipper: flips a small position of each symbol every bar; counts bars and orders in its state.
import { defineStrategy } from 'sextant';

export default defineStrategy({
  name: 'crash-flipper',
  summary: 'flips a ~20 USD position every bar; state counts bars and orders',
  params: { usd: { type: 'number', default: 20, min: 11, max: 1000, help: 'position notional, USD' } },
  init: () => ({ bars: 0, orders: 0 }),
  onBar(bar, ctx) {
    ctx.state.bars += 1;
    if (ctx.hasOpenOrders()) return;
    const qty = Math.ceil((ctx.params.usd / bar.close) * 1e4) / 1e4;
    const pos = ctx.position();
    const size = Math.round((pos <= 0 ? qty - pos : pos + qty) * 1e4) / 1e4;
    if (pos <= 0) ctx.buy(size, { reason: 'flip long' });
    else ctx.sell(size, { reason: 'flip short' });
    ctx.state.orders += 1;
  },
});
`;

export interface FlipperState {
  readonly bars: number;
  readonly orders: number;
}

/** One `sextant start` child process. */
export interface DaemonChild {
  readonly child: ChildProcess;
  readonly startedAt: number;
  stderr(): string;
  /** The ops server's URL, once the daemon printed its banner. */
  readonly url: Promise<string>;
  /** Exit code and signal. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface DaemonArgs {
  readonly cwd: string;
  readonly dataDir: string;
  readonly venueUrl: string;
  readonly strategy: string;
  readonly symbols: string;
  readonly interval: string;
  /** Extra environment (SEXTANT_CRASH_AT). */
  readonly env?: Readonly<Record<string, string>>;
  /** The daemon's JSON log lines go to this file (appended). */
  readonly logFile: string;
}

/**
 * Starts the daemon through the real CLI. The compiled dist/ runs when it is up to date (as `sextant`
 * does; a start from the sources costs several times more), unless SEXTANT_FROM_SOURCE=1 is set.
 */
export function startDaemonChild(a: DaemonArgs): DaemonChild {
  const args = ['start', '--mode', 'paper', '--market', 'sim', '--strategy', a.strategy, '--symbols', a.symbols, '--interval', a.interval, '--port', '0', '--data-dir', a.dataDir, '--venue-url', a.venueUrl];
  const log = openSync(a.logFile, 'a');
  const env: Record<string, string | undefined> = { ...process.env, SEXTANT_FROM_SOURCE: process.env.SEXTANT_FROM_SOURCE === '1' ? '1' : '', SEXTANT_DEBUG: '', SEXTANT_CRASH_AT: '', ...a.env };
  const child = spawn(process.execPath, [BIN, ...args], { cwd: a.cwd, stdio: ['ignore', log, 'pipe'], env });
  closeSync(log);
  let err = '';
  let onUrl: ((u: string) => void) | undefined;
  let onNoUrl: ((e: Error) => void) | undefined;
  const url = new Promise<string>((resolve, reject) => {
    onUrl = resolve;
    onNoUrl = reject;
  });
  // Nobody may await it (a crash-point run dies before it prints): a rejection must not be unhandled.
  url.catch(() => undefined);
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    const m = /status +sextant status --url (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
    if (m !== null) onUrl?.(m[1]);
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      onNoUrl?.(new Error(`the daemon exited (code ${code}, signal ${signal}) before printing its URL; stderr: ${err}`));
      resolve({ code, signal });
    }),
  );
  return { child, startedAt: Date.now(), stderr: () => err, url, exit };
}

/** Rejects when `p` takes longer than `ms` (a hang fails the test instead of blocking it). */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `cond` every 100 ms until it holds; fails after `ms` with `what`. */
export async function pollUntil(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`${what}: not true after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The daemon's /ready: true when it answers 200. */
export async function isReady(url: string): Promise<{ ready: boolean; body: string }> {
  try {
    const res = await fetch(`${url}/ready`);
    return { ready: res.status === 200, body: await res.text() };
  } catch (e) {
    return { ready: false, body: (e as Error).message };
  }
}

/** The bot's saved strategy state file, parsed, or undefined before the first save. */
export function readBotState(dataDir: string, botId: string): FlipperState | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'bots', botId, 'state.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  // The file holds the strategy's saveState under `state`, with the last bar taken per symbol.
  return (JSON.parse(text) as { state?: FlipperState }).state;
}

/** Session files of the data dir, oldest first (their names start with the session's start time). */
export function sessionFiles(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dataDir, 'sessions'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .map((n) => join(dataDir, 'sessions', n));
}

/** A session file's header (its first line). */
export function sessionHeader(path: string): SessionHeader {
  const first = readFileSync(path, 'utf8').split('\n')[0];
  const line = decodeSessionLine(first, `${path}:1`);
  if (line.kind !== 'session') throw new Error(`${path}: the first line is a ${line.kind} line, not the header`);
  return line;
}

/** The paper wallet's address (the account the daemon trades at the venue). */
export function paperWalletAddress(dataDir: string): string {
  const key = readFileSync(join(dataDir, 'paper-wallet.key'), 'utf8').trim() as `0x${string}`;
  return accountFromPrivateKey(key).address.toLowerCase();
}

/** What the daemon stored: OMS orders and fills, adopted positions, and the bot's ledger entries. */
export interface StoredState {
  readonly orders: StoredOrder[];
  readonly fills: OmsFill[];
  readonly baseline: Map<string, number>;
  readonly ledger: LedgerEntry[];
}

export async function readStored(dataDir: string, botId: string): Promise<StoredState> {
  const path = join(dataDir, 'sextant.db');
  const oms = openSqliteOmsStore(path, { venue: 'hyperliquid', now: Date.now() });
  try {
    const store = openStore(path, { clock: new ManualClock(Date.now()) });
    try {
      return { orders: await oms.loadOrders(), fills: await oms.listFills(), baseline: await oms.baselinePositions(), ledger: await store.ledger.readLedger(`bot:${botId}`) };
    } finally {
      await store.close();
    }
  } finally {
    await oms.close();
  }
}

/** What the venue itself holds for an account: its orders' cloids, its fills, its positions. */
export interface VenueState {
  readonly cloids: string[];
  /** Orders the venue has without a cloid. */
  readonly withoutCloid: number;
  readonly fills: readonly WireFill[];
  readonly positions: Map<string, number>;
}

export function venueState(venue: LocalVenue, address: string, symbols: readonly string[]): VenueState {
  const acct = venue.account(address);
  if (acct === undefined) return { cloids: [], withoutCloid: 0, fills: [], positions: new Map(symbols.map((s) => [s, 0])) };
  const records = [...acct.orders.values()];
  return {
    cloids: records.filter((o) => o.cloid !== null).map((o) => (o.cloid as string).toLowerCase()),
    withoutCloid: records.filter((o) => o.cloid === null).length,
    fills: [...acct.fills],
    positions: new Map(symbols.map((s) => [s, acct.position(s)])),
  };
}

/** The bot's stored ledger restored into a fresh Ledger, its invariants checked (throws when broken). */
export function restoredLedger(entries: readonly LedgerEntry[]): Ledger {
  const l = new Ledger();
  l.restore(entries);
  l.checkInvariants();
  return l;
}

/** Signed positions of the OMS: the adopted baseline plus every recorded fill. */
export function omsPositions(s: StoredState, symbols: readonly string[]): Map<string, number> {
  const out = new Map(symbols.map((sym) => [sym, s.baseline.get(sym) ?? 0]));
  for (const f of s.fills) out.set(f.symbol, (out.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
  return out;
}
