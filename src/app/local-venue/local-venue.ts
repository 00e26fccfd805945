// The local Hyperliquid-compatible venue: simulated market, one account per address, info/exchange handlers, WebSocket hub.
import type { Clock } from '../../core/clock.js';
import { Account, type AccountEvents } from './account.js';
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
import { WsHub } from './ws-hub.js';

/** How an address first reached the venue (for the log line of a new account). */
export type FirstSight = 'signed' | 'info' | 'subscription' | 'transfer';

export class LocalVenue {
  readonly ids: VenueIds;
  readonly feed: MarketFeed;
  readonly nonces = new NonceGuard();
  readonly hub: WsHub;
  private readonly accounts = new Map<string, Account>();
  /** Approved API wallets: agent address → the account it trades for. */
  readonly agents = new Map<string, string>();
  private readonly events: AccountEvents;

  constructor(
    readonly opts: LocalVenueOptions,
    readonly clock: Clock,
    /** Told about every new account (the CLI prints it). */
    private readonly onNewAccount: (address: string, how: FirstSight) => void = () => {},
  ) {
    this.ids = new VenueIds(opts.seed);
    this.feed = new MarketFeed(opts, clock.now(), this.ids);
    this.hub = new WsHub(this);
    this.events = {
      fills: (a, fills) => this.hub.publishFills(a, fills),
      orderUpdates: (a, orders) => this.hub.publishOrderUpdates(a, orders),
      nonUserCancel: (a, cancels) => this.hub.publishNonUserCancel(a, cancels),
    };
  }

  now(): number {
    return this.clock.now();
  }

  market(asset: number): SymbolMarket | undefined {
    return this.feed.markets[asset];
  }

  /** What order placement reads of the venue: the markets and the id counters. */
  entry(): EntryContext {
    return { market: (a) => this.market(a), ids: this.ids };
  }

  /** The account of `address` (lowercase), created with the starting balance when `how` allows it. */
  account(address: string, how?: FirstSight): Account | undefined {
    const key = address.toLowerCase();
    const known = this.accounts.get(key);
    if (known !== undefined || how === undefined) return known;
    if (how === 'signed' && this.opts.accounts === 'named') return undefined;
    const acct = new Account(key, this.feed.markets, this.opts.balance, this.clock, this.ids, this.events);
    // The new account's matching starts from the current book and last trade.
    for (const m of this.feed.markets) acct.venue.onMarketEvent(this.feed.bookEnvelope(m));
    this.accounts.set(key, acct);
    this.onNewAccount(key, how);
    return acct;
  }

  /** Moves the simulated market up to the clock: accounts match against it, subscribers get the data. */
  sync(): void {
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
  }

  /** After market moves or an action: due TWAP slices, TP/SL children, the dead man's switch, liquidation; then the reports. */
  settle(acct: Account): void {
    runDueTwaps(this.entry(), acct);
    activateChildren(acct);
    if (acct.scheduledCancel !== undefined && this.now() >= acct.scheduledCancel) {
      acct.scheduledCancel = undefined;
      const cancelled = [...acct.open.values()];
      for (const o of cancelled) acct.cancel(o, 'scheduledCancel');
      acct.nonUserCancel(cancelled.map((o) => ({ coin: o.coin, oid: o.oid })));
    }
    if (acct.ledger.openPositionCount > 0 && acct.venue.checkLiquidation()) this.hub.publishNotification(acct, 'Your account was liquidated on the local venue.');
    acct.flush();
  }

  info(body: unknown): Reply {
    this.sync();
    return handleInfo(this, body);
  }

  async exchange(body: unknown): Promise<Reply> {
    this.sync();
    return handleExchange(this, body);
  }
}
