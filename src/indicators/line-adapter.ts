// Wraps a concrete indicator class into the uniform Indicator interface with per-line accessors.
import type { Indicator } from './indicator.js';

export type BarFeed = (open: number, high: number, low: number, close: number, volume: number) => void;

class LineAdapter implements Indicator {
  constructor(
    readonly name: string,
    readonly lines: readonly string[],
    private readonly feed: BarFeed,
    private readonly values: readonly (() => number)[],
    private readonly readies: readonly (() => boolean)[],
    readonly shifts: readonly number[],
  ) {}

  update(open: number, high: number, low: number, close: number, volume: number): void {
    this.feed(open, high, low, close, volume);
  }

  get ready(): boolean {
    for (const r of this.readies) if (!r()) return false;
    return true;
  }

  value(line: number): number {
    return this.values[line]();
  }

  lineReady(line: number): boolean {
    return this.readies[line]();
  }
}

/**
 * Builds the uniform view: `values[i]` and `readies[i]` read line i of the wrapped object.
 * `shifts` defaults to 0 for every line.
 */
export function adapt(
  name: string,
  lines: readonly string[],
  feed: BarFeed,
  values: readonly (() => number)[],
  readies: readonly (() => boolean)[],
  shifts: readonly number[] = lines.map(() => 0),
): Indicator {
  return new LineAdapter(name, lines, feed, values, readies, shifts);
}
