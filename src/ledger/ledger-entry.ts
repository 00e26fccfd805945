// The facts the ledger records: deposits, fills and funding payments, exact and immutable.
import type { Fixed } from '../core/fixed.js';
import type { Side } from '../core/orders.js';

export interface DepositEntry {
  readonly kind: 'deposit';
  readonly seq: number;
  readonly ts: number;
  /** Positive deposit, negative withdrawal (quote currency). */
  readonly amount: Fixed;
  readonly note: string;
}

export interface FillEntry {
  readonly kind: 'fill';
  readonly seq: number;
  readonly ts: number;
  readonly symbol: string;
  readonly side: Side;
  /** Positive quantity. */
  readonly qty: Fixed;
  readonly price: Fixed;
  /** Fee paid (negative = rebate). */
  readonly fee: Fixed;
  /** Contract multiplier in force for this fill: PnL = Δprice × qty × multiplier. */
  readonly multiplier: Fixed;
  readonly fillId: string;
  readonly orderId: string;
  readonly reason: string;
}

export interface FundingEntry {
  readonly kind: 'funding';
  readonly seq: number;
  readonly ts: number;
  readonly symbol: string;
  /** Received (+) or paid (−), quote currency. */
  readonly amount: Fixed;
  /** Funding rate applied (per period), for reports. */
  readonly rate: number;
}

export type LedgerEntry = DepositEntry | FillEntry | FundingEntry;
