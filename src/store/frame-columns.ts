// A batch's raw frames as one growing byte buffer plus columns of receive time, length and channel: each frame copied once, into the bytes the store compresses.
import { InvariantError } from '../core/errors.js';
import { grown } from '../core/typed-arrays.js';
import type { RecordedFrame } from './recording-port.js';

/** The smallest byte buffer a batch starts with (a batch of REST rows only has no frames to size the next by). */
const MIN_BYTES = 64 * 1024;

/**
 * Frames of one batch, seq `firstSeq`, `firstSeq + 1`, … without gaps, their bytes concatenated in
 * arrival order. A recorder appends a thousand frames per batch: keeping each as its own Buffer
 * (a copy off the socket's buffer) and concatenating them for the store would copy every byte
 * twice. Read the columns below `length` only (they have spare capacity).
 */
export class FrameColumns {
  private n = 0;
  private used = 0;
  private bytes: Buffer;
  /** Receive time of each frame, ms UTC. */
  tsInit: Float64Array;
  /** Byte length of each frame. */
  size: Uint32Array;
  /** Each frame's channel, as its number in `channels`. */
  channel: Uint16Array;
  /** Distinct channels in order of first appearance. */
  readonly channels: string[] = [];
  private readonly numbers = new Map<string, number>();

  /**
   * @param firstSeq the seq of the first frame pushed.
   * @param byteCapacity initial size of the byte buffer, at least 64 KiB (a writer passes the last
   *   batch's size, so it rarely grows).
   */
  constructor(
    readonly firstSeq: number,
    byteCapacity = 0,
    frameCapacity = 256,
  ) {
    this.bytes = Buffer.allocUnsafe(Math.max(MIN_BYTES, byteCapacity));
    this.tsInit = new Float64Array(frameCapacity);
    this.size = new Uint32Array(frameCapacity);
    this.channel = new Uint16Array(frameCapacity);
  }

  get length(): number {
    return this.n;
  }

  /** Bytes of all frames so far. */
  get byteLength(): number {
    return this.used;
  }

  /** The seq the next frame gets. */
  get nextSeq(): number {
    return this.firstSeq + this.n;
  }

  /** Appends a frame (its bytes are copied; the caller may reuse `payload`) as seq `nextSeq`. */
  push(tsInit: number, channel: string, payload: Uint8Array): void {
    const i = this.n;
    if (i === this.tsInit.length) this.growFrames();
    let ch = this.numbers.get(channel);
    if (ch === undefined) {
      ch = this.channels.length;
      if (ch > 0xffff) throw new InvariantError(`frame batch: more than ${0xffff + 1} distinct channels`);
      this.numbers.set(channel, ch);
      this.channels.push(channel);
    }
    const len = payload.byteLength;
    if (this.used + len > this.bytes.length) this.growBytes(this.used + len);
    this.bytes.set(payload, this.used);
    this.used += len;
    this.tsInit[i] = tsInit;
    this.size[i] = len;
    this.channel[i] = ch;
    this.n = i + 1;
  }

  /** The bytes of all frames, concatenated (a view, valid until the next push). */
  payload(): Buffer {
    return this.bytes.subarray(0, this.used);
  }

  /** The frames one by one, each payload a view of the batch's bytes (valid until the next push). */
  frames(): RecordedFrame[] {
    const out: RecordedFrame[] = new Array(this.n);
    for (let i = 0, at = 0; i < this.n; i++) {
      const len = this.size[i];
      out[i] = { seq: this.firstSeq + i, tsInit: this.tsInit[i], channel: this.channels[this.channel[i]], payload: this.bytes.subarray(at, at + len) };
      at += len;
    }
    return out;
  }

  /** Frames given one by one (tests, imports): their seqs must follow each other. */
  static of(frames: readonly RecordedFrame[], firstSeq = frames.length > 0 ? frames[0].seq : 1): FrameColumns {
    const bytes = frames.reduce((n, f) => n + f.payload.byteLength, 0);
    const c = new FrameColumns(firstSeq, bytes, Math.max(1, frames.length));
    for (const f of frames) {
      if (f.seq !== c.nextSeq) throw new InvariantError(`frame batch: frame seq ${f.seq} does not follow seq ${c.nextSeq - 1}`);
      c.push(f.tsInit, f.channel, f.payload);
    }
    return c;
  }

  private growBytes(atLeast: number): void {
    const b = Buffer.allocUnsafe(Math.max(atLeast, 2 * this.bytes.length));
    b.set(this.bytes.subarray(0, this.used));
    this.bytes = b;
  }

  private growFrames(): void {
    const cap = 2 * this.tsInit.length;
    this.tsInit = grown(this.tsInit, cap);
    this.size = grown(this.size, cap);
    this.channel = grown(this.channel, cap);
  }
}
