// The port the Telegram commands call (the daemon implements it): status, positions, PnL, the daily summary, kill and resume.
import type { KillLevel } from '../config/risk-config.js';
import type { DailySummary } from './alert-message.js';

export interface BotView {
  readonly id: string;
  readonly symbols: readonly string[];
  /** running, paused, stopped, crashed ... */
  readonly state: string;
}

export interface StatusView {
  readonly mode: 'paper' | 'dry-live' | 'live';
  /** True when market data comes from the simulator (paper offline). */
  readonly simulated: boolean;
  readonly killLevel: KillLevel;
  readonly bots: readonly BotView[];
  /** Streams past their freshness limit, e.g. `BTC trades`. */
  readonly staleStreams: readonly string[];
}

export interface PositionView {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly qty: number;
  readonly entryPrice: number;
  /** null when no mark price is known (never 0). */
  readonly unrealisedPnl: number | null;
}

export interface PnlView {
  /** Today (UTC), net of fees and funding. */
  readonly realisedToday: number;
  readonly unrealised: number | null;
  readonly fees: number;
  readonly equity: number;
}

export interface AlertCommands {
  status(): Promise<StatusView>;
  positions(): Promise<readonly PositionView[]>;
  pnl(): Promise<PnlView>;
  daily(): Promise<DailySummary>;
  /** Sets the kill level; `source` says who (e.g. `telegram chat 42`) for the audit trail. */
  kill(level: Exclude<KillLevel, 'off'>, source: string): Promise<void>;
  /** Clears the kill level (back to off). */
  resume(source: string): Promise<void>;
}
