// The report's chart data (bars, volume, indicator lines, equity, trades) as one gzipped, base64 blob.
import { gzipSync } from 'node:zlib';
import type { BarSeries } from '../core/bars.js';
import { InvariantError } from '../core/errors.js';
import type { BacktestResult, FillRecord } from './backtest-result.js';
import { ColumnWriter, relativeDecimals, type BarsRef, type ColumnRef } from './report-columns.js';

/** Significant digits (of the series' largest value) kept of prices without a known grid. */
const PRICE_DIGITS = 9;
/** Indicator lines: drawn and read out, not traded on; 7 digits of the largest value is below a pixel and a tick. */
const LINE_DIGITS = 7;
/** Volume: drawn as bars and read out; 5 digits of the largest bar's volume (random volumes do not compress). */
const VOLUME_DIGITS = 5;

/** A trade for the page: [symbol index, +1 long / −1 short, entry time, exit time, qty, entry price, exit price, net PnL, exit reason index]; exit fields null while open. */
type TradeRow = [number, number, number, number | null, number, number, number | null, number | null, number];

/** Rounded to 12 significant digits so the JSON carries no float noise (3648.5490000000004). */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

export interface ReportData {
  /** base64 of gzip([u32 LE meta length][meta JSON][columns]). */
  readonly base64: string;
  /** Bytes before gzip and base64 (for the README's size figures). */
  readonly rawBytes: number;
}

/** Everything the page's chart draws, at full resolution so zooming shows every bar (the page derives buy-and-hold and drawdown). */
export function reportData(result: BacktestResult): ReportData {
  const w = new ColumnWriter();
  const charted = result.bars.filter((s) => s.length > 0);
  const lines = result.indicators ?? result.chartLines?.() ?? [];
  for (const l of lines) {
    const s = charted.find((x) => x.symbol === l.symbol);
    if (s === undefined) throw new InvariantError(`indicator ${l.label}: symbol ${l.symbol} has no bars in this run`);
    if (l.values.length !== s.length) throw new InvariantError(`indicator ${l.label}: ${l.values.length} values for ${s.length} bars of ${l.symbol}`);
  }
  const sym = charted.map((s) => ({
    name: s.symbol,
    iv: s.intervalMs ?? null,
    ...barColumns(w, s),
    ind: lines
      .filter((l) => l.symbol === s.symbol)
      .map((l) => ({ label: l.label, pane: l.pane, col: w.put(l.values, relativeDecimals(l.values, LINE_DIGITS), 0, l.values.length, 2) })),
  }));
  const eq = {
    t: w.put(result.equityTime, 0),
    e: w.put(result.equity, 2),
  };
  const reasons: string[] = [];
  const reasonIndex = (r: string): number => {
    let i = reasons.indexOf(r);
    if (i < 0) i = reasons.push(r) - 1;
    return i;
  };
  const symIndex = new Map(charted.map((s, i) => [s.symbol, i]));
  const tr: TradeRow[] = [];
  for (const t of result.trades) {
    const k = symIndex.get(t.symbol);
    if (k === undefined) continue;
    tr.push([k, t.direction === 'long' ? 1 : -1, t.entryTime, t.exitTime, clean(t.qty), clean(t.entryPrice), clean(t.exitPrice), clean(t.netPnl), reasonIndex(t.exitReason)]);
  }
  for (const p of result.openPositions) {
    const k = symIndex.get(p.symbol);
    const first = openingFills(result.fills, p.symbol)[0];
    if (k === undefined || first === undefined) continue;
    tr.push([k, p.qty > 0 ? 1 : -1, first.time, null, clean(Math.abs(p.qty)), clean(p.avgPrice), null, null, reasonIndex('open')]);
  }
  const meta = JSON.stringify({ cash: result.initialCash, sym, eq, tr, rs: reasons });
  const metaBytes = Buffer.from(meta, 'utf8');
  const cols = w.bytes();
  const raw = Buffer.alloc(4 + metaBytes.length + cols.length);
  raw.writeUInt32LE(metaBytes.length, 0);
  metaBytes.copy(raw, 4);
  raw.set(cols, 4 + metaBytes.length);
  return { base64: gzipSync(raw, { level: 6 }).toString('base64'), rawBytes: raw.length };
}

function barColumns(w: ColumnWriter, s: BarSeries): { n: number; t: ColumnRef; p: BarsRef; v: ColumnRef | null } {
  const k = s.priceDecimals ?? relativeDecimals(s.high, PRICE_DIGITS);
  let hasVolume = false;
  for (let i = 0; i < s.length && !hasVolume; i++) hasVolume = Number.isFinite(s.volume[i]);
  return {
    n: s.length,
    t: w.put(s.time, 0),
    p: w.putBars(s.open, s.high, s.low, s.close, k),
    v: hasVolume ? w.put(s.volume, relativeDecimals(s.volume, VOLUME_DIGITS)) : null,
  };
}

/** The fills that built the position still open in `symbol`: from the last flat point or reversal on. */
export function openingFills(fills: readonly FillRecord[], symbol: string): FillRecord[] {
  const own = fills.filter((f) => f.symbol === symbol);
  let pos = 0;
  let start = 0;
  for (let i = 0; i < own.length; i++) {
    const before = pos;
    pos += own[i].side === 'buy' ? own[i].qty : -own[i].qty;
    // Float sums of grid quantities leave tiny residues; below a billionth of the fill it is flat.
    if (Math.abs(pos) <= 1e-9 * own[i].qty) {
      pos = 0;
      start = i + 1;
    } else if (before !== 0 && Math.sign(pos) !== Math.sign(before)) start = i;
  }
  return own.slice(start);
}
