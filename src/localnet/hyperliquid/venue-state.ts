// The local venue's saved state: the records of its state file (a full snapshot or what one save changed), read and checked at the edge.
import { BadInputError } from '../../core/errors.js';
import type { Fixed } from '../../core/fixed.js';
import type { LedgerEntry } from '../../ledger/ledger-entry.js';
import type { WireFill } from './account.js';
import type { OrderRecord, OrderStatus, OrderType } from './order-record.js';
import type { TwapRecord, TwapStatus } from './twap-orders.js';
import type { IdCounters } from './venue-ids.js';
import { NONCES_KEPT } from './nonce-guard.js';

/** First line of a state file; a file of another format or version is refused, never read as empty. */
export const STATE_FORMAT = 'sextant-local-venue-state';
export const STATE_VERSION = 1;

/** An order as saved: its children (normalTpsl orders waiting for it) by oid. */
export type SavedOrder = Omit<OrderRecord, 'children'> & { readonly children: readonly number[] };

/** One account in a record: appended ledger entries and fills, changed orders and TWAPs, and every scalar. */
export interface SavedAccount {
  readonly address: string;
  /**
   * True in a snapshot (and for an account new since the last save): the record replaces what
   * came before, its ledger compacted (see compact-ledger.ts), its finished orders the newest only.
   */
  readonly whole: boolean;
  /** Ledger entries past those saved before (numbered as the running venue numbers them), or the whole compacted ledger. */
  readonly ledger: readonly LedgerEntry[];
  /** How many entries the running venue's ledger held at this save (the next delta goes on from it). */
  readonly ledgerLength: number;
  /** Fills past those saved before, oldest first (the newest kept ones in a snapshot). */
  readonly fills: readonly WireFill[];
  readonly fillSeq: number;
  /** Orders changed since the last save (all of them in a snapshot). */
  readonly orders: readonly SavedOrder[];
  /** Oids of the open orders, in placement order (always whole). */
  readonly open: readonly number[];
  readonly leverage: readonly (readonly [string, 'cross' | 'isolated', number])[];
  readonly isolatedMargin: readonly (readonly [string, number])[];
  readonly spotUsdc: Fixed;
  readonly scheduledCancel: number | null;
  readonly cumVlm: number;
  readonly nRequests: number;
  readonly lastThrottledAction: number | null;
  /** TWAPs changed since the last save (all of them in a snapshot). */
  readonly twaps: readonly TwapRecord[];
  /** The simulated venue's order and fill counters. */
  readonly sim: { readonly orders: number; readonly fills: number };
}

/** One line of the file after the header: what one save wrote (or, first, the whole state). */
export interface StateRecord {
  readonly ids: IdCounters;
  /** Signers whose nonces were dropped (a replaced API wallet), applied before `nonces`. */
  readonly forgotten: readonly string[];
  /** Nonces used since the last save, per signer (every kept one in a snapshot). */
  readonly nonces: readonly (readonly [string, readonly number[]])[];
  /** The whole API wallet table as [account, name, agent], when it changed. */
  readonly agents?: readonly (readonly [string, string, string])[];
  readonly accounts: readonly SavedAccount[];
}

// ---- writing -----------------------------------------------------------------------------------

/** JSON with bigints (Fixed amounts) as decimal strings of their raw value. */
export function encodeRecord(r: StateRecord): string {
  return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export function saveOrder(o: OrderRecord): SavedOrder {
  return { ...o, children: o.children.map((c) => c.oid) };
}

// ---- reading -----------------------------------------------------------------------------------

/** Reads values of one record, naming the file, its line and the field in every refusal. */
class Reader {
  constructor(private readonly where: string) {}

  fail(field: string, reason: string): never {
    throw new BadInputError(this.where, `${field}: ${reason} (the state file is damaged or not a state file; refusing to start over it)`);
  }

  obj(v: unknown, field: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(field, 'expected an object');
    return v as Record<string, unknown>;
  }

  arr(v: unknown, field: string): unknown[] {
    if (!Array.isArray(v)) this.fail(field, 'expected an array');
    return v;
  }

  num(v: unknown, field: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(field, 'expected a finite number');
    return v;
  }

  int(v: unknown, field: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(field, 'expected an integer');
    return v;
  }

  numOrNull(v: unknown, field: string): number | null {
    return v === null ? null : this.num(v, field);
  }

  str(v: unknown, field: string): string {
    if (typeof v !== 'string') this.fail(field, 'expected a string');
    return v;
  }

  strOrNull(v: unknown, field: string): string | null {
    return v === null ? null : this.str(v, field);
  }

  bool(v: unknown, field: string): boolean {
    if (typeof v !== 'boolean') this.fail(field, 'expected true or false');
    return v;
  }

  big(v: unknown, field: string): Fixed {
    if (typeof v !== 'string' || !/^-?\d{1,40}$/.test(v)) this.fail(field, 'expected an integer amount as a string');
    return BigInt(v);
  }

  oneOf<T extends string>(v: unknown, field: string, choices: readonly T[]): T {
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) this.fail(field, `expected one of ${choices.join(', ')}`);
    return v as T;
  }
}

const STATUSES: readonly OrderStatus[] = ['open', 'filled', 'canceled', 'triggered', 'rejected', 'marginCanceled', 'reduceOnlyCanceled', 'siblingFilledCanceled', 'scheduledCancel', 'liquidatedCanceled', 'badAloPxRejected', 'iocCancelRejected', 'marketOrderNoLiquidityRejected'];
const ORDER_TYPES: readonly OrderType[] = ['Limit', 'Stop Market', 'Stop Limit', 'Take Profit Market', 'Take Profit Limit'];
const TWAP_STATUSES: readonly TwapStatus[] = ['activated', 'finished', 'terminated', 'error'];

/** Reads the header line; refuses another format or version. */
export function readHeader(line: string, file: string): void {
  const where = `${file}:1`;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw new BadInputError(where, 'not a local venue state file (its first line is not JSON); refusing to start over it', { cause: e });
  }
  const h = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  if (h.format !== STATE_FORMAT) throw new BadInputError(where, `not a local venue state file (format ${JSON.stringify(h.format)}, expected ${JSON.stringify(STATE_FORMAT)}); refusing to start over it`);
  if (h.version !== STATE_VERSION) throw new BadInputError(where, `state file version ${JSON.stringify(h.version)}, this venue reads version ${STATE_VERSION} only; move the file away to start afresh`);
}

export function headerLine(): string {
  return JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION });
}

/** Parses and checks one record line (`where` names the file and line). */
export function readRecord(line: string, where: string): StateRecord {
  const r = new Reader(where);
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    throw new BadInputError(where, 'not JSON (the state file is damaged; refusing to start over it)', { cause: e });
  }
  const o = r.obj(raw, 'record');
  const ids = r.obj(o.ids, 'ids');
  const nonces = r.arr(o.nonces, 'nonces').map((n, i) => {
    const pair = r.arr(n, `nonces[${i}]`);
    return [r.str(pair[0], `nonces[${i}] signer`), r.arr(pair[1], `nonces[${i}] list`).map((x) => r.int(x, `nonces[${i}] nonce`))] as const;
  });
  const agents = o.agents === undefined ? undefined : r.arr(o.agents, 'agents').map((a, i) => {
    const t = r.arr(a, `agents[${i}]`);
    return [r.str(t[0], `agents[${i}] account`), r.str(t[1], `agents[${i}] name`), r.str(t[2], `agents[${i}] agent`)] as const;
  });
  return {
    ids: { oid: r.int(ids.oid, 'ids.oid'), tid: r.int(ids.tid, 'ids.tid'), hashes: r.int(ids.hashes, 'ids.hashes'), twap: r.int(ids.twap, 'ids.twap') },
    forgotten: r.arr(o.forgotten, 'forgotten').map((x, i) => r.str(x, `forgotten[${i}]`)),
    nonces,
    ...(agents !== undefined ? { agents } : {}),
    accounts: r.arr(o.accounts, 'accounts').map((a, i) => readAccount(r, a, `accounts[${i}]`)),
  };
}

function readAccount(r: Reader, raw: unknown, at: string): SavedAccount {
  const a = r.obj(raw, at);
  const sim = r.obj(a.sim, `${at}.sim`);
  return {
    address: r.str(a.address, `${at}.address`),
    whole: r.bool(a.whole, `${at}.whole`),
    ledgerLength: r.int(a.ledgerLength, `${at}.ledgerLength`),
    ledger: r.arr(a.ledger, `${at}.ledger`).map((e, i) => readEntry(r, e, `${at}.ledger[${i}]`)),
    fills: r.arr(a.fills, `${at}.fills`).map((f, i) => readFill(r, f, `${at}.fills[${i}]`)),
    fillSeq: r.int(a.fillSeq, `${at}.fillSeq`),
    orders: r.arr(a.orders, `${at}.orders`).map((x, i) => readOrder(r, x, `${at}.orders[${i}]`)),
    open: r.arr(a.open, `${at}.open`).map((x) => r.int(x, `${at}.open`)),
    leverage: r.arr(a.leverage, `${at}.leverage`).map((x) => {
      const t = r.arr(x, `${at}.leverage`);
      return [r.str(t[0], `${at}.leverage coin`), r.oneOf(t[1], `${at}.leverage type`, ['cross', 'isolated'] as const), r.num(t[2], `${at}.leverage value`)] as const;
    }),
    isolatedMargin: r.arr(a.isolatedMargin, `${at}.isolatedMargin`).map((x) => {
      const t = r.arr(x, `${at}.isolatedMargin`);
      return [r.str(t[0], `${at}.isolatedMargin coin`), r.num(t[1], `${at}.isolatedMargin amount`)] as const;
    }),
    spotUsdc: r.big(a.spotUsdc, `${at}.spotUsdc`),
    scheduledCancel: r.numOrNull(a.scheduledCancel, `${at}.scheduledCancel`),
    cumVlm: r.num(a.cumVlm, `${at}.cumVlm`),
    nRequests: r.int(a.nRequests, `${at}.nRequests`),
    lastThrottledAction: r.numOrNull(a.lastThrottledAction, `${at}.lastThrottledAction`),
    twaps: r.arr(a.twaps, `${at}.twaps`).map((x, i) => readTwap(r, x, `${at}.twaps[${i}]`)),
    sim: { orders: r.int(sim.orders, `${at}.sim.orders`), fills: r.int(sim.fills, `${at}.sim.fills`) },
  };
}

function readEntry(r: Reader, raw: unknown, at: string): LedgerEntry {
  const e = r.obj(raw, at);
  const seq = r.int(e.seq, `${at}.seq`);
  const ts = r.num(e.ts, `${at}.ts`);
  switch (e.kind) {
    case 'deposit':
      return { kind: 'deposit', seq, ts, amount: r.big(e.amount, `${at}.amount`), note: r.str(e.note, `${at}.note`) };
    case 'fill':
      return {
        kind: 'fill', seq, ts, symbol: r.str(e.symbol, `${at}.symbol`), side: r.oneOf(e.side, `${at}.side`, ['buy', 'sell'] as const),
        qty: r.big(e.qty, `${at}.qty`), price: r.big(e.price, `${at}.price`), fee: r.big(e.fee, `${at}.fee`), multiplier: r.big(e.multiplier, `${at}.multiplier`),
        fillId: r.str(e.fillId, `${at}.fillId`), orderId: r.str(e.orderId, `${at}.orderId`), reason: r.str(e.reason, `${at}.reason`),
      };
    case 'funding':
      return { kind: 'funding', seq, ts, symbol: r.str(e.symbol, `${at}.symbol`), amount: r.big(e.amount, `${at}.amount`), rate: r.num(e.rate, `${at}.rate`) };
    default:
      return r.fail(`${at}.kind`, 'expected deposit, fill or funding');
  }
}

function readFill(r: Reader, raw: unknown, at: string): WireFill {
  const f = r.obj(raw, at);
  const s = (k: string): string => r.str(f[k], `${at}.${k}`);
  let liquidation: WireFill['liquidation'];
  if (f.liquidation !== undefined) {
    const l = r.obj(f.liquidation, `${at}.liquidation`);
    liquidation = { liquidatedUser: r.str(l.liquidatedUser, `${at}.liquidation.liquidatedUser`), markPx: r.str(l.markPx, `${at}.liquidation.markPx`), method: 'market' };
  }
  // Key order as the venue writes a fill (the recorded frames compare it).
  return {
    coin: s('coin'), px: s('px'), sz: s('sz'), side: r.oneOf(f.side, `${at}.side`, ['B', 'A'] as const), time: r.num(f.time, `${at}.time`),
    startPosition: s('startPosition'), dir: s('dir'), closedPnl: s('closedPnl'), hash: s('hash'), oid: r.int(f.oid, `${at}.oid`),
    crossed: r.bool(f.crossed, `${at}.crossed`), fee: s('fee'), tid: r.int(f.tid, `${at}.tid`),
    ...(f.cloid !== undefined ? { cloid: s('cloid') } : {}),
    ...(liquidation !== undefined ? { liquidation } : {}),
    feeToken: 'USDC', twapId: f.twapId === null ? null : r.int(f.twapId, `${at}.twapId`),
  };
}

function readOrder(r: Reader, raw: unknown, at: string): SavedOrder {
  const o = r.obj(raw, at);
  const n = (k: string): number => r.num(o[k], `${at}.${k}`);
  return {
    oid: r.int(o.oid, `${at}.oid`), cloid: r.strOrNull(o.cloid, `${at}.cloid`), coin: r.str(o.coin, `${at}.coin`), asset: r.int(o.asset, `${at}.asset`),
    side: r.oneOf(o.side, `${at}.side`, ['B', 'A'] as const), limitPx: n('limitPx'), sz: n('sz'), origSz: n('origSz'), timestamp: n('timestamp'),
    tif: o.tif === null ? null : r.oneOf(o.tif, `${at}.tif`, ['Gtc', 'Ioc', 'Alo'] as const), reduceOnly: r.bool(o.reduceOnly, `${at}.reduceOnly`),
    orderType: r.oneOf(o.orderType, `${at}.orderType`, ORDER_TYPES), isTrigger: r.bool(o.isTrigger, `${at}.isTrigger`), triggerPx: n('triggerPx'),
    tpsl: o.tpsl === null ? null : r.oneOf(o.tpsl, `${at}.tpsl`, ['tp', 'sl'] as const), isPositionTpsl: r.bool(o.isPositionTpsl, `${at}.isPositionTpsl`),
    children: r.arr(o.children, `${at}.children`).map((c) => r.int(c, `${at}.children`)), status: r.oneOf(o.status, `${at}.status`, STATUSES),
    statusTimestamp: n('statusTimestamp'), filledSz: n('filledSz'), filledNtl: n('filledNtl'), twapId: o.twapId === null ? null : r.int(o.twapId, `${at}.twapId`),
  };
}

function readTwap(r: Reader, raw: unknown, at: string): TwapRecord {
  const t = r.obj(raw, at);
  const n = (k: string): number => r.num(t[k], `${at}.${k}`);
  return {
    twapId: r.int(t.twapId, `${at}.twapId`), coin: r.str(t.coin, `${at}.coin`), asset: r.int(t.asset, `${at}.asset`), side: r.oneOf(t.side, `${at}.side`, ['B', 'A'] as const),
    sz: n('sz'), szDecimals: r.int(t.szDecimals, `${at}.szDecimals`), minutes: n('minutes'), randomize: r.bool(t.randomize, `${at}.randomize`),
    reduceOnly: r.bool(t.reduceOnly, `${at}.reduceOnly`), timestamp: n('timestamp'), slices: r.int(t.slices, `${at}.slices`), slicesDone: r.int(t.slicesDone, `${at}.slicesDone`),
    executedSz: n('executedSz'), executedNtl: n('executedNtl'),
    history: r.arr(t.history, `${at}.history`).map((h, i) => {
      const x = r.obj(h, `${at}.history[${i}]`);
      const time = r.num(x.time, `${at}.history[${i}].time`);
      const status = r.oneOf(x.status, `${at}.history[${i}].status`, TWAP_STATUSES);
      return x.description === undefined ? { time, status } : { time, status, description: r.str(x.description, `${at}.history[${i}].description`) };
    }),
  };
}

// ---- folding records ---------------------------------------------------------------------------

/** An account as the records so far describe it. */
export interface AccountImage {
  readonly address: string;
  /** The ledger to restore (compacted part, then the entries saved after it, numbered on). */
  ledger: LedgerEntry[];
  /** The running venue's ledger length at the last record (its next entry has seq one more). */
  ledgerLength: number;
  fills: WireFill[];
  orders: Map<number, SavedOrder>;
  twaps: Map<number, TwapRecord>;
  last: SavedAccount;
}

/** The whole state as the records so far describe it. */
export interface StateImage {
  ids: IdCounters;
  readonly nonces: Map<string, readonly number[]>;
  agents: readonly (readonly [string, string, string])[];
  readonly accounts: Map<string, AccountImage>;
}

export function emptyImage(): StateImage {
  return { ids: { oid: 0, tid: 0, hashes: 0, twap: 0 }, nonces: new Map(), agents: [], accounts: new Map() };
}

/**
 * Folds one record into the image. A `whole` account replaces what the image had of it; otherwise
 * its ledger entries must continue the account's sequence (a gap or a repeat means a damaged
 * file). Fills are trimmed to `fillsKept` (with slack: the restore trims them exactly).
 */
export function applyRecord(img: StateImage, rec: StateRecord, where: string, fillsKept: number): void {
  img.ids = rec.ids;
  for (const signer of rec.forgotten) img.nonces.delete(signer);
  for (const [signer, list] of rec.nonces) {
    const merged = [...new Set([...(img.nonces.get(signer) ?? []), ...list])].sort((a, b) => a - b);
    img.nonces.set(signer, merged.slice(-NONCES_KEPT));
  }
  if (rec.agents !== undefined) img.agents = rec.agents;
  for (const a of rec.accounts) {
    const damaged = (what: string): never => {
      throw new BadInputError(where, `account ${a.address}: ${what} (the state file is damaged; refusing to start over it)`);
    };
    let acct = img.accounts.get(a.address);
    if (a.whole) {
      a.ledger.forEach((e, i) => e.seq !== i + 1 && damaged(`ledger entry ${e.seq} where ${i + 1} was expected`));
      acct = { address: a.address, ledger: [...a.ledger], ledgerLength: a.ledgerLength, fills: [], orders: new Map(), twaps: new Map(), last: a };
      img.accounts.set(a.address, acct);
    } else {
      if (acct === undefined) return damaged('changes to an account the file never saved whole');
      for (const e of a.ledger) {
        if (e.seq !== acct.ledgerLength + 1) damaged(`ledger entry ${e.seq} where ${acct.ledgerLength + 1} was expected`);
        acct.ledgerLength++;
        acct.ledger.push({ ...e, seq: acct.ledger.length + 1 });
      }
      if (acct.ledgerLength !== a.ledgerLength) damaged(`ledger length ${a.ledgerLength} where ${acct.ledgerLength} was saved`);
    }
    acct.fills.push(...a.fills);
    if (acct.fills.length > 2 * fillsKept) acct.fills = acct.fills.slice(-fillsKept);
    for (const o of a.orders) acct.orders.set(o.oid, o);
    for (const t of a.twaps) acct.twaps.set(t.twapId, t);
    acct.last = a;
  }
}
