// A batch of recorded frames as one stored block: a fixed-width frame index plus the frames' bytes, concatenated and compressed.
import { InvariantError } from '../../core/errors.js';
import { compressBlock, decompressBlock, type BlockCodec } from './block-compression.js';
import type { FrameColumns } from '../frame-columns.js';
import type { RecordedFrame } from '../recording-port.js';

/** Per frame in the index: receive time (float64 ms), payload length (uint32), channel number (uint16). */
const ENTRY = 14;

export interface EncodedBlock {
  readonly codec: BlockCodec;
  /** Distinct channel names, numbered by their position. */
  readonly channels: readonly string[];
  readonly index: Buffer;
  readonly payload: Buffer;
}

/** A batch's frames as one block: the index, and their bytes compressed. */
export function encodeFrameBlock(frames: FrameColumns): EncodedBlock {
  const n = frames.length;
  const index = Buffer.allocUnsafe(n * ENTRY);
  for (let i = 0, at = 0; i < n; i++, at += ENTRY) {
    index.writeDoubleLE(frames.tsInit[i], at);
    index.writeUInt32LE(frames.size[i], at + 8);
    index.writeUInt16LE(frames.channel[i], at + 12);
  }
  const { codec, payload } = compressBlock(frames.payload());
  return { codec, channels: frames.channels, index, payload };
}

/** The frames of a stored block, seq `firstSeq`, `firstSeq + 1`, …; each payload a view of the block's bytes. */
export function decodeFrameBlock(firstSeq: number, codec: string, channelsJson: string, index: Buffer, payload: Buffer, where: string): RecordedFrame[] {
  if (index.length % ENTRY !== 0) throw new InvariantError(`${where}: frame index of ${index.length} bytes is not whole ${ENTRY}-byte entries`);
  const raw = decompressBlock(codec, payload, where);
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

/** Adds a stored block's frame count and bytes per channel to `into`, from its index alone (no decompression). */
export function countFrameBlock(channelsJson: string, index: Buffer, into: Map<string, { frames: number; bytes: number }>, where: string): void {
  if (index.length % ENTRY !== 0) throw new InvariantError(`${where}: frame index of ${index.length} bytes is not whole ${ENTRY}-byte entries`);
  const channels = JSON.parse(channelsJson) as string[];
  for (let e = 0; e < index.length; e += ENTRY) {
    const channel = channels[index.readUInt16LE(e + 12)];
    if (channel === undefined) throw new InvariantError(`${where}: frame ${e / ENTRY} has no channel name`);
    const c = into.get(channel) ?? { frames: 0, bytes: 0 };
    c.frames++;
    c.bytes += index.readUInt32LE(e + 8);
    into.set(channel, c);
  }
}
