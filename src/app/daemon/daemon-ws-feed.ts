// The daemon's /ws feed: the gateway on the ops server's port, authenticated by the API's auth; public market and bot channels, private orders, fills, positions and risk.
import type { Server } from 'node:http';
import type { OpsProjection } from '../../api/ops-views.js';
import type { Scheduler } from '../../core/clock.js';
import type { Envelope } from '../../core/envelope.js';
import { RejectedError } from '../../core/errors.js';
import type { Registry } from 'prom-client';
import { BOOK, isTradeEvent, type BookEvent } from '../../market/market-events.js';
import { AuthRefusedError, clientAddress, presentedToken, type AuthService } from '../../server/auth/index.js';
import { attachWsGateway, type WsGateway, type WsPrincipal } from '../../server/ws-gateway.js';

/** Book levels a `books` update carries per side. */
const BOOK_DEPTH = 10;

export interface DaemonWsFeedOptions {
  readonly server: Server;
  readonly auth: AuthService;
  readonly behindProxy: boolean;
  readonly scheduler: Scheduler;
  readonly projection: OpsProjection;
  /** The last trade price per symbol and the top of book per symbol (snapshots of `prices` and `books`). */
  readonly marks: ReadonlyMap<string, number>;
  readonly books: ReadonlyMap<string, { readonly bid: number; readonly ask: number; readonly ts: number }>;
  /** Whether `symbol`'s market stream is fresh now. */
  readonly fresh: (symbol: string) => boolean;
  readonly registry?: Registry;
  readonly onError: (where: string, e: unknown) => void;
}

/**
 * The daemon's account is one: its private data goes to every user that has connected (the admin,
 * API key owners, allowed wallets), each on its own topics, so the gateway's per-user rule holds.
 */
export class DaemonWsFeed {
  readonly gateway: WsGateway;
  private readonly users = new Set<string>();

  constructor(private readonly o: DaemonWsFeedOptions) {
    this.gateway = attachWsGateway(o.server, {
      scheduler: o.scheduler,
      authenticate: async (req): Promise<WsPrincipal | undefined> => {
        // No credentials at all: an anonymous connection, public channels only (bad ones are a 401).
        try {
          presentedToken(req.headers);
        } catch (e) {
          if (e instanceof AuthRefusedError && e.reason === 'missing-credentials') return undefined;
        }
        const out = await o.auth.authenticate(req.headers, clientAddress(req.socket.remoteAddress, req.headers, o.behindProxy));
        if (!out.ok) throw new RejectedError(out.error.message, { cause: out.error });
        this.users.add(out.principal.user);
        return { user: out.principal.user };
      },
      snapshots: {
        prices: (s) => (o.marks.has(s) ? { data: { price: o.marks.get(s) }, fresh: o.fresh(s) } : undefined),
        books: (s) => {
          const b = o.books.get(s);
          return b === undefined ? undefined : { data: { bid: b.bid, ask: b.ask, ts: b.ts, bids: [], asks: [] }, fresh: o.fresh(s) };
        },
        bots: (id) => {
          const b = o.projection.bots().find((x) => x.id === id);
          return b === undefined ? undefined : { data: b };
        },
        orders: () => ({ data: o.projection.orders() }),
        fills: () => ({ data: o.projection.fills(100) }),
        positions: () => ({ data: o.projection.positions() }),
        risk: () => ({ data: o.projection.risk() }),
      },
      ...(o.registry !== undefined ? { registry: o.registry } : {}),
      onError: o.onError,
    });
  }

  /** A market event: trades to `trades` and `prices`, book snapshots to `books` (coalesced by the gateway). */
  market(e: Envelope): void {
    this.guard('market', () => {
      const fresh = this.o.fresh(e.symbol);
      if (isTradeEvent(e)) {
        this.gateway.publish('trades', e.symbol, { price: e.data.price, size: e.data.size, side: e.data.side, ts: e.tsEvent }, fresh);
        this.gateway.publish('prices', e.symbol, { price: e.data.price, ts: e.tsEvent }, fresh);
      } else if (e.type === BOOK) {
        const b = (e as BookEvent).data;
        if (!b.snapshot || b.bids.length === 0 || b.asks.length === 0) return;
        this.gateway.publish('books', e.symbol, { bid: b.bids[0], ask: b.asks[0], ts: e.tsEvent, bids: levels(b.bids), asks: levels(b.asks) }, fresh);
      }
    });
  }

  /** An order changed state: its view to `orders`. */
  order(cloid: string): void {
    this.guard('orders', () => {
      const view = this.o.projection.orders().find((x) => x.cloid === cloid);
      if (view === undefined) return;
      for (const u of this.users) this.gateway.publishPrivate(u, 'orders', view);
    });
  }

  /** A fill was recorded: the newest fill to `fills`, the positions to `positions`. */
  fill(): void {
    this.guard('fills', () => {
      const [latest] = this.o.projection.fills(1);
      const positions = this.o.projection.positions();
      for (const u of this.users) {
        if (latest !== undefined) this.gateway.publishPrivate(u, 'fills', latest);
        this.gateway.publishPrivate(u, 'positions', positions);
      }
    });
  }

  /** The kill level changed: the risk view to `risk`. */
  risk(): void {
    this.guard('risk', () => {
      const view = this.o.projection.risk();
      for (const u of this.users) this.gateway.publishPrivate(u, 'risk', view);
    });
  }

  /** Bot telemetry (each bot's view), the lowest priority: called every second. */
  bots(): void {
    this.guard('bots', () => {
      for (const b of this.o.projection.bots()) this.gateway.publish('bots', b.id, b);
    });
  }

  close(): Promise<void> {
    return this.gateway.close();
  }

  /** A feed failure is logged and never stops the trading path that called it. */
  private guard(where: string, f: () => void): void {
    try {
      f();
    } catch (e) {
      this.o.onError(`ws ${where}`, e);
    }
  }
}

/** The first BOOK_DEPTH [price, size] pairs of a flat side. */
function levels(side: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < side.length && out.length < BOOK_DEPTH; i += 2) out.push([side[i], side[i + 1]]);
  return out;
}
