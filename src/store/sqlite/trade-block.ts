// A run of one symbol's trades as one stored block: time, id, price and size as byte planes of float64 columns plus a side column, compressed.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { InvariantError } from '../../core/errors.js';

/** Bytes per trade: four float64 columns (time, id, price, size) and a side byte (1 buy, 0 sell). */
const WIDTH = 33;
const F64_COLUMNS = 4;

/** `br`: brotli-compressed planes; `raw`: the planes as they are (compression would not have saved space). */
export type TradeCodec = 'br' | 'raw';

/** The columns of one block, in storage order; `buy` is 1 for a buy aggressor. */
export interface TradeBlockColumns {
  readonly n: number;
  readonly time: Float64Array;
  readonly id: Float64Array;
  readonly price: Float64Array;
  readonly qty: Float64Array;
  readonly buy: Uint8Array;
}

/**
 * Float64 columns are stored as byte planes (byte 0 of every value, then byte 1, …): the sign,
 * exponent and high mantissa bytes of neighbouring times, prices and ids are nearly constant, so
 * the planes compress to about a third at brotli's quality 1 — faster and smaller than brotli on
 * the values in place, which mixes those bytes with the noisy low ones.
 */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_LGWIN]: 18 } };

export function encodeTradeBlock(c: TradeBlockColumns): { readonly codec: TradeCodec; readonly payload: Buffer } {
  const n = c.n;
  const values = new Float64Array(F64_COLUMNS * n);
  values.set(c.time, 0);
  values.set(c.id, n);
  values.set(c.price, 2 * n);
  values.set(c.qty, 3 * n);
  const bytes = new Uint8Array(values.buffer);
  const raw = Buffer.allocUnsafe(WIDTH * n);
  // Column k's byte b of value j sits at ((k·n + j)·8 + b); plane (k·8 + b) holds it at j.
  for (let k = 0, o = 0; k < F64_COLUMNS; k++) {
    const base = k * n * 8;
    for (let b = 0; b < 8; b++) {
      for (let j = 0, at = base + b; j < n; j++, at += 8) raw[o++] = bytes[at];
    }
  }
  raw.set(c.buy, F64_COLUMNS * 8 * n);
  const packed = brotliCompressSync(raw, { params: { ...BROTLI.params, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  return packed.length < raw.length ? { codec: 'br', payload: packed } : { codec: 'raw', payload: raw };
}

export function decodeTradeBlock(n: number, codec: string, payload: Buffer, where: string): TradeBlockColumns {
  let raw: Buffer;
  if (codec === 'br') raw = brotliDecompressSync(payload);
  else if (codec === 'raw') raw = payload;
  else throw new InvariantError(`${where}: unknown trade codec ${JSON.stringify(codec)}`);
  if (!(Number.isInteger(n) && n >= 0) || raw.length !== WIDTH * n) throw new InvariantError(`${where}: ${raw.length} bytes do not hold ${n} trades of ${WIDTH} bytes`);
  const values = new Float64Array(F64_COLUMNS * n);
  const bytes = new Uint8Array(values.buffer);
  for (let k = 0, o = 0; k < F64_COLUMNS; k++) {
    const base = k * n * 8;
    for (let b = 0; b < 8; b++) {
      for (let j = 0, at = base + b; j < n; j++, at += 8) bytes[at] = raw[o++];
    }
  }
  return {
    n,
    time: values.subarray(0, n),
    id: values.subarray(n, 2 * n),
    price: values.subarray(2 * n, 3 * n),
    qty: values.subarray(3 * n, 4 * n),
    buy: Uint8Array.from(raw.subarray(F64_COLUMNS * 8 * n)),
  };
}
