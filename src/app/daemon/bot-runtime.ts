// One bot of the running daemon: its strategy, resumed ledger and state, kernel, bot host, order port and session recording.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileAtomically } from '../../core/atomic-file.js';
import { BadInputError } from '../../core/errors.js';
import type { Clock } from '../../core/clock.js';
import { CANDLE_INTERVALS, type Bar } from '../../core/bars.js';
import type { Envelope } from '../../core/envelope.js';
import type { ExecutionReport } from '../../core/execution.js';
import { fixedFromNumber, fixedToString } from '../../core/fixed.js';
import type { Instrument } from '../../core/instrument.js';
import { ManualClock } from '../../core/manual-clock.js';
import { Kernel } from '../../engine/kernel.js';
import { Ledger } from '../../ledger/ledger.js';
import type { LedgerEntry } from '../../ledger/ledger-entry.js';
import { BotHost } from '../../live/bot-host.js';
import { BotOrderPort } from '../../live/bot-order-port.js';
import { recordCommands } from '../../live/command-recorder.js';
import type { OmsGateway } from '../../live/oms-gateway.js';
import type { SessionHeader } from '../../live/session-codec.js';
import { VenueExecutor } from '../../live/venue-executor.js';
import type { CancelIntent, OrderIntent as RiskOrderIntent, Verdict } from '../../risk/index.js';
import type { LedgerStore } from '../../store/ports.js';
import { resolveParams, type ParamValues } from '../../strategy/params.js';
import type { Strategy } from '../../strategy/strategy.js';
import type { BotConfig } from '../../config/sextant-config.js';
import { loadStrategy, loadStrategyConfig } from '../load-strategy.js';
import { SessionFile } from './session-file.js';

/** Closed candles of `symbol` at `interval` with open times in [from, to), oldest first. */
export type CandleFetch = (symbol: string, interval: string, from: number, to: number) => Promise<Bar[]>;

export type BotState = 'starting' | 'running' | 'stopped' | 'failed';

export interface BotRuntimeDeps {
  readonly config: BotConfig;
  /** Cash given to a bot's new ledger (its allocation of the account). */
  readonly capital: number;
  readonly instruments: readonly Instrument[];
  readonly ledgerStore: LedgerStore;
  readonly dataDir: string;
  readonly cwd: string;
  readonly sessionId: string;
  readonly mode: string;
  readonly clock: Clock;
  readonly gateway: OmsGateway;
  readonly check: (intent: RiskOrderIntent | CancelIntent) => Verdict;
  readonly marks: ReadonlyMap<string, number>;
  /** The bot stopped on an error of its own (a strategy crash, a store failure): the daemon logs it and goes on with the others. */
  readonly onFailure: (botId: string, error: unknown) => void;
  /** Every report the bot's kernel takes (fills for alerts and the audit trail). */
  readonly onReport?: (botId: string, report: ExecutionReport) => void;
}

/** The ledger account a bot's entries are stored under. */
export const botLedgerAccount = (botId: string): string => `bot:${botId}`;

const STATE_FILE = 'state.json';

/**
 * Resuming: the bot's ledger is read back from the store (its positions and cash survive a restart),
 * its strategy state from `bots/<id>/state.json` (written atomically after every input that traded and
 * on stop). Everything the bot takes is recorded in `sessions/<session>-<bot>.jsonl` for replay-check.
 */
export class BotRuntime {
  readonly id: string;
  state: BotState = 'starting';
  failure: string | undefined;
  private readonly fillIds = new Set<string>();
  private pendingEntries: LedgerEntry[] = [];
  private ledgerWrite: Promise<void> = Promise.resolve();
  private ledgerError: unknown = undefined;
  private lastState: string | undefined;
  private traded = false;
  /** The open time of the last bar the strategy took, per symbol, as of the last state save (a restart warms up from there). */
  private lastBars: Record<string, number> = {};
  private port: BotOrderPort | undefined;

  private constructor(
    private readonly deps: BotRuntimeDeps,
    private readonly strategy: Strategy,
    private readonly kernel: Kernel,
    private readonly host: BotHost,
    private readonly executor: VenueExecutor,
    private readonly session: SessionFile,
    private readonly ledger: Ledger,
  ) {
    this.id = deps.config.id;
  }

  static async start(deps: BotRuntimeDeps): Promise<BotRuntime> {
    const c = deps.config;
    const loaded = await loadStrategy(c.strategy, deps.cwd);
    const raw = Object.entries(c.params).map(([k, v]) => `${k}=${String(v)}`);
    const params = resolveParams(loaded.definition.name, loaded.definition.params, raw) as ParamValues;
    const strategyConfig = c.strategyConfig !== undefined ? loadStrategyConfig(c.strategyConfig, deps.cwd) : undefined;
    const strategy = loaded.definition.create(params, strategyConfig?.options ?? {});
    const stateFile = join(deps.dataDir, 'bots', c.id, STATE_FILE);
    const stored = readState(stateFile);
    const saved = stored?.state;
    if (saved !== undefined) strategy.loadState?.(saved);

    const ledger = new Ledger();
    const entries = await deps.ledgerStore.readLedger(botLedgerAccount(c.id));
    if (entries.length > 0) ledger.restore(entries);
    const startedAt = deps.clock.now();
    const instruments = deps.instruments.filter((i) => c.symbols.includes(i.symbol));
    const header: SessionHeader = {
      kind: 'session',
      format: 1,
      sessionId: deps.sessionId,
      botId: c.id,
      strategy: c.strategy,
      ...('file' in loaded.ref ? { strategySha256: loaded.ref.file.sha256 } : {}),
      symbols: c.symbols,
      instruments,
      intervalMs: c.intervalMs,
      params: c.params,
      mode: deps.mode,
      startedAt,
      capital: entries.length > 0 ? fixedToString(ledger.cash()) : String(deps.capital),
      ...(saved !== undefined ? { state: saved } : {}),
      ...(entries.length > 0 ? { ledger: entries } : {}),
    };
    const session = SessionFile.create(join(deps.dataDir, 'sessions', `${deps.sessionId}-${c.id}.jsonl`), header);

    const clock = new ManualClock(startedAt);
    // The runtime and its host exist only after the kernel, which needs the port that reports to them.
    const late: { bot?: BotRuntime; host?: BotHost } = {};
    const deliver = (r: ExecutionReport): void => late.bot?.deliver(r);
    const executor = new VenueExecutor(deps.gateway, { onExecutionReport: deliver }, deps.clock, (id) => deps.gateway.cloidOf(id));
    const port = new BotOrderPort({
      botId: c.id,
      executor,
      register: (clientId, intent) => deps.gateway.register(clientId, intent),
      check: deps.check,
      decisionTime: (symbol) => late.host?.lastBarTime(symbol) ?? clock.now(),
      referencePrice: (symbol) => deps.marks.get(symbol),
      // After the step that caused it, as a report of its own (the replay sees the same order of inputs).
      refuse: (r) => queueMicrotask(deliver.bind(undefined, r)),
      now: () => deps.clock.now(),
    });
    const kernel = new Kernel(
      c.id,
      strategy,
      clock,
      ledger,
      instruments,
      () =>
        recordCommands(
          port,
          (command) => {
            late.bot?.noteTraded();
            session.command({ kind: 'command', t: clock.now(), command });
          },
          () => clock.now(),
        ),
      { barIntervalMs: new Map(instruments.map((i) => [i.symbol, c.intervalMs])) },
    );
    const host = new BotHost(kernel, { botId: c.id, symbols: c.symbols, intervalMs: c.intervalMs }, (input) => session.input(input));
    const bot = new BotRuntime(deps, strategy, kernel, host, executor, session, ledger);
    late.bot = bot;
    late.host = host;
    for (const e of entries) if (e.kind === 'fill') bot.fillIds.add(e.fillId);
    ledger.onAppend((e) => bot.persist(e));
    if (entries.length === 0) ledger.deposit(startedAt, fixedFromNumber(deps.capital), `allocation of bot ${c.id}`);
    bot.lastBars = stored?.lastBars ?? {};
    bot.port = port;
    host.start();
    bot.state = 'running';
    return bot;
  }

  /**
   * Feeds closed candles from the venue's history before the first trade: on a first start the last
   * `warmupBars` (so indicators are warm at once), after a restart the bars since the last one the
   * strategy took (its state holds the rest). Decisions on them are history: nothing is sent. Only
   * for intervals the venue has candles of (1m and up); shorter bots warm up on live bars.
   */
  async warmUp(fetch: CandleFetch, warmupBars: number): Promise<number> {
    const c = this.deps.config;
    if (!CANDLE_INTERVALS.includes(c.interval) || c.intervalMs < 60_000) return 0;
    const now = this.deps.clock.now();
    const bars: Bar[] = [];
    for (const symbol of c.symbols) {
      const last = this.lastBars[symbol];
      const from = last !== undefined ? last + c.intervalMs : now - warmupBars * c.intervalMs;
      for (const b of await fetch(symbol, c.interval, from, now)) if (b.time >= from && b.time + c.intervalMs <= now) bars.push(b);
    }
    bars.sort((a, b) => a.time - b.time || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    const port = this.port as BotOrderPort;
    port.warmingUp = true;
    try {
      for (const b of bars) {
        if (this.state !== 'running') break;
        this.guard(() => this.host.history(this.time(), b));
      }
    } finally {
      port.warmingUp = false;
    }
    this.saveState(true);
    return bars.length;
  }

  /** Subscribes the bot's executor to the gateway's account stream (reports of its own orders). */
  async connect(): Promise<void> {
    await this.executor.start();
  }

  get symbols(): readonly string[] {
    return this.deps.config.symbols;
  }

  get config(): BotConfig {
    return this.deps.config;
  }

  /** The bot's ledger (a projection source for positions, equity and the risk view). */
  get book(): Ledger {
    return this.ledger;
  }

  get sessionPath(): string {
    return this.session.path;
  }

  equity(): number {
    return this.kernel.equity();
  }

  market(event: Envelope): void {
    if (this.state !== 'running') return;
    this.guard(() => this.host.market(this.time(), event));
  }

  tick(): void {
    if (this.state !== 'running') return;
    this.guard(() => this.host.tick(this.time()));
  }

  /**
   * A fill of this bot's order placed by an earlier session (the kernel does not know its client id;
   * its ledger moves all the same).
   */
  deliver(r: ExecutionReport): void {
    if (this.state !== 'running') return;
    if (r.type === 'order.filled') {
      // Already in the resumed ledger (recorded before a restart, and reported again since).
      if (this.fillIds.has(r.fillId)) return;
      this.fillIds.add(r.fillId);
      this.traded = true;
    }
    this.deps.onReport?.(this.id, r);
    this.guard(() => this.host.report(this.time(), r));
  }

  /** Flushes the session recording and, when it changed, the strategy's state. */
  flush(): void {
    this.session.flush();
    this.saveState(false);
  }

  /** Ledger entries written to the store so far (the daemon awaits this on stop and in tests). */
  async whenPersisted(): Promise<void> {
    await this.ledgerWrite;
    if (this.ledgerError !== undefined) throw this.ledgerError;
  }

  async stop(): Promise<void> {
    if (this.state === 'running') {
      this.state = 'stopped';
      try {
        this.host.stop();
      } catch (e) {
        this.deps.onFailure(this.id, e);
      }
    }
    await this.executor.close();
    this.saveState(true);
    this.session.close();
    await this.whenPersisted();
  }

  private noteTraded(): void {
    this.traded = true;
  }

  private time(): number {
    const now = this.deps.clock.now();
    return now > this.host.time ? now : this.host.time;
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.fail(e);
      return;
    }
    if (this.traded) this.saveState(false);
  }

  private fail(e: unknown): void {
    this.state = 'failed';
    this.failure = e instanceof Error ? e.message : String(e);
    this.deps.onFailure(this.id, e);
  }

  private persist(e: LedgerEntry): void {
    this.pendingEntries.push(e);
    if (this.pendingEntries.length > 1) return;
    // Entries of one step go out in one append; appends run one after the other, in seq order.
    this.ledgerWrite = this.ledgerWrite.then(async () => {
      const batch = this.pendingEntries;
      this.pendingEntries = [];
      try {
        await this.deps.ledgerStore.appendLedger(botLedgerAccount(this.id), batch);
      } catch (err) {
        this.ledgerError = err;
        this.fail(err);
      }
    });
  }

  private saveState(force: boolean): void {
    this.traded = false;
    const lastBars: Record<string, number> = { ...this.lastBars };
    for (const sym of this.deps.config.symbols) {
      const t = this.host.lastBarTime(sym);
      if (t !== undefined) lastBars[sym] = t;
    }
    const stored: StoredState = { version: STATE_VERSION, lastBars, ...(this.strategy.saveState !== undefined ? { state: this.strategy.saveState() ?? null } : {}) };
    const text = JSON.stringify(stored);
    if (!force && text === this.lastState) return;
    this.lastState = text;
    replaceFileAtomically(join(this.deps.dataDir, 'bots', this.id, STATE_FILE), text + '\n', 0o600);
  }
}

/** What `bots/<id>/state.json` holds: the strategy's saveState and the last bar taken per symbol, written together. */
interface StoredState {
  readonly version: 1;
  readonly state?: unknown;
  readonly lastBars: Record<string, number>;
}

const STATE_VERSION = 1;

function readState(path: string): StoredState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BadInputError(path, `cannot read the bot's saved state: ${(e as Error).message}`, { cause: e });
  }
  let v: unknown;
  try {
    v = JSON.parse(text) as unknown;
  } catch (e) {
    throw new BadInputError(path, `the bot's saved state is not JSON (${(e as Error).message}); move it away to start the strategy afresh`, { cause: e });
  }
  const o = v as Partial<StoredState> | null;
  const bars = o?.lastBars;
  if (o === null || typeof o !== 'object' || o.version !== STATE_VERSION || typeof bars !== 'object' || bars === null || !Object.values(bars).every((t) => Number.isSafeInteger(t))) {
    throw new BadInputError(path, `not a saved bot state of version ${STATE_VERSION}; move it away to start the strategy afresh`);
  }
  return o as StoredState;
}
