// The `modify` and `batchModify` actions: replace a resting order (by oid or cloid) with a new wire order; the venue may assign a new oid.
import { BadInputError } from '../../../core/errors.js';
import type { AssetTable } from './asset-table.js';
import { orderWire } from './order.js';
import type { HlOrderRequest } from './order.js';
import { parseOidOrCloid } from './order-id.js';
import type { BatchModifyAction, ModifyAction } from './wire-types.js';

export interface ModifyRequest {
  /** The order to replace: its oid, or its cloid. */
  readonly oid: number | string;
  readonly order: HlOrderRequest;
}

export function modifyAction(table: AssetTable, req: ModifyRequest): ModifyAction {
  return { type: 'modify', oid: parseOidOrCloid(req.oid, 'modify.oid'), order: orderWire(table, req.order, 'modify.order') };
}

export function batchModifyAction(table: AssetTable, reqs: readonly ModifyRequest[]): BatchModifyAction {
  if (!Array.isArray(reqs) || reqs.length === 0) throw new BadInputError('modifies', 'expected at least one modify');
  return {
    type: 'batchModify',
    modifies: reqs.map((m, k) => ({ oid: parseOidOrCloid(m.oid, `modifies[${k}].oid`), order: orderWire(table, m.order, `modifies[${k}].order`) })),
  };
}
