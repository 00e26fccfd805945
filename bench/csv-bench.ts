// Benchmark of the byte-level CSV bar parser: rows per second on one core for a bar CSV file.
import { readFileSync } from 'node:fs';
import { parseCsvBars } from '../src/store/formats/csv-bars.js';

/**
 * Parses `path` (e.g. the 1M-bar file of shared/tools/make_bars.py) as a generic CSV and returns
 * the best of three timed runs after one warm-up run. Reading the file is not timed.
 */
export function benchCsv(path: string): { rows: number; rows_per_s: number } {
  const data = readFileSync(path);
  let rows = parseCsvBars(data, path).series[0].length;
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    rows = parseCsvBars(data, path).series[0].length;
    best = Math.min(best, performance.now() - t0);
  }
  return { rows, rows_per_s: Math.round((rows / best) * 1000) };
}
