// What the daemon tells its operators: the alerts sent to Telegram and Discord, as immutable tagged objects.
import type { KillLevel } from '../config/risk-config.js';

/** One UTC day's trading, net of fees. */
export interface DailySummary {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  readonly trades: number;
  /** Realised PnL net of fees and funding, in the account currency. */
  readonly pnlNet: number;
  readonly fees: number;
  readonly equity: number;
  /** Drawdown from the trailing equity peak, as a fraction (0.012 = 1.2 %). */
  readonly drawdown: number;
}

export type Alert =
  | { readonly kind: 'fill'; readonly symbol: string; readonly side: 'buy' | 'sell'; readonly qty: number; readonly price: number; readonly fee: number; readonly botId?: string }
  | { readonly kind: 'kill'; readonly from: KillLevel; readonly to: KillLevel; readonly source: string; readonly reason: string }
  | { readonly kind: 'stale'; readonly stream: string; readonly symbol?: string; readonly silentMs: number; readonly limitMs: number }
  | { readonly kind: 'reconcile'; readonly differences: readonly string[]; readonly action: string }
  | { readonly kind: 'daily'; readonly summary: DailySummary }
  | { readonly kind: 'text'; readonly text: string };
