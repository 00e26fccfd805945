// A batch of recorded frames as one stored block: a fixed-width frame index plus the frames' bytes, concatenated and compressed.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { InvariantError } from '../../core/errors.js';
import type { FrameColumns } from '../frame-columns.js';
import type { RecordedFrame } from '../recording-port.js';

/** Per frame in the index: receive time (float64 ms), payload length (uint32), channel number (uint16). */
const ENTRY = 14;

/** `br`: payload brotli-compressed; `raw`: stored as is (compression would not have saved space). */
export type FrameCodec = 'br' | 'raw';

export interface EncodedBlock {
  readonly codec: FrameCodec;
  /** Distinct channel names, numbered by their position. */
  readonly channels: readonly string[];
  readonly index: Buffer;
  readonly payload: Buffer;
}

/**
 * Venue frames are repetitive JSON (the same keys, prices a few ticks apart): brotli at quality 1
 * keeps them to about a tenth of their size at several hundred MB/s, which is what lets a
 * recorder keep every raw frame without the database's write volume limiting it. Quality 1 is
 * the fastest setting that still models repeated strings well; higher ones cost far more time for
 * a few percent of size. A 256 KiB window (lgwin 18) compresses as well as the default 4 MiB
 * one here, with a sixteenth of the memory per call.
 */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_LGWIN]: 18 } };

export function encodeFrameBlock(frames: FrameColumns): EncodedBlock {
  const n = frames.length;
  const index = Buffer.allocUnsafe(n * ENTRY);
  for (let i = 0, at = 0; i < n; i++, at += ENTRY) {
    index.writeDoubleLE(frames.tsInit[i], at);
    index.writeUInt32LE(frames.size[i], at + 8);
    index.writeUInt16LE(frames.channel[i], at + 12);
  }
  const raw = frames.payload();
  // One output chunk of a quarter of the input holds any block worth compressing: no chunk list to join.
  const packed = brotliCompressSync(raw, { chunkSize: Math.max(16 * 1024, raw.length >> 2), params: { ...BROTLI.params, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  return packed.length < raw.length ? { codec: 'br', channels: frames.channels, index, payload: packed } : { codec: 'raw', channels: frames.channels, index, payload: raw };
}

/** The frames of a stored block, seq `firstSeq`, `firstSeq + 1`, …; each payload a view of the block's bytes. */
export function decodeFrameBlock(firstSeq: number, codec: string, channelsJson: string, index: Buffer, payload: Buffer, where: string): RecordedFrame[] {
  if (index.length % ENTRY !== 0) throw new InvariantError(`${where}: frame index of ${index.length} bytes is not whole ${ENTRY}-byte entries`);
  let raw: Buffer;
  if (codec === 'br') raw = brotliDecompressSync(payload);
  else if (codec === 'raw') raw = payload;
  else throw new InvariantError(`${where}: unknown frame codec ${JSON.stringify(codec)}`);
  const channels = JSON.parse(channelsJson) as string[];
  const n = index.length / ENTRY;
  const out: RecordedFrame[] = new Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const e = i * ENTRY;
    const len = index.readUInt32LE(e + 8);
    const channel = channels[index.readUInt16LE(e + 12)];
    if (channel === undefined || at + len > raw.length) throw new InvariantError(`${where}: frame ${firstSeq + i} lies outside its block`);
    out[i] = { seq: firstSeq + i, tsInit: index.readDoubleLE(e), channel, payload: raw.subarray(at, at + len) };
    at += len;
  }
  if (at !== raw.length) throw new InvariantError(`${where}: block holds ${raw.length - at} bytes beyond its frames`);
  return out;
}
