// A msgpack encoder matching Python's `msgpack.packb` defaults, the bytes Hyperliquid hashes for L1 actions.
import { BadInputError } from '../../../core/errors.js';

/** What an action may hold: insertion-ordered maps, arrays, str, integers, bool, nil, and raw bytes (bin). */
export type MsgpackValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | readonly MsgpackValue[]
  | { readonly [key: string]: MsgpackValue | undefined };

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);

/** Growable byte buffer; one per encode call. */
class Writer {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.reserve(1);
    this.buf[this.length++] = v;
  }
  u16(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, v);
    this.length += 2;
  }
  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v);
    this.length += 4;
  }
  u64(v: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, v);
    this.length += 8;
  }
  i64(v: bigint): void {
    this.reserve(8);
    this.view.setBigInt64(this.length, v);
    this.length += 8;
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const utf8 = new TextEncoder();

/** Smallest encoding, as msgpack-python: non-negative values use the unsigned formats, ≥ 2^32 uint64 (never float64). */
function writeInt(w: Writer, v: bigint, path: string): void {
  if (v >= 0n) {
    if (v > UINT64_MAX) throw new BadInputError(path, `integer ${v} does not fit in uint64`);
    if (v < 128n) w.u8(Number(v));
    else if (v < 0x100n) { w.u8(0xcc); w.u8(Number(v)); }
    else if (v < 0x10000n) { w.u8(0xcd); w.u16(Number(v)); }
    else if (v < 0x100000000n) { w.u8(0xce); w.u32(Number(v)); }
    else { w.u8(0xcf); w.u64(v); }
    return;
  }
  if (v < INT64_MIN) throw new BadInputError(path, `integer ${v} does not fit in int64`);
  if (v >= -32n) w.u8(Number(v) & 0xff);
  else if (v >= -128n) { w.u8(0xd0); w.u8(Number(v) & 0xff); }
  else if (v >= -32768n) { w.u8(0xd1); w.u16(Number(v) & 0xffff); }
  else if (v >= -2147483648n) { w.u8(0xd2); w.u32(Number(v) >>> 0); }
  else { w.u8(0xd3); w.i64(v); }
}

function writeHeader(w: Writer, n: number, fix: number, fixMax: number, c8: number | undefined, c16: number, c32: number): void {
  if (n <= fixMax) w.u8(fix | n);
  else if (c8 !== undefined && n < 0x100) { w.u8(c8); w.u8(n); }
  else if (n < 0x10000) { w.u8(c16); w.u16(n); }
  else { w.u8(c32); w.u32(n); }
}

function write(w: Writer, v: MsgpackValue, path: string): void {
  if (v === null) return w.u8(0xc0);
  switch (typeof v) {
    case 'boolean':
      return w.u8(v ? 0xc3 : 0xc2);
    case 'bigint':
      return writeInt(w, v, path);
    case 'number':
      // A float in a signed action is always a bug (prices and sizes travel as strings), and some
      // encoders silently emit float64 for large integers: refuse both.
      if (!Number.isSafeInteger(v)) throw new BadInputError(path, `only safe integers may be packed (prices and sizes are strings), got ${v}`);
      return writeInt(w, BigInt(v), path);
    case 'string': {
      const b = utf8.encode(v);
      writeHeader(w, b.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
      return w.bytes(b);
    }
    case 'object': {
      if (v instanceof Uint8Array) {
        if (v.length < 0x100) { w.u8(0xc4); w.u8(v.length); }
        else if (v.length < 0x10000) { w.u8(0xc5); w.u16(v.length); }
        else { w.u8(0xc6); w.u32(v.length); }
        return w.bytes(v);
      }
      if (Array.isArray(v)) {
        writeHeader(w, v.length, 0x90, 15, undefined, 0xdc, 0xdd);
        v.forEach((x, i) => write(w, x as MsgpackValue, `${path}[${i}]`));
        return;
      }
      // Absent optional keys are dropped, never packed as nil: the venue hashes them as missing.
      const entries = Object.entries(v as Record<string, MsgpackValue | undefined>).filter(([, x]) => x !== undefined);
      writeHeader(w, entries.length, 0x80, 15, undefined, 0xde, 0xdf);
      for (const [k, x] of entries) {
        write(w, k, path);
        write(w, x as MsgpackValue, `${path}.${k}`);
      }
      return;
    }
    default:
      throw new BadInputError(path, `cannot pack a ${typeof v}`);
  }
}

/** Packs `value`; map keys keep their insertion order (the order the venue hashes). */
export function encodeMsgpack(value: MsgpackValue, where = 'action'): Uint8Array {
  const w = new Writer();
  write(w, value, where);
  return w.result();
}
