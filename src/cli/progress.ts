// Progress lines on stderr for long work, throttled so they cost nothing on short runs.
import type { CommandIO } from './command.js';

/** Returns a callback printing `label: done/total (pct)` at most every `minMs`, after `delayMs`. */
export function progressPrinter(io: CommandIO, label: string, now: () => number, delayMs = 1000, minMs = 1000): (done: number, total: number) => void {
  const start = now();
  let last = 0;
  return (done, total) => {
    const t = now();
    if (t - start < delayMs || t - last < minMs) return;
    last = t;
    const pct = total > 0 ? ` (${((100 * done) / total).toFixed(0)}%)` : '';
    io.err(`${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${pct}\n`);
  };
}
