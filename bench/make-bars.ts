// The 1M-bar benchmark file: the same "ping-pong" algorithm as shared/tools/make_bars.py, byte-identical output.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sharedDataFile, SHARED_DATA_MISSING } from '../src/testkit/shared-data.js';

interface SeedBar {
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** Reads a Yahoo-format daily file (Date,Open,High,Low,Close,Adj Close,Volume), skipping null rows. */
function readSeed(path: string): SeedBar[] {
  const rows: SeedBar[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const p = lines[i].trim().split(',');
    if (p.length < 7 || p[1] === '' || p[1] === 'null') continue;
    rows.push({ o: Number(p[1]), h: Number(p[2]), l: Number(p[3]), c: Number(p[4]), v: Math.trunc(Number(p[6])) });
  }
  return rows;
}

const pad = (n: number): string => (n < 10 ? '0' + n : String(n));

/**
 * Copy 0 is the seed in order, copy 1 the seed reversed with open and close swapped, and so on, so
 * the path is continuous; bars every 60 s from 2000-01-01 00:00:00, 6-decimal prices.
 */
export function makeBars(seedPath: string, outPath: string, n = 1_000_000): number {
  const fwd = readSeed(seedPath);
  const rev = [...fwd].reverse().map((b) => ({ o: b.c, h: b.h, l: b.l, c: b.o, v: b.v }));
  const fd = openSync(outPath, 'w');
  writeSync(fd, 'datetime,open,high,low,close,volume\n');
  let t = Date.UTC(2000, 0, 1);
  let written = 0;
  let buf: string[] = [];
  for (let k = 0; written < n; k++) {
    const src = k % 2 === 0 ? fwd : rev;
    for (const b of src) {
      if (written >= n) break;
      const d = new Date(t);
      const stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      buf.push(`${stamp},${b.o.toFixed(6)},${b.h.toFixed(6)},${b.l.toFixed(6)},${b.c.toFixed(6)},${b.v}\n`);
      t += 60_000;
      written++;
      if (buf.length >= 100_000) {
        writeSync(fd, buf.join(''));
        buf = [];
      }
    }
  }
  writeSync(fd, buf.join(''));
  closeSync(fd);
  return written;
}

/** `.bench/bars-1m.csv` under `root`, built from the shared seed file on first use (exits 2 without it). */
export function ensureBenchBars(root: string, log: (s: string) => void): string {
  const file = join(root, '.bench', 'bars-1m.csv');
  if (existsSync(file)) return file;
  const seed = sharedDataFile('backtrader', 'orcl-1995-2014.txt');
  if (seed === undefined) {
    log(`bench: ${SHARED_DATA_MISSING}: the seed file backtrader/orcl-1995-2014.txt is needed to build the 1M-bar file`);
    process.exit(2);
  }
  mkdirSync(dirname(file), { recursive: true });
  log(`bench: building ${file} from ${seed} ...`);
  makeBars(seed, file);
  return file;
}
