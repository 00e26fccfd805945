// The append-only account log, the one source of truth; cash, positions, PnL, fees and funding are projections.
import { InvariantError } from '../core/errors.js';
import { FIXED_ONE, fixedFromNumber, fixedToString, type Fixed } from '../core/fixed.js';
import type { Fill } from '../core/orders.js';
import type { DepositEntry, FillEntry, FundingEntry, LedgerEntry } from './ledger-entry.js';
import { applyFill, newPosition, unrealizedAt, type PositionState } from './position-book.js';

export interface LedgerTotals {
  readonly deposits: Fixed;
  readonly realized: Fixed;
  readonly fees: Fixed;
  readonly funding: Fixed;
  readonly cash: Fixed;
}

export class Ledger {
  private readonly log: LedgerEntry[] = [];
  private readonly positions = new Map<string, PositionState>();
  private readonly fillIds = new Set<string>();
  private deposits: Fixed = 0n;
  private realized: Fixed = 0n;
  private fees: Fixed = 0n;
  private funding: Fixed = 0n;
  private cashFixed: Fixed = 0n;
  private cashMirror = 0;
  private openCount = 0;
  /** Called after each append (e.g. to persist the entry); must not throw. */
  private readonly listeners: ((e: LedgerEntry) => void)[] = [];

  /** Float mirror of cash for the hot path (sizing, equity curve); the bigint `cash()` is the truth. */
  get cashNum(): number {
    return this.cashMirror;
  }

  /** Number of symbols with a non-zero position (a projection kept for the hot path). */
  get openPositionCount(): number {
    return this.openCount;
  }

  onAppend(listener: (e: LedgerEntry) => void): void {
    this.listeners.push(listener);
  }

  deposit(ts: number, amount: Fixed, note = 'deposit'): DepositEntry {
    const e: DepositEntry = Object.freeze({ kind: 'deposit', seq: this.log.length + 1, ts, amount, note });
    this.push(e);
    return e;
  }

  /** Records a venue fill. Duplicate fill ids are an invariant breach (fills are unique per venue). */
  recordFill(fill: Fill, multiplier: number): FillEntry {
    if (!(fill.qty > 0 && fill.price > 0)) nonPositiveFill(fill.fillId);
    // One hash operation: add, then see whether the set grew (a duplicate leaves it unchanged).
    const known = this.fillIds.size;
    this.fillIds.add(fill.fillId);
    if (this.fillIds.size === known) duplicateFill(fill.fillId);
    // Not frozen: readonly by type; freezing costs more than the rest of a fill on the hot path.
    const e: FillEntry = {
      kind: 'fill',
      seq: this.log.length + 1,
      ts: fill.ts,
      symbol: fill.symbol,
      side: fill.side,
      qty: fixedFromNumber(fill.qty),
      price: fixedFromNumber(fill.price),
      fee: fill.fee,
      multiplier: multiplier === 1 ? FIXED_ONE : fixedFromNumber(multiplier),
      fillId: fill.fillId,
      orderId: fill.orderId,
      reason: fill.reason,
    };
    this.push(e);
    return e;
  }

  recordFunding(ts: number, symbol: string, amount: Fixed, rate: number): FundingEntry {
    const e: FundingEntry = Object.freeze({ kind: 'funding', seq: this.log.length + 1, ts, symbol, amount, rate });
    this.push(e);
    return e;
  }

  /**
   * Loads a stored log (entries in seq order from 1) into this empty ledger and rebuilds every
   * projection. Listeners are not called: the entries are stored already.
   */
  restore(entries: readonly LedgerEntry[]): void {
    if (this.log.length > 0) throw new InvariantError(`ledger restore: the ledger already holds ${this.log.length} entries`);
    for (const e of entries) {
      if (e.seq !== this.log.length + 1) throw new InvariantError(`ledger restore: entry seq ${e.seq} where ${this.log.length + 1} was expected`);
      if (e.kind === 'fill' && this.fillIds.has(e.fillId)) duplicateFill(e.fillId);
      this.log.push(e);
      this.apply(e);
    }
    this.cashMirror = Number(this.cashFixed) / 1e12;
  }

  private push(e: LedgerEntry): void {
    this.log.push(e);
    this.apply(e);
    // Mirror only (sizing, curves): one conversion, no bigint division; the bigint is the truth.
    this.cashMirror = Number(this.cashFixed) / 1e12;
    for (const l of this.listeners) l(e);
  }

  /** Folds one entry into the projections (the log itself is the caller's). */
  private apply(e: LedgerEntry): void {
    switch (e.kind) {
      case 'deposit':
        this.deposits += e.amount;
        this.cashFixed += e.amount;
        return;
      case 'fill': {
        this.fillIds.add(e.fillId);
        const p = this.positionState(e.symbol);
        const wasOpen = p.qty !== 0n;
        const r = applyFill(p, e.side, e.qty, e.price, e.multiplier);
        this.openCount += (p.qty !== 0n ? 1 : 0) - (wasOpen ? 1 : 0);
        p.fees += e.fee;
        this.realized += r;
        this.fees += e.fee;
        this.cashFixed += r - e.fee;
        return;
      }
      case 'funding':
        this.positionState(e.symbol).funding += e.amount;
        this.funding += e.amount;
        this.cashFixed += e.amount;
        return;
      default: {
        const never: never = e;
        throw new InvariantError(`unknown ledger entry ${JSON.stringify(never)}`);
      }
    }
  }

  private positionState(symbol: string): PositionState {
    let p = this.positions.get(symbol);
    if (!p) {
      p = newPosition(symbol);
      this.positions.set(symbol, p);
    }
    return p;
  }

  entries(): readonly LedgerEntry[] {
    return this.log;
  }

  cash(): Fixed {
    return this.cashFixed;
  }

  totals(): LedgerTotals {
    return { deposits: this.deposits, realized: this.realized, fees: this.fees, funding: this.funding, cash: this.cashFixed };
  }

  /** The live position of `symbol` (a projection; do not mutate). */
  position(symbol: string): Readonly<PositionState> {
    return this.positionState(symbol);
  }

  symbols(): string[] {
    return [...this.positions.keys()].sort();
  }

  /** Equity = cash + Σ unrealised PnL at the given marks (exact). Missing marks are an error. */
  equityAt(marks: ReadonlyMap<string, number>): Fixed {
    let eq = this.cashFixed;
    for (const [sym, p] of this.positions) {
      if (p.qty === 0n) continue;
      const m = marks.get(sym);
      if (m === undefined) throw new InvariantError(`no mark price for open position ${sym}`);
      eq += unrealizedAt(p, fixedFromNumber(m));
    }
    return eq;
  }

  /**
   * Rebuilds every projection from the log alone and checks it equals the incremental state, and
   * that cash = deposits + realised − fees + funding and position = Σ signed fills, exactly.
   * Throws InvariantError naming the first difference.
   */
  checkInvariants(): void {
    const fresh = new Ledger();
    fresh.restore(this.log);
    const a = this.totals();
    const b = fresh.totals();
    for (const k of ['deposits', 'realized', 'fees', 'funding', 'cash'] as const) {
      if (a[k] !== b[k]) throw new InvariantError(`ledger ${k} ${fixedToString(a[k])} ≠ rebuilt ${fixedToString(b[k])}`);
    }
    if (a.cash !== a.deposits + a.realized - a.fees + a.funding) throw new InvariantError('cash ≠ deposits + realised − fees + funding');
    const sums = new Map<string, Fixed>();
    for (const e of this.log) if (e.kind === 'fill') sums.set(e.symbol, (sums.get(e.symbol) ?? 0n) + (e.side === 'buy' ? e.qty : -e.qty));
    for (const [sym, p] of this.positions) {
      // `position(sym)` creates an empty state on first read (the venue reads every instrument), so
      // a symbol never traded has no rebuilt state: compare it with an empty one, not fail.
      const q = fresh.positionState(sym);
      if (q.qty !== p.qty || q.cost !== p.cost || q.realized !== p.realized) throw new InvariantError(`position ${sym} differs from its rebuild`);
      if ((sums.get(sym) ?? 0n) !== p.qty) throw new InvariantError(`position ${sym} ≠ Σ signed fills`);
      if (p.qty === 0n && p.cost !== 0n) throw new InvariantError(`flat position ${sym} keeps cost basis`);
    }
    let realizedSum = 0n;
    for (const p of this.positions.values()) realizedSum += p.realized;
    if (realizedSum !== a.realized) throw new InvariantError('Σ position realised ≠ ledger realised');
  }
}

// Cold paths kept out of recordFill (a formatted throw inline slows V8's code for the hot path).
function nonPositiveFill(fillId: string): never {
  throw new InvariantError(`fill ${fillId}: qty and price must be positive`);
}

function duplicateFill(fillId: string): never {
  throw new InvariantError(`duplicate fill id ${fillId}`);
}
