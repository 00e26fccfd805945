// Reads a Bybit v5 `orderbook.N.SYMBOL` WebSocket capture (JSON lines: a snapshot, then deltas) into book envelopes.
import { readFile } from 'node:fs/promises';
import { BadInputError } from '../../core/errors.js';
import { bookEvent, type BookEvent } from '../../market/market-events.js';
import { decimalField, forEachLine, sortEvents, sourceOf } from './tick-text.js';
import { inputName, quoteJson } from '../../core/quote-input.js';
import { isoTime } from '../../core/clock.js';

interface BybitMessage {
  topic?: unknown;
  type?: unknown;
  ts?: unknown;
  cts?: unknown;
  data?: { s?: unknown; b?: unknown; a?: unknown; u?: unknown };
}

function levels(raw: unknown, where: string, name: string): Float64Array {
  if (!Array.isArray(raw)) throw new BadInputError(where, `data.${name}: expected an array of [price, size]`);
  const out = new Float64Array(raw.length * 2);
  for (let i = 0; i < raw.length; i++) {
    const l: unknown = raw[i];
    if (!Array.isArray(l) || l.length < 2 || typeof l[0] !== 'string' || typeof l[1] !== 'string') {
      throw new BadInputError(where, `data.${name}[${i}]: expected ["price", "size"], got ${quoteJson(l)}`);
    }
    out[2 * i] = decimalField(l[0], where, `data.${name}[${i}] price`, false);
    out[2 * i + 1] = decimalField(l[1], where, `data.${name}[${i}] size`, true);
  }
  return out;
}

const ms = (v: unknown, where: string, name: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new BadInputError(where, `${name}: expected ms since the epoch, got ${quoteJson(v)}`);
  return v;
};

/**
 * One `market.book` per message. seq = `data.u` (Bybit's update id: contiguous within a stream, so
 * the book's checkSeq finds gaps; a snapshot restarts it). tsEvent = `cts` (matching-engine time,
 * comparable with the trade stream's `T`), or `ts` when absent; tsInit = `ts` (when Bybit pushed
 * it: a capture without receive times has nothing closer to "entered Sextant"). A message whose
 * tsEvent goes back in time is rejected, because sorting it would reorder the deltas.
 * Sorted by (tsEvent, seq).
 */
export function parseBybitOrderbook(text: string, source: string): BookEvent[] {
  const out: BookEvent[] = [];
  const lastTs = new Map<string, number>();
  forEachLine(text, (line, lineNo) => {
    const where = `${source}:${lineNo}`;
    let m: BybitMessage;
    try {
      m = JSON.parse(line) as BybitMessage;
    } catch (cause) {
      throw new BadInputError(where, 'not valid JSON', { cause });
    }
    if (typeof m !== 'object' || m === null) throw new BadInputError(where, 'expected a JSON object');
    if (typeof m.topic !== 'string' || !m.topic.startsWith('orderbook.')) throw new BadInputError(where, `topic: expected orderbook.<depth>.<symbol>, got ${quoteJson(m.topic)}`);
    if (m.type !== 'snapshot' && m.type !== 'delta') throw new BadInputError(where, `type: expected snapshot or delta, got ${quoteJson(m.type)}`);
    const d = m.data;
    if (typeof d !== 'object' || d === null) throw new BadInputError(where, 'data: expected an object');
    if (typeof d.s !== 'string' || d.s === '') throw new BadInputError(where, `data.s: expected the symbol, got ${quoteJson(d.s)}`);
    if (typeof d.u !== 'number' || !Number.isSafeInteger(d.u)) throw new BadInputError(where, `data.u: expected an integer update id, got ${quoteJson(d.u)}`);
    const tsInit = ms(m.ts, where, 'ts');
    const tsEvent = m.cts === undefined ? tsInit : ms(m.cts, where, 'cts');
    const prev = lastTs.get(d.s);
    if (prev !== undefined && tsEvent < prev) throw new BadInputError(where, `time went backwards for ${inputName(d.s)}: ${isoTime(tsEvent)} after ${isoTime(prev)}`);
    lastTs.set(d.s, tsEvent);
    out.push(bookEvent(d.s, source, d.u, tsEvent, tsInit, { snapshot: m.type === 'snapshot', bids: levels(d.b, where, 'b'), asks: levels(d.a, where, 'a') }, where));
  });
  return sortEvents(out);
}

/** Reads a Bybit orderbook JSONL capture; `source` of every event is the file's base name. */
export async function readBybitOrderbook(path: string): Promise<BookEvent[]> {
  return parseBybitOrderbook(await readFile(path, 'utf8'), sourceOf(path));
}
