// The l2Book byte scanner: reads a frame's data straight from the Buffer into reusable level arrays, equal to parseL2Book on every input.
import { BadInputError } from '../../../core/errors.js';
import { grown } from '../../../core/typed-arrays.js';
import { ByteScanner, ScanError, keyTable } from '../wire/byte-scanner.js';
import { LastString } from '../wire/last-string.js';
import { levelPath, orderError, type HlRawBook } from './l2-book.js';

const DATA_KEYS = keyTable('coin', 'time', 'levels');
const LEVEL_KEYS = keyTable('px', 'sz');
const K_COIN = 0;
const K_TIME = 1;
const K_LEVELS = 2;
const K_PX = 0;
const K_SZ = 1;
const AT_DATA = 0;
const AT_COIN = 1;
const AT_TIME = 2;
const AT_TOP_LEVELS = 3;
const AT_LEVELS = 4;
const POSITIVE = 'a positive decimal string';
const TOP_NAMES = ['data', 'coin', 'time', 'levels'];

/**
 * One per stream parser (it owns scratch arrays and error context; not shared across threads).
 * `scan` allocates only the two result arrays (exact length) and, for a coin seen for the first
 * time, its name.
 */
export class L2BookScanner {
  private scratch: [Float64Array, Float64Array] = [new Float64Array(64), new Float64Array(64)];
  private counts = [0, 0];
  /**
   * Error context, kept as numbers so the success path builds no strings: the top-level field
   * (AT_*), and inside levels the side, level index and level field (0 none, 1 px, 2 sz).
   */
  private at = AT_DATA;
  private atSide = 0;
  private atLevel = -1;
  private atField = 0;
  private readonly lastCoin = new LastString();

  /**
   * Reads the l2Book data object at the scanner's position (`{"coin":…,"time":…,"levels":[…]}`),
   * leaving the scanner after it. Throws BadInputError(where, "<field>: expected …, got …").
   */
  scan(s: ByteScanner, where: string): HlRawBook {
    try {
      return this.read(s);
    } catch (e) {
      if (e instanceof ScanError) {
        throw new BadInputError(where, `${this.path()}: expected ${e.expected}, got ${s.describeAt(e.pos)}`, { cause: e });
      }
      if (e instanceof BadInputError) throw new BadInputError(where, e.message, { cause: e });
      throw e;
    }
  }

  private path(): string {
    if (this.at !== AT_LEVELS) return TOP_NAMES[this.at];
    if (this.atLevel < 0) return `levels[${this.atSide}]`;
    return levelPath(this.atSide, this.atLevel, this.atField === 1 ? 'px' : this.atField === 2 ? 'sz' : undefined);
  }

  private read(s: ByteScanner): HlRawBook {
    this.at = AT_DATA;
    let coin: string | undefined;
    let time = -1;
    let sawLevels = false;
    if (s.openObject()) {
      do {
        const k = s.key(DATA_KEYS);
        if (k === K_COIN) {
          this.at = AT_COIN;
          coin = this.coin(s);
        } else if (k === K_TIME) {
          this.at = AT_TIME;
          time = s.integer();
        } else if (k === K_LEVELS) {
          this.at = AT_TOP_LEVELS;
          this.levels(s);
          sawLevels = true;
        } else s.skipValue();
        this.at = AT_DATA;
      } while (s.nextMember());
    }
    if (coin === undefined) throw missing('coin', 'a non-empty string');
    if (time < 0) throw missing('time', 'a non-negative integer');
    if (!sawLevels) throw missing('levels', 'an array');
    return { coin, time, bids: this.scratch[0].slice(0, this.counts[0]), asks: this.scratch[1].slice(0, this.counts[1]) };
  }

  /** The coin name; the previous frame's string is reused when the bytes match (one stream = one coin). */
  private coin(s: ByteScanner): string {
    if (s.peek() !== 0x22) return s.fail('a non-empty string');
    const start = s.pos;
    const known = this.lastCoin.quotedAt(s.buf, start + 1, s.end);
    if (known !== undefined) {
      s.pos = start + this.lastCoin.byteLength + 2;
      return known;
    }
    const coin = s.string();
    if (coin === '') s.fail('a non-empty string', start);
    return this.lastCoin.remember(coin);
  }

  private levels(s: ByteScanner): void {
    this.counts[0] = 0;
    this.counts[1] = 0;
    const at = s.pos;
    let sides = 0;
    if (s.openArray()) {
      do {
        if (sides === 2) s.fail('[bids, asks]', at);
        this.at = AT_LEVELS;
        this.atSide = sides;
        this.atLevel = -1;
        this.atField = 0;
        this.side(s, sides);
        sides++;
      } while (s.nextElement());
    }
    this.at = AT_TOP_LEVELS;
    if (sides !== 2) s.fail('[bids, asks]', at);
  }

  private side(s: ByteScanner, side: number): void {
    let out = this.scratch[side];
    let n = 0;
    let prev = side === 0 ? Number.POSITIVE_INFINITY : 0;
    if (s.openArray()) {
      do {
        const i = n >> 1;
        this.atLevel = i;
        this.atField = 0;
        let px = Number.NaN;
        let sz = Number.NaN;
        let pxAt = 0;
        if (this.fastLevel(s)) {
          // The venue's own layout, read without key lookups; checked like the general path below.
          px = this.fastPx;
          sz = this.fastSz;
          pxAt = this.fastPxAt;
          if (!(px > 0)) {
            this.atField = 1;
            s.fail(POSITIVE, pxAt);
          }
          if (!(sz > 0)) {
            this.atField = 2;
            s.fail(POSITIVE, this.fastSzAt);
          }
        } else if (s.openObject()) {
          do {
            const k = s.key(LEVEL_KEYS);
            if (k === K_PX) {
              this.atField = 1;
              pxAt = s.pos;
              px = s.decimal(POSITIVE);
              if (!(px > 0)) s.fail(POSITIVE, pxAt);
            } else if (k === K_SZ) {
              this.atField = 2;
              const at = s.pos;
              sz = s.decimal(POSITIVE);
              if (!(sz > 0)) s.fail(POSITIVE, at);
            } else s.skipValue();
            this.atField = 0;
          } while (s.nextMember());
        }
        // Fields are checked in the reference order (px, its order, then sz) so both paths name the same field.
        if (px !== px) throw missing(levelPath(side, i, 'px'), 'a positive decimal string');
        if (side === 0 ? !(px < prev) : !(px > prev)) {
          this.atField = 1;
          s.fail(orderError(side, prev), pxAt);
        }
        if (sz !== sz) throw missing(levelPath(side, i, 'sz'), 'a positive decimal string');
        if (n + 2 > out.length) out = this.grow(side);
        out[n] = px;
        out[n + 1] = sz;
        n += 2;
        prev = px;
      } while (s.nextElement());
    }
    this.counts[side] = n;
  }

  private fastPx = 0;
  private fastSz = 0;
  private fastPxAt = 0;
  private fastSzAt = 0;

  /**
   * Reads a level written exactly as the venue writes it, `{"px":"…","sz":"…","n":<digits>}`
   * with no whitespace, into fastPx / fastSz. Anything else (another key order, spaces, extra
   * keys, escapes) returns false with the position unchanged, for the general path.
   */
  private fastLevel(s: ByteScanner): boolean {
    const b = s.buf;
    const start = s.pos;
    let p = start;
    if (!(b[p] === 0x7b && b[p + 1] === 0x22 && b[p + 2] === 0x70 && b[p + 3] === 0x78 && b[p + 4] === 0x22 && b[p + 5] === 0x3a)) return false;
    s.pos = p + 6;
    this.fastPxAt = s.pos;
    const px = s.tryDecimal();
    p = s.pos;
    if (px !== px || !(b[p] === 0x2c && b[p + 1] === 0x22 && b[p + 2] === 0x73 && b[p + 3] === 0x7a && b[p + 4] === 0x22 && b[p + 5] === 0x3a)) {
      s.pos = start;
      return false;
    }
    s.pos = p + 6;
    this.fastSzAt = s.pos;
    const sz = s.tryDecimal();
    p = s.pos;
    if (sz !== sz || !(b[p] === 0x2c && b[p + 1] === 0x22 && b[p + 2] === 0x6e && b[p + 3] === 0x22 && b[p + 4] === 0x3a)) {
      s.pos = start;
      return false;
    }
    p += 5;
    const d = p;
    // n: an order count; JSON integer without leading zeros, not used.
    while (b[p] >= 0x30 && b[p] <= 0x39) p++;
    if (p === d || (b[d] === 0x30 && p - d > 1) || b[p] !== 0x7d || p >= s.end) {
      s.pos = start;
      return false;
    }
    s.pos = p + 1;
    this.fastPx = px;
    this.fastSz = sz;
    return true;
  }

  private grow(side: number): Float64Array {
    const old = this.scratch[side];
    return (this.scratch[side] = grown(old, old.length * 2));
  }
}

function missing(path: string, expected: string): BadInputError {
  return new BadInputError(path, `missing (expected ${expected})`);
}
