// A trades frame in the venue's own byte layout read straight into trade rows, no objects; any other layout is left to the full parser.
import type { Side } from '../../../core/orders.js';
import { ByteScanner, ScanError, keyTable } from '../wire/byte-scanner.js';
import { LastString } from '../wire/last-string.js';

/** Where the trades go, one call per trade (a recorder's trade columns). */
export interface TradeRowSink {
  push(symbol: string, time: number, id: number, side: Side, price: number, qty: number): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const RBRACE = 0x7d;
const RBRACKET = 0x5d;
const lit = (s: string): Buffer => Buffer.from(s, 'latin1');
const FRAME = lit('{"channel":"trades","data":[');
const EMPTY = Buffer.alloc(0);
const COIN = lit('{"coin":"');
const SIDE = lit(',"side":"');
const PX = lit('","px":');
const SZ = lit(',"sz":');
const TIME = lit(',"time":');
const HASH = lit(',"hash":"');
const TID = lit('","tid":');
const USERS = lit(',"users":["');
const BETWEEN = lit('","');
const END_USERS = lit('"]}');
/** The fields the full parser reads: a tail member with one of these names is a layout we leave to it. */
const KEYS = keyTable('coin', 'side', 'px', 'sz', 'time', 'tid');
const K_TID = 5;

/**
 * The venue writes every trade as `{"coin":…,"side":…,"px":…,"sz":…,"time":…,"hash":…,"tid":…,
 * "users":[…]}` with no whitespace. This reader takes exactly that layout (the members after
 * `time` in any order, unknown ones skipped with their structure checked) and gives up on
 * anything else, so for every frame it accepts its trades equal the full parser's (a property
 * test holds it to that); for the rest, including every malformed frame, the caller runs the
 * full parser, which reads the frame or names the bad field. One per recorder: it keeps the
 * last coin's name so a run of one coin builds no strings.
 */
export class TradeFrameRows {
  private readonly s = new ByteScanner();
  private readonly lastCoin = new LastString();
  /** The coin of the first trade of the last frame read (undefined for an empty one). */
  symbol: string | undefined;

  /**
   * Pushes the frame's trades to `sink`; returns how many, or −1 when the frame is not in the
   * venue's layout or not valid (the sink may then hold some of its trades: the caller drops them).
   */
  read(frame: Uint8Array, sink: TradeRowSink): number {
    const s = this.s.reset(frame);
    try {
      return this.frame(s, sink);
    } catch (e) {
      if (e instanceof ScanError) return -1;
      throw e;
    } finally {
      // Do not keep the caller's buffer alive between frames.
      s.reset(EMPTY);
    }
  }

  private frame(s: ByteScanner, sink: TradeRowSink): number {
    const b = s.buf;
    const end = s.end;
    if (!startsWith(b, 0, end, FRAME)) return -1;
    s.pos = FRAME.length;
    this.symbol = undefined;
    let n = 0;
    if (b[s.pos] === RBRACKET) s.pos++;
    else {
      for (;;) {
        if (!this.trade(s, sink)) return -1;
        n++;
        const c = b[s.pos++];
        if (c === RBRACKET) break;
        if (c !== COMMA) return -1;
      }
    }
    return s.pos === end - 1 && b[s.pos] === RBRACE ? n : -1;
  }

  private trade(s: ByteScanner, sink: TradeRowSink): boolean {
    const b = s.buf;
    const end = s.end;
    let p = s.pos;
    if (!startsWith(b, p, end, COIN)) return false;
    p += COIN.length;
    let coin = this.lastCoin.quotedAt(b, p, end);
    if (coin !== undefined) p += this.lastCoin.byteLength;
    else {
      const c0 = p;
      while (p < end) {
        const c = b[p];
        if (c === QUOTE) break;
        // Escapes, control and non-ASCII bytes: the full parser's string reader decides.
        if (c < 0x20 || c === BACKSLASH || c >= 0x80) return false;
        p++;
      }
      if (p === c0 || p >= end) return false;
      coin = this.lastCoin.remember(b.toString('latin1', c0, p));
    }
    p++;
    if (!startsWith(b, p, end, SIDE)) return false;
    p += SIDE.length;
    const sideByte = b[p];
    const side: Side | undefined = sideByte === 0x42 ? 'buy' : sideByte === 0x41 ? 'sell' : undefined;
    if (side === undefined || !startsWith(b, p + 1, end, PX)) return false;
    s.pos = p + 1 + PX.length;
    const price = s.tryDecimal();
    // tryDecimal gives Infinity for a digit string beyond float range; the full parser refuses it.
    if (!(price > 0 && price < Infinity) || !startsWith(b, s.pos, end, SZ)) return false;
    s.pos += SZ.length;
    const qty = s.tryDecimal();
    if (!(qty > 0 && qty < Infinity) || !startsWith(b, s.pos, end, TIME)) return false;
    s.pos += TIME.length;
    const time = s.integer();
    const tid = this.tail(s);
    if (tid < 0) return false;
    if (this.symbol === undefined) this.symbol = coin;
    sink.push(coin, time, tid, side, price, qty);
    return true;
  }

  /**
   * The members after `time` and the closing brace: the tid, or −1 when it is missing, repeated,
   * or another known field follows. Unknown members are skipped with their structure checked.
   */
  private tail(s: ByteScanner): number {
    const from = s.pos;
    let tid = this.usualTail(s);
    if (tid >= 0) return tid;
    s.pos = from;
    const b = s.buf;
    while (b[s.pos] === COMMA) {
      s.pos++;
      const k = s.key(KEYS);
      if (k === K_TID && tid < 0) tid = s.integer();
      else if (k < 0) s.skipValue();
      else return -1;
    }
    if (tid < 0 || b[s.pos] !== RBRACE) return -1;
    s.pos++;
    return tid;
  }

  /**
   * The members after `time` exactly as the venue writes them, `,"hash":"…","tid":…,"users":["…","…"]}`:
   * the tid, with the scanner after the closing brace; −1 for anything else (the caller re-reads
   * the members one by one). The skipped strings are checked as JSON strings without escapes.
   */
  private usualTail(s: ByteScanner): number {
    const b = s.buf;
    const end = s.end;
    if (!startsWith(b, s.pos, end, HASH)) return -1;
    let p = plainString(b, s.pos + HASH.length, end);
    if (p < 0 || !startsWith(b, p, end, TID)) return -1;
    s.pos = p + TID.length;
    const tid = s.integer();
    if (!startsWith(b, s.pos, end, USERS)) return -1;
    p = plainString(b, s.pos + USERS.length, end);
    if (p < 0 || !startsWith(b, p, end, BETWEEN)) return -1;
    p = plainString(b, p + BETWEEN.length, end);
    if (p < 0 || !startsWith(b, p, end, END_USERS)) return -1;
    s.pos = p + END_USERS.length;
    return tid;
  }
}

/** From inside a string, the position of its closing quote; −1 at an escape, a control byte or the end. */
function plainString(b: Uint8Array, from: number, end: number): number {
  for (let p = from; p < end; p++) {
    const c = b[p];
    if (c === QUOTE) return p;
    if (c < 0x20 || c === BACKSLASH) return -1;
  }
  return -1;
}

function startsWith(b: Uint8Array, at: number, end: number, lit: Uint8Array): boolean {
  if (at + lit.length > end) return false;
  for (let i = 0; i < lit.length; i++) if (b[at + i] !== lit[i]) return false;
  return true;
}
