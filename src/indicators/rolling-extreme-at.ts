// RollingRange that also knows where its extremes are (for Aroon): same van Herk / Gil-Werman blocks and
// arithmetic selects as rolling-extreme.ts, carrying the update number of each extreme alongside its value.
// Ties keep the newest value, so ages count to the most recent extreme (as backtrader's and TA-Lib's Aroon).

export class RollingRangeAt {
  readonly n: number;
  private readonly hiBuf: Float64Array;
  private readonly loBuf: Float64Array;
  private readonly hiSuf: Float64Array;
  private readonly loSuf: Float64Array;
  /** Update number of each suffix extreme. */
  private readonly hiSufAt: Float64Array;
  private readonly loSufAt: Float64Array;
  private k = 0;
  private t = 0;
  private hiPre = 0;
  private loPre = 0;
  private hiPreAt = 0;
  private loPreAt = 0;
  private hi = 0;
  private lo = 0;
  private hiAt = 0;
  private loAt = 0;

  constructor(n: number) {
    this.n = n;
    this.hiBuf = new Float64Array(n);
    this.loBuf = new Float64Array(n);
    // Slot n is the empty suffix, and every slot is one until the first block completes (see RollingRange).
    this.hiSuf = new Float64Array(n + 1).fill(-Number.MAX_VALUE);
    this.loSuf = new Float64Array(n + 1).fill(Number.MAX_VALUE);
    this.hiSufAt = new Float64Array(n + 1);
    this.loSufAt = new Float64Array(n + 1);
  }

  // Kept under V8's bytecode limit for inlining: a call it cannot inline boxes both doubles on every push.
  push(hi: number, lo: number): void {
    const k = this.k;
    const t = this.t;
    this.hiBuf[k] = hi;
    this.loBuf[k] = lo;
    const first = +(k === 0);
    const ch = first | +(hi >= this.hiPre);
    const cl = first | +(lo <= this.loPre);
    const hp = ch * hi + (1 - ch) * this.hiPre;
    const lp = cl * lo + (1 - cl) * this.loPre;
    const hpa = ch * t + (1 - ch) * this.hiPreAt;
    const lpa = cl * t + (1 - cl) * this.loPreAt;
    this.hiPre = hp;
    this.loPre = lp;
    this.hiPreAt = hpa;
    this.loPreAt = lpa;
    this.t = t + 1;
    // The prefix (newer) wins ties against the previous block's suffix; past the block's end the suffix is empty.
    const j = k + 1;
    const sh = this.hiSuf[j];
    const sl = this.loSuf[j];
    const dh = +(hp >= sh);
    const dl = +(lp <= sl);
    this.hi = dh * hp + (1 - dh) * sh;
    this.lo = dl * lp + (1 - dl) * sl;
    this.hiAt = dh * hpa + (1 - dh) * this.hiSufAt[j];
    this.loAt = dl * lpa + (1 - dl) * this.loSufAt[j];
    if (j === this.n) {
      this.k = 0;
      this.closeBlock(t - k);
    } else {
      this.k = j;
    }
  }

  /** Suffix extremes and their update numbers for the block just completed; `base` is its first update. */
  private closeBlock(base: number): void {
    const n = this.n;
    const hb = this.hiBuf;
    const lb = this.loBuf;
    const hs = this.hiSuf;
    const ls = this.loSuf;
    const ha = this.hiSufAt;
    const la = this.loSufAt;
    let mh = hb[n - 1];
    let ml = lb[n - 1];
    let ah = base + n - 1;
    let al = ah;
    hs[n - 1] = mh;
    ls[n - 1] = ml;
    ha[n - 1] = ah;
    la[n - 1] = al;
    for (let j = n - 2; j >= 0; j--) {
      const vh = hb[j];
      const vl = lb[j];
      const dh = +(vh > mh);
      const dl = +(vl < ml);
      mh = dh * vh + (1 - dh) * mh;
      ml = dl * vl + (1 - dl) * ml;
      ah = dh * (base + j) + (1 - dh) * ah;
      al = dl * (base + j) + (1 - dl) * al;
      hs[j] = mh;
      ls[j] = ml;
      ha[j] = ah;
      la[j] = al;
    }
  }

  get high(): number {
    return this.hi;
  }

  get low(): number {
    return this.lo;
  }

  /** Pushes since the most recent highest `hi`: 0 when it is the latest. */
  get highAge(): number {
    return this.t - 1 - this.hiAt;
  }

  /** Pushes since the most recent lowest `lo`. */
  get lowAge(): number {
    return this.t - 1 - this.loAt;
  }

  get full(): boolean {
    return this.t >= this.n;
  }
}
