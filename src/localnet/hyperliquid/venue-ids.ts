// Order ids, trade ids, TWAP ids and transaction hashes of the local venue: counters, so a run is reproducible.

/** splitmix32 step: a well-mixed 32-bit word from a counter (no shared RNG state, so ids never shift prices). */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The id counters' current values (the last id each gave out). */
export interface IdCounters {
  readonly oid: number;
  readonly tid: number;
  readonly hashes: number;
  readonly twap: number;
}

export class VenueIds {
  /** Like the venue's: large numbers (above 2^32, as real oids and tids are), increasing. */
  private oid = 10_000_000_000;
  private tid = 100_000_000_000_000;
  private hashes = 0;
  private twap = 0;

  constructor(private readonly seed: number) {}

  nextOid(): number {
    return ++this.oid;
  }

  nextTid(): number {
    return ++this.tid;
  }

  /** TWAP ids: small increasing integers, as the venue's. */
  nextTwapId(): number {
    return ++this.twap;
  }

  /** The counters, for the state file (a restored venue goes on from them, so ids never repeat). */
  counters(): IdCounters {
    return { oid: this.oid, tid: this.tid, hashes: this.hashes, twap: this.twap };
  }

  /** Goes on from saved counters (never back: a counter only moves up). */
  resume(c: IdCounters): void {
    this.oid = Math.max(this.oid, c.oid);
    this.tid = Math.max(this.tid, c.tid);
    this.hashes = Math.max(this.hashes, c.hashes);
    this.twap = Math.max(this.twap, c.twap);
  }

  /** A 0x-prefixed 32-byte hex string standing in for a transaction hash. */
  nextHash(): string {
    const n = ++this.hashes;
    let out = '0x';
    for (let i = 0; i < 8; i++) out += mix32((this.seed * 0x2545f491) ^ (n * 8 + i)).toString(16).padStart(8, '0');
    return out;
  }
}
