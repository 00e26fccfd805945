// A run of one symbol's trades as one stored block: time, id, price and size columns as float64 planes plus a side column, compressed.
import { InvariantError } from '../../core/errors.js';
import type { BlockCodec } from './block-compression.js';
import { packPlanes, unpackPlanes } from './column-planes.js';

const F64_COLUMNS = 4;

/** The columns of one block, in storage order; `buy` is 1 for a buy aggressor. */
export interface TradeBlockColumns {
  readonly n: number;
  readonly time: Float64Array;
  readonly id: Float64Array;
  readonly price: Float64Array;
  readonly qty: Float64Array;
  readonly buy: Uint8Array;
}

export function encodeTradeBlock(c: TradeBlockColumns): { readonly codec: BlockCodec; readonly payload: Buffer } {
  const n = c.n;
  const values = new Float64Array(F64_COLUMNS * n);
  values.set(c.time, 0);
  values.set(c.id, n);
  values.set(c.price, 2 * n);
  values.set(c.qty, 3 * n);
  return packPlanes(values, c.buy);
}

export function decodeTradeBlock(n: number, codec: string, payload: Buffer, where: string): TradeBlockColumns {
  const { values, bytes } = unpackPlanes(codec, payload, n, where);
  if (values.length !== F64_COLUMNS * n) throw new InvariantError(`${where}: ${values.length} values do not hold ${n} trades of ${F64_COLUMNS} columns`);
  return { n, time: values.subarray(0, n), id: values.subarray(n, 2 * n), price: values.subarray(2 * n, 3 * n), qty: values.subarray(3 * n, 4 * n), buy: bytes };
}
