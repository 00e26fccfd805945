// Compression of stored recording blocks (frames, trade and book columns): zstd for new blocks, brotli still read for blocks of earlier versions.
import { brotliDecompressSync } from 'node:zlib';
import { compress, decompress } from 'zstd-napi';
import { InvariantError } from '../../core/errors.js';

/** `zstd`: zstd-compressed; `br`: brotli (written by versions before zstd); `raw`: stored as is. */
export type BlockCodec = 'zstd' | 'br' | 'raw';

/**
 * zstd level 1 with a 2 048-entry match table. Measured on the bench's busy feed (269 MB of JSON
 * frames, random transaction hashes and trader addresses, blocks of ~1.4 MB): brotli quality 1,
 * used before, took 0.48 s to 37 MB; zstd level 1 0.32 s to 31.5 MB; with hashLog 11 (the
 * table stays in the CPU's cache; venue JSON repeats within a few hundred bytes) 0.27 s to 30 MB.
 * Float column planes come out within a few percent of brotli's size. Higher levels cost far more
 * time for a few percent.
 */
const ZSTD = { compressionLevel: 1, hashLog: 11 };

/** `raw` compressed, or as it is when compression would not make it smaller (noise, tiny blocks). */
export function compressBlock(raw: Buffer): { readonly codec: BlockCodec; readonly payload: Buffer } {
  const packed = compress(raw, ZSTD);
  return packed.length < raw.length ? { codec: 'zstd', payload: packed } : { codec: 'raw', payload: raw };
}

/** The bytes of a stored block; a damaged payload or an unknown codec is an InvariantError naming `where`. */
export function decompressBlock(codec: string, payload: Buffer, where: string): Buffer {
  if (codec === 'raw') return payload;
  if (codec !== 'zstd' && codec !== 'br') throw new InvariantError(`${where}: unknown codec ${JSON.stringify(codec)}`);
  try {
    return codec === 'zstd' ? decompress(payload) : brotliDecompressSync(payload);
  } catch (e) {
    throw new InvariantError(`${where}: damaged ${codec} payload (${(e as Error).message})`, { cause: e });
  }
}
