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
  /** Float mirror of cash for the hot path (sizing, equity curve). */
  cashNum = 0;
  /** Number of symbols with a non-zero position (a projection kept for the hot path). */
  openPositionCount = 0;
  /** Called after each append (e.g. to persist the entry); must not throw. */
  private readonly listeners: ((e: LedgerEntry) => void)[] = [];

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

  private push(e: LedgerEntry): void {
    this.log.push(e);
    applyEntry(this, e);
    // Mirror only (sizing, curves): one conversion, no bigint division; the bigint is the truth.
    this.cashNum = Number(this.cashFixed) / 1e12;
    for (const l of this.listeners) l(e);
  }

  /** @internal used by applyEntry */
  mutate(kind: 'deposit' | 'realized' | 'fee' | 'funding', amount: Fixed): void {
    switch (kind) {
      case 'deposit':
        this.deposits += amount;
        this.cashFixed += amount;
        return;
      case 'realized':
        this.realized += amount;
        this.cashFixed += amount;
        return;
      case 'fee':
        this.fees += amount;
        this.cashFixed -= amount;
        return;
      case 'funding':
        this.funding += amount;
        this.cashFixed += amount;
        return;
    }
  }

  /** @internal */
  positionState(symbol: string): PositionState {
    let p = this.positions.get(symbol);
    if (!p) {
      p = newPosition(symbol);
      this.positions.set(symbol, p);
    }
    return p;
  }

  /** @internal */
  noteFillId(id: string): void {
    this.fillIds.add(id);
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
    for (const e of this.log) applyEntry(fresh, e);
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

function applyEntry(l: Ledger, e: LedgerEntry): void {
  switch (e.kind) {
    case 'deposit':
      l.mutate('deposit', e.amount);
      return;
    case 'fill': {
      l.noteFillId(e.fillId);
      const p = l.positionState(e.symbol);
      const wasOpen = p.qty !== 0n;
      const r = applyFill(p, e.side, e.qty, e.price, e.multiplier);
      l.openPositionCount += (p.qty !== 0n ? 1 : 0) - (wasOpen ? 1 : 0);
      p.fees += e.fee;
      l.mutate('realized', r);
      l.mutate('fee', e.fee);
      return;
    }
    case 'funding': {
      l.positionState(e.symbol).funding += e.amount;
      l.mutate('funding', e.amount);
      return;
    }
    default: {
      const never: never = e;
      throw new InvariantError(`unknown ledger entry ${JSON.stringify(never)}`);
    }
  }
}

// Cold paths kept out of recordFill (a formatted throw inline slows V8's code for the hot path).
function nonPositiveFill(fillId: string): never {
  throw new InvariantError(`fill ${fillId}: qty and price must be positive`);
}

function duplicateFill(fillId: string): never {
  throw new InvariantError(`duplicate fill id ${fillId}`);
}
