// The `twapOrder` and `twapCancel` actions: the venue slices the size every 30 s over m minutes (≤ 3 % slippage per slice).
import { BadInputError } from '../../../core/errors.js';
import type { Side } from '../../../core/orders.js';
import { resolveAsset } from './asset-table.js';
import type { AssetTable } from './asset-table.js';
import { formatSize } from './wire-number.js';
import type { TwapCancelAction, TwapOrderAction } from './wire-types.js';

export interface TwapOrderRequest {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number | string;
  /** Duration in whole minutes, 5..1440. */
  readonly minutes: number;
  /** Randomise slice timing. */
  readonly randomize: boolean;
  readonly reduceOnly?: boolean;
}

export function twapOrderAction(table: AssetTable, req: TwapOrderRequest): TwapOrderAction {
  const asset = resolveAsset(table, req.symbol, 'twap.symbol');
  if (req.side !== 'buy' && req.side !== 'sell') throw new BadInputError('twap.side', `expected "buy" or "sell", got ${JSON.stringify(req.side)}`);
  if (Number(req.qty) < 0) throw new BadInputError('twap.qty', `must be > 0, got ${JSON.stringify(req.qty)}`);
  if (!(Number.isInteger(req.minutes) && req.minutes >= 5 && req.minutes <= 1440)) throw new BadInputError('twap.minutes', `expected an integer 5..1440, got ${req.minutes}`);
  if (typeof req.randomize !== 'boolean') throw new BadInputError('twap.randomize', 'expected a boolean');
  return {
    type: 'twapOrder',
    twap: { a: asset.assetId, b: req.side === 'buy', s: formatSize(req.qty, asset.szDecimals, 'twap.qty'), r: req.reduceOnly ?? false, m: req.minutes, t: req.randomize },
  };
}

export function twapCancelAction(table: AssetTable, req: { readonly symbol: string; readonly twapId: number }): TwapCancelAction {
  const asset = resolveAsset(table, req.symbol, 'twapCancel.symbol');
  if (!(Number.isSafeInteger(req.twapId) && req.twapId >= 0)) throw new BadInputError('twapCancel.twapId', `expected a non-negative integer, got ${req.twapId}`);
  return { type: 'twapCancel', a: asset.assetId, t: req.twapId };
}
