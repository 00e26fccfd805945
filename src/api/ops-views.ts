// The JSON contract of the daemon's read endpoints (/ready, /api/status, bots, positions, orders, fills, risk) and the port that serves it.
import type { KillLevel } from '../config/risk-config.js';

export type DaemonMode = 'paper' | 'dry-live' | 'live';

/** /ready: the daemon takes new entries only when ready. Unknown inputs count as not ready. */
export interface ReadinessView {
  readonly ready: boolean;
  /** The reconciler's last pass found no unexplained difference. */
  readonly reconciled: boolean;
  /** Every subscribed market-data stream delivered within its staleness limit. */
  readonly marketDataFresh: boolean;
  /** Why not ready, one line each (empty when ready). */
  readonly reasons: readonly string[];
}

/** /api/status. Times are ISO 8601 UTC; amounts in the account's quote currency; null = not known yet. */
export interface StatusView {
  readonly version: string;
  readonly mode: DaemonMode;
  /** `hyperliquid`, `sim` or `replay:RUN`. */
  readonly market: string;
  /** True when paper fell back to the simulator: the prices are not the market's. */
  readonly simulated: boolean;
  readonly pid: number;
  readonly startedAt: string;
  readonly dataDir: string;
  readonly killLevel: KillLevel;
  readonly readiness: ReadinessView;
  readonly equity: number | null;
  readonly bots: number;
  readonly openPositions: number;
  readonly openOrders: number;
}

export interface BotView {
  readonly id: string;
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly interval: string;
  readonly state: 'starting' | 'running' | 'stopped' | 'failed';
  /** The capital allocated to the bot. */
  readonly capital: number;
}

export type Side = 'buy' | 'sell';

export interface PositionView {
  readonly symbol: string;
  /** Signed: negative is short. */
  readonly size: number;
  readonly entryPrice: number;
  readonly markPrice: number | null;
  readonly unrealizedPnl: number | null;
}

export interface OrderView {
  /** The client order id (Hyperliquid cloid). */
  readonly cloid: string;
  readonly venueOrderId: string | null;
  readonly bot: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly size: number;
  readonly filled: number;
  /** Null for a market order. */
  readonly price: number | null;
  readonly status: string;
  readonly placedAt: string;
}

export interface FillView {
  readonly fillId: string;
  readonly cloid: string | null;
  readonly bot: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly size: number;
  readonly price: number;
  readonly fee: number;
  readonly at: string;
}

export interface RiskView {
  readonly killLevel: KillLevel;
  /** Why the kill level is what it is (the env, the kill file, a command, a rule). */
  readonly killReason: string | null;
  readonly blocksByRule: Readonly<Record<string, number>>;
}

/** Every read endpoint's body, as `sextant status --json` prints it. */
export interface DaemonSnapshot {
  readonly status: StatusView;
  readonly bots: readonly BotView[];
  readonly positions: readonly PositionView[];
  readonly orders: readonly OrderView[];
  readonly risk: RiskView;
}

/** What the daemon implements (projections of its ledger and OMS) for the ops server to serve. */
export interface OpsProjection {
  readiness(): ReadinessView;
  status(): StatusView;
  bots(): readonly BotView[];
  positions(): readonly PositionView[];
  /** Open orders first, then the most recent closed ones. */
  orders(): readonly OrderView[];
  /** The most recent `limit` fills, newest first. */
  fills(limit: number): readonly FillView[];
  risk(): RiskView;
}

/** The body of every error response: what went wrong, and for which path. */
export interface ErrorBody {
  readonly error: string;
  readonly path: string;
  /** 401 / 403 / 429: a stable code for clients (see AuthRefusalReason). */
  readonly reason?: string;
  /** 429 only. */
  readonly retryAfterSeconds?: number;
}
