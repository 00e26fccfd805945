// TWAP orders at the local venue: checks at placement, a slice every 30 s of the injected clock (an IOC within 3 % of the mid), cancel, twapHistory.
import { roundPrice } from '../../core/instrument.js';
import type { Account } from './account.js';
import { placeTwapSlice, type EntryContext } from './order-entry.js';
import { mix32 } from './venue-ids.js';
import { invariant } from '../../core/errors.js';
import { unsignedDecimal } from '../../venues/hyperliquid/wire/decimal.js';
import type { TwapWire, UnsignedDecimal } from './wire-actions.js';
import { wireNumber } from '../../venues/hyperliquid/actions/index.js';

/** The venue slices a TWAP every 30 seconds. */
export const TWAP_SLICE_MS = 30_000;
/** Each slice is a market order accepting at most 3 % slippage from the mid. */
export const TWAP_MAX_SLIPPAGE = 0.03;
/** A slice catching up on earlier shortfalls is at most this many nominal slices. */
const CATCH_UP_LIMIT = 3;
/** With `randomize`, a slice moves by up to this much either side of its 30 s mark. */
const RANDOM_SHIFT_MS = 10_000;
const EPS = 1e-9;

export type TwapStatus = 'activated' | 'finished' | 'terminated' | 'error';

export interface TwapRecord {
  readonly twapId: number;
  readonly coin: string;
  readonly asset: number;
  readonly side: 'B' | 'A';
  readonly sz: number;
  readonly szDecimals: number;
  readonly minutes: number;
  readonly randomize: boolean;
  readonly reduceOnly: boolean;
  /** Placement time (ms); slice k is due at timestamp + k × 30 s (shifted when randomized). */
  readonly timestamp: number;
  readonly slices: number;
  slicesDone: number;
  executedSz: number;
  executedNtl: number;
  /** Every status the TWAP went through, oldest first: `activated`, then how it ended. */
  readonly history: { readonly time: number; readonly status: TwapStatus; readonly description?: string }[];
}

function statusOf(t: TwapRecord): TwapStatus {
  return (t.history.at(-1) as { status: TwapStatus }).status;
}

function end(t: TwapRecord, now: number, status: Exclude<TwapStatus, 'activated'>, description?: string): void {
  t.history.push(description === undefined ? { time: now, status } : { time: now, status, description });
}

/** A slice's price or size as the order checks read a wire order's numbers. */
function decimalOf(x: number): UnsignedDecimal {
  const d = unsignedDecimal(wireNumber(x));
  invariant(d !== undefined, `TWAP slice number out of the wire range: ${x}`);
  return d;
}

/** Drops the venue's ` asset=N` suffix: twapHistory reports the bare order error. */
function bare(message: string): string {
  return message.replace(/ asset=\d+$/, '');
}

/**
 * twapOrder: the checks the venue makes before it starts (asset, size on the lot, duration, a
 * reduce-only TWAP against the position, the $10 minimum on the whole size), then a running TWAP
 * whose first slice executes when the account settles.
 */
export function startTwap(ctx: EntryContext, acct: Account, w: TwapWire, twapId: () => number): { running: { twapId: number } } | { error: string } {
  const m = ctx.market(w.a);
  const tag = `asset=${w.a}`;
  if (m === undefined) return { error: `Order has invalid asset. ${tag}` };
  if (w.m < 5 || w.m > 1_440) return { error: `Invalid TWAP duration: ${w.m} min(s)` };
  if (w.s.decimals > m.spec.szDecimals) return { error: `Order has invalid size. ${tag}` };
  const sz = w.s.value;
  if (sz === 0) return { error: `Order has zero size. ${tag}` };
  const pos = acct.position(m.spec.name);
  if (w.r && (pos === 0 || pos > 0 === w.b)) return { error: `Reduce only order would increase position. ${tag}` };
  if (!w.r && sz * m.midPx() < 10 - EPS) return { error: `Order must have minimum value of $10. ${tag}` };
  const now = acct.now();
  const t: TwapRecord = {
    twapId: twapId(),
    coin: m.spec.name,
    asset: w.a,
    side: w.b ? 'B' : 'A',
    sz,
    szDecimals: m.spec.szDecimals,
    minutes: w.m,
    randomize: w.t,
    reduceOnly: w.r,
    timestamp: now,
    slices: (w.m * 60_000) / TWAP_SLICE_MS,
    slicesDone: 0,
    executedSz: 0,
    executedNtl: 0,
    history: [{ time: now, status: 'activated' }],
  };
  acct.twaps.set(t.twapId, t);
  return { running: { twapId: t.twapId } };
}

/** twapCancel: stops a running TWAP of `asset`; what it executed stays executed. */
export function cancelTwap(acct: Account, asset: number, twapId: number): 'success' | { error: string } {
  const t = acct.twaps.get(twapId);
  if (t === undefined || t.asset !== asset || statusOf(t) !== 'activated') return { error: 'TWAP was never placed, already canceled, or filled.' };
  end(t, acct.now(), 'terminated');
  return 'success';
}

/** When slice `k` (0-based) is due. Randomized TWAPs shift slices after the first by a deterministic amount per (id, slice). */
function dueAt(t: TwapRecord, k: number): number {
  const base = t.timestamp + k * TWAP_SLICE_MS;
  if (!t.randomize || k === 0) return base;
  const u = mix32(t.twapId * 65_537 + k) / 0x1_0000_0000;
  return base + Math.round((2 * u - 1) * RANDOM_SHIFT_MS);
}

/** The size of the next slice: the remainder spread over the slices left, catching up at most 3×, truncated to the lot. */
function sliceSize(t: TwapRecord): number {
  const remaining = t.sz - t.executedSz;
  const left = t.slices - t.slicesDone;
  const target = left <= 1 ? remaining : Math.min(remaining / left, (CATCH_UP_LIMIT * t.sz) / t.slices, remaining);
  const scale = 10 ** t.szDecimals;
  return Math.floor(target * scale + EPS) / scale;
}

/**
 * Executes the slices of `acct`'s running TWAPs that are due by now, each an IOC at the current
 * book within 3 % of the mid, reduce-only when the TWAP is. A slice the venue refuses ends the TWAP
 * with `error` and the refusal; a reduce-only TWAP whose position is gone has finished. True when
 * any TWAP moved (a slice ran or one ended).
 */
export function runDueTwaps(ctx: EntryContext, acct: Account): boolean {
  const now = acct.now();
  let changed = false;
  for (const t of acct.twaps.values()) {
    while (statusOf(t) === 'activated' && t.slicesDone < t.slices && dueAt(t, t.slicesDone) <= now) {
      runSlice(ctx, acct, t, now);
      changed = true;
    }
    if (statusOf(t) === 'activated' && (t.slicesDone >= t.slices || t.sz - t.executedSz < 10 ** -t.szDecimals - EPS)) {
      end(t, now, 'finished');
      changed = true;
    }
  }
  return changed;
}

function runSlice(ctx: EntryContext, acct: Account, t: TwapRecord, now: number): void {
  const m = ctx.market(t.asset);
  const qty = sliceSize(t);
  t.slicesDone++;
  if (m === undefined || qty <= 0) return;
  const pos = acct.position(t.coin);
  if (t.reduceOnly && (pos === 0 || pos > 0 === (t.side === 'B'))) {
    end(t, now, 'finished');
    return;
  }
  const buy = t.side === 'B';
  const px = roundPrice(m.inst, m.midPx() * (buy ? 1 + TWAP_MAX_SLIPPAGE : 1 - TWAP_MAX_SLIPPAGE), buy ? 'down' : 'up');
  const status = placeTwapSlice(ctx, acct, { a: t.asset, b: buy, p: decimalOf(px), s: decimalOf(qty), r: t.reduceOnly, t: { limit: { tif: 'Ioc' } } }, t.twapId);
  if (typeof status === 'object' && 'filled' in status) {
    t.executedSz += Number(status.filled.totalSz);
    t.executedNtl += Number(status.filled.totalSz) * Number(status.filled.avgPx);
  } else if (typeof status === 'object' && 'error' in status) {
    end(t, now, 'error', bare(status.error));
  }
}

/** twapHistory: one row per status of each TWAP, newest first (`time` in seconds, as the venue writes it). */
export function twapHistoryView(acct: Account): unknown[] {
  const rows: { time: number; twapId: number; step: number; row: unknown }[] = [];
  for (const t of acct.twaps.values()) {
    const state = {
      coin: t.coin,
      executedNtl: wireNumber(Number(t.executedNtl.toFixed(6))),
      executedSz: wireNumber(Number(t.executedSz.toFixed(t.szDecimals))),
      minutes: t.minutes,
      randomize: t.randomize,
      reduceOnly: t.reduceOnly,
      side: t.side,
      sz: wireNumber(t.sz),
      timestamp: t.timestamp,
      user: acct.address,
    };
    for (const [step, h] of t.history.entries()) {
      const status = h.description === undefined ? { status: h.status } : { status: h.status, description: h.description };
      rows.push({ time: h.time, twapId: t.twapId, step, row: { time: Math.floor(h.time / 1_000), state, status, twapId: t.twapId } });
    }
  }
  return rows.sort((a, b) => b.time - a.time || b.twapId - a.twapId || b.step - a.step).map((r) => r.row);
}
