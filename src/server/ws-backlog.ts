// A slow WebSocket client's queue of unsent messages, in bytes: conflates state topics (latest wins), drops lowest priority first, counts both.
import type { WsChannel } from '../api/ws-protocol.js';

/** Counters of the gateway, plain numbers on the hot path (exported to Prometheus by ws-metrics.ts). */
export interface WsCounters {
  deliveries: number;
  frames: number;
  bytes: number;
  /** Messages replaced by a newer one of the same topic in a slow client's queue, per channel. */
  readonly conflated: Partial<Record<WsChannel, number>>;
  /** Messages dropped from a slow client's queue to stay under its byte limit, per channel. */
  readonly dropped: Partial<Record<WsChannel, number>>;
  /** Connections the gateway closed, per reason (slow_consumer, dead, shutdown, protocol_error). */
  readonly closed: Record<string, number>;
  /** Error frames sent, per code. */
  readonly errors: Record<string, number>;
}

export function newWsCounters(): WsCounters {
  return { deliveries: 0, frames: 0, bytes: 0, conflated: {}, dropped: {}, closed: {}, errors: {} };
}

export function bump<K extends string>(m: Partial<Record<K, number>>, k: K, n = 1): void {
  m[k] = (m[k] ?? 0) + n;
}

interface Entry {
  readonly channel: WsChannel;
  readonly priority: number;
  readonly latest: boolean;
  texts: string[];
  bytes: number;
}

/** Topic key → its queued messages; strings are the shared, already-framed message texts. */
export class WsBacklog {
  private readonly entries = new Map<string, Entry>();
  private total = 0;

  constructor(private readonly counters: WsCounters) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  add(key: string, channel: WsChannel, priority: number, latest: boolean, text: string): void {
    const e = this.entries.get(key);
    if (e === undefined) {
      this.entries.set(key, { channel, priority, latest, texts: [text], bytes: text.length });
      this.total += text.length;
      return;
    }
    if (latest) {
      bump(this.counters.conflated, channel, e.texts.length);
      this.total += text.length - e.bytes;
      e.texts = [text];
      e.bytes = text.length;
      return;
    }
    e.texts.push(text);
    e.bytes += text.length;
    this.total += text.length;
  }

  /**
   * Drops whole topics, lowest priority first (priority 0 is never dropped), until the queue holds
   * at most `limit` bytes; true when it does.
   */
  trim(limit: number): boolean {
    for (let p = 3; p >= 1 && this.total > limit; p--) {
      for (const [key, e] of this.entries) {
        if (e.priority !== p) continue;
        bump(this.counters.dropped, e.channel, e.texts.length);
        this.total -= e.bytes;
        this.entries.delete(key);
        if (this.total <= limit) return true;
      }
    }
    return this.total <= limit;
  }

  /** Empties the queue, counting every message in it as dropped (its client is gone). */
  discard(): void {
    for (const e of this.entries.values()) bump(this.counters.dropped, e.channel, e.texts.length);
    this.entries.clear();
    this.total = 0;
  }

  /** Every queued message, highest priority first, and the queue emptied. */
  take(): string[] {
    const sorted = [...this.entries.values()].sort((a, b) => a.priority - b.priority);
    const out: string[] = [];
    for (const e of sorted) for (const t of e.texts) out.push(t);
    this.entries.clear();
    this.total = 0;
    return out;
  }
}
