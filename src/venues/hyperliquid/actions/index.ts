// Public surface of Hyperliquid action builders: typed requests in, wire actions (in hashed key order) out.
export { addDecimal, decimalToString, mulDecimal, parseDecimal, roundDecimal } from './decimal.js';
export type { Decimal, DecimalRounding } from './decimal.js';
export {
  PRICE_SIG_FIGS, allowedPriceDecimals, floatToIntForHashing, floatToWire, formatAmount, formatPrice, formatSize, isValidPrice, wireFixed, wireFixedUsd, wireNumber, wireUsd,
} from './wire-number.js';
export type { MarketKind } from './wire-number.js';
export { cloidFromClientId, isCloid, parseCloid } from './cloid.js';
export type { Cloid } from './cloid.js';
export { parseAddress } from './address.js';
export { marketKindOf, resolveAsset, staticAssetTable } from './asset-table.js';
export type { AssetTable, ResolvedAsset } from './asset-table.js';
export { parseOid, parseOidOrCloid } from './order-id.js';
export { orderAction, orderWire } from './order.js';
export { DEFAULT_MARKET_SLIPPAGE, marketLimitPrice } from './market-price.js';
export type { BuilderFee, Grouping, HlOrderRequest, OrderActionOptions, PriceRounding, TriggerSpec } from './order.js';
export { cancelAction, cancelByCloidAction } from './cancel.js';
export type { CancelByCloidRequest, CancelRequest } from './cancel.js';
export { batchModifyAction, modifyAction } from './modify.js';
export type { ModifyRequest } from './modify.js';
export { updateIsolatedMarginAction, updateLeverageAction } from './margin.js';
export type { UpdateIsolatedMarginRequest, UpdateLeverageRequest } from './margin.js';
export { SCHEDULE_CANCEL_MIN_LEAD_MS, noopAction, scheduleCancelAction } from './schedule-cancel.js';
export { twapCancelAction, twapOrderAction } from './twap.js';
export type { TwapOrderRequest } from './twap.js';
export { usdClassTransfer } from './transfer.js';
export type { UsdClassTransferRequest, UserSignedContext } from './transfer.js';
export type * from './wire-types.js';
