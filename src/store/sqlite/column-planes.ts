// Float64 columns stored as byte planes plus a byte column, compressed: the shared codec of trade and book blocks.
import { InvariantError } from '../../core/errors.js';
import { compressBlock, decompressBlock, type BlockCodec } from './block-compression.js';

/*
 * Byte planes: byte 0 of every value, then byte 1, … The sign, exponent and high mantissa bytes of
 * neighbouring times, prices, sizes and ids are nearly constant, so the planes compress to a third
 * or less — better and faster than the values in place, which mix those bytes with the noisy low
 * ones.
 */

/** `values` as 8 byte planes, then `bytes` as they are, compressed when that saves space. */
export function packPlanes(values: Float64Array, bytes: Uint8Array): { readonly codec: BlockCodec; readonly payload: Buffer } {
  const n = values.length;
  const raw = Buffer.allocUnsafe(8 * n + bytes.length);
  // Whole 32-bit halves of each value, split into four planes each: a third of the time of
  // copying byte by byte. Plane k holds byte k of the value as it lies in memory (little-endian:
  // every platform Node runs on here), the layout the stored blocks have always had.
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let j = 0; j < n; j++) {
    const lo = words[2 * j];
    const hi = words[2 * j + 1];
    raw[j] = lo;
    raw[n + j] = lo >>> 8;
    raw[2 * n + j] = lo >>> 16;
    raw[3 * n + j] = lo >>> 24;
    raw[4 * n + j] = hi;
    raw[5 * n + j] = hi >>> 8;
    raw[6 * n + j] = hi >>> 16;
    raw[7 * n + j] = hi >>> 24;
  }
  raw.set(bytes, 8 * n);
  return compressBlock(raw);
}

/** The inverse of packPlanes, for a payload that must hold `byteCount` trailing bytes; its size tells the number of values. */
export function unpackPlanes(codec: string, payload: Buffer, byteCount: number, where: string): { readonly values: Float64Array; readonly bytes: Uint8Array } {
  const raw = decompressBlock(codec, payload, where);
  const n = (raw.length - byteCount) / 8;
  if (!(Number.isInteger(n) && n >= 0)) throw new InvariantError(`${where}: ${raw.length} bytes are not float64 planes and ${byteCount} bytes`);
  const values = new Float64Array(n);
  const words = new Uint32Array(values.buffer);
  for (let j = 0; j < n; j++) {
    words[2 * j] = (raw[j] | (raw[n + j] << 8) | (raw[2 * n + j] << 16) | (raw[3 * n + j] << 24)) >>> 0;
    words[2 * j + 1] = (raw[4 * n + j] | (raw[5 * n + j] << 8) | (raw[6 * n + j] << 16) | (raw[7 * n + j] << 24)) >>> 0;
  }
  return { values, bytes: Uint8Array.from(raw.subarray(8 * n)) };
}
