// The local Hyperliquid-compatible venue: simulated or mirrored market, one account per address, info/exchange handlers, WebSocket hub.
import type { Clock, Scheduler } from '../../core/clock.js';
import { InvariantError } from '../../core/errors.js';
import { Account, type AccountEvents } from './account.js';
import { ApiWallets } from './api-wallets.js';
import { handleExchange } from './exchange-handler.js';
import { handleInfo } from './info-queries.js';
import { MarketFeed } from './market-feed.js';
import { NonceGuard } from './nonce-guard.js';
import { activateChildren, type EntryContext } from './order-entry.js';
import type { Reply } from './reply.js';
import type { SymbolMarket } from './symbol-market.js';
import { runDueTwaps } from './twap-orders.js';
import { VenueIds } from './venue-ids.js';
import type { LocalVenueOptions } from './venue-options.js';
import { checkMarkets, restoreAccountState, VenuePersistence } from './venue-persistence.js';
import type { AccountImage } from './venue-state.js';
import { WsHub } from './ws-hub.js';

/** How an address first reached the venue (for the log line of a new account). */
export type FirstSight = 'signed' | 'info' | 'subscription' | 'transfer';

/** Addresses named in /info or a subscription that `--accounts named` remembers (oldest forgotten first). */
const MAX_NAMED = 10_000;

export class LocalVenue {
  readonly ids: VenueIds;
  readonly feed: MarketFeed;
  readonly nonces: NonceGuard;
  /** Approved API wallets: agent address → the account it trades for (a replaced agent's nonces are dropped). */
  readonly agents = new ApiWallets((agent) => this.nonces.forget(agent));
  /** The state file (`stateFile`): every change is saved before its answer or push goes out. */
  readonly persistence: VenuePersistence | undefined;
  readonly hub: WsHub;
  private readonly accounts = new Map<string, Account>();
  /** `--accounts named`: addresses named (not yet signed), least recently named first, and how they were named. */
  private readonly named = new Map<string, FirstSight>();
  /** What an address without an account reads as: the starting balance, nothing else (never acted on, so one serves all). */
  private blank: Account | undefined;
  private readonly events: AccountEvents;

  constructor(
    readonly opts: LocalVenueOptions,
    readonly clock: Clock,
    /** Told about every new account (the CLI prints it). */
    private readonly onNewAccount: (address: string, how: FirstSight) => void = () => {},
    /** What the operator should see: the market changing source (`--market mirror`), the state file restored, a torn last line dropped. */
    log: (line: string) => void = () => {},
  ) {
    this.nonces = new NonceGuard(opts.stateFile !== undefined);
    this.ids = new VenueIds(opts.seed);
    const mirrorDeps = opts.market === 'mirror' ? { scheduler: schedulerOf(clock), log } : undefined;
    const replayDeps = opts.market === 'replay' ? { clock, log } : undefined;
    this.feed = new MarketFeed(opts, clock.now(), this.ids, mirrorDeps, replayDeps);
    this.hub = new WsHub(this);
    this.events = {
      fills: (a, fills) => this.hub.publishFills(a, fills),
      orderUpdates: (a, orders) => this.hub.publishOrderUpdates(a, orders),
      nonUserCancel: (a, cancels) => this.hub.publishNonUserCancel(a, cancels),
      notification: (a, text) => this.hub.publishNotification(a, text),
    };
    const file = opts.stateFile;
    this.persistence = file === undefined ? undefined : new VenuePersistence(file, {
      ids: this.ids,
      nonces: this.nonces,
      agents: this.agents,
      accountList: () => this.accounts.values(),
      restoredAccount: (address, img) => this.restoredAccount(address, img, file),
    }, log);
  }

  now(): number {
    return this.clock.now();
  }

  /** False only while the market is mirrored from a live upstream venue (`--market mirror`); the simulator's and the random walk's are simulated. */
  get simulated(): boolean {
    return this.feed.simulated;
  }

  /** Settles when the market has its source (a mirror: upstream's first books, or the fall-back; a replay: every symbol's first recorded book); rejects when upstream refused a symbol or a recording has none. */
  marketReady(): Promise<void> {
    return this.feed.ready();
  }

  /**
   * Releases what the venue holds: the state file, a mirror's upstream connection, a replay's reader (the venue must
   * not act after this; the HTTP server is closed by its owner).
   */
  async close(): Promise<void> {
    try {
      this.persistence?.close();
    } finally {
      await this.feed.close();
    }
  }

  market(asset: number): SymbolMarket | undefined {
    return this.feed.markets[asset];
  }

  /** What order placement reads of the venue: the markets and the id counters. */
  entry(): EntryContext {
    return { market: (a) => this.market(a), ids: this.ids };
  }

  get maxAccounts(): number {
    return this.opts.maxAccounts;
  }

  get accountCount(): number {
    return this.accounts.size;
  }

  /** The account of `address`, if it has one. */
  account(address: string): Account | undefined {
    return this.accounts.get(address.toLowerCase());
  }

  /**
   * The account a signed action (or a transfer to `address`) acts on, created with the starting
   * balance on first sight: any address with `--accounts any`, only named ones with `named`.
   * Undefined when the address may not have one or the table is full (`maxAccounts`).
   */
  openAccount(address: string, how: 'signed' | 'transfer'): Account | undefined {
    const key = address.toLowerCase();
    const known = this.accounts.get(key);
    if (known !== undefined) return known;
    const named = this.named.get(key);
    if (how === 'signed' && this.opts.accounts === 'named' && named === undefined) return undefined;
    if (this.accounts.size >= this.opts.maxAccounts) return undefined;
    const acct = this.fresh(key);
    this.accounts.set(key, acct);
    this.named.delete(key);
    this.onNewAccount(key, named ?? how);
    return acct;
  }

  /**
   * What /info and subscriptions read for `address`: its account, or, for an address without one,
   * the account it would get (the starting balance, nothing else; one shared, never-acted-on
   * account, so views must take the address from the request): reading creates no state per
   * address. With `--accounts named` the address is remembered (in a bounded table) so that it may
   * sign later.
   */
  viewAccount(address: string, how: 'info' | 'subscription'): Account {
    const key = address.toLowerCase();
    const known = this.accounts.get(key);
    if (known !== undefined) return known;
    if (this.opts.accounts === 'named') {
      const first = this.named.get(key) ?? how;
      // Delete and set again: a Map keeps insertion order, so the first key is the least recently named.
      this.named.delete(key);
      this.named.set(key, first);
      if (this.named.size > MAX_NAMED) this.named.delete(this.named.keys().next().value as string);
    }
    this.blank ??= this.fresh('0x0000000000000000000000000000000000000000');
    return this.blank;
  }

  private fresh(key: string, start: number | AccountImage = this.opts.balance): Account {
    const acct = new Account(key, this.feed.markets, typeof start === 'number' ? start : start.ledger, this.clock, this.ids, this.events, this.opts.stateFile !== undefined);
    // The new account's matching starts from the current book and last trade.
    for (const m of this.feed.markets) acct.venue.onMarketEvent(this.feed.bookEnvelope(m));
    return acct;
  }

  /** An account from the state file: its saved ledger, orders and settings, matching from the current book. */
  private restoredAccount(address: string, img: AccountImage, file: string): Account {
    checkMarkets(img, (coin) => this.feed.market(coin)?.asset, file);
    const acct = this.fresh(address, img);
    restoreAccountState(acct, img);
    this.accounts.set(address, acct);
    return acct;
  }

  /**
   * Moves the simulated market up to the clock: accounts match against it, subscribers get the
   * data; what changed is saved before the accounts' reports go out.
   */
  sync(): void {
    this.persistence?.check();
    const steps = this.feed.advanceTo(this.now(), (m, trades) => {
      const book = this.feed.bookEnvelope(m);
      const tapes = trades.map((t) => this.feed.tradeEnvelope(t));
      for (const acct of this.accounts.values()) {
        acct.venue.onMarketEvent(book);
        for (const t of tapes) acct.venue.onMarketEvent(t);
      }
      this.hub.publishMarket(m, trades);
    });
    if (steps > 0) this.hub.publishMids();
    for (const acct of this.accounts.values()) this.settle(acct);
    this.commit();
  }

  /**
   * After market moves or an action: due TWAP slices, TP/SL children, the dead man's switch,
   * liquidation. Their reports wait for `commit`.
   */
  settle(acct: Account): void {
    if (runDueTwaps(this.entry(), acct)) acct.changed = true;
    activateChildren(acct);
    if (acct.scheduledCancel !== undefined && this.now() >= acct.scheduledCancel) {
      acct.scheduledCancel = undefined;
      acct.changed = true;
      const cancelled = [...acct.open.values()];
      for (const o of cancelled) acct.cancel(o, 'scheduledCancel');
      acct.nonUserCancel(cancelled.map((o) => ({ coin: o.coin, oid: o.oid })));
    }
    if (acct.ledger.openPositionCount > 0 && acct.venue.checkLiquidation()) acct.notify('Your account was liquidated on the local venue.');
  }

  /** Saves what changed (with a state file), then sends the accounts' reports: no push shows what a crash could forget. */
  private commit(): void {
    this.persistence?.commit();
    for (const acct of this.accounts.values()) acct.flush();
  }

  info(body: unknown): Reply {
    this.sync();
    return handleInfo(this, body);
  }

  async exchange(body: unknown): Promise<Reply> {
    this.sync();
    try {
      return await handleExchange(this, body);
    } finally {
      // Saved before the answer is sent (the caller sends it after this returns).
      this.commit();
    }
  }
}

/** The mirror's upstream connection needs timers on the venue's clock (LiveClock and ManualClock have them). */
function schedulerOf(clock: Clock): Scheduler {
  const s = clock as Partial<Scheduler>;
  if (typeof s.setTimeout !== 'function' || typeof s.clearTimeout !== 'function') throw new InvariantError('LocalVenue: market "mirror" needs a clock with timers (a Scheduler)');
  return clock as Scheduler;
}
