// Saving the local venue's accounts to its state file after each change, and restoring them on start.
import { BadInputError, UnknownOutcomeError } from '../../core/errors.js';
import { Account, FILLS_KEPT } from './account.js';
import { compactLedger } from './compact-ledger.js';
import { requestOf } from './order-entry.js';
import type { OrderRecord } from './order-record.js';
import type { TwapRecord } from './twap-orders.js';
import { encodeRecord, saveOrder, type AccountImage, type SavedAccount, type StateImage, type StateRecord } from './venue-state.js';
import { loadStateFile, VenueStateFile } from './venue-state-file.js';
import type { ApiWallets } from './api-wallets.js';
import type { NonceGuard } from './nonce-guard.js';
import type { VenueIds } from './venue-ids.js';

/** What persistence reads and restores of the venue. */
export interface PersistedVenue {
  readonly ids: VenueIds;
  readonly nonces: NonceGuard;
  readonly agents: ApiWallets;
  accountList(): Iterable<Account>;
  /** Makes an account from a saved ledger (no starting deposit), matching from the current book. */
  restoredAccount(address: string, image: AccountImage): Account;
}

/** What was saved of an account last: its ledger length, fill count and each TWAP's progress. */
interface Saved {
  ledger: number;
  fillSeq: number;
  readonly twaps: Map<number, string>;
}

/** A ledger longer than this is compacted in a snapshot (a shorter one is saved as it is). */
const COMPACT_LEDGER_AT = 16;
/** Finished orders a snapshot keeps per account, the newest (orderStatus of older ones reads "unknownOid" after a restart). */
export const ORDERS_KEPT = 10_000;

/** What a snapshot keeps of an account's orders: every working one (and waiting children), the newest finished ones. */
function ordersKept(acct: Account): OrderRecord[] {
  const all = [...acct.orders.values()];
  if (all.length <= ORDERS_KEPT) return all;
  const working = new Set<OrderRecord>();
  for (const o of acct.open.values()) {
    working.add(o);
    for (const c of o.children) working.add(c);
  }
  const finished = all.filter((o) => !working.has(o)).sort((x, y) => y.statusTimestamp - x.statusTimestamp || y.oid - x.oid).slice(0, ORDERS_KEPT);
  return [...working, ...finished].sort((x, y) => x.oid - y.oid);
}

function twapMark(t: TwapRecord): string {
  return `${t.slicesDone}/${t.history.length}/${t.executedSz}/${t.executedNtl}`;
}

export class VenuePersistence {
  private readonly file: VenueStateFile;
  private readonly saved = new Map<string, Saved>();
  private agentsVersion = -1;
  /** A save that failed: the venue acts no more (what it did since the last save would be forgotten by a restart). */
  private failure: Error | undefined;
  /** Saves made and their total time, ms (the README's cost per action). */
  saves = 0;
  saveMs = 0;

  /**
   * Opens `path`: restores what it holds into the venue (refusing a damaged file or another
   * version), then writes a fresh snapshot of it (dropping a torn last line).
   */
  constructor(path: string, private readonly venue: PersistedVenue, log: (line: string) => void = () => {}) {
    this.file = new VenueStateFile(path);
    const loaded = loadStateFile(path, FILLS_KEPT);
    if (loaded !== undefined) {
      restore(venue, loaded.image);
      if (loaded.tornTail) log(`state file ${path}: dropped a last line cut short by a crash (an action that was never answered)`);
      log(`state file ${path}: restored ${loaded.image.accounts.size} account(s)`);
    }
    try {
      this.writeSnapshot();
    } catch (e) {
      this.file.close();
      throw new BadInputError(path, `cannot write the state file: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Throws the failure of an earlier save: the venue must not act on state it could not save. */
  check(): void {
    if (this.failure !== undefined) throw new UnknownOutcomeError(`local venue: saving its state failed earlier (${this.failure.message}); restart it`, { cause: this.failure });
  }

  /**
   * Saves what changed since the last save (nothing is written when nothing changed). Must run
   * after every state change and before its answer or WebSocket push goes out.
   */
  commit(): void {
    this.check();
    const accounts: SavedAccount[] = [];
    for (const acct of this.venue.accountList()) {
      const s = this.saved.get(acct.address);
      if (s !== undefined && !acct.changed && (acct.touched as Set<OrderRecord>).size === 0 && acct.fillSeq === s.fillSeq && acct.ledger.entries().length === s.ledger) continue;
      accounts.push(this.accountRecord(acct, s));
    }
    const nonces = this.venue.nonces.takeChanged();
    const agentsChanged = this.venue.agents.version !== this.agentsVersion;
    if (accounts.length === 0 && nonces.added.length === 0 && nonces.forgotten.length === 0 && !agentsChanged) return;
    const rec: StateRecord = {
      ids: this.venue.ids.counters(),
      forgotten: nonces.forgotten,
      nonces: nonces.added,
      ...(agentsChanged ? { agents: this.venue.agents.entries() } : {}),
      accounts,
    };
    this.write(() => {
      this.file.append(encodeRecord(rec));
      // The appended lines outweigh the state: one snapshot replaces them (amortised, a write's cost stays flat).
      if (this.file.wantsSnapshot) this.writeSnapshot();
    });
    this.agentsVersion = this.venue.agents.version;
  }

  /** Replaces the file by a snapshot of the whole state now (what a long journal triggers by itself). */
  compact(): void {
    this.check();
    this.write(() => this.writeSnapshot());
  }

  close(): void {
    this.file.close();
  }

  private write(f: () => void): void {
    const t0 = performance.now();
    try {
      f();
    } catch (e) {
      this.failure = e as Error;
      this.check();
    }
    this.saves++;
    this.saveMs += performance.now() - t0;
  }

  /** The whole state as one record, replacing the file. */
  private writeSnapshot(): void {
    this.saved.clear();
    const accounts = [...this.venue.accountList()].map((a) => this.accountRecord(a, undefined));
    this.venue.nonces.takeChanged();
    const rec: StateRecord = { ids: this.venue.ids.counters(), forgotten: [], nonces: this.venue.nonces.all(), agents: this.venue.agents.entries(), accounts };
    this.file.writeSnapshot(encodeRecord(rec));
    this.agentsVersion = this.venue.agents.version;
  }

  /** The account's record: everything when `s` is undefined, else what changed since `s`; then marks it saved. */
  private accountRecord(acct: Account, s: Saved | undefined): SavedAccount {
    const touched = acct.touched as Set<OrderRecord>;
    const entries = acct.ledger.entries();
    const newFills = s === undefined ? acct.fills.length : Math.min(acct.fillSeq - s.fillSeq, acct.fills.length);
    const twaps: TwapRecord[] = [];
    const marks = s?.twaps ?? new Map<number, string>();
    for (const t of acct.twaps.values()) {
      const m = twapMark(t);
      if (marks.get(t.twapId) === m) continue;
      marks.set(t.twapId, m);
      twaps.push(t);
    }
    const whole = s === undefined;
    const out: SavedAccount = {
      address: acct.address,
      whole,
      ledger: !whole ? entries.slice(s.ledger) : entries.length > COMPACT_LEDGER_AT ? compactLedger(acct.ledger) : entries,
      ledgerLength: entries.length,
      fills: acct.fills.slice(acct.fills.length - Math.min(newFills, FILLS_KEPT)),
      fillSeq: acct.fillSeq,
      orders: (whole ? ordersKept(acct) : [...touched]).map(saveOrder),
      open: [...acct.open.keys()],
      leverage: [...acct.leverage].map(([coin, l]) => [coin, l.type, l.value] as const),
      isolatedMargin: [...acct.isolatedMargin],
      spotUsdc: acct.spotUsdc,
      scheduledCancel: acct.scheduledCancel ?? null,
      cumVlm: acct.cumVlm,
      nRequests: acct.nRequests,
      lastThrottledAction: acct.lastThrottledAction ?? null,
      twaps,
      sim: acct.venue.counters(),
    };
    touched.clear();
    acct.changed = false;
    this.saved.set(acct.address, { ledger: entries.length, fillSeq: acct.fillSeq, twaps: marks });
    return out;
  }
}

/** Puts the image's accounts, nonces, API wallets and id counters into the (new, empty) venue. */
function restore(venue: PersistedVenue, img: StateImage): void {
  venue.ids.resume(img.ids);
  for (const [signer, list] of img.nonces) venue.nonces.restore(signer, list);
  venue.agents.restore(img.agents);
  for (const a of img.accounts.values()) venue.restoredAccount(a.address, a);
}

/** Refuses an image that names coins the venue does not trade (or at another asset index): `--symbols` changed. */
export function checkMarkets(img: AccountImage, assetOf: (coin: string) => number | undefined, where: string): void {
  const coins = new Map<string, number | undefined>();
  for (const o of img.orders.values()) if (o.status === 'open' || o.status === 'triggered') coins.set(o.coin, o.asset);
  for (const e of img.ledger) if (e.kind === 'fill' && !coins.has(e.symbol)) coins.set(e.symbol, undefined);
  for (const [coin, asset] of coins) {
    const now = assetOf(coin);
    if (now === undefined) throw new BadInputError(where, `account ${img.address} has orders or fills in ${coin}, which this venue does not trade: start it with the --symbols the state file was made with`);
    if (asset !== undefined && asset !== now) throw new BadInputError(where, `account ${img.address} has orders in ${coin} as asset ${asset}, but this venue trades ${coin} as asset ${now}: start it with the --symbols the state file was made with`);
  }
}

/**
 * Fills a new account (made on the saved ledger) with the saved rest: scalars, fills, orders
 * (children re-linked), TWAPs, and the open orders put back into its matching engine as they
 * rested: they act on the new market from its next trade.
 */
export function restoreAccountState(acct: Account, img: AccountImage): void {
  const last = img.last;
  // Coins the venue no longer trades (checkMarkets let them through: no orders or fills there) are skipped.
  const traded = new Set(acct.markets.map((m) => m.spec.name));
  for (const [coin, type, value] of last.leverage) {
    if (!traded.has(coin)) continue;
    acct.leverage.set(coin, { type, value });
    acct.venue.setLeverage(coin, value);
  }
  for (const [coin, amount] of last.isolatedMargin) if (traded.has(coin)) acct.isolatedMargin.set(coin, amount);
  acct.spotUsdc = last.spotUsdc;
  acct.scheduledCancel = last.scheduledCancel ?? undefined;
  acct.cumVlm = last.cumVlm;
  acct.nRequests = last.nRequests;
  acct.lastThrottledAction = last.lastThrottledAction ?? undefined;
  acct.fills.push(...img.fills.slice(-FILLS_KEPT));
  acct.fillSeq = last.fillSeq;
  const records = new Map<number, OrderRecord>();
  for (const o of [...img.orders.values()].sort((x, y) => x.oid - y.oid)) records.set(o.oid, { ...o, children: [] });
  for (const o of img.orders.values()) {
    const rec = records.get(o.oid) as OrderRecord;
    for (const c of o.children) {
      const child = records.get(c);
      if (child !== undefined) rec.children.push(child);
    }
  }
  for (const rec of records.values()) acct.track(rec);
  for (const t of img.twaps.values()) acct.twaps.set(t.twapId, t);
  acct.venue.resumeCounters(last.sim);
  for (const oid of last.open) {
    const rec = records.get(oid);
    if (rec === undefined) continue;
    acct.open.set(oid, rec);
    acct.venue.restoreWorking(String(oid), requestOf(rec), rec.status === 'triggered');
  }
  acct.touched?.clear();
}
