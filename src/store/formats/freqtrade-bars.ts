// freqtrade's JSON candle files: `[[ms, open, high, low, close, volume], ...]`, symbol and interval from the file name.
import { basename } from 'node:path';
import { BarSeriesBuilder, parseInterval } from '../../core/bars.js';
import { BadInputError } from '../../core/errors.js';
import { isoShort, isoTime } from '../../core/clock.js';
import { barProblem } from './bar-checks.js';
import { JsonCursor } from './json-cursor.js';
import { toBytes } from './csv-bars.js';
import { PROGRESS_STEP_BYTES, symbolFromFileName } from './bar-parse-options.js';
import type { BarParseOptions, ParsedBars } from './bar-parse-options.js';

/** What a freqtrade file name says: `ADA_BTC-5m.json`, `XRP_USDT_USDT-1h-futures.json`. */
export interface FreqtradeName {
  /** ccxt-style symbol: `ADA/BTC`, `XRP/USDT:USDT`; non-trade candle types get `@type` (`XRP/USDT:USDT@mark`). */
  readonly symbol: string;
  /** The timeframe text, e.g. `5m`. */
  readonly timeframe: string;
  /** freqtrade candle type: spot (no suffix), futures, mark, index, premiumIndex, funding_rate. */
  readonly candleType: string;
}

/**
 * Parses a freqtrade data file name, or undefined when it does not follow the convention
 * `BASE_QUOTE[_SETTLE]-TIMEFRAME[-CANDLETYPE].json`. Mark, index and premium-index candles get an
 * `@type` suffix so they never overwrite the traded candles of the same pair and interval.
 */
export function parseFreqtradeName(path: string): FreqtradeName | undefined {
  const m = /^([A-Za-z0-9]+)_([A-Za-z0-9]+)(?:_([A-Za-z0-9]+))?-(\d+[smhdwM])(?:-([A-Za-z_]+))?\.json$/.exec(basename(path));
  if (!m) return undefined;
  const [, base, quote, settle, timeframe, type] = m;
  const candleType = type ?? 'spot';
  let symbol = `${base}/${quote}${settle !== undefined ? ':' + settle : ''}`;
  if (candleType !== 'spot' && candleType !== 'futures') symbol += '@' + candleType;
  return { symbol, timeframe, candleType };
}

/** Parses a freqtrade candle file into one series. */
export function parseFreqtradeBars(data: Uint8Array | string, name: string, opts: BarParseOptions = {}): ParsedBars {
  const b = toBytes(data);
  const fromName = parseFreqtradeName(name);
  if (fromName?.candleType === 'funding_rate') {
    throw new BadInputError(name, 'a freqtrade funding-rate file holds rates in the open column, not candles');
  }
  let intervalMs = opts.intervalMs;
  if (intervalMs === undefined && fromName !== undefined && !fromName.timeframe.endsWith('M')) {
    intervalMs = parseInterval(fromName.timeframe, name);
  }
  const symbol = opts.symbol ?? fromName?.symbol ?? symbolFromFileName(name);
  const builder = new BarSeriesBuilder(symbol, Math.max(1024, (b.length / 60) | 0));
  const j = new JsonCursor(b, name);
  let decimals = 0;
  let skipped = 0;
  let last = -Infinity;
  let nextProgress = PROGRESS_STEP_BYTES;
  j.expect(91, 'a JSON array of candles [[time, open, high, low, close, volume], ...]');
  let row = 0;
  const vals = new Float64Array(6);
  if (j.peek() === 93) j.pos++;
  else {
    do {
      row++;
      j.peek();
      const line = j.line;
      j.expect(91, `candle ${row} as [time, open, high, low, close, volume]`);
      let reason: string | undefined;
      let count = 0;
      vals.fill(NaN);
      let d = 0;
      if (j.peek() === 93) j.pos++;
      else {
        do {
          const v = j.number();
          if (count < 6) vals[count] = v;
          if (j.badText !== undefined) reason ??= `value ${count + 1}: expected a number, got ${j.badText}`;
          else if (v === v && count >= 1 && count <= 4 && j.decimals > d) d = j.decimals;
          count++;
        } while (j.more(93, `candle ${row}`));
      }
      if (count !== 6) reason ??= `expected 6 values [time, open, high, low, close, volume], got ${count}`;
      const [t, o, h, l, c, v] = vals;
      const timeOk = Number.isInteger(t) && t >= 0 && t <= 8.64e15;
      if (reason === undefined && !timeOk) reason = `time must be epoch ms (an integer ≥ 0), got ${t}`;
      for (let k = 1; k <= 4 && reason === undefined; k++) {
        if (vals[k] !== vals[k]) reason = `${['', 'open', 'high', 'low', 'close'][k]} is null`;
      }
      // Volume null (e.g. mark-price candles) means unknown: kept as NaN, stored as NULL.
      reason ??= barProblem(o, h, l, c, v);
      if (reason === undefined && !(t > last)) reason = `time ${isoTime(t)} is not after the previous candle's ${isoTime(last)}`;
      if (reason !== undefined) {
        // freqtrade writes the whole file on one line: the candle's number and time say where.
        if (!opts.skipBad) throw new BadInputError(`${j.recordWhere(line)}: candle ${row}${timeOk ? ` (${isoShort(t)})` : ''}`, reason);
        skipped++;
      } else {
        last = t;
        if (d > decimals) decimals = d;
        builder.push(t, o, h, l, c, v);
      }
      if (j.pos >= nextProgress && opts.onProgress) {
        opts.onProgress(j.pos, b.length);
        nextProgress = j.pos + PROGRESS_STEP_BYTES;
      }
    } while (j.more(93, 'the candle array'));
  }
  if (!j.atEnd()) j.fail(`unexpected content after the candle array`);
  opts.onProgress?.(b.length, b.length);
  return { series: [builder.finish(name, intervalMs, decimals)], skipped };
}
