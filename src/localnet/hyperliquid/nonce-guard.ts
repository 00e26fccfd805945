// Nonce rules per signer: never repeated, above the smallest of the 100 highest kept, within (now − 2 d, now + 1 d).
const KEEP = 100;
/** Nonces kept per signer (a state file keeps the same). */
export const NONCES_KEPT = KEEP;
const BEFORE_MS = 2 * 86_400_000;
const AFTER_MS = 86_400_000;

export class NonceGuard {
  /** Per signer, the highest nonces used, ascending, at most KEEP. */
  private readonly kept = new Map<string, number[]>();
  /** Nonces used, and signers forgotten, since the last `takeChanged` (kept only for a state file). */
  private readonly added: Map<string, number[]> | undefined;
  private readonly forgotten: Set<string> | undefined;

  constructor(trackChanges = false) {
    this.added = trackChanges ? new Map() : undefined;
    this.forgotten = trackChanges ? new Set() : undefined;
  }

  /** The venue's error text when `nonce` may not be used by `signer` at `now`; undefined when it may. */
  check(signer: string, nonce: number, now: number): string | undefined {
    if (!(nonce > now - BEFORE_MS && nonce < now + AFTER_MS)) return `Invalid nonce: nonce ${nonce} is outside the allowed window (${now - BEFORE_MS}, ${now + AFTER_MS})`;
    const list = this.kept.get(signer);
    if (list === undefined) return undefined;
    if (binarySearch(list, nonce) >= 0) return `Invalid nonce: duplicate nonce ${nonce}`;
    if (list.length >= KEEP && nonce < list[0]) return `Invalid nonce: nonce too low ${nonce} < ${list[0]}`;
    return undefined;
  }

  /** Records a nonce that passed `check` (only actions the venue accepted burn their nonce). */
  use(signer: string, nonce: number): void {
    let list = this.kept.get(signer);
    if (list === undefined) {
      list = [];
      this.kept.set(signer, list);
    }
    const i = binarySearch(list, nonce);
    if (i >= 0) return;
    list.splice(-i - 1, 0, nonce);
    if (list.length > KEEP) list.shift();
    if (this.added !== undefined) {
      const a = this.added.get(signer);
      if (a === undefined) this.added.set(signer, [nonce]);
      else a.push(nonce);
    }
  }

  /** Drops a signer's nonces (an API wallet that was replaced: the venue prunes them too, so its key must not be reused). */
  forget(signer: string): void {
    this.kept.delete(signer);
    this.added?.delete(signer);
    this.forgotten?.add(signer);
  }

  /** Every signer's kept nonces (the state file's snapshot). */
  all(): [string, readonly number[]][] {
    return [...this.kept];
  }

  /**
   * What changed since the last call (tracking on): signers forgotten (first), then nonces used
   * per signer; and starts afresh.
   */
  takeChanged(): { forgotten: string[]; added: [string, number[]][] } {
    if (this.added === undefined || this.forgotten === undefined) return { forgotten: [], added: [] };
    const out = { forgotten: [...this.forgotten], added: [...this.added] };
    this.forgotten.clear();
    this.added.clear();
    return out;
  }

  /** Sets a signer's kept nonces as saved (at most KEEP are kept, the highest). */
  restore(signer: string, nonces: readonly number[]): void {
    this.kept.set(signer, [...nonces].sort((a, b) => a - b).slice(-KEEP));
  }
}

/** Index of x in the ascending list, or −(insertion point) − 1. */
function binarySearch(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else if (list[mid] > x) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}
