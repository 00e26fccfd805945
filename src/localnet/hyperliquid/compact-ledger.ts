// A few ledger entries that rebuild an account's cash and positions exactly: the state file's snapshot of a long ledger.
import type { Ledger } from '../../ledger/ledger.js';
import type { LedgerEntry } from '../../ledger/ledger-entry.js';

/**
 * Entries that, restored into an empty ledger, give the same cash, and per symbol the same signed
 * quantity, exact cost basis, multiplier and funding (the projections the venue reads; realised
 * PnL and fees fold into the cash deposit). A position is opened by one fill at its average price
 * when that is exact, else by two fills (all but one unit at ⌊cost / (qty − 1)⌋, one unit at the
 * rest) whose cost sums to the exact basis.
 */
export function compactLedger(ledger: Ledger): LedgerEntry[] {
  const all = ledger.entries();
  const ts = all.length > 0 ? all[all.length - 1].ts : 0;
  const opening: LedgerEntry[] = [];
  const funding: LedgerEntry[] = [];
  let fundingSum = 0n;
  for (const symbol of ledger.symbols()) {
    const p = ledger.position(symbol);
    if (p.funding !== 0n) {
      funding.push({ kind: 'funding', seq: 0, ts, symbol, amount: p.funding, rate: 0 });
      fundingSum += p.funding;
    }
    if (p.qty === 0n) continue;
    const side = p.qty > 0n ? 'buy' : 'sell';
    const q = p.qty > 0n ? p.qty : -p.qty;
    // cost = Σ signed qty × price (both scaled 10^12): |cost| = q × average price.
    const c = p.cost > 0n ? p.cost : -p.cost;
    const fill = (n: number, qty: bigint, price: bigint): LedgerEntry => ({ kind: 'fill', seq: 0, ts, symbol, side, qty, price, fee: 0n, multiplier: p.multiplier, fillId: `compacted-${symbol}-${n}`, orderId: 'compacted', reason: 'state file compaction' });
    if (c % q === 0n || q === 1n) {
      opening.push(fill(1, q, c / q));
      continue;
    }
    const q1 = q - 1n;
    const p1 = c / q1;
    opening.push(fill(1, q1, p1), fill(2, 1n, c - q1 * p1));
  }
  const deposit: LedgerEntry = { kind: 'deposit', seq: 0, ts, amount: ledger.cash() - fundingSum, note: 'state file compaction: cash' };
  return [deposit, ...opening, ...funding].map((e, i) => ({ ...e, seq: i + 1 }));
}
