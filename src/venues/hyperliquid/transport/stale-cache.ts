// The last good answer per read, served flagged stale while a cooldown blocks the venue; bounded, least recently used out first.

/** A read's answer with its age: `stale` means it came from the cache, not from the venue just now. */
export interface Freshness<T> {
  readonly value: T;
  readonly stale: boolean;
  /** When the venue gave this answer (scheduler time, ms). */
  readonly asOf: number;
}

export class StaleCache<T = unknown> {
  private readonly entries = new Map<string, { value: T; asOf: number }>();

  constructor(private readonly maxEntries = 500) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer flagged stale, or undefined. */
  stale(key: string): Freshness<T> | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    this.entries.delete(key); // re-insert: most recently used last
    this.entries.set(key, e);
    return { value: e.value, stale: true, asOf: e.asOf };
  }

  set(key: string, value: T, asOf: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, asOf });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
