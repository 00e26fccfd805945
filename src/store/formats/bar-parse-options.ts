// Options and results shared by the bar file parsers (csv, backtrader, freqtrade, aiquant).
import { basename, extname } from 'node:path';
import type { BarSeries } from '../../core/bars.js';

export type BarFileFormat = 'csv' | 'backtrader' | 'freqtrade' | 'aiquant';

export const BAR_FILE_FORMATS: readonly BarFileFormat[] = ['csv', 'backtrader', 'freqtrade', 'aiquant'];

export interface BarParseOptions {
  /** Symbol of the series (single-series formats); for aiquant, selects that one symbol. */
  readonly symbol?: string;
  /** Bar interval; when absent it comes from the file name (freqtrade) or the data (most common gap). */
  readonly intervalMs?: number;
  /** Skip bad rows (and count them) instead of failing on the first. Broken JSON still fails. */
  readonly skipBad?: boolean;
  /** Called now and then while parsing with the bytes consumed so far. */
  readonly onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

export interface ParsedBars {
  /** One series per symbol (aiquant: per key, sorted by symbol then interval). */
  readonly series: BarSeries[];
  /** Rows skipped as bad (only with skipBad). */
  readonly skipped: number;
}

/** Default symbol of a single-series file: its name without folder and extension. */
export function symbolFromFileName(name: string): string {
  const base = basename(name);
  const ext = extname(base);
  return ext.length > 0 && ext.length < base.length ? base.slice(0, -ext.length) : base;
}

/** Bytes between progress reports: small enough to move a progress line, large enough to cost nothing. */
export const PROGRESS_STEP_BYTES = 4 * 1024 * 1024;
