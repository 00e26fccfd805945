// The `cancel` (by oid) and `cancelByCloid` actions; note their different wire keys ({a, o} vs {asset, cloid}).
import { BadInputError } from '../../../core/errors.js';
import { resolveAsset } from './asset-table.js';
import type { AssetTable } from './asset-table.js';
import { parseCloid } from './cloid.js';
import { parseOid } from './order-id.js';
import type { CancelAction, CancelByCloidAction } from './wire-types.js';

export interface CancelRequest {
  readonly symbol: string;
  readonly oid: number;
}

export interface CancelByCloidRequest {
  readonly symbol: string;
  readonly cloid: string;
}

function nonEmpty(list: readonly unknown[], where: string): void {
  if (!Array.isArray(list) || list.length === 0) throw new BadInputError(where, 'expected at least one cancel');
}

export function cancelAction(table: AssetTable, cancels: readonly CancelRequest[]): CancelAction {
  nonEmpty(cancels, 'cancels');
  return {
    type: 'cancel',
    cancels: cancels.map((c, k) => ({ a: resolveAsset(table, c.symbol, `cancels[${k}].symbol`).assetId, o: parseOid(c.oid, `cancels[${k}].oid`) })),
  };
}

export function cancelByCloidAction(table: AssetTable, cancels: readonly CancelByCloidRequest[]): CancelByCloidAction {
  nonEmpty(cancels, 'cancels');
  return {
    type: 'cancelByCloid',
    cancels: cancels.map((c, k) => ({ asset: resolveAsset(table, c.symbol, `cancels[${k}].symbol`).assetId, cloid: parseCloid(c.cloid, `cancels[${k}].cloid`) })),
  };
}
