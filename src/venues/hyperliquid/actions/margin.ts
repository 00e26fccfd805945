// The `updateLeverage` and `updateIsolatedMargin` actions (leverage is an integer; margin moves in micro-USDC).
import { BadInputError } from '../../../core/errors.js';
import { resolveAsset } from './asset-table.js';
import type { AssetTable } from './asset-table.js';
import { floatToIntForHashing } from './wire-number.js';
import type { UpdateIsolatedMarginAction, UpdateLeverageAction } from './wire-types.js';

export interface UpdateLeverageRequest {
  readonly symbol: string;
  /** Integer 1..maxLeverage (the venue checks the cap per notional tier). */
  readonly leverage: number;
  /** true = cross margin, false = isolated (this also switches the mode). */
  readonly cross: boolean;
}

export function updateLeverageAction(table: AssetTable, req: UpdateLeverageRequest): UpdateLeverageAction {
  const asset = resolveAsset(table, req.symbol, 'updateLeverage.symbol');
  if (!(Number.isInteger(req.leverage) && req.leverage >= 1)) throw new BadInputError('updateLeverage.leverage', `expected an integer ≥ 1, got ${req.leverage}`);
  if (typeof req.cross !== 'boolean') throw new BadInputError('updateLeverage.cross', 'expected a boolean');
  return { type: 'updateLeverage', asset: asset.assetId, isCross: req.cross, leverage: req.leverage };
}

export interface UpdateIsolatedMarginRequest {
  readonly symbol: string;
  /** USDC to add (> 0) or remove (< 0); at most 6 decimals. */
  readonly amountUsd: number | string;
}

export function updateIsolatedMarginAction(table: AssetTable, req: UpdateIsolatedMarginRequest): UpdateIsolatedMarginAction {
  const asset = resolveAsset(table, req.symbol, 'updateIsolatedMargin.symbol');
  const ntli = floatToIntForHashing(req.amountUsd, 'updateIsolatedMargin.amountUsd', 6);
  if (ntli === 0n) throw new BadInputError('updateIsolatedMargin.amountUsd', 'must not be 0');
  if (ntli > BigInt(Number.MAX_SAFE_INTEGER) || ntli < -BigInt(Number.MAX_SAFE_INTEGER)) throw new BadInputError('updateIsolatedMargin.amountUsd', 'out of range');
  // isBuy is ignored in one-way mode; the SDKs always send true.
  return { type: 'updateIsolatedMargin', asset: asset.assetId, isBuy: true, ntli: Number(ntli) };
}
