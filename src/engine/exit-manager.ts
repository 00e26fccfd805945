// Keeps a strategy's declared exits on every position as reduce-only venue orders: one stop (stop-loss, trailing,
// breakeven: the tightest) and one take-profit (target or ROI: the nearest), replaced as the levels move.
import { BadInputError } from '../core/errors.js';
import { roundPrice, type Instrument } from '../core/instrument.js';
import type { OrderRequest, Side } from '../core/orders.js';
import { roiSteps, type ExitLevels, type ExitRules } from '../strategy/exit-rules.js';
import type { LineValues } from '../strategy/needs.js';

/** What the manager needs of the kernel: positions, orders, the ATR of a symbol. */
export interface ExitHost {
  instrument(symbol: string): Instrument;
  position(symbol: string): number;
  entryPrice(symbol: string): number | undefined;
  submit(order: OrderRequest): string;
  cancel(clientId: string): void;
  /** ATR(period) of `symbol` as the engine keeps it for the exits. */
  atr(symbol: string, period: number): LineValues;
}

/** One working protective order. */
interface Working {
  readonly id: string;
  readonly price: number;
  readonly qty: number;
  readonly reason: string;
}

interface PositionExits {
  /** +1 long, -1 short. */
  readonly sign: 1 | -1;
  entry: number;
  readonly entryTime: number;
  /** Fee of the entry fills as a fraction of their notional (the ROI price covers it). */
  entryFeeRate: number;
  /**
   * ATR at entry, per period (stops measured in ATRs do not move with later volatility); a period whose ATR
   * was still warming up at entry takes its first value after it.
   */
  readonly atrAtEntry: Map<number, number>;
  /** The entry filled inside the last bar (not at its open): that bar's high and low may precede it. */
  partialBar: boolean;
  /** Best price since entry: highest high (long) or lowest low (short) of the bars since. */
  best: number;
  bars: number;
  /** Minutes since entry of the last ROI evaluation (a level change between bars keeps the ROI step). */
  lastRoiMinutes: number | undefined;
  stop: Working | undefined;
  target: Working | undefined;
  /** A market close was sent (time stop, or ROI −1): nothing else is placed. */
  closing: boolean;
  /** Levels the venue refused: not sent again until the level moves. */
  refusedStop: number;
  refusedTarget: number;
}

export class ExitManager {
  private readonly positions = new Map<string, PositionExits>();
  /** Levels for a symbol's current position, and levels waiting for its next position (by side, 0 = either). */
  private readonly overrides = new Map<string, ExitLevels>();
  private readonly pending = new Map<string, { readonly sign: -1 | 0 | 1; readonly levels: ExitLevels }>();
  /** Client ids of our orders → symbol. */
  private readonly ours = new Map<string, string>();
  private readonly roi: { readonly minutes: number; readonly ratio: number }[] | undefined;

  constructor(
    private readonly rules: ExitRules,
    private readonly host: ExitHost,
    private readonly atrPeriods: readonly number[],
  ) {
    this.roi = rules.roi === undefined ? undefined : roiSteps(rules.roi);
  }

  owns(clientId: string): boolean {
    return this.ours.has(clientId);
  }

  /**
   * Per-position levels. `side`: the order they come with — the same side as the open position adds to it (the
   * levels apply now); otherwise they wait for the position that order opens (a reversal's levels belong to the
   * new position, not to the one it closes). Without `side`: the current position, or the next one when flat.
   * Levels not given keep their value. Cleared when the position closes.
   */
  setLevels(symbol: string, levels: ExitLevels, side?: 'buy' | 'sell'): void {
    const given: { stopLoss?: number; takeProfit?: number } = {};
    for (const k of ['stopLoss', 'takeProfit'] as const) {
      const v = levels[k];
      if (v === undefined) continue;
      if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new BadInputError(`exits ${symbol}.${k}`, `must be a positive price, got ${String(v)}`);
      given[k] = v;
    }
    const st = this.positions.get(symbol);
    const sign = side === undefined ? 0 : side === 'buy' ? 1 : -1;
    if (st !== undefined && (sign === 0 || sign === st.sign)) {
      this.overrides.set(symbol, { ...this.overrides.get(symbol), ...given });
      this.sync(symbol, Number.NaN);
      return;
    }
    // Levels set for "the next position" (either side) join the ones an entry order brings.
    const waiting = this.pending.get(symbol);
    const keep = waiting !== undefined && (waiting.sign === sign || waiting.sign === 0 || sign === 0);
    this.pending.set(symbol, { sign: (sign === 0 && keep ? (waiting as { sign: -1 | 0 | 1 }).sign : sign) as -1 | 0 | 1, levels: { ...(keep ? waiting.levels : {}), ...given } });
  }

  /**
   * After every fill of `symbol` (the ledger already has it): a new, changed or closed position. `ts`: when it
   * filled; `wholeBarAfter`: it filled at its bar's open, so that bar's high and low all came after it.
   */
  onFill(symbol: string, price: number, qty: number, fee: number, ts: number, multiplier: number, wholeBarAfter: boolean): void {
    const pos = this.host.position(symbol);
    const st = this.positions.get(symbol);
    if (pos === 0) {
      if (st !== undefined) this.close(symbol, st);
      return;
    }
    const sign: 1 | -1 = pos > 0 ? 1 : -1;
    const feeRate = Math.abs(fee) / (qty * price * multiplier);
    if (st === undefined || st.sign !== sign) {
      if (st !== undefined) this.close(symbol, st);
      const atr = new Map<number, number>();
      this.readAtr(symbol, atr);
      const entry = this.host.entryPrice(symbol) as number;
      this.positions.set(symbol, { sign, entry, entryTime: ts, entryFeeRate: feeRate, atrAtEntry: atr, partialBar: !wholeBarAfter, best: entry, bars: 0, lastRoiMinutes: undefined, stop: undefined, target: undefined, closing: false, refusedStop: Number.NaN, refusedTarget: Number.NaN });
      const waiting = this.pending.get(symbol);
      if (waiting !== undefined && (waiting.sign === 0 || waiting.sign === sign)) this.overrides.set(symbol, waiting.levels);
      this.pending.delete(symbol);
    } else {
      // Added to or reduced: the entry is the new average; the orders take the new size.
      st.entry = this.host.entryPrice(symbol) as number;
    }
    this.sync(symbol, Number.NaN);
  }

  /** At the close of each bar of `symbol`, before the strategy sees it: best price, bar count, time stops, levels. */
  onBar(symbol: string, time: number, high: number, low: number, close: number, intervalMs: number | undefined): void {
    const st = this.positions.get(symbol);
    if (st === undefined || st.closing) return;
    st.bars++;
    if (st.atrAtEntry.size < this.atrPeriods.length) this.readAtr(symbol, st.atrAtEntry);
    // The bar the entry filled in, unless it filled at the open: only its close surely came after the fill.
    const hi = st.partialBar ? close : high;
    const lo = st.partialBar ? close : low;
    st.partialBar = false;
    if (st.sign > 0 ? hi > st.best : lo < st.best) st.best = st.sign > 0 ? hi : lo;
    // Minutes since entry when the next bar opens (freqtrade's trade duration for the next candle).
    const minutes = (time + (intervalMs ?? 0) - st.entryTime) / 60_000;
    const ts = this.rules.timeStop;
    if (ts !== undefined && ((ts.bars !== undefined && st.bars >= ts.bars) || (ts.minutes !== undefined && minutes >= ts.minutes))) {
      this.closeAtMarket(symbol, st, 'Time Stop');
      return;
    }
    this.sync(symbol, minutes);
  }

  /** A venue report on one of our orders: filled, cancelled, rejected or expired ones are forgotten. */
  onOrderDone(clientId: string, refused: boolean): void {
    const symbol = this.ours.get(clientId);
    if (symbol === undefined) return;
    this.ours.delete(clientId);
    const st = this.positions.get(symbol);
    if (st === undefined) return;
    if (st.stop?.id === clientId) {
      if (refused) st.refusedStop = st.stop.price;
      st.stop = undefined;
    } else if (st.target?.id === clientId) {
      if (refused) st.refusedTarget = st.target.price;
      st.target = undefined;
    }
  }

  private readAtr(symbol: string, into: Map<number, number>): void {
    for (const p of this.atrPeriods) {
      if (into.has(p)) continue;
      const v = this.host.atr(symbol, p).value;
      if (v !== undefined) into.set(p, v);
    }
  }

  private close(symbol: string, st: PositionExits): void {
    this.positions.delete(symbol);
    this.overrides.delete(symbol);
    for (const w of [st.stop, st.target]) if (w !== undefined) this.cancel(w.id);
  }

  private cancel(id: string): void {
    this.ours.delete(id);
    this.host.cancel(id);
  }

  private closeAtMarket(symbol: string, st: PositionExits, reason: string): void {
    st.closing = true;
    for (const w of [st.stop, st.target]) if (w !== undefined) this.cancel(w.id);
    st.stop = undefined;
    st.target = undefined;
    const qty = Math.abs(this.host.position(symbol));
    const id = this.host.submit({ symbol, side: st.sign > 0 ? 'sell' : 'buy', qty, type: 'market', reduceOnly: true, reason });
    this.ours.set(id, symbol);
  }

  /** Places or replaces the stop and the target for the current levels (`minutes`: ROI age; NaN keeps the last). */
  private sync(symbol: string, minutes: number): void {
    const st = this.positions.get(symbol) as PositionExits;
    if (st.closing) return;
    const inst = this.host.instrument(symbol);
    const qty = Math.abs(this.host.position(symbol));
    const exitSide: Side = st.sign > 0 ? 'sell' : 'buy';
    // A sell's prices round up and a buy's down: a stop then triggers no later than its level and a
    // target takes no less than its profit.
    const mode = exitSide === 'sell' ? 'up' : 'down';
    const stop = this.stopLevel(symbol, st);
    const target = this.targetLevel(symbol, st, minutes);
    if (target !== undefined && target.price <= 0) {
      this.closeAtMarket(symbol, st, target.reason);
      return;
    }
    st.stop = this.place(symbol, st.stop, stop && { price: roundPrice(inst, stop.price, mode), reason: stop.reason }, qty, exitSide, 'stop-market', st.refusedStop);
    st.target = this.place(symbol, st.target, target && { price: roundPrice(inst, target.price, mode), reason: target.reason }, qty, exitSide, 'take-profit', st.refusedTarget);
  }

  private place(symbol: string, working: Working | undefined, want: { price: number; reason: string } | undefined, qty: number, side: Side, type: 'stop-market' | 'take-profit', refused: number): Working | undefined {
    if (want === undefined || !(want.price > 0)) {
      if (working !== undefined) this.cancel(working.id);
      return undefined;
    }
    if (working !== undefined && working.price === want.price && working.qty === qty && working.reason === want.reason) return working;
    if (working !== undefined) this.cancel(working.id);
    if (want.price === refused) return undefined;
    const id = this.host.submit({ symbol, side, qty, type, triggerPrice: want.price, reduceOnly: true, reason: want.reason });
    this.ours.set(id, symbol);
    // The venue may have answered at once (rejected, or filled inside submit): then it is no longer ours.
    return this.ours.has(id) ? { id, price: want.price, qty, reason: want.reason } : undefined;
  }

  /** The tightest stop: the stop-loss (or freqtrade's stoploss), the trailing stop once armed, breakeven once armed. */
  private stopLevel(symbol: string, st: PositionExits): { price: number; reason: string } | undefined {
    const r = this.rules;
    const s = st.sign;
    const candidates: { price: number; reason: string }[] = [];
    const override = this.overrides.get(symbol)?.stopLoss;
    if (override !== undefined) candidates.push({ price: override, reason: 'Stop Loss' });
    else {
      const d = this.distance(r.stopLoss, st) ?? (r.stoploss !== undefined ? st.entry * -r.stoploss : undefined);
      if (d !== undefined) candidates.push({ price: st.entry - s * d, reason: 'Stop Loss' });
    }
    const gain = (s * (st.best - st.entry)) / st.entry;
    if (r.trailingStop !== undefined && gain >= r.trailingStop.start && st.best !== st.entry) {
      candidates.push({ price: st.best * (1 - s * r.trailingStop.distance), reason: 'Trailing Stop' });
    }
    if (r.breakeven !== undefined && gain >= r.breakeven.trigger) candidates.push({ price: st.entry * (1 + s * (r.breakeven.offset ?? 0)), reason: 'Breakeven' });
    let best: { price: number; reason: string } | undefined;
    for (const c of candidates) if (best === undefined || s * (c.price - best.price) > 0) best = c;
    return best;
  }

  /** The nearest target: the take-profit and the ROI price of the table's step at `minutes` since entry. */
  private targetLevel(symbol: string, st: PositionExits, minutes: number): { price: number; reason: string } | undefined {
    const r = this.rules;
    const s = st.sign;
    const candidates: { price: number; reason: string }[] = [];
    const override = this.overrides.get(symbol)?.takeProfit;
    if (override !== undefined) candidates.push({ price: override, reason: 'Take Profit' });
    else if (r.takeProfit !== undefined) {
      let d: number | undefined;
      if ('riskReward' in r.takeProfit) {
        const stop = this.distance(r.stopLoss, st) ?? (r.stoploss !== undefined ? st.entry * -r.stoploss : undefined);
        d = stop === undefined ? undefined : stop * r.takeProfit.riskReward;
      } else d = this.distance(r.takeProfit, st);
      if (d !== undefined) candidates.push({ price: st.entry + s * d, reason: 'Take Profit' });
    }
    if (this.roi !== undefined) {
      const age = Number.isNaN(minutes) ? st.lastRoiMinutes ?? 0 : minutes;
      st.lastRoiMinutes = age;
      let ratio: number | undefined;
      for (const step of this.roi) if (step.minutes <= age) ratio = step.ratio;
      if (ratio !== undefined) {
        if (ratio <= -1) return { price: 0, reason: 'ROI' };
        const fo = st.entryFeeRate;
        const fc = this.host.instrument(symbol).fees.takerBps / 10_000;
        // freqtrade's exit rate: the price whose proceeds after the exit fee exceed the entry cost (price and
        // fee) by `ratio` × the entry price.
        const price = s > 0 ? (st.entry * (1 + fo + ratio)) / (1 - fc) : (st.entry * (1 - fo - ratio)) / (1 + fc);
        candidates.push({ price, reason: 'ROI' });
      }
    }
    let best: { price: number; reason: string } | undefined;
    for (const c of candidates) if (best === undefined || s * (c.price - best.price) < 0) best = c;
    return best;
  }

  private distance(d: ExitRules['stopLoss'] | undefined, st: PositionExits): number | undefined {
    if (d === undefined) return undefined;
    if ('percent' in d) return st.entry * d.percent;
    if ('distance' in d) return d.distance;
    const atr = st.atrAtEntry.get(d.period ?? 14);
    return atr === undefined ? undefined : atr * d.atr;
  }
}
