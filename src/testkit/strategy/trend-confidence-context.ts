// Test support: a minimal in-memory StrategyContext and step driver with the kernel's ordering and close fills.
//
// The strategy layer may not import the engine, so unit tests drive the strategy through this: steps
// over the union of bar times, symbols alphabetically, market orders filled at once at the bar's close
// (entry slippage `slippageBps`, exit slippage `exitSlippageBps`, fee `feeBps` of fill notional), then
// the step's proposals ranked (score desc, symbol asc) into onEntries, and onStop at the end.
import { makeInstrument, type Instrument } from '../../core/instrument.js';
import type { OrderRequest } from '../../core/orders.js';
import type { BarView, EntryCandidate, Strategy, StrategyContext, StrategyFill } from '../../strategy/strategy.js';
import { InvariantError } from '../../core/errors.js';

export interface TestBar {
  readonly t: number;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
}

export interface FakeFill {
  readonly time: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly reason: string;
  /** Cash just before this fill. */
  readonly cashBefore: number;
}

export interface FakeOptions {
  readonly cash?: number;
  readonly feeBps?: number;
  readonly slippageBps?: number;
  readonly exitSlippageBps?: number;
}

export class FakeContext implements StrategyContext {
  cashValue: number;
  readonly positions = new Map<string, { qty: number; avg: number }>();
  readonly marks = new Map<string, number>();
  readonly leverage = new Map<string, number>();
  readonly fills: FakeFill[] = [];
  /** Each step's ranked proposals, with the step time. */
  readonly proposals: { time: number; ranked: EntryCandidate[] }[] = [];
  /** Equity read by the strategy, per call (to check it is read once per step). */
  equityReads = 0;
  private candidates: EntryCandidate[] = [];
  private time = 0;
  private seq = 0;
  private readonly inst = new Map<string, Instrument>();

  constructor(
    /** Replaceable, to continue a run with a strategy restored from saved state. */
    public strategy: Strategy,
    private readonly opts: FakeOptions = {},
  ) {
    this.cashValue = opts.cash ?? 10_000;
  }

  now(): number {
    return this.time;
  }
  instrument(symbol: string): Instrument {
    let i = this.inst.get(symbol);
    if (!i) {
      i = makeInstrument({ symbol, lotSize: 1e-12, priceRule: { kind: 'tick', tick: 1e-12 } });
      this.inst.set(symbol, i);
    }
    return i;
  }
  position(symbol: string): number {
    return this.positions.get(symbol)?.qty ?? 0;
  }
  entryPrice(symbol: string): number | undefined {
    const p = this.positions.get(symbol);
    return p && p.qty !== 0 ? p.avg : undefined;
  }
  cash(): number {
    return this.cashValue;
  }
  equity(): number {
    this.equityReads++;
    let eq = this.cashValue;
    for (const [s, p] of this.positions) eq += p.qty * ((this.marks.get(s) ?? p.avg) - p.avg);
    return eq;
  }
  lastPrice(symbol: string): number | undefined {
    return this.marks.get(symbol);
  }
  submit(order: OrderRequest): string {
    const id = `t${++this.seq}`;
    const mark = this.marks.get(order.symbol) as number;
    const p = this.positions.get(order.symbol) ?? { qty: 0, avg: 0 };
    const sign = order.side === 'buy' ? 1 : -1;
    const reduces = p.qty !== 0 && Math.sign(p.qty) !== sign;
    const qty = order.reduceOnly ? Math.min(order.qty, Math.abs(p.qty)) : order.qty;
    const bps = reduces ? (this.opts.exitSlippageBps ?? 0) : (this.opts.slippageBps ?? 0);
    const price = mark * (1 + (sign * bps) / 10_000);
    const fee = (qty * price * (this.opts.feeBps ?? 0)) / 10_000;
    const cashBefore = this.cashValue;
    if (reduces) {
      this.cashValue += (price - p.avg) * qty * Math.sign(p.qty);
      p.qty += sign * qty;
      if (Math.abs(p.qty) < 1e-12) p.qty = 0;
    } else {
      p.avg = (p.avg * Math.abs(p.qty) + price * qty) / (Math.abs(p.qty) + qty);
      p.qty += sign * qty;
    }
    this.cashValue -= fee;
    this.positions.set(order.symbol, p);
    this.fills.push({ time: this.time, symbol: order.symbol, side: order.side, qty, price, fee, reason: order.reason ?? '', cashBefore });
    const fill: StrategyFill = { type: 'order.filled', fillId: id, orderId: id, clientId: id, symbol: order.symbol, side: order.side, qty, price, fee: 0, liquidity: 'taker', ts: this.time, reason: order.reason ?? '' };
    this.strategy.onFill?.(fill, this);
    return id;
  }
  cancel(): void {}
  cancelAll(): void {}
  hasOpenOrders(): boolean {
    return false;
  }
  setLeverage(symbol: string, leverage: number): void {
    this.leverage.set(symbol, leverage);
  }
  proposeEntry(candidate: EntryCandidate): void {
    this.candidates.push(candidate);
  }
  setTimer(): void {}
  cancelTimer(): void {}
  symbols(): readonly string[] {
    return [];
  }
  indicator(): never {
    throw new InvariantError('this fake context keeps no indicators');
  }
  bars(): never {
    throw new InvariantError('this fake context keeps no bar history');
  }
  setExits(): never {
    throw new InvariantError('this fake context keeps no exits');
  }

  /** Runs every bar through the strategy in kernel order, then onStop (unless `stop` is false). */
  run(series: Readonly<Record<string, readonly TestBar[]>>, stop = true): void {
    this.strategy.onStart?.(this);
    const names = Object.keys(series).sort();
    const times = [...new Set(names.flatMap((n) => series[n].map((b) => b.t)))].sort((a, b) => a - b);
    const idx = new Map(names.map((n) => [n, 0]));
    for (const t of times) {
      this.time = t;
      for (const n of names) {
        const i = idx.get(n) as number;
        const b = series[n][i];
        if (b === undefined || b.t !== t) continue;
        idx.set(n, i + 1);
        this.marks.set(n, b.c);
        const view: BarView = { symbol: n, index: i, time: b.t, open: b.o, high: b.h, low: b.l, close: b.c, volume: b.v };
        this.strategy.onBar?.(view, this);
      }
      if (this.candidates.length > 0) {
        const ranked = this.candidates.sort((a, b) => b.score - a.score || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
        this.candidates = [];
        this.proposals.push({ time: t, ranked });
        this.strategy.onEntries?.(ranked, this);
      }
    }
    if (stop) this.strategy.onStop?.(this);
  }
}

/** Bars from closes: open = previous close, high/low = max/min(open, close) ± `wick`, volume `v`. */
export function barsFromCloses(closes: readonly number[], start = 0, stepMs = 3_600_000, wick = 0, v = 1): TestBar[] {
  return closes.map((c, i) => {
    const o = i === 0 ? c : closes[i - 1];
    return { t: start + i * stepMs, o, h: Math.max(o, c) + wick, l: Math.min(o, c) - wick, c, v };
  });
}
