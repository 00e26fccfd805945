// Reads a bar file from disk (csv, backtrader, freqtrade, aiquant) into BarSeries, with its sha256.
import { open } from 'node:fs/promises';
import { webcrypto } from 'node:crypto';
import { parseInterval } from '../../core/bars.js';
import type { BarSeries } from '../../core/bars.js';
import { BadInputError } from '../../core/errors.js';
import { systemErrorReason } from '../../core/system-error.js';
import { parseBarData } from './parse-bar-data.js';
import { BAR_FILE_FORMATS } from './bar-parse-options.js';
import type { BarFileFormat } from './bar-parse-options.js';
import { quoteJson } from '../../core/quote-input.js';

export type { BarFileFormat } from './bar-parse-options.js';
export { BAR_FILE_FORMATS } from './bar-parse-options.js';
export { detectBarFormat } from './detect-format.js';
export { parseBarData } from './parse-bar-data.js';

export interface ReadBarFileOptions {
  /** Overrides detection from the content. */
  readonly format?: BarFileFormat;
  /** Symbol of the series (aiquant: keep only this symbol). Default: from the file name. */
  readonly symbol?: string;
  /** Interval like `1m`, `1h`, `1d`. Default: from the file name (freqtrade) or the data. */
  readonly interval?: string;
  /** Skip bad rows and count them instead of failing on the first. */
  readonly skipBad?: boolean;
  readonly onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

export interface BarFile {
  readonly format: BarFileFormat;
  readonly series: BarSeries[];
  readonly skipped: number;
  /** sha256 of the file's bytes, hex. */
  readonly fileSha256: string;
}

/**
 * Reads `path` whole into memory, then parses it (errors name `path:line` as given). The sha256
 * is computed by WebCrypto on the thread pool while the main thread parses.
 */
export async function readBarFile(path: string, opts: ReadBarFileOptions = {}): Promise<BarFile> {
  if (opts.format !== undefined && !BAR_FILE_FORMATS.includes(opts.format)) {
    throw new BadInputError('--format', `unknown format ${quoteJson(opts.format)}; known formats: ${BAR_FILE_FORMATS.join(', ')}`);
  }
  const intervalMs = opts.interval !== undefined ? parseInterval(opts.interval, '--interval') : undefined;
  const data = await readWhole(path);
  const digest = webcrypto.subtle.digest('SHA-256', data);
  try {
    const parsed = parseBarData(data, path, { format: opts.format, symbol: opts.symbol, intervalMs, skipBad: opts.skipBad, onProgress: opts.onProgress });
    const fileSha256 = Buffer.from(await digest).toString('hex');
    return { format: parsed.format, series: parsed.series, skipped: parsed.skipped, fileSha256 };
  } catch (e) {
    // Settle the digest so it cannot surface later as an unhandled rejection; the parse error wins.
    await digest.catch(() => undefined);
    throw e;
  }
}

async function readWhole(path: string): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new BadInputError(path, `cannot open: ${systemErrorReason(e)}`, { cause: e });
  }
  try {
    const { size } = await fh.stat();
    const buf = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await fh.read(buf, done, Math.min(size - done, 16 << 20), done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === size ? buf : buf.subarray(0, done);
  } catch (e) {
    // A folder opens, then fails to read (EISDIR): the error alone would not name the path.
    throw new BadInputError(path, `cannot read: ${systemErrorReason(e)}`, { cause: e });
  } finally {
    await fh.close();
  }
}
