// The trades byte scanner: a frame's trade array read straight from the Buffer, equal to parseTrades on every input.
import { BadInputError } from '../../../core/errors.js';
import type { Side } from '../../../core/orders.js';
import { ByteScanner, ScanError, keyTable } from '../wire/byte-scanner.js';
import type { HlRawTrade } from './trades.js';

const KEYS = keyTable('coin', 'side', 'px', 'sz', 'time', 'tid');
/** Field names by key index, for error paths (checked in this order, like the reference). */
const NAMES = ['coin', 'side', 'px', 'sz', 'time', 'tid'];
const EXPECTED = ['a non-empty string', '"B" or "A"', 'a positive decimal string', 'a positive decimal string', 'a non-negative integer', 'a non-negative integer'];

/** One per stream parser: owns the error context. */
export class TradesScanner {
  private index = -1;
  private field = -1;

  /** Reads the trades array at the scanner's position. Throws BadInputError(where, "[i].<field>: …"). */
  scan(s: ByteScanner, where: string): HlRawTrade[] {
    try {
      return this.read(s);
    } catch (e) {
      if (e instanceof ScanError) {
        const path = this.index < 0 ? 'data' : this.field < 0 ? `[${this.index}]` : `[${this.index}].${NAMES[this.field]}`;
        throw new BadInputError(where, `${path}: expected ${e.expected}, got ${s.describeAt(e.pos)}`, { cause: e });
      }
      if (e instanceof BadInputError) throw new BadInputError(where, e.message, { cause: e });
      throw e;
    }
  }

  private read(s: ByteScanner): HlRawTrade[] {
    this.index = -1;
    this.field = -1;
    const out: HlRawTrade[] = [];
    if (!s.openArray()) return out;
    do {
      this.index = out.length;
      this.field = -1;
      let coin: string | undefined;
      let side: Side | undefined;
      let price = Number.NaN;
      let size = Number.NaN;
      let time = -1;
      let tid = -1;
      if (s.openObject()) {
        do {
          const k = s.key(KEYS);
          this.field = k;
          const at = s.pos;
          switch (k) {
            case 0:
              coin = s.string();
              if (coin === '') s.fail(EXPECTED[0], at);
              break;
            case 1:
              side = readSide(s);
              break;
            case 2:
              price = s.decimal(EXPECTED[2]);
              if (!(price > 0)) s.fail(EXPECTED[2], at);
              break;
            case 3:
              size = s.decimal(EXPECTED[3]);
              if (!(size > 0)) s.fail(EXPECTED[3], at);
              break;
            case 4:
              time = s.integer();
              break;
            case 5:
              tid = s.integer();
              break;
            default:
              s.skipValue();
          }
          this.field = -1;
        } while (s.nextMember());
      }
      const i = out.length;
      if (coin === undefined) throw missing(i, 0);
      if (side === undefined) throw missing(i, 1);
      if (price !== price) throw missing(i, 2);
      if (size !== size) throw missing(i, 3);
      if (time < 0) throw missing(i, 4);
      if (tid < 0) throw missing(i, 5);
      out.push({ coin, side, price, size, time, tid });
    } while (s.nextElement());
    return out;
  }
}

/** "B" or "A" read from the bytes (no string built); anything else goes through the string reader. */
function readSide(s: ByteScanner): Side {
  const c = s.peek();
  const b = s.buf;
  const p = s.pos;
  if (c === 0x22 && p + 2 < s.end && b[p + 2] === 0x22) {
    if (b[p + 1] === 0x42) {
      s.pos = p + 3;
      return 'buy';
    }
    if (b[p + 1] === 0x41) {
      s.pos = p + 3;
      return 'sell';
    }
  }
  const v = s.string();
  if (v === 'B') return 'buy';
  if (v === 'A') return 'sell';
  return s.fail('"B" or "A"', p);
}

function missing(i: number, field: number): BadInputError {
  return new BadInputError(`[${i}].${NAMES[field]}`, `missing (expected ${EXPECTED[field]})`);
}
