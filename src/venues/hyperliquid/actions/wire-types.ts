// Wire shapes of /exchange actions. Key order in these literals is the msgpack order the signature hashes.
import type { Cloid } from './cloid.js';

export type Address = `0x${string}`;

export type WireTif = 'Gtc' | 'Ioc' | 'Alo';
export type WireGrouping = 'na' | 'normalTpsl' | 'positionTpsl';

export type OrderTypeWire =
  | { readonly limit: { readonly tif: WireTif } }
  | { readonly trigger: { readonly isMarket: boolean; readonly triggerPx: string; readonly tpsl: 'tp' | 'sl' } };

/** a asset, b isBuy, p price, s size, r reduceOnly, t type, c cloid (key absent when none). */
export interface OrderWire {
  readonly a: number;
  readonly b: boolean;
  readonly p: string;
  readonly s: string;
  readonly r: boolean;
  readonly t: OrderTypeWire;
  readonly c?: Cloid;
}

/** b builder address (lowercase), f fee in tenths of a basis point. */
export interface BuilderWire {
  readonly b: Address;
  readonly f: number;
}

export interface OrderAction {
  readonly type: 'order';
  readonly orders: readonly OrderWire[];
  readonly grouping: WireGrouping;
  readonly builder?: BuilderWire;
}

export interface CancelAction {
  readonly type: 'cancel';
  readonly cancels: readonly { readonly a: number; readonly o: number }[];
}

/** Note the different keys from `cancel`: asset / cloid, not a / o. */
export interface CancelByCloidAction {
  readonly type: 'cancelByCloid';
  readonly cancels: readonly { readonly asset: number; readonly cloid: Cloid }[];
}

export interface ModifyAction {
  readonly type: 'modify';
  readonly oid: number | Cloid;
  readonly order: OrderWire;
}

export interface BatchModifyAction {
  readonly type: 'batchModify';
  readonly modifies: readonly { readonly oid: number | Cloid; readonly order: OrderWire }[];
}

export interface UpdateLeverageAction {
  readonly type: 'updateLeverage';
  readonly asset: number;
  readonly isCross: boolean;
  readonly leverage: number;
}

/** ntli: USDC × 1e6 as an integer; negative removes margin. */
export interface UpdateIsolatedMarginAction {
  readonly type: 'updateIsolatedMargin';
  readonly asset: number;
  readonly isBuy: boolean;
  readonly ntli: number;
}

/** time absent = clear the dead man's switch. */
export interface ScheduleCancelAction {
  readonly type: 'scheduleCancel';
  readonly time?: number;
}

export interface TwapOrderAction {
  readonly type: 'twapOrder';
  readonly twap: { readonly a: number; readonly b: boolean; readonly s: string; readonly r: boolean; readonly m: number; readonly t: boolean };
}

export interface TwapCancelAction {
  readonly type: 'twapCancel';
  readonly a: number;
  readonly t: number;
}

export interface NoopAction {
  readonly type: 'noop';
}

/** Every L1 action this adapter builds (signed with the phantom-agent scheme). */
export type L1Action =
  | OrderAction
  | CancelAction
  | CancelByCloidAction
  | ModifyAction
  | BatchModifyAction
  | UpdateLeverageAction
  | UpdateIsolatedMarginAction
  | ScheduleCancelAction
  | TwapOrderAction
  | TwapCancelAction
  | NoopAction;

export type HyperliquidChain = 'Mainnet' | 'Testnet';

/** User-signed (EIP-712) spot ↔ perp transfer. `nonce` equals the envelope nonce. */
export interface UsdClassTransferAction {
  readonly type: 'usdClassTransfer';
  readonly signatureChainId: Address;
  readonly hyperliquidChain: HyperliquidChain;
  readonly amount: string;
  readonly toPerp: boolean;
  readonly nonce: number;
}
