// The daemon's trading pieces wired in-process as `sextant start` wires them (bots, risk, audit, OMS on SQLite, adapter, local venue), with probes at the edges for the benches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { LiveClock } from '../src/core/live-clock.js';
import { createRng } from '../src/core/rng.js';
import { InvariantError } from '../src/core/errors.js';
import type { Envelope } from '../src/core/envelope.js';
import { readSextantConfig } from '../src/config/read-config.js';
import { DEFAULT_RISK_LIMITS } from '../src/config/risk-overrides.js';
import type { RiskLimits } from '../src/config/risk-config.js';
import { AuditWriter } from '../src/app/daemon/audit-writer.js';
import type { AuditLogStore } from '../src/ledger/audit-port.js';
import { BotRuntime } from '../src/app/daemon/bot-runtime.js';
import { AccountRiskView } from '../src/live/account-risk-view.js';
import { HyperliquidExecutionClient } from '../src/live/hyperliquid-execution-client.js';
import { OmsGateway } from '../src/live/oms-gateway.js';
import { OrderManager } from '../src/live/order-manager.js';
import { BOOK, tradeEvent, isTradeEvent, type BookEvent } from '../src/market/market-events.js';
import { tradesFrame } from '../src/localnet/hyperliquid/sim-frames.js';
import { parseSymbols } from '../src/localnet/hyperliquid/venue-options.js';
import type { OmsStore } from '../src/oms/oms-store.js';
import { RiskManager, type CancelIntent, type OrderIntent as RiskOrderIntent, type Verdict } from '../src/risk/index.js';
import { openStore } from '../src/store/open-store.js';
import { observedOmsStore } from '../src/oms/observed-oms-store.js';
import { openSqliteOmsStore } from '../src/store/sqlite/sqlite-oms-store.js';
import { createHyperliquidAdapter, type HyperliquidVenue } from '../src/venues/hyperliquid/create-adapter.js';
import type { SubscriptionHandle } from '../src/venues/hyperliquid/hyperliquid-adapter.js';
import { FileNonceStore, HyperliquidSigner, NonceSource, accountFromPrivateKey } from '../src/venues/hyperliquid/signing/index.js';
import type { NonceStore } from '../src/venues/hyperliquid/signing/nonce.js';
import { KEY_A, startHarness, type Harness } from '../src/testkit/localnet/test-support.js';

/** Timestamps (performance.now, ms) of the last order's way out, set by the probes. */
export interface Probe {
  /** The parsed trade reached the daemon's market callback (socket → supervisor → frame router done). */
  marketIn: number;
  /** The bot's order reached the risk check (frame parsed, bar/host/kernel/strategy done). */
  riskCheckStart: number;
  saveIntentStart: number;
  saveIntentEnd: number;
  /** Appends to the audit trail (one SQLite transaction each) as [start, end] pairs; the bench empties it. */
  readonly auditAppends: [number, number][];
  nonceSaveStart: number;
  nonceSaveEnd: number;
  /** The signed /exchange body handed to the HTTP transport (fetch called). */
  exchangeOut: number;
  exchangeBody: string;
  /** The venue's answer to that request (headers and body read). */
  exchangeAnswered: Promise<void>;
}

export interface BenchDaemon {
  readonly venue: Harness;
  readonly hl: HyperliquidVenue;
  readonly manager: OrderManager;
  readonly gateway: OmsGateway;
  readonly bot: BotRuntime;
  readonly probe: Probe;
  readonly dataDir: string;
  readonly books: Map<string, { bid: number; ask: number; ts: number }>;
  /** The venue's WebSocket frame text of one trade, as the venue writes it. */
  tradeFrameText(symbol: string, price: number, size: number, time: number): string;
  /** Hands a frame to the adapter's socket as if the venue had sent it (supervisor → router → daemon → bot). */
  injectFrame(frame: Buffer): void;
  /** Throws the bot's failure, if it stopped on one (the supervisor would only count it as a rejected frame). */
  check(): void;
  /** Everything the daemon's timers do on a tick (bars close on a quiet market, sessions flush). */
  flush(): void;
  close(): Promise<void>;
}

export interface BenchDaemonOptions {
  readonly symbols: readonly string[];
  readonly strategy: string;
  readonly params?: Readonly<Record<string, number>>;
  readonly intervalMs?: number;
  /** The local venue's market (default its `legacy` walk; `sim` is the market simulator), stepping only when the bench advances its clock. */
  readonly venueMarket?: 'legacy' | 'sim';
  readonly venueStepMs?: number;
  /** Bot capital, USD (default 10 000). */
  readonly capital?: number;
}

/** Limits that pass a bench's stream of small orders (the rules still run; the rate buckets are simply wide). */
const BENCH_LIMITS: RiskLimits = { ...DEFAULT_RISK_LIMITS, maxDrawdownPct: 100, rates: { entriesPerMin: 1e9, entriesPerSymbolPerMin: 1e9, exitsPerMin: 1e9, cancelsPerMin: 1e9 } };

export async function startBenchDaemon(o: BenchDaemonOptions): Promise<BenchDaemon> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-bench-'));
  const clock = new LiveClock();
  const venue = await startHarness({ symbols: parseSymbols(o.symbols.join(',')), ...(o.venueMarket !== undefined ? { market: o.venueMarket } : {}), ...(o.venueStepMs !== undefined ? { stepMs: o.venueStepMs } : {}) });
  const probe: Probe = { marketIn: 0, riskCheckStart: 0, saveIntentStart: 0, saveIntentEnd: 0, auditAppends: [], nonceSaveStart: 0, nonceSaveEnd: 0, exchangeOut: 0, exchangeBody: '', exchangeAnswered: Promise.resolve() };
  const probedFetch: typeof fetch = (input, init) => {
    if (String(input).endsWith('/exchange')) {
      probe.exchangeOut = performance.now();
      probe.exchangeBody = String(init?.body);
      const p = fetch(input, init);
      probe.exchangeAnswered = p.then(() => undefined);
      return p;
    }
    return fetch(input, init);
  };
  const sockets: WebSocket[] = [];
  const nonceFile = new FileNonceStore(join(dataDir, 'nonces.json'));
  const nonces: NonceStore = {
    load: (s) => nonceFile.load(s),
    save: (s, n) => {
      probe.nonceSaveStart = performance.now();
      nonceFile.save(s, n);
      probe.nonceSaveEnd = performance.now();
    },
  };
  const hl = createHyperliquidAdapter({
    config: { network: 'mainnet', httpUrl: venue.server.url, wsUrl: venue.server.wsUrl },
    scheduler: clock,
    clock,
    rng: createRng(1),
    onHealth: () => {},
    signer: new HyperliquidSigner({ account: accountFromPrivateKey(KEY_A), network: 'mainnet', nonces: new NonceSource(clock, nonces) }),
    fetch: probedFetch,
    createSocket: (url) => {
      const ws = new WebSocket(url);
      sockets.push(ws);
      return ws as never;
    },
  });
  hl.start();
  const loaded = await hl.adapter.requestInstruments();

  const store = openStore(join(dataDir, 'sextant.db'), { clock });
  const sqliteOms = openSqliteOmsStore(join(dataDir, 'sextant.db'), { venue: 'hyperliquid', now: clock.now(), synchronous: 'FULL' });
  const omsStore: OmsStore = observedOmsStore(sqliteOms, {
    beforeSaveIntent: () => void (probe.saveIntentStart = performance.now()),
    afterSaveIntent: () => void (probe.saveIntentEnd = performance.now()),
  });
  const auditStore: AuditLogStore = {
    appendAudit: async (entries) => {
      const t = performance.now();
      const r = await store.audit.appendAudit(entries);
      if (probe.auditAppends.length < 1_000) probe.auditAppends.push([t, performance.now()]);
      return r;
    },
    readAudit: (q) => store.audit.readAudit(q),
    auditHead: () => store.audit.auditHead(),
  };
  const audit = new AuditWriter(auditStore, (e) => {
    throw new InvariantError('bench: an audit append failed', { cause: e });
  });
  const marks = new Map<string, number>();
  const books = new Map<string, { bid: number; ask: number; ts: number }>();
  const late: { gateway?: OmsGateway; bot?: BotRuntime } = {};
  const manager = await OrderManager.open({
    store: omsStore,
    client: new HyperliquidExecutionClient(hl.adapter),
    clock,
    gate: { blocked: () => false, reason: () => undefined },
    onEvent: (e) => {
      // As the daemon: transitions and fills to the gateway and the audit trail.
      if (e.type === 'oms.transition') {
        late.gateway?.noteTransition(e.transition);
        audit.record({ kind: 'order', ts: e.transition.ts, data: { cloid: e.transition.cloid, from: e.transition.from ?? null, to: e.transition.to, event: e.transition.event } });
      } else if (e.type === 'oms.fill') audit.record({ kind: 'fill', ts: e.fill.ts, data: { fillId: e.fill.fillId } });
    },
  });
  const view = new AccountRiskView({ clock, ledgers: () => (late.bot !== undefined ? [late.bot.book] : []), orders: () => manager.orders(), marks, books });
  const risk = new RiskManager({ clock, limits: { account: BENCH_LIMITS, symbols: new Map(o.symbols.map((s) => [s, BENCH_LIMITS])) } });
  const check = (intent: RiskOrderIntent | CancelIntent): Verdict => {
    probe.riskCheckStart = performance.now();
    const v = risk.check(intent, view);
    audit.record({ kind: 'risk.verdict', ts: v.ts, botId: v.botId, symbol: v.symbol, data: { allowed: v.allowed, rule: v.rule, reason: v.reason, inputs: { ...v.inputs } } });
    return v;
  };
  const gateway = new OmsGateway({
    manager,
    venue: hl.adapter,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    onError: (e) => {
      throw new InvariantError('bench: a fill could not be recorded', { cause: e });
    },
  });
  late.gateway = gateway;
  const accountSub = await hl.adapter.subscribeUserEvents((e) => gateway.onAccountEvent(e));

  let failure: InvariantError | undefined;
  const read = readSextantConfig({ bots: [{ id: 'bench-1', strategy: o.strategy, symbols: [...o.symbols], interval: `${(o.intervalMs ?? 1000) / 1000}s`, params: o.params ?? {}, capital: { usd: o.capital ?? 10_000 } }] });
  if (!read.ok) throw new InvariantError(`bench config: ${read.issues.map((i) => i.message).join('; ')}`);
  const bot = await BotRuntime.start({
    config: read.config.bots[0],
    capital: o.capital ?? 10_000,
    instruments: loaded.instruments,
    ledgerStore: store.ledger,
    dataDir,
    cwd: process.cwd(),
    sessionId: 'bench',
    mode: 'paper',
    clock,
    gateway,
    check,
    marks,
    onFailure: (id, e) => {
      failure ??= new InvariantError(`bench: bot ${id} failed`, { cause: e });
    },
  });
  late.bot = bot;
  await bot.connect();
  // As the daemon's onMarket: marks from trades, the touch from book snapshots, trades to the bot.
  const onMarket = (e: Envelope): void => {
    probe.marketIn = performance.now();
    if (isTradeEvent(e)) marks.set(e.symbol, e.data.price);
    else if (e.type === BOOK) {
      const b = (e as BookEvent).data;
      if (b.snapshot && b.bids.length > 0 && b.asks.length > 0) books.set(e.symbol, { bid: b.bids[0], ask: b.asks[0], ts: clock.now() });
      return;
    }
    bot.market(e);
  };
  const subs: SubscriptionHandle[] = [];
  for (const s of o.symbols) {
    subs.push(await hl.adapter.subscribeTrades(s, onMarket));
    subs.push(await hl.adapter.subscribeBook(s, onMarket));
  }

  let tid = 1;
  let seq = 0;
  return {
    venue,
    hl,
    manager,
    gateway,
    bot,
    probe,
    dataDir,
    books,
    tradeFrameText: (symbol, price, size, time) => tradesFrame([tradeEvent(symbol, 'bench', ++seq, time, time, { price, size, side: 'buy', tradeId: String(tid++) })]).text,
    injectFrame: (frame) => {
      const ws = sockets.at(-1);
      if (ws === undefined) throw new InvariantError('bench: no socket open');
      ws.emit('message', frame, false);
    },
    check: () => {
      if (failure !== undefined) throw failure;
    },
    flush: () => {
      bot.tick();
      bot.flush();
    },
    close: async () => {
      await bot.stop();
      for (const s of subs) await s.unsubscribe();
      await accountSub.unsubscribe();
      await gateway.whenRecorded();
      await audit.flush();
      await hl.close();
      await venue.close();
      await omsStore.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
