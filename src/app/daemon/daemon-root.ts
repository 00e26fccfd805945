// Composition root of `sextant start`: one daemon (paper, dry-live or live) built from its config, run until stopped.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { DaemonMode } from '../../api/ops-views.js';
import type { Alert } from '../../alerts/alert-message.js';
import { startAlerts, type AlertHub } from '../../alerts/alert-hub.js';
import { alertEnv } from '../../alerts/alert-env.js';
import { daemonAlertCommands } from './daemon-alert-commands.js';
import type { LiveClock } from '../../core/live-clock.js';
import type { Envelope } from '../../core/envelope.js';
import { BadInputError, RejectedError } from '../../core/errors.js';
import type { ExecutionReport } from '../../core/execution.js';
import type { TimerHandle } from '../../core/clock.js';
import { createRng } from '../../core/rng.js';
import { makeIntent } from '../../oms/order-intent.js';
import type { OmsStore } from '../../oms/oms-store.js';
import { observedOmsStore } from '../../oms/observed-oms-store.js';
import { AccountRiskView } from '../../live/account-risk-view.js';
import { HyperliquidExecutionClient } from '../../live/hyperliquid-execution-client.js';
import type { ExecutionClient } from '../../live/execution-client.js';
import type { LiveEvent } from '../../live/live-events.js';
import { OmsGateway } from '../../live/oms-gateway.js';
import { OrderManager } from '../../live/order-manager.js';
import { Reconciler } from '../../live/reconciler.js';
import { DeadMansSwitch } from '../../live/dead-man-switch.js';
import type { Logger } from '../../live/telemetry/logger.js';
import { createDaemonMetrics } from '../../live/telemetry/metrics.js';
import { DAY_MS, parseRiskState, RiskManager, type KillChange, type RiskLimitSet, type Verdict, type CancelIntent, type OrderIntent as RiskOrderIntent } from '../../risk/index.js';
import { resolveRiskLimits } from '../../config/risk-overrides.js';
import type { BotConfig, MarketSpec, SextantConfig } from '../../config/sextant-config.js';
import { liveConfigProblems } from '../../config/live-requirements.js';
import { DEFAULT_OPS_HOST, startOpsServer, type OpsServer, type RiskControl } from '../../server/ops-server.js';
import { AuthService, checkBind } from '../../server/auth/index.js';
import { issueStatusToken } from './status-token.js';
import { DaemonWsFeed } from './daemon-ws-feed.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/ports.js';
import { openSqliteOmsStore } from '../../store/sqlite/sqlite-oms-store.js';
import { createHyperliquidAdapter, type HyperliquidVenue } from '../../venues/hyperliquid/create-adapter.js';
import { FileNonceStore, HyperliquidSigner, NonceSource, accountFromPrivateKey } from '../../venues/hyperliquid/signing/index.js';
import { BOOK, type BookEvent } from '../../market/market-events.js';
import { isTradeEvent } from '../../market/market-events.js';
import { DEFAULT_UPSTREAM, defaultVenueOptions, parseSymbols, parseUpstreamUrl } from '../../localnet/hyperliquid/venue-options.js';
import { replaceFileAtomically } from '../../core/atomic-file.js';
import { readFileSync } from 'node:fs';
import { acquireDataDirLock, type DataDirLock } from '../data-dir-lock.js';
import { RELOAD_JOURNAL_FILE, reloadJournal, watchConfigFile } from '../config-watcher.js';
import type { JsonValue } from '../../ledger/canonical-json.js';
import { applyKillEnv, applyKillFileEvent } from '../kill-sources.js';
import { KillFilePoller, killFilePath } from '../kill-file.js';
import { startLocalVenue, type StartedVenue } from '../venue-root.js';
import { openReplayMarket } from '../replay-market.js';
import { sextantVersion } from '../sextant-version.js';
import { AuditWriter } from './audit-writer.js';
import { BotRuntime } from './bot-runtime.js';
import { CrashPoints, CRASH_ENV, parseCrashAt } from './crash-points.js';
import { daemonProjection } from './daemon-projection.js';
import { checkLiveOptIn } from './live-opt-in.js';
import { paperWalletKey } from './paper-wallet.js';
import type { OmsFill } from '../../oms/oms-store.js';
import type { OrderTransition } from '../../oms/order-evidence.js';
import { fixedToNumber } from '../../core/fixed.js';

export interface DaemonOptions {
  readonly mode: DaemonMode;
  /** The validated config; its bots are the ones to run (from the file, or one from flags). */
  readonly config: SextantConfig;
  /** Absolute data directory (lock, store, sessions, kill file, paper wallet). */
  readonly dataDir: string;
  /** Against which strategy paths resolve. */
  readonly cwd: string;
  readonly port: number;
  readonly host?: string;
  readonly market: MarketSpec;
  /** Paper: a local venue started with `sextant venue`; absent = one in-process. */
  readonly venueUrl?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: LiveClock;
  readonly log: Logger;
  /** A line for the operator (stderr): banner, warnings. */
  readonly say: (line: string) => void;
  /** Tests: the Telegram Bot API's root (a local server speaking it). */
  readonly telegramApiRoot?: string;
  /** How often bars close on a quiet market and due timers fire (default 250 ms). */
  readonly tickMs?: number;
  /** The file the config came from: watched, and valid edits applied live (risk limits, bots). */
  readonly configFile?: { readonly path: string; readonly hash: string; readonly adjust?: (c: SextantConfig) => SextantConfig };
  /** Reconciliation interval override (tests); default the config's. */
  readonly reconcileMs?: number;
}

export interface RunningDaemon {
  /** The ops server's base URL (`http://127.0.0.1:8080`). */
  readonly url: string;
  readonly mode: DaemonMode;
  readonly bots: readonly BotRuntime[];
  /** The in-process paper venue, when there is one. */
  readonly venue: StartedVenue | undefined;
  readonly sessionId: string;
  /** Stops entries, flushes and closes everything; idempotent. */
  stop(reason: string): Promise<void>;
  /** Settles when the daemon has stopped (by `stop`, or on a fatal error, with it). */
  readonly stopped: Promise<void>;
  /** The kill level in force now. */
  killLevel(): string;
  /** Market data is the simulator's now (paper on `--market sim`, or the venue unreachable). */
  simulated(): boolean;
  /** Settles once the reconciler found the venue and us in agreement (or rejects on timeout). */
  whenReconciled(timeoutMs: number): Promise<void>;
  /** With no admin password configured: the one-time login link, for the operator's terminal only (never the log). */
  readonly loginLink: string | undefined;
}

/** `1`: a reverse proxy in front terminates TLS (a non-loopback bind is then allowed; client IPs from X-Forwarded-For). */
export const BEHIND_PROXY_ENV = 'SEXTANT_BEHIND_PROXY';

const DEFAULT_TICK_MS = 250;
/** History bars a bot's first start takes before trading (trend-confidence looks back 200). */
const WARMUP_BARS = 300;
const FLUSH_MS = 1_000;
const LOCK_CHECK_MS = 5_000;
const STALE_MS = 15_000;
const RISK_STATE_FILE = 'risk-state.json';
/** The in-process paper venue's accounts (balance, positions, orders, fills, nonces): kill -9 loses nothing. */
const PAPER_VENUE_STATE = 'paper-venue.state';
const OMS_VENUE = 'hyperliquid';

/** The limits in force for `mode`, for the account and each symbol traded. */
export function limitSetFor(config: SextantConfig, mode: DaemonMode, symbols: readonly string[]): RiskLimitSet {
  return { account: resolveRiskLimits(config.risk, mode, undefined), symbols: new Map(symbols.map((s) => [s, resolveRiskLimits(config.risk, mode, s)])) };
}

function symbolsOf(bots: readonly BotConfig[]): string[] {
  return [...new Set(bots.flatMap((b) => b.symbols))].sort();
}

/** Capital of each bot: a fraction of the account's equity at its first start, or a fixed amount. */
function capitalOf(bot: BotConfig, accountEquity: number): number {
  return bot.capital.kind === 'usd' ? bot.capital.usd : Math.floor(bot.capital.fraction * accountEquity * 100) / 100;
}

export async function startDaemon(o: DaemonOptions): Promise<RunningDaemon> {
  const { clock, log, mode, config } = o;
  const bots = config.bots.filter((b) => b.enabled);
  if (bots.length === 0) throw new BadInputError('bots', 'no enabled bot to run: add one to the config, or give --strategy and --symbols');
  const symbols = symbolsOf(bots);
  if (mode === 'live') {
    const problems = liveConfigProblems(config).map((p) => `${p.path.join('.')}: ${p.message}`);
    if (problems.length > 0) throw new BadInputError('live mode', problems.join('; '));
    checkLiveOptIn(o.env, true, symbols.map((s) => ({ symbol: s, limits: resolveRiskLimits(config.risk, 'live', s) })));
  }
  if (o.market.startsWith('replay:') && (mode !== 'paper' || o.venueUrl !== undefined)) throw new BadInputError(`--market ${o.market}`, mode !== 'paper' ? `replaying a recording is for paper mode only (${mode} trades on the venue's market)` : 'the in-process venue replays the recording: drop --venue-url');
  // The API carries passwords and tokens: beyond loopback only behind a proxy that terminates TLS.
  checkBind({ host: o.host ?? DEFAULT_OPS_HOST, tls: false, behindProxy: o.env[BEHIND_PROXY_ENV] === '1' });
  const crash = new CrashPoints(o.env[CRASH_ENV] !== undefined && o.env[CRASH_ENV] !== '' ? parseCrashAt(o.env[CRASH_ENV] as string) : undefined);

  // The HTTP port is served last (it shows the running bots), so a port in use is found first: before any bot trades.
  if (o.port !== 0) await checkPortFree(o.host ?? DEFAULT_OPS_HOST, o.port);
  const lock = acquireDataDirLock(o.dataDir, { clock, note: (t) => log.warn({ event: 'lock.takeover' }, t) });
  const cleanups: (() => Promise<void> | void)[] = [() => lock.release()];
  const cleanup = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch (e) {
        log.error({ err: e }, 'stopping: a close failed');
      }
    }
  };
  try {
    return await build(o, { lock, cleanups, cleanup, bots, symbols, crash });
  } catch (e) {
    await cleanup();
    throw e;
  }
}

interface BuildContext {
  readonly lock: DataDirLock;
  readonly cleanups: (() => Promise<void> | void)[];
  readonly cleanup: () => Promise<void>;
  readonly bots: readonly BotConfig[];
  readonly symbols: readonly string[];
  readonly crash: CrashPoints;
}

async function build(o: DaemonOptions, ctx: BuildContext): Promise<RunningDaemon> {
  const { clock, log, mode, config } = o;
  const { cleanups, symbols, crash } = ctx;
  const startedAt = clock.now();
  // Tokens come from the environment only; a bad setting stops the start before anything runs.
  const alertSettings = alertEnv(o.env);
  const alerts: { hub?: AlertHub } = {};
  const sessionId = new Date(startedAt).toISOString().replace(/[:.]/g, '-');
  const metrics = createDaemonMetrics({ processMetrics: true, defaultLabels: { mode } });

  const store: Store = openStore(join(o.dataDir, 'sextant.db'), { clock });
  cleanups.push(() => store.close());
  const omsStore: OmsStore = crashingOmsStore(openSqliteOmsStore(join(o.dataDir, 'sextant.db'), { venue: OMS_VENUE, now: startedAt, synchronous: 'FULL' }), crash);
  cleanups.push(() => omsStore.close());
  const audit = new AuditWriter(store.audit, (e) => log.error({ err: e }, 'audit: an append failed; its records are kept and retried'));
  cleanups.push(() => audit.flush());
  audit.record({ kind: 'session', ts: startedAt, data: { event: 'start', mode, market: o.market, pid: process.pid, version: sextantVersion(), bots: ctx.bots.map((b) => b.id) } });

  // ---- the venue ---------------------------------------------------------------------------
  let venue: StartedVenue | undefined;
  let httpUrl: string | undefined;
  let wsUrl: string | undefined;
  let key: `0x${string}` | undefined;
  if (mode === 'paper') {
    key = paperWalletKey(o.dataDir);
    if (o.venueUrl !== undefined) {
      httpUrl = o.venueUrl.replace(/\/+$/, '');
      wsUrl = httpUrl.replace(/^http/, 'ws') + '/ws';
    } else {
      // --market hyperliquid: the in-process venue mirrors the venue's live books and trades, and runs
      // the simulator while they cannot be reached (said in the log, /api/status and the banner).
      const mirror = o.market === 'hyperliquid';
      const upstream = mirror ? { wsUrl: config.venue.wsUrl ?? (config.venue.apiUrl !== undefined ? parseUpstreamUrl(config.venue.apiUrl, 'venue.api_url') : DEFAULT_UPSTREAM.wsUrl), timeoutMs: DEFAULT_UPSTREAM.timeoutMs } : undefined;
      // --market replay:RUN: the in-process venue replays the store's recording RUN (simulated=true), from its first mids.
      const replay = o.market.startsWith('replay:') ? await openReplayMarket(store.recordings, o.market, symbols) : undefined;
      const specs = parseSymbols(symbols.join(',')).map((s) => ({ ...s, startPrice: replay?.startPrices.get(s.name) ?? s.startPrice }));
      venue = await startLocalVenue(
        defaultVenueOptions({ symbols: specs, market: replay !== undefined ? 'replay' : mirror ? 'mirror' : 'sim', ...(replay !== undefined ? { replay: replay.replay } : {}), ...(upstream !== undefined ? { upstream } : {}), seed: 1, stepMs: 250, stateFile: join(o.dataDir, PAPER_VENUE_STATE) }),
        { port: 0 },
        (line) => log.info({ venue: 'local' }, line),
        clock,
      );
      cleanups.push(() => venue?.close());
      httpUrl = venue.url;
      wsUrl = venue.wsUrl;
      if (venue.venue.simulated) log.warn({ event: 'market.simulated' }, `paper: SIMULATED market data (${mirror ? `the venue at ${upstream?.wsUrl} is unreachable; the in-process venue runs the simulator until it answers` : replay !== undefined ? `replaying ${replay.replay.label}, then the simulator` : '--market sim'})`);
    }
  } else {
    httpUrl = config.venue.apiUrl;
    wsUrl = config.venue.wsUrl;
    if (mode === 'live') {
      const raw = o.env.SEXTANT_HL_PRIVATE_KEY;
      if (raw === undefined || !/^0x[0-9a-fA-F]{64}$/.test(raw)) throw new BadInputError('SEXTANT_HL_PRIVATE_KEY', 'live mode signs with this key: 0x and 64 hex digits');
      key = raw as `0x${string}`;
    }
  }
  const account = key !== undefined ? accountFromPrivateKey(key) : undefined;
  const user = mode === 'dry-live' ? config.venue.walletAddress : undefined;
  if (mode === 'dry-live' && user === undefined) throw new BadInputError('venue.wallet_address', 'dry-live reads this account: set it in the config');
  const health = { stale: new Set<string>() };
  const hl: HyperliquidVenue = createHyperliquidAdapter({
    config: { network: config.venue.network, ...(httpUrl !== undefined ? { httpUrl } : {}), ...(wsUrl !== undefined ? { wsUrl } : {}) },
    scheduler: clock,
    clock,
    rng: createRng(randomBytes(4).readUInt32LE(0)),
    onHealth: (e) => {
      const stream = (e.data as { stream?: string }).stream ?? e.symbol;
      if (e.type === 'stream.stale') health.stale.add(stream);
      else if (e.type === 'stream.recovered') health.stale.delete(stream);
      metrics.staleStreams.set({ stream }, health.stale.has(stream) ? 1 : 0);
      if (e.type === 'stream.stale') {
        const d = e.data as { lastDataAt?: number; thresholdMs?: number };
        notify({ kind: 'stale', stream, symbol: e.symbol, silentMs: Number.isFinite(d.lastDataAt) ? clock.now() - (d.lastDataAt as number) : (d.thresholdMs ?? 0), limitMs: d.thresholdMs ?? 0 });
      }
      log.info({ event: e.type, stream }, `venue stream ${stream}: ${e.type}`);
    },
    ...(account !== undefined ? { signer: new HyperliquidSigner({ account, network: config.venue.network, nonces: new NonceSource(clock, new FileNonceStore(join(o.dataDir, 'nonces.json'))) }) } : {}),
    ...(user !== undefined ? { user } : {}),
  });
  cleanups.push(() => hl.close());
  hl.start();
  const loaded = await hl.adapter.requestInstruments();
  for (const s of symbols) if (!loaded.instruments.some((i) => i.symbol === s)) throw new BadInputError(`symbol ${s}`, `the venue lists no perp named ${s}`);

  // ---- OMS, risk, reconciliation -------------------------------------------------------------
  const blocks: Record<string, number> = {};
  let stopping = false;
  let lockLost = false;
  const bots: BotRuntime[] = [];
  const marks = new Map<string, number>();
  const books = new Map<string, { bid: number; ask: number; ts: number }>();
  const lastData = new Map<string, number>();
  const fills: OmsFill[] = [];
  const late: { reconciler?: Reconciler; gateway?: OmsGateway; ws?: DaemonWsFeed } = {};
  const gate = {
    blocked: (): boolean => stopping || lockLost || late.reconciler?.blocked() === true,
    reason: (): string | undefined => (stopping ? 'the daemon is stopping' : lockLost ? 'the data directory lock was lost' : late.reconciler?.reason()),
  };
  const client = instrumentedClient(new HyperliquidExecutionClient(hl.adapter), crash, (seconds) => submitToAck.observe(seconds));
  const submitToAck = metrics.submitToAck.labels(OMS_VENUE);
  // Opening may move orders already (one stored before a crash, never answered, becomes unknown): its
  // events wait until `manager` exists, as the handler reads the orders' intents from it.
  const opening: LiveEvent[] = [];
  let opened = false;
  const onLiveEvent = (e: LiveEvent): void => (opened ? onEvent(e) : void opening.push(e));
  const manager = await OrderManager.open({ store: omsStore, client, clock, gate, onEvent: onLiveEvent });
  opened = true;
  for (const e of opening.splice(0)) onEvent(e);
  for (const f of await omsStore.listFills()) fills.push(f);
  const view = new AccountRiskView({ clock, ledgers: () => bots.map((b) => b.book), orders: () => manager.orders(), marks, books });
  const riskStatePath = join(o.dataDir, RISK_STATE_FILE);
  const limits = limitSetFor(config, mode, symbols);
  const risk = readRiskState(riskStatePath, clock, limits);
  const saveRisk = (): void => replaceFileAtomically(riskStatePath, JSON.stringify(risk.snapshot()) + '\n', 0o600);
  const killChanged = (c: KillChange): void => {
    if (c.previous === c.effective) return;
    log.warn({ event: 'kill', from: c.previous, to: c.effective, source: c.source, reason: c.reason }, `kill level ${c.previous} → ${c.effective} (${c.source}: ${c.reason})`);
    audit.record({ kind: 'kill', ts: c.ts, data: { from: c.previous, to: c.effective, source: c.source, reason: c.reason } });
    notify({ kind: 'kill', from: c.previous, to: c.effective, source: c.source, reason: c.reason });
    saveRisk();
    late.ws?.risk();
    if (c.flatten) void flatten();
  };
  const notify = (a: Alert): void => {
    alerts.hub?.notify(a);
  };
  killChanged(applyKillEnv(risk, o.env));

  function onEvent(e: LiveEvent): void {
    switch (e.type) {
      case 'oms.transition':
        late.gateway?.noteTransition(e.transition);
        late.ws?.order(e.transition.cloid);
        audit.record({ kind: 'order', ts: e.transition.ts, ...botSymbol(e.transition.cloid), data: transitionData(e.transition) });
        return;
      case 'oms.fill':
        giveToEarlierOrdersBot(e.fill);
        fills.push(e.fill);
        if (fills.length > 10_000) fills.splice(0, fills.length - 10_000);
        crash.pass('after-fill-stored');
        late.ws?.fill();
        audit.record({ kind: 'fill', ts: e.fill.ts, ...botSymbol(e.fill.cloid), data: { fillId: e.fill.fillId, cloid: e.fill.cloid ?? null, venueOrderId: e.fill.venueOrderId, side: e.fill.side, qty: e.fill.qty, price: e.fill.price, fee: String(e.fill.fee), external: e.fill.external, matchedBy: e.fill.matchedBy } });
        notify({ kind: 'fill', symbol: e.fill.symbol, side: e.fill.side, qty: e.fill.qty, price: e.fill.price, fee: fixedToNumber(e.fill.fee), ...(e.fill.cloid !== undefined ? { botId: manager.order(e.fill.cloid)?.intent.botId ?? 'external' } : {}) });
        return;
      case 'oms.resolve-failed':
        log.warn({ event: e.type, cloid: e.cloid }, `order status unreadable: ${e.error}`);
        return;
      case 'reconcile.correction':
        audit.record({ kind: 'reconcile', ts: e.ts, symbol: e.difference.symbol, data: { event: 'correction', kind: e.difference.kind, detail: e.difference.detail, correction: e.correction.type } });
        log.info({ event: e.type, kind: e.difference.kind, symbol: e.difference.symbol }, `reconciled: ${e.difference.detail}`);
        metrics.reconciliationDifferences.inc({ kind: e.difference.kind });
        return;
      case 'reconcile.alert':
        for (const d of e.differences) metrics.reconciliationDifferences.inc({ kind: d.kind });
        audit.record({ kind: 'reconcile', ts: e.ts, data: { event: 'unexplained', differences: e.differences.map((d) => `${d.kind} ${d.symbol}: ${d.detail}`) } });
        log.error({ event: e.type }, `reconciliation: ${e.differences.length} unexplained difference(s); new entries blocked until resolved`);
        notify({ kind: 'reconcile', differences: e.differences.map((d) => `${d.kind} ${d.symbol}: ${d.detail}`), action: 'new entries blocked until resolved' });
        return;
      case 'reconcile.resolved':
        audit.record({ kind: 'reconcile', ts: e.ts, data: { event: 'resolved', note: e.note } });
        log.info({ event: e.type }, `reconciled: ${e.note}`);
        return;
      case 'reconcile.failed':
        log.warn({ event: e.type }, `reconciliation failed: ${e.error}`);
        return;
      case 'dms.armed':
        log.debug({ event: e.type, cancelAt: e.cancelAt }, 'dead man’s switch armed');
        return;
      case 'dms.failed':
        log.error({ event: e.type }, `dead man’s switch: ${e.error}`);
        return;
      default: {
        const never: never = e;
        throw new RejectedError(`unknown live event ${JSON.stringify(never)}`);
      }
    }
  }
  /**
   * A fill of a bot's order that no executor of this process sent (an order of an earlier process,
   * recorded from the stream or by the reconciler): the bot's ledger takes it, so it follows the
   * venue. The bot skips a fill its ledger holds already.
   */
  function giveToEarlierOrdersBot(f: OmsFill): void {
    const intent = f.cloid === undefined ? undefined : manager.order(f.cloid)?.intent;
    const bot = intent === undefined ? undefined : bots.find((b) => b.id === intent.botId);
    if (bot !== undefined) giveToBot(bot, f);
  }
  /** A fill of an order of `bot` that no executor of this process sent: its ledger takes it (once: the bot skips fill ids it holds). */
  function giveToBot(bot: BotRuntime, f: OmsFill): void {
    if (f.cloid === undefined || f.external || late.gateway?.ownsOrder(f.cloid) === true) return;
    const intent = manager.order(f.cloid)?.intent;
    if (intent === undefined || intent.botId !== bot.id) return;
    bot.deliver({ type: 'order.filled', fillId: f.fillId, orderId: f.venueOrderId, clientId: intent.cloid, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee: f.fee, liquidity: f.liquidity, ts: f.ts, reason: intent.reason });
  }
  function botSymbol(cloid: string | undefined): { botId?: string; symbol?: string } {
    const i = cloid === undefined ? undefined : manager.order(cloid)?.intent;
    return i === undefined ? {} : { botId: i.botId, symbol: i.symbol };
  }

  const check = (intent: RiskOrderIntent | CancelIntent): Verdict => {
    const v = risk.check(intent, view);
    for (const c of v.killChanges) killChanged(c);
    if (!v.allowed) {
      blocks[v.rule] = (blocks[v.rule] ?? 0) + 1;
      metrics.riskBlocks.inc({ rule: v.rule });
      log.warn({ event: 'risk.blocked', bot: v.botId, symbol: v.symbol, rule: v.rule }, `risk blocked ${v.action} ${v.symbol}: ${v.reason}`);
    }
    audit.record({ kind: 'risk.verdict', ts: v.ts, botId: v.botId, symbol: v.symbol, data: { allowed: v.allowed, rule: v.rule, reason: v.reason, inputs: { ...v.inputs } } });
    return v;
  };

  const gateway = new OmsGateway({
    manager,
    venue: hl.adapter,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    onError: (e) => log.error({ err: e }, 'a fill could not be recorded'),
  });
  late.gateway = gateway;
  const accountSub = await hl.adapter.subscribeUserEvents((e) => late.gateway?.onAccountEvent(e));
  cleanups.push(() => accountSub.unsubscribe());

  const reconciler = new Reconciler({ manager, clock, scheduler: clock, intervalMs: o.reconcileMs ?? config.reconcile.intervalSeconds * 1000, onEvent: onLiveEvent });
  late.reconciler = reconciler;
  cleanups.push(() => reconciler.whenIdle());
  cleanups.push(() => reconciler.stop());
  const first = await reconciler.start();
  if (first === undefined) log.warn({ event: 'reconcile.failed' }, 'the first reconciliation failed; new entries stay blocked until one succeeds');
  let dms: DeadMansSwitch | undefined;
  if (mode === 'live') {
    dms = new DeadMansSwitch({ client, clock, scheduler: clock, onEvent: onLiveEvent });
    await dms.start();
    cleanups.push(() => dms?.stop());
  }

  // ---- bots ------------------------------------------------------------------------------------
  const accountEquity = await startingEquity(hl, account?.address ?? user);
  let restarts = 0;
  /** Starts one bot: resumed ledger and state, warm-up on the venue's history, then live. */
  const startBot = async (b: BotConfig, session: string): Promise<BotRuntime> => {
    const bot = await BotRuntime.start({
      config: b,
      capital: capitalOf(b, accountEquity),
      instruments: loaded.instruments,
      ledgerStore: store.ledger,
      dataDir: o.dataDir,
      cwd: o.cwd,
      sessionId: session,
      mode,
      clock,
      gateway,
      check: mode === 'dry-live' ? dryLiveCheck(check) : check,
      marks,
      onFailure: (id, e) => {
        log.error({ err: e, bot: id }, `bot ${id} stopped on an error`);
        notify({ kind: 'text', text: `bot ${id} stopped: ${e instanceof Error ? e.message : String(e)}` });
      },
      onReport: (id, r: ExecutionReport) => {
        if (r.type === 'order.rejected') log.info({ bot: id, symbol: r.symbol, clientId: r.clientId }, `order rejected: ${r.reason}`);
      },
    });
    try {
      await bot.connect();
      // Fills of its orders the OMS recorded and its ledger did not (a crash between the two, or fills
      // the reconciler found while no bot ran): the ledger takes them now, oldest first.
      for (const f of await omsStore.listFills()) if (manager.order(f.cloid ?? '')?.intent.botId === bot.id) giveToBot(bot, f);
      const warm = await bot.warmUp((symbol, interval, from, to) => hl.adapter.candles(symbol, interval, from, to), WARMUP_BARS);
      if (warm > 0) log.info({ event: 'bot.warmup', bot: bot.id, bars: warm }, `bot ${bot.id}: ${warm} history bar(s) taken before the first trade (decisions on them are not sent)`);
    } catch (e) {
      await bot.stop();
      throw e;
    }
    return bot;
  };
  for (const b of ctx.bots) bots.push(await startBot(b, sessionId));
  cleanups.push(async () => {
    for (const bot of bots) await bot.stop();
  });
  log.info({ event: 'bots.started', bots: bots.map((b) => b.id), session: sessionId }, `${bots.length} bot(s) running; sessions recorded under ${join(o.dataDir, 'sessions')}`);

  // ---- market data -----------------------------------------------------------------------------
  // One histogram child per stream, made once: the market path allocates nothing per event for it.
  const tradeLag = new Map<string, { observe(v: number): void }>();
  const bookLag = new Map<string, { observe(v: number): void }>();
  const onMarket = (e: Envelope): void => {
    const now = clock.now();
    lastData.set(e.symbol, now);
    const book = e.type === BOOK;
    const lags = book ? bookLag : tradeLag;
    let lag = lags.get(e.symbol);
    if (lag === undefined) lags.set(e.symbol, (lag = metrics.eventLag.labels(`${book ? 'book' : 'trades'}:${e.symbol}`)));
    lag.observe(Math.max(0, now - e.tsEvent) / 1000);
    late.ws?.market(e);
    if (isTradeEvent(e)) marks.set(e.symbol, e.data.price);
    else if (e.type === BOOK) {
      const b = (e as BookEvent).data;
      // Snapshots only (the venue pushes whole books): the best level is the first pair of each side.
      if (b.snapshot && b.bids.length > 0 && b.asks.length > 0) books.set(e.symbol, { bid: b.bids[0], ask: b.asks[0], ts: clock.now() });
      return;
    }
    for (const bot of bots) if (bot.symbols.includes(e.symbol)) bot.market(e);
  };
  const subscribed = new Set<string>();
  const subscribe = async (s: string): Promise<void> => {
    if (subscribed.has(s)) return;
    subscribed.add(s);
    const t = await hl.adapter.subscribeTrades(s, onMarket);
    const b = await hl.adapter.subscribeBook(s, onMarket);
    cleanups.push(() => t.unsubscribe());
    cleanups.push(() => b.unsubscribe());
  };
  for (const s of symbols) await subscribe(s);

  // ---- hot reload: risk limits and bots apply live; the rest waits for a restart ------------------
  let running = config;
  const applyConfig = async (next: SextantConfig): Promise<void> => {
    const enabled = next.bots.filter((b) => b.enabled);
    risk.setLimits(limitSetFor(next, mode, symbolsOf(enabled)));
    const before = new Map(running.bots.filter((b) => b.enabled).map((b) => [b.id, b]));
    running = next;
    for (const b of enabled) if (!loaded.instruments.some((i) => b.symbols.includes(i.symbol))) throw new BadInputError(`bots[${b.id}].symbols`, 'the venue lists none of them');
    // Stopped first (a changed bot restarts with its new config, resuming its ledger and state).
    for (const [id, old] of before) {
      const now = enabled.find((b) => b.id === id);
      if (now !== undefined && JSON.stringify(now) === JSON.stringify(old)) continue;
      const i = bots.findIndex((b) => b.id === id);
      if (i < 0) continue;
      const [bot] = bots.splice(i, 1);
      await bot.stop();
      log.info({ event: 'bot.stopped', bot: id }, `bot ${id} stopped (${now === undefined ? 'removed or disabled' : 'its config changed: restarting it'})`);
    }
    for (const b of enabled) {
      if (bots.some((x) => x.id === b.id)) continue;
      for (const s of b.symbols) await subscribe(s);
      const bot = await startBot(b, `${sessionId}-r${++restarts}`);
      bots.push(bot);
      log.info({ event: 'bot.started', bot: b.id }, `bot ${b.id} started (${b.strategy} on ${b.symbols.join(',')} ${b.interval})`);
    }
  };
  if (o.configFile !== undefined) {
    const journal = reloadJournal(join(o.dataDir, RELOAD_JOURNAL_FILE));
    let applying: Promise<void> = Promise.resolve();
    const watcher = watchConfigFile({
      path: o.configFile.path,
      running: config,
      runningHash: o.configFile.hash,
      clock,
      timers: clock,
      ...(o.configFile.adjust !== undefined ? { adjust: o.configFile.adjust } : {}),
      onReload: (e) => {
        journal(e);
        if (!e.ok) {
          log.error({ event: 'config.refused', errors: e.errors }, `config edit refused (the running config stays): ${e.errors.slice(0, 5).join('; ')}`);
          audit.record({ kind: 'config', ts: e.ts, data: { diff: e.errors, accepted: false } });
          return;
        }
        audit.record({ kind: 'config', ts: e.ts, data: { diff: e.diff.map((c) => ({ path: c.path, from: jsonOf(c.old), to: jsonOf(c.new), applies: c.applies })), accepted: true } });
        if (e.pendingRestart.length > 0) log.warn({ event: 'config.restart-needed', paths: e.pendingRestart.map((c) => c.path) }, `config: ${e.pendingRestart.map((c) => c.path).join(', ')} apply at the next restart`);
        if (e.applied.length === 0) return;
        log.info({ event: 'config.applied', paths: e.applied.map((c) => c.path) }, `config applied: ${e.applied.map((c) => c.path).join(', ')}`);
        applying = applying.then(() => applyConfig(e.config)).catch((err: unknown) => log.error({ err }, `config: applying the edit failed: ${err instanceof Error ? err.message : String(err)}`));
      },
      onError: (err) => log.error({ err }, `config watch: ${err.message}`),
    });
    cleanups.push(() => watcher.close());
    cleanups.push(() => applying);
  }

  // ---- timers, kill file, flatten --------------------------------------------------------------
  const timers: TimerHandle[] = [];
  const every = (ms: number, f: () => void): void => {
    const run = (): void => {
      if (stopping) return;
      f();
      timers.push(clock.setTimeout(run, ms));
    };
    timers.push(clock.setTimeout(run, ms));
  };
  cleanups.push(() => timers.forEach((t) => clock.clearTimeout(t)));
  every(o.tickMs ?? DEFAULT_TICK_MS, () => {
    for (const bot of bots) bot.tick();
    metrics.queueDepth.set({ queue: 'audit' }, audit.pending);
    for (const c of risk.observe(view)) killChanged(c);
  });
  every(FLUSH_MS, () => {
    for (const bot of bots) bot.flush();
  });
  every(LOCK_CHECK_MS, () => {
    if (lockLost || ctx.lock.stillHeld()) return;
    lockLost = true;
    log.error({ event: 'lock.lost' }, `the lock ${ctx.lock.file} is no longer ours: new entries blocked; stop this daemon`);
  });
  const killFile = new KillFilePoller({
    path: killFilePath(o.dataDir),
    intervalMs: config.kill.pollMs,
    scheduler: clock,
    onEvent: (e) => {
      if (e.type === 'error') log.error({ event: 'kill.file' }, `kill file: ${e.error.message} (the level stays ${e.kept})`);
      for (const c of applyKillFileEvent(risk, e)) killChanged(c);
    },
  });
  killFile.start();
  cleanups.push(() => killFile.stop());

  async function flatten(): Promise<void> {
    const now = clock.now();
    const intents = risk.flattenIntents(view);
    for (const [n, ri] of intents.entries()) {
      const v = check(ri);
      if (!v.allowed) continue;
      const intent = makeIntent({ botId: 'risk-flatten', symbol: ri.symbol, side: ri.side, qty: ri.qty, type: 'market', price: ri.price, reduceOnly: true, reason: 'flatten', decisionTs: now, n });
      try {
        await manager.submit(intent);
      } catch (e) {
        log.error({ err: e, symbol: ri.symbol }, `flatten: the closing order for ${ri.symbol} failed`);
      }
    }
  }

  // ---- ops server ------------------------------------------------------------------------------
  const projection = daemonProjection({
    version: sextantVersion(),
    mode,
    market: o.market,
    dataDir: o.dataDir,
    startedAt,
    pid: process.pid,
    // Paper's venue is local: its market is the simulator's unless it mirrors the venue (and the venue answers).
    simulated: () => (venue !== undefined ? venue.venue.simulated : mode === 'paper'),
    bots: () => bots,
    manager,
    risk,
    view,
    marks,
    recentFills: () => fills,
    blocksByRule: () => ({ ...blocks }),
    notReady: () => {
      const reasons: string[] = [];
      const reconciled = late.reconciler?.blocked() !== true;
      if (!reconciled) reasons.push(`not reconciled: ${late.reconciler?.reason() ?? 'unknown'}`);
      const now = clock.now();
      const stale = symbols.filter((s) => now - (lastData.get(s) ?? startedAt) > STALE_MS);
      if (stale.length > 0) reasons.push(`no market data for ${stale.join(', ')} in ${STALE_MS / 1000} s`);
      if (stopping) reasons.push('stopping');
      if (lockLost) reasons.push('the data directory lock was lost');
      for (const b of bots) if (b.state === 'failed') reasons.push(`bot ${b.id} failed: ${b.failure ?? ''}`);
      return { reconciled, marketDataFresh: stale.length === 0, reasons };
    },
  });
  const wantTelegram = alertSettings.telegram !== undefined && config.alerts.telegram.enabled;
  const wantDiscord = alertSettings.discord !== undefined && config.alerts.discord.enabled;
  if (wantTelegram || wantDiscord) {
    const commands = daemonAlertCommands({ mode, projection, view, risk, bots: () => bots, fills: () => fills, staleStreams: () => [...health.stale], now: () => clock.now(), killChanged });
    const hub = await startAlerts({
      env: { ...(wantTelegram ? { telegram: alertSettings.telegram } : {}), ...(wantDiscord ? { discord: alertSettings.discord } : {}) },
      commands,
      log: (level, message) => log[level]({ event: 'alerts' }, message),
      ...(o.telegramApiRoot !== undefined ? { telegramApiRoot: o.telegramApiRoot } : {}),
    });
    alerts.hub = hub;
    cleanups.push(() => hub.stop());
    cleanups.push(() => hub.idle());
    // The daily summary, just after each UTC midnight.
    const daily = (): void => {
      void commands.daily().then((summary) => notify({ kind: 'daily', summary }));
      timers.push(clock.setTimeout(daily, DAY_MS - (clock.now() % DAY_MS) + 1_000));
    };
    timers.push(clock.setTimeout(daily, DAY_MS - (clock.now() % DAY_MS) + 1_000));
    log.info({ event: 'alerts.started', channels: [...(wantTelegram ? ['telegram'] : []), ...(wantDiscord ? ['discord'] : [])] }, 'alerts on');
  }

  // ---- API auth and the API's kill path (issue 11) ----------------------------------------------
  const api: { auth?: AuthService } = {};
  const control: RiskControl = {
    kill: (level, reason, by) => {
      const c = risk.setKill('api', level, `${reason} (by ${by.user} via ${by.via})`);
      if (c.previous === c.effective) log.info({ event: 'kill.api', level, user: by.user }, `kill: the API's level is now ${level}; the level in force stays ${c.effective}`);
      killChanged(c);
      return projection.risk();
    },
    resume: (reason, by) => {
      const why = `${reason} (by ${by.user} via ${by.via})`;
      killChanged(risk.setKill('api', 'off', why));
      const resumed = risk.resume(why);
      if (resumed !== undefined) killChanged(resumed);
      return projection.risk();
    },
  };
  const ops: OpsServer = await startOpsServer({
    projection,
    metrics,
    port: o.port,
    ...(o.host !== undefined ? { host: o.host } : {}),
    onError: (path, e) => log.error({ err: e, path }, 'ops endpoint failed'),
    auth: (origin) => (api.auth = AuthService.fromEnv(o.env, { clock, dataDir: o.dataDir, apiKeys: store.apiKeys, origin })),
    behindProxy: o.env[BEHIND_PROXY_ENV] === '1',
    control,
  });
  cleanups.push(() => ops.close());
  const auth = api.auth as AuthService;
  const revokeStatusToken = await issueStatusToken(auth, o.dataDir);
  cleanups.push(() => revokeStatusToken());
  const loginLink = auth.firstStartLink()?.reveal();
  // /ws on the same port: public market and bot channels; private ones on a connection the API's auth accepts.
  const feed = new DaemonWsFeed({
    server: ops.server,
    auth,
    behindProxy: o.env[BEHIND_PROXY_ENV] === '1',
    scheduler: clock,
    projection,
    marks,
    books,
    fresh: (s) => clock.now() - (lastData.get(s) ?? 0) <= STALE_MS && !health.stale.has(s),
    registry: metrics.registry,
    onError: (where, e) => log.error({ err: e, where }, `ws gateway: ${where} failed`),
  });
  late.ws = feed;
  cleanups.push(() => feed.close());
  every(FLUSH_MS, () => feed.bots());
  log.info({ event: 'auth', password: auth.passwordConfigured }, auth.passwordConfigured ? 'API: admin password configured' : 'API: no admin password configured; the one-time login link is in the start banner (stderr), not in this log');

  let stopped!: () => void;
  const stoppedP = new Promise<void>((r) => (stopped = r));
  let stopOnce: Promise<void> | undefined;
  const stop = (reason: string): Promise<void> => {
    stopOnce ??= (async () => {
      stopping = true;
      log.info({ event: 'stopping', reason }, `stopping (${reason}): no new entries; flushing`);
      await late.gateway?.whenRecorded();
      audit.record({ kind: 'session', ts: clock.now(), data: { event: 'stop', reason } });
      saveRisk();
      await ctx.cleanup();
      stopped();
    })();
    return stopOnce;
  };
  return {
    url: ops.url,
    mode,
    bots,
    venue,
    sessionId,
    stop,
    stopped: stoppedP,
    killLevel: () => risk.killLevel(),
    loginLink,
    simulated: () => (venue !== undefined ? venue.venue.simulated : mode === 'paper'),
    whenReconciled: async (timeoutMs) => {
      const until = clock.now() + timeoutMs;
      while (late.reconciler?.blocked() === true) {
        if (clock.now() > until) throw new RejectedError(`not reconciled after ${timeoutMs} ms: ${late.reconciler?.reason() ?? ''}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** Binds and releases `host:port`: a RejectedError naming it when something else listens there. */
function checkPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => reject(new RejectedError(`cannot serve on ${host}:${port} (${e.code ?? e.message}): another process listens there; stop it or pick another --port`, { cause: e })));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Dry-live: the verdict is taken and recorded, and nothing is sent (a passed order is refused as "journaled"). */
function dryLiveCheck(check: (i: RiskOrderIntent | CancelIntent) => Verdict): (i: RiskOrderIntent | CancelIntent) => Verdict {
  return (i) => {
    const v = check(i);
    return v.allowed && i.action !== 'cancel' ? { ...v, allowed: false, rule: v.rule, reason: 'dry-live: risk-checked and journaled, not sent' } : v;
  };
}

async function startingEquity(hl: HyperliquidVenue, address: string | undefined): Promise<number> {
  if (address === undefined) return 0;
  const a = await hl.adapter.account();
  const summary = a.marginSummary ?? a.crossMarginSummary;
  if (summary === undefined) throw new RejectedError(`the venue's account state for ${address} has no margin summary: the bots' capital cannot be sized`);
  return fixedToNumber(summary.accountValue);
}

function readRiskState(path: string, clock: LiveClock, limits: RiskLimitSet): RiskManager {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new RiskManager({ clock, limits });
    throw new BadInputError(path, `cannot read the risk state: ${(e as Error).message}`, { cause: e });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BadInputError(path, `the risk state is not JSON (${(e as Error).message}); it holds kill levels and the equity peak, so it is not ignored: fix or remove it`, { cause: e });
  }
  return new RiskManager({ clock, limits, state: parseRiskState(raw) });
}

/** A config value as audit JSON (absent: null). */
function jsonOf(v: unknown): JsonValue {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as JsonValue);
}

function transitionData(t: OrderTransition): { [k: string]: string | null } {
  return { cloid: t.cloid, from: t.from ?? null, to: t.to, event: t.event, venueOrderId: t.venueOrderId ?? null, evidence: JSON.stringify(t.evidence) };
}

function crashingOmsStore(s: OmsStore, crash: CrashPoints): OmsStore {
  return observedOmsStore(s, {
    afterSaveIntent: (r) => {
      if (r.created) crash.pass('after-intent-stored');
    },
    afterTransition: () => crash.pass('after-transition-stored'),
  });
}

/** The client with the submit → answer time measured, and the crash point after the answer. */
function instrumentedClient(c: ExecutionClient, crash: CrashPoints, acked: (seconds: number) => void): ExecutionClient {
  return {
    venue: c.venue,
    supportsScheduleCancel: c.supportsScheduleCancel,
    place: async (intent) => {
      const t0 = performance.now();
      const r = await c.place(intent);
      if (r.status !== 'unknown') acked((performance.now() - t0) / 1000);
      crash.pass('after-venue-answer');
      return r;
    },
    cancel: (cloid, symbol) => c.cancel(cloid, symbol),
    orderStatus: (cloid) => c.orderStatus(cloid),
    openOrders: () => c.openOrders(),
    fills: (since) => c.fills(since),
    positions: () => c.positions(),
    scheduleCancel: (at) => c.scheduleCancel(at),
  };
}
