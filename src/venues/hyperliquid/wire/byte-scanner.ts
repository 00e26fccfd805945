// A JSON token reader over raw frame bytes: reads only the fields a parser asks for and skips the rest, without building objects.
import { DECIMAL_RE, EXACT_POW10 } from './decimal.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const MAX_EXACT = 9007199254740992; // 2^53
const MAX_DEPTH = 64;

/** Thrown by the scanner; the frame parser turns it into a BadInputError naming channel and field. */
export class ScanError extends Error {
  constructor(
    /** What was expected at `pos`, e.g. "a decimal string". */
    readonly expected: string,
    /** Byte offset of the offending token. */
    readonly pos: number,
  ) {
    super(`expected ${expected} at byte ${pos}`);
    this.name = 'ScanError';
  }
}

/** A set of object keys to recognise, as bytes, in index order. */
export type KeyTable = readonly Uint8Array[];

export function keyTable(...keys: string[]): KeyTable {
  return keys.map((k) => Buffer.from(k, 'latin1'));
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Cursor over one JSON text in `buf[pos, end)`. Methods consume one token (and the whitespace
 * before it) and throw ScanError on anything JSON.parse would reject or the caller did not
 * expect. It accepts exactly the JSON that JSON.parse accepts for the parts it reads; parts it
 * skips are checked for structure (strings, nesting, literals, number grammar).
 */
export class ByteScanner {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  end = 0;

  /** Points the scanner at `bytes[start, end)`. */
  reset(bytes: Uint8Array, start = 0, end = bytes.length): this {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
    return this;
  }

  fail(expected: string, pos = this.pos): never {
    throw new ScanError(expected, pos);
  }

  /** Skips whitespace; the next byte, or -1 at the end. */
  peek(): number {
    const b = this.buf;
    let p = this.pos;
    const end = this.end;
    // Frames from the venue have no whitespace: one compare settles the common case.
    if (p < end && b[p] > 0x20) return b[p];
    while (p < end && isWs(b[p])) p++;
    this.pos = p;
    return p < end ? b[p] : -1;
  }

  /** Consumes `c` (after whitespace) or fails with `expected`. */
  expect(c: number, expected: string): void {
    if (this.peek() !== c) this.fail(expected);
    this.pos++;
  }

  /** True when only whitespace is left. */
  atEnd(): boolean {
    return this.peek() === -1;
  }

  /** Consumes `{`; true when the object has members (false: `{}` consumed whole). */
  openObject(): boolean {
    this.expect(LBRACE, 'an object');
    if (this.peek() === RBRACE) {
      this.pos++;
      return false;
    }
    return true;
  }

  /** Consumes `[`; true when the array has elements (false: `[]` consumed whole). */
  openArray(): boolean {
    this.expect(LBRACKET, 'an array');
    if (this.peek() === RBRACKET) {
      this.pos++;
      return false;
    }
    return true;
  }

  /** After a member: true when `,` follows (another member), false when `}` closes the object. */
  nextMember(): boolean {
    const c = this.peek();
    this.pos++;
    if (c === COMMA) return true;
    if (c === RBRACE) return false;
    return this.fail("',' or '}'", this.pos - 1);
  }

  /** After an element: true when `,` follows, false when `]` closes the array. */
  nextElement(): boolean {
    const c = this.peek();
    this.pos++;
    if (c === COMMA) return true;
    if (c === RBRACKET) return false;
    return this.fail("',' or ']'", this.pos - 1);
  }

  /** Reads `"key":` and returns its index in `table`, or −1 for a key not in it. */
  key(table: KeyTable): number {
    if (this.peek() !== QUOTE) this.fail('a key');
    const b = this.buf;
    const start = this.pos + 1;
    let p = start;
    const end = this.end;
    while (p < end && b[p] !== QUOTE) {
      if (b[p] === BACKSLASH) return this.escapedKey(table);
      if (b[p] < 0x20) this.fail('a key', p);
      p++;
    }
    if (p >= end) this.fail('a key', this.pos);
    const len = p - start;
    if (p + 1 < end && b[p + 1] === COLON) this.pos = p + 2;
    else {
      this.pos = p + 1;
      this.expect(COLON, "':'");
    }
    const first = b[start];
    for (let i = 0; i < table.length; i++) {
      const k = table[i];
      if (k.length !== len || k[0] !== first) continue;
      let j = 1;
      while (j < len && k[j] === b[start + j]) j++;
      if (j === len) return i;
    }
    return -1;
  }

  private escapedKey(table: KeyTable): number {
    const k = this.string();
    this.expect(COLON, "':'");
    for (let i = 0; i < table.length; i++) if (k === Buffer.from(table[i]).toString('latin1')) return i;
    return -1;
  }

  /** A JSON string's value. */
  string(): string {
    if (this.peek() !== QUOTE) this.fail('a string');
    const b = this.buf;
    const start = this.pos;
    let p = start + 1;
    const end = this.end;
    let hi = 0;
    let escaped = false;
    while (p < end) {
      const c = b[p];
      if (c === QUOTE) break;
      if (c < 0x20) this.fail('a string', start);
      if (c === BACKSLASH) {
        escaped = true;
        p += 2;
        continue;
      }
      hi |= c;
      p++;
    }
    if (p >= end) this.fail('a string', start);
    this.pos = p + 1;
    if (escaped) {
      try {
        return JSON.parse(b.toString('utf8', start, p + 1)) as string;
      } catch {
        return this.fail('a string', start);
      }
    }
    return hi < 0x80 ? b.toString('latin1', start + 1, p) : b.toString('utf8', start + 1, p);
  }

  /** A string value or null (null → undefined). */
  optString(): string | undefined {
    if (this.peek() === 0x6e) {
      this.literal('null');
      return undefined;
    }
    return this.string();
  }

  /**
   * A quoted plain decimal (`-?\d+(\.\d+)?`) as the nearest double. Up to 2^53 in the digits the
   * value is m / 10^f with both exact, so the single division is correctly rounded and equals
   * Number(text); longer digit strings go through Number(text) itself.
   */
  decimal(expected = 'a decimal string'): number {
    const b = this.buf;
    const end = this.end;
    if (b[this.pos] !== QUOTE && this.peek() !== QUOTE) this.fail(expected);
    const start = this.pos;
    let p = start + 1;
    let neg = false;
    if (p < end && b[p] === MINUS) {
      neg = true;
      p++;
    }
    let m = 0;
    const d0 = p;
    let c = p < end ? b[p] : -1;
    while (c >= ZERO && c <= NINE) {
      m = m * 10 + (c - ZERO);
      c = ++p < end ? b[p] : -1;
    }
    if (p === d0) return this.slowDecimal(start, expected);
    let frac = 0;
    if (c === DOT) {
      c = ++p < end ? b[p] : -1;
      while (c >= ZERO && c <= NINE) {
        m = m * 10 + (c - ZERO);
        frac++;
        c = ++p < end ? b[p] : -1;
      }
      if (frac === 0) this.fail(expected, start);
    }
    if (c !== QUOTE) return this.slowDecimal(start, expected);
    this.pos = p + 1;
    if (m > MAX_EXACT || frac > 22) {
      const n = Number(b.toString('latin1', neg ? d0 - 1 : d0, p));
      if (!Number.isFinite(n)) this.fail(expected, start);
      return n;
    }
    const v = frac === 0 ? m : m / EXACT_POW10[frac];
    return neg ? -v : v;
  }

  /**
   * The fast form of `decimal` for scanners that fall back to the general path on failure: at a
   * quote, reads a plain decimal and the closing quote; NaN (position undefined) for anything else.
   */
  tryDecimal(): number {
    const b = this.buf;
    const end = this.end;
    let p = this.pos;
    if (b[p] !== QUOTE) return Number.NaN;
    const start = ++p;
    let neg = false;
    if (b[p] === MINUS) {
      neg = true;
      p++;
    }
    const d0 = p;
    let m = 0;
    let c = b[p];
    while (c >= ZERO && c <= NINE && p < end) {
      m = m * 10 + (c - ZERO);
      c = b[++p];
    }
    if (p === d0) return Number.NaN;
    let frac = 0;
    if (c === DOT) {
      c = b[++p];
      while (c >= ZERO && c <= NINE && p < end) {
        m = m * 10 + (c - ZERO);
        frac++;
        c = b[++p];
      }
      if (frac === 0) return Number.NaN;
    }
    if (c !== QUOTE || p >= end) return Number.NaN;
    this.pos = p + 1;
    if (m > MAX_EXACT || frac > 22) return Number(b.toString('latin1', start, p));
    const v = frac === 0 ? m : m / EXACT_POW10[frac];
    return neg ? -v : v;
  }

  /** The rare forms: escapes inside the quotes (still a decimal once decoded) or not a decimal at all. */
  private slowDecimal(start: number, expected: string): number {
    this.pos = start;
    let s: string;
    try {
      s = this.string();
    } catch {
      return this.fail(expected, start);
    }
    if (!DECIMAL_RE.test(s)) return this.fail(expected, start);
    const n = Number(s);
    if (!Number.isFinite(n)) this.fail(expected, start);
    return n;
  }

  /**
   * A non-negative safe integer: a JSON number (as JSON.parse reads it, so `1.0` and `1e3` are
   * integers too) or a string of 1–16 digits (some recorded responses quote ids).
   */
  integer(): number {
    const c = this.peek();
    const start = this.pos;
    const b = this.buf;
    const end = this.end;
    if (c === QUOTE) {
      let p = start + 1;
      let m = 0;
      while (p < end && b[p] >= ZERO && b[p] <= NINE) m = m * 10 + (b[p++] - ZERO);
      const nd = p - start - 1;
      if (p >= end || b[p] !== QUOTE || nd === 0 || nd > 16 || !Number.isSafeInteger(m)) this.fail('a non-negative integer', start);
      this.pos = p + 1;
      return m;
    }
    if (c >= ZERO && c <= NINE) {
      let p = start;
      let m = 0;
      while (p < end && b[p] >= ZERO && b[p] <= NINE) m = m * 10 + (b[p++] - ZERO);
      const nx = p < end ? b[p] : -1;
      if (nx !== DOT && nx !== 0x65 && nx !== 0x45) {
        // JSON forbids leading zeros ("01").
        if (b[start] === ZERO && p - start > 1) this.fail('a non-negative integer', start);
        if (!Number.isSafeInteger(m)) this.fail('a non-negative integer', start);
        this.pos = p;
        return m;
      }
    }
    if (c !== MINUS && !(c >= ZERO && c <= NINE)) this.fail('a non-negative integer', start);
    this.skipNumber();
    const n = Number(b.toString('latin1', start, this.pos));
    if (!(Number.isSafeInteger(n) && n >= 0)) this.fail('a non-negative integer', start);
    return n;
  }

  /** Consumes the literal `word` (true, false, null). */
  literal(word: string): void {
    this.peek();
    const b = this.buf;
    const p = this.pos;
    if (p + word.length > this.end) this.fail(word, p);
    for (let i = 0; i < word.length; i++) if (b[p + i] !== word.charCodeAt(i)) this.fail(word, p);
    this.pos = p + word.length;
  }

  /** true or false. */
  boolean(): boolean {
    const c = this.peek();
    if (c === 0x74) {
      this.literal('true');
      return true;
    }
    if (c === 0x66) {
      this.literal('false');
      return false;
    }
    return this.fail('true or false');
  }

  /** Consumes a JSON number token (JSON grammar, checked). */
  skipNumber(): void {
    const b = this.buf;
    const end = this.end;
    const start = this.pos;
    let p = start;
    if (p < end && b[p] === MINUS) p++;
    if (p >= end || b[p] < ZERO || b[p] > NINE) this.fail('a number', start);
    if (b[p] === ZERO) p++;
    else while (p < end && b[p] >= ZERO && b[p] <= NINE) p++;
    if (p < end && b[p] === DOT) {
      p++;
      const f = p;
      while (p < end && b[p] >= ZERO && b[p] <= NINE) p++;
      if (p === f) this.fail('a number', start);
    }
    if (p < end && (b[p] === 0x65 || b[p] === 0x45)) {
      p++;
      if (p < end && (b[p] === 0x2b || b[p] === MINUS)) p++;
      const e = p;
      while (p < end && b[p] >= ZERO && b[p] <= NINE) p++;
      if (p === e) this.fail('a number', start);
    }
    this.pos = p;
  }

  /** Skips any JSON value, checking its structure. */
  skipValue(depth = 0): void {
    if (depth > MAX_DEPTH) this.fail('a value nested less deeply');
    const c = this.peek();
    switch (c) {
      case QUOTE:
        this.skipString();
        return;
      case LBRACE:
        if (!this.openObject()) return;
        do {
          this.skipString();
          this.expect(COLON, "':'");
          this.skipValue(depth + 1);
        } while (this.nextMember());
        return;
      case LBRACKET:
        if (!this.openArray()) return;
        do this.skipValue(depth + 1);
        while (this.nextElement());
        return;
      case 0x74:
        this.literal('true');
        return;
      case 0x66:
        this.literal('false');
        return;
      case 0x6e:
        this.literal('null');
        return;
      default:
        if (c === MINUS || (c >= ZERO && c <= NINE)) {
          this.skipNumber();
          return;
        }
        this.fail('a JSON value');
    }
  }

  /** Skips a string token without decoding it (escapes are checked for shape only). */
  skipString(): void {
    if (this.peek() !== QUOTE) this.fail('a string');
    const b = this.buf;
    const end = this.end;
    const start = this.pos;
    let p = start + 1;
    while (p < end) {
      const c = b[p];
      if (c === QUOTE) {
        this.pos = p + 1;
        return;
      }
      if (c < 0x20) break;
      if (c === BACKSLASH) {
        const e = b[p + 1];
        if (e === 0x75) {
          // \uXXXX
          for (let i = 2; i < 6; i++) if (!isHex(b[p + i])) this.fail('a string', start);
          p += 6;
          continue;
        }
        if (!(e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74)) break;
        p += 2;
        continue;
      }
      p++;
    }
    this.fail('a string', start);
  }

  /** Short text of the value at `pos` for an error message ("null", "\"abc\"", "the end of the frame"). */
  describeAt(pos: number): string {
    const b = this.buf;
    let p = pos;
    while (p < this.end && isWs(b[p])) p++;
    if (p >= this.end) return `the end of the frame (truncated at byte ${this.end})`;
    const save = this.pos;
    let stop = Math.min(this.end, p + 60);
    let whole = false;
    try {
      this.pos = p;
      this.skipValue();
      stop = Math.min(this.pos, p + 60);
      whole = true;
    } catch {
      // Not a whole value: show the raw bytes there.
    } finally {
      this.pos = save;
    }
    const s = b.toString('utf8', p, stop);
    // A value that starts properly but runs off the end: the frame was cut.
    const c = b[p];
    const starts = c === QUOTE || c === LBRACE || c === LBRACKET || c === MINUS || (c >= ZERO && c <= NINE) || c === 0x74 || c === 0x66 || c === 0x6e;
    if (!whole && starts && stop === this.end) return `${s} (truncated at byte ${this.end})`;
    return stop - p >= 60 ? `${s}...` : s;
  }
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
