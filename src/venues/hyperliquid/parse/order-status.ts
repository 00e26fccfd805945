// Hyperliquid order status words to the OMS's states: the venue's reasons kept, anything unrecognised terminal.
import type { HlOrderState } from './account-types.js';

/** Exact words with a known state; the suffix rules below cover the rest of the venue's reasons. */
const STATES: ReadonlyMap<string, HlOrderState> = new Map<string, HlOrderState>([
  ['open', 'open'],
  ['triggered', 'triggered'],
  ['filled', 'filled'],
  ['canceled', 'canceled'],
  ['rejected', 'rejected'],
  // The dead man's switch (scheduleCancel) fired.
  ['scheduledCancel', 'canceled'],
]);

/**
 * State of a status word. Reasons end in "Canceled" (marginCanceled, reduceOnlyCanceled,
 * siblingFilledCanceled, selfTradeCanceled, liquidatedCanceled, …) or "Rejected" (tickRejected,
 * minTradeNtlRejected, badAloPxRejected, iocCancelRejected, oracleRejected, …); a word matching
 * neither is `unknown`, which the OMS treats as terminal.
 */
export function orderState(status: string): HlOrderState {
  const s = STATES.get(status);
  if (s !== undefined) return s;
  if (status.endsWith('Canceled')) return 'canceled';
  if (status.endsWith('Rejected')) return 'rejected';
  return 'unknown';
}

export function isTerminal(state: HlOrderState): boolean {
  return state !== 'open' && state !== 'triggered';
}

/** The status as a reason when it says more than its state does. */
export function statusReason(status: string, state: HlOrderState): string | undefined {
  return status === state ? undefined : status;
}
