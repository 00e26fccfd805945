// Reads tardis.dev `trades` CSV exports (exchange,symbol,timestamp,local_timestamp,id,side,price,amount) into trade envelopes.
import { readFile } from 'node:fs/promises';
import { BadInputError } from '../../core/errors.js';
import { tradeEvent, type TradeEvent } from '../../market/market-events.js';
import { decimalField, forEachCsvRecord, microsToMs, sortEvents, sourceOf } from './tick-text.js';
import { quoteJson } from '../../core/quote-input.js';

const COLUMNS = ['symbol', 'timestamp', 'local_timestamp', 'id', 'side', 'price', 'amount'] as const;

/**
 * One `market.trade` per row: tsEvent = `timestamp` (exchange time), tsInit = `local_timestamp`
 * (when tardis received it), both µs → ms; size = `amount` (the venue's unit, e.g. contracts);
 * tradeId = `id`; seq = the row's number among its symbol's rows (1-based), since tardis trades
 * carry no sequence. A side other than buy/sell (tardis writes `unknown` when the venue does not
 * say) is rejected: CVD and queue logic need the aggressor. Sorted by (tsEvent, seq).
 */
export function parseTardisTrades(text: string, source: string): TradeEvent[] {
  const out: TradeEvent[] = [];
  const seqs = new Map<string, number>();
  forEachCsvRecord(text, source, COLUMNS, (f, cols, where) => {
    const [cSym, cTs, cLocal, cId, cSide, cPx, cAmt] = cols;
    const symbol = f[cSym];
    const side = f[cSide];
    if (side !== 'buy' && side !== 'sell') throw new BadInputError(where, `side: expected buy or sell, got ${quoteJson(side)}`);
    const seq = (seqs.get(symbol) ?? 0) + 1;
    seqs.set(symbol, seq);
    const data = { price: decimalField(f[cPx], where, 'price', false), size: decimalField(f[cAmt], where, 'amount', false), side, tradeId: f[cId] } as const;
    out.push(tradeEvent(symbol, source, seq, microsToMs(f[cTs], where, 'timestamp'), microsToMs(f[cLocal], where, 'local_timestamp'), data, where));
  });
  return sortEvents(out);
}

/** Reads a tardis trades CSV file; `source` of every event is the file's base name. */
export async function readTardisTrades(path: string): Promise<TradeEvent[]> {
  return parseTardisTrades(await readFile(path, 'utf8'), sourceOf(path));
}
