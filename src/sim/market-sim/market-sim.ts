// The market simulator: every symbol stepped on one time grid, merged into one time-ordered envelope stream, pulled up to a time.
import type { Envelope } from '../../core/envelope.js';
import { BadInputError, InvariantError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { bookEvent, tradeEvent } from '../../market/market-events.js';
import { fundingSettledEvent, liquidationEvent, perpCtxEvent } from '../../market/perp-events.js';
import type { SimRecord, TradeIds } from './sim-records.js';
import type { SimSymbolSpec } from './sim-instruments.js';
import { SymbolSim, type SymbolStatus } from './symbol-sim.js';

export interface MarketSimOptions {
  readonly symbols: readonly SimSymbolSpec[];
  /** A whole number ≥ 0; the same (symbols, seed, start) give the same stream. */
  readonly seed: number;
  /** ms UTC; the first step is the first step-grid time at or after it. */
  readonly start: number;
  /** Book and trade step, ms (default 500, about the venue's l2Book pace); must divide 5 000. */
  readonly stepMs?: number;
  /** Asset context every this many ms (default 1 000); a multiple of the step. */
  readonly contextEveryMs?: number;
  /** Envelope source (default `sim`). */
  readonly source?: string;
  /** Venue name of the instruments (default `sim`). */
  readonly venue?: string;
}

/**
 * Deterministic: each symbol has its own rng seeded from (seed, name), so a symbol's path does not
 * depend on which others run beside it; records of one step are ordered by time, then symbol order,
 * then generation order; seqs are given in stream order. How the stream is pulled (in what time
 * chunks) does not change it.
 */
export class MarketSim {
  readonly source: string;
  readonly stepMs: number;
  readonly contextEveryMs: number;
  private readonly sims: SymbolSim[];
  private readonly bySymbol = new Map<string, SymbolSim>();
  /** Start of the next step to generate. */
  private t: number;
  private readonly pending: SimRecord[] = [];
  private head = 0;
  private seq = 0;
  private tid: number;
  private readonly ids: TradeIds;

  constructor(opts: MarketSimOptions) {
    const where = 'market simulator';
    if (!(Number.isSafeInteger(opts.seed) && opts.seed >= 0)) throw new BadInputError(`${where} seed`, `must be a whole number ≥ 0, got ${opts.seed}`);
    if (!Number.isFinite(opts.start)) throw new BadInputError(`${where} start`, `must be a time in ms, got ${opts.start}`);
    if (opts.symbols.length === 0) throw new BadInputError(`${where} symbols`, 'needs at least one symbol');
    this.stepMs = opts.stepMs ?? 500;
    if (!(Number.isInteger(this.stepMs) && this.stepMs > 0 && 5_000 % this.stepMs === 0)) throw new BadInputError(`${where} stepMs`, `must divide 5000 ms, got ${this.stepMs}`);
    this.contextEveryMs = opts.contextEveryMs ?? 1_000;
    if (!(Number.isInteger(this.contextEveryMs) && this.contextEveryMs > 0 && this.contextEveryMs % this.stepMs === 0)) {
      throw new BadInputError(`${where} contextEveryMs`, `must be a multiple of the step (${this.stepMs} ms), got ${this.contextEveryMs}`);
    }
    this.source = opts.source ?? 'sim';
    this.t = Math.ceil(opts.start / this.stepMs) * this.stepMs;
    // Trade ids look like the venue's (large, increasing) and differ per seed.
    this.tid = 1e12 + (opts.seed % 1_000_000) * 1e6;
    this.ids = { next: () => ++this.tid };
    this.sims = opts.symbols.map((spec) => new SymbolSim(spec, createRng(symbolSeed(opts.seed, spec.name)), this.stepMs, this.t, opts.venue ?? 'sim'));
    for (const s of this.sims) this.bySymbol.set(s.spec.name, s);
  }

  /** Events up to here are generated: every event still to come has tsEvent ≥ this. */
  get time(): number {
    return this.head < this.pending.length ? this.pending[this.head].ts : this.t;
  }

  /** Every event with tsEvent < `until` not yet returned, in stream order. */
  next(until: number): Envelope[] {
    const out: Envelope[] = [];
    this.pull(until, (e) => void out.push(e));
    return out;
  }

  /** As `next`, handing each envelope to `sink` (no array for long fast runs). Returns how many. */
  pull(until: number, sink: (e: Envelope) => void): number {
    let n = 0;
    for (;;) {
      while (this.head < this.pending.length) {
        const r = this.pending[this.head];
        if (r.ts >= until) return n;
        this.head++;
        sink(this.envelope(r));
        n++;
      }
      if (this.t >= until) return n;
      this.generateStep();
    }
  }

  /**
   * Jumps the step grid to `t` without generating what lies between (a paused market resumes
   * where it was): pending events are dropped. A live feed uses it after a long suspension.
   */
  skipTo(t: number): void {
    const next = Math.ceil(t / this.stepMs) * this.stepMs;
    if (next <= this.t) return;
    this.t = next;
    this.pending.length = 0;
    this.head = 0;
  }

  symbols(): readonly string[] {
    return this.sims.map((s) => s.spec.name);
  }

  status(symbol: string): SymbolStatus {
    const s = this.bySymbol.get(symbol);
    if (s === undefined) throw new BadInputError('symbol', `not simulated: ${symbol} (simulated: ${this.symbols().join(', ')})`);
    return s.status();
  }

  /** Counters for tests and progress lines: regime switches, jumps, liquidations per symbol. */
  counters(symbol: string): { switches: number; jumps: number; liquidations: number } {
    const s = this.bySymbol.get(symbol);
    if (s === undefined) throw new BadInputError('symbol', `not simulated: ${symbol}`);
    return { switches: s.regimes.switches, jumps: s.jumps, liquidations: s.liquidations };
  }

  private generateStep(): void {
    this.pending.length = 0;
    this.head = 0;
    const t = this.t;
    const per: SimRecord[][] = [];
    for (const s of this.sims) {
      const recs: SimRecord[] = [];
      s.step(t, this.contextEveryMs, this.ids, recs);
      per.push(recs);
    }
    // Merge by time; ties keep symbol order, then generation order (a stable sort of the concatenation).
    for (const recs of per) for (const r of recs) this.pending.push(r);
    this.pending.sort((a, b) => a.ts - b.ts);
    this.t = t + this.stepMs;
  }

  private envelope(r: SimRecord): Envelope {
    const seq = ++this.seq;
    const src = this.source;
    switch (r.kind) {
      case 'book':
        return bookEvent(r.symbol, src, seq, r.ts, r.ts, { snapshot: true, bids: r.bids, asks: r.asks });
      case 'trade':
        return tradeEvent(r.symbol, src, seq, r.ts, r.ts, { price: r.price, size: r.size, side: r.side, tradeId: String(r.tid) });
      case 'ctx':
        return perpCtxEvent(r.symbol, src, seq, r.ts, r.ts, r.ctx);
      case 'funding':
        return fundingSettledEvent(r.symbol, src, seq, r.ts, r.ts, { rate: r.rate, premium: r.premium });
      case 'liquidation':
        return liquidationEvent(r.symbol, src, seq, r.ts, r.ts, { positionSide: r.positionSide, price: r.price, size: r.size });
      default: {
        const never: never = r;
        throw new InvariantError(`market simulator: unknown record kind in ${JSON.stringify(never)}`);
      }
    }
  }
}

/** Folds the seed and the symbol's name into one 32-bit rng seed. */
function symbolSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) ^ h) >>> 0;
}
