// AI Quant's JSON candle files: `{ "BTC": [{t, t_close, o, h, l, c, v, n}, ...], ... }`, one series per key.
import { BarSeriesBuilder } from '../../core/bars.js';
import type { BarSeries } from '../../core/bars.js';
import { BadInputError } from '../../core/errors.js';
import { isoShort, isoTime } from '../../core/clock.js';
import { barProblem } from './bar-checks.js';
import { JsonCursor } from './json-cursor.js';
import { toBytes } from './csv-bars.js';
import { PROGRESS_STEP_BYTES } from './bar-parse-options.js';
import type { BarParseOptions, ParsedBars } from './bar-parse-options.js';
import { inputName } from '../../core/quote-input.js';

const FIELDS = ['t', 'o', 'h', 'l', 'c', 'v'];

/** The largest time a JS Date can show (year 275760). */
const MAX_MS = 8.64e15;

interface ParseState {
  readonly j: JsonCursor;
  readonly opts: BarParseOptions;
  readonly out: BarSeries[];
  skipped: number;
  nextProgress: number;
}

/**
 * Parses an AI Quant candle object. Keys whose value is an array are symbols; keys whose value is
 * an object are groups of symbols (`tp_isolation_candles.json`: `{"main_1h": {"BTC": [...]},
 * "sub_3m": {...}}`), read one level deep; other values (e.g. `description`) are ignored.
 * `t` is the bar open in ms UTC; `t_close` and `n` (trade count) are not kept. Series come out
 * sorted by symbol, then interval. `opts.symbol` keeps only that symbol.
 */
export function parseAiquantBars(data: Uint8Array | string, name: string, opts: BarParseOptions = {}): ParsedBars {
  const b = toBytes(data);
  const j = new JsonCursor(b, name);
  const st: ParseState = { j, opts, out: [], skipped: 0, nextProgress: PROGRESS_STEP_BYTES };
  j.expect(123, 'a JSON object of candle arrays by symbol {"BTC": [...], ...}');
  readObject(st, 0);
  if (!j.atEnd()) j.fail('unexpected content after the candle object');
  const seen = new Set<string>();
  for (const s of st.out) {
    const key = `${s.symbol}/${s.intervalMs}`;
    if (seen.has(key)) throw new BadInputError(name, `symbol ${s.symbol} appears twice with the same interval`);
    seen.add(key);
  }
  if (st.out.length === 0) {
    const what = opts.symbol !== undefined ? `no candles for symbol ${opts.symbol}` : 'no candle arrays (expected {"SYMBOL": [{t, o, h, l, c, v}, ...]})';
    throw new BadInputError(name, what);
  }
  st.out.sort((x, y) => (x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : (x.intervalMs ?? 0) - (y.intervalMs ?? 0)));
  opts.onProgress?.(b.length, b.length);
  return { series: st.out, skipped: st.skipped };
}

/** Reads the members of an object whose `{` is consumed; depth 0 = top level, 1 = a group. */
function readObject(st: ParseState, depth: number): void {
  const j = st.j;
  if (j.peek() === 125) {
    j.pos++;
    return;
  }
  do {
    const key = j.string();
    j.expect(58, ':');
    const c = j.peek();
    if (c === 91 && (st.opts.symbol === undefined || st.opts.symbol === key)) {
      j.pos++;
      st.out.push(readBars(st, key));
    } else if (c === 123 && depth === 0) {
      j.pos++;
      readObject(st, 1);
    } else {
      j.skipValue();
    }
  } while (j.more(125, 'an object'));
}

/** Reads one symbol's bar array (its `[` consumed). */
function readBars(st: ParseState, symbol: string): BarSeries {
  const { j, opts } = st;
  const name = j.name;
  const builder = new BarSeriesBuilder(symbol);
  const vals = new Float64Array(6);
  let decimals = 0;
  let last = -Infinity;
  let row = 0;
  if (j.peek() === 93) j.pos++;
  else {
    do {
      row++;
      j.peek();
      const line = j.line;
      j.expect(123, `${symbol} bar ${row} as an object {t, o, h, l, c, v}`);
      vals.fill(NaN);
      let reason: string | undefined;
      let d = 0;
      if (j.peek() === 125) j.pos++;
      else {
        do {
          const key = j.string();
          j.expect(58, ':');
          const k = FIELDS.indexOf(key);
          if (k < 0) {
            j.skipValue();
            continue;
          }
          vals[k] = j.number();
          if (j.badText !== undefined) reason ??= `field ${key}: expected a number, got ${j.badText}`;
          else if (k >= 1 && k <= 4 && vals[k] === vals[k] && j.decimals > d) d = j.decimals;
        } while (j.more(125, `${symbol} bar ${row}`));
      }
      const [t, o, h, l, c, v] = vals;
      for (let k = 0; k <= 4 && reason === undefined; k++) {
        if (vals[k] !== vals[k]) reason = `field ${FIELDS[k]} is missing or null`;
      }
      const timeOk = Number.isInteger(t) && t >= 0 && t <= MAX_MS;
      if (reason === undefined && !timeOk) reason = `t must be epoch ms (an integer ≥ 0), got ${t}`;
      reason ??= barProblem(o, h, l, c, v);
      if (reason === undefined && !(t > last)) reason = `time ${isoTime(t)} is not after the previous bar's ${isoTime(last)}`;
      if (reason !== undefined) {
        if (!opts.skipBad) throw new BadInputError(`${j.recordWhere(line)}: ${inputName(symbol)} bar ${row}${timeOk ? ` (${isoShort(t)})` : ''}`, reason);
        st.skipped++;
      } else {
        last = t;
        if (d > decimals) decimals = d;
        builder.push(t, o, h, l, c, v);
      }
      if (j.pos >= st.nextProgress && opts.onProgress) {
        opts.onProgress(j.pos, j.b.length);
        st.nextProgress = j.pos + PROGRESS_STEP_BYTES;
      }
    } while (j.more(93, `the ${symbol} bar array`));
  }
  return builder.finish(`${name} (${symbol})`, opts.intervalMs, decimals);
}
