// A run of one symbol's book snapshots as one stored block: times, then every level's price, then every level's size, as float64 planes, with the side lengths.
import { InvariantError } from '../../core/errors.js';
import type { BookSnapshotRow } from '../recording-port.js';
import type { BlockCodec } from './block-compression.js';
import { packPlanes, unpackPlanes } from './column-planes.js';

/** Per snapshot in the byte column: bid and ask level counts, uint32 little-endian each. */
const COUNTS = 8;

/**
 * Values: time[n], tsInit[n], then the prices of all levels (snapshot by snapshot, bids then asks),
 * then their sizes in the same order. Prices sit on a tick grid and repeat from one snapshot to
 * the next, so apart from the sizes they compress to little.
 */
export function encodeBookBlock(rows: readonly BookSnapshotRow[]): { readonly codec: BlockCodec; readonly payload: Buffer } {
  const n = rows.length;
  let levels = 0;
  for (const r of rows) levels += (r.bids.length + r.asks.length) / 2;
  const values = new Float64Array(2 * n + 2 * levels);
  const counts = Buffer.allocUnsafe(COUNTS * n);
  let px = 2 * n;
  let sz = 2 * n + levels;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    values[i] = r.time;
    values[n + i] = r.tsInit;
    counts.writeUInt32LE(r.bids.length / 2, COUNTS * i);
    counts.writeUInt32LE(r.asks.length / 2, COUNTS * i + 4);
    const b = r.bids;
    for (let k = 0; k < b.length; k += 2) {
      values[px++] = b[k];
      values[sz++] = b[k + 1];
    }
    const a = r.asks;
    for (let k = 0; k < a.length; k += 2) {
      values[px++] = a[k];
      values[sz++] = a[k + 1];
    }
  }
  return packPlanes(values, counts);
}

export function decodeBookBlock(symbol: string, n: number, codec: string, payload: Buffer, where: string): BookSnapshotRow[] {
  const { values, bytes } = unpackPlanes(codec, payload, COUNTS * n, where);
  const counts = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let levels = 0;
  for (let i = 0; i < 2 * n; i++) levels += counts.readUInt32LE(4 * i);
  if (values.length !== 2 * n + 2 * levels) throw new InvariantError(`${where}: ${values.length} values do not hold ${n} snapshots of ${levels} levels`);
  const out: BookSnapshotRow[] = new Array(n);
  let px = 2 * n;
  let sz = 2 * n + levels;
  const side = (count: number): Float64Array => {
    const a = new Float64Array(2 * count);
    for (let k = 0; k < count; k++) {
      a[2 * k] = values[px++];
      a[2 * k + 1] = values[sz++];
    }
    return a;
  };
  for (let i = 0; i < n; i++) {
    const bids = side(counts.readUInt32LE(COUNTS * i));
    const asks = side(counts.readUInt32LE(COUNTS * i + 4));
    out[i] = { symbol, time: values[i], tsInit: values[n + i], bids, asks };
  }
  return out;
}
