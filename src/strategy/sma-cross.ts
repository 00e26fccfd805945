// Built-in `sma-cross`: enter on an up-cross of SMA(fast) over SMA(slow), close (or reverse) on a down-cross.
import { BadInputError } from '../core/errors.js';
import { roundQty, stepDecimals, type Instrument } from '../core/instrument.js';
import type { ParamValues } from './params.js';
import type { BarSeries } from '../core/bars.js';
import { computeBatch, createIndicator } from '../indicators/index.js';
import type { BarView, ChartLine, Strategy, StrategyContext, StrategyDefinition } from './strategy.js';

/**
 * Exactness: the averages are compared through integer sums of prices in tick units,
 * sign(ΣF·slow − ΣS·fast), so a tie between the averages is an exact 0 — float running sums would
 * turn some ties into tiny non-zero differences and change the trades. Instruments with a tick finer
 * than 10^-8 (where integer sums could leave the safe-integer range) compare float sums instead.
 */
const MAX_EXACT_DECIMALS = 8;

class SymbolCross {
  readonly fastBuf: Float64Array;
  readonly slowBuf: Float64Array;
  sumFast = 0;
  sumSlow = 0;
  count = 0;
  /** Last non-zero sign of fast − slow (0 until one is seen). */
  lastSign = 0;
  constructor(
    readonly symbol: string,
    readonly scale: number,
    fast: number,
    slow: number,
  ) {
    this.fastBuf = new Float64Array(fast);
    this.slowBuf = new Float64Array(slow);
  }
}

/**
 * Float sums and products of lot multiples can land just off the lot grid (0.7 + 0.1 =
 * 0.7999999999999999, 3 × 1e-8 = 3.0000000000000004e-8), which the venue rejects: snap such noise to
 * the grid point it stands for (a quantity genuinely off the grid is left for the venue to reject).
 */
function snapQty(inst: Instrument, x: number): number {
  const g = roundQty(inst, x, 'nearest');
  return Math.abs(g - x) <= 1e-12 * Math.abs(x) ? g : x;
}

export class SmaCross implements Strategy {
  private readonly states = new Map<string, SymbolCross>();
  private last: SymbolCross | undefined;

  constructor(
    private readonly fast: number,
    private readonly slow: number,
    private readonly size: number,
    private readonly stakePct: number | undefined,
    private readonly longOnly: boolean,
  ) {}

  private stateFor(symbol: string, ctx: StrategyContext): SymbolCross {
    if (this.last !== undefined && this.last.symbol === symbol) return this.last;
    let s = this.states.get(symbol);
    if (!s) {
      const rule = ctx.instrument(symbol).priceRule;
      const d = rule.kind === 'tick' ? stepDecimals(rule.tick) : rule.maxDecimals;
      s = new SymbolCross(symbol, d <= MAX_EXACT_DECIMALS ? 10 ** d : 0, this.fast, this.slow);
      this.states.set(symbol, s);
    }
    this.last = s;
    return s;
  }

  onBar(bar: BarView, ctx: StrategyContext): void {
    const s = this.stateFor(bar.symbol, ctx);
    const x = s.scale === 0 ? bar.close : Math.round(bar.close * s.scale);
    const n = s.count++;
    const fi = n % this.fast;
    const si = n % this.slow;
    s.sumFast += x - s.fastBuf[fi];
    s.fastBuf[fi] = x;
    s.sumSlow += x - s.slowBuf[si];
    s.slowBuf[si] = x;
    if (n + 1 < this.slow) return;
    const d = s.sumFast * this.slow - s.sumSlow * this.fast;
    const sign = d > 0 ? 1 : d < 0 ? -1 : 0;
    const prev = s.lastSign;
    if (sign !== 0) s.lastSign = sign;
    // The first bar with both averages only seeds the look-back sign.
    if (n + 1 === this.slow || sign === 0 || prev === 0 || sign === prev) return;
    if (ctx.hasOpenOrders(bar.symbol)) return;
    this.onCross(bar, ctx, sign);
  }

  private onCross(bar: BarView, ctx: StrategyContext, sign: number): void {
    const pos = ctx.position(bar.symbol);
    const qty = this.entryQty(bar, ctx);
    const onGrid = (x: number): number => snapQty(ctx.instrument(bar.symbol), x);
    if (sign > 0) {
      if (pos < 0) {
        ctx.submit({ symbol: bar.symbol, side: 'buy', qty: onGrid(-pos + (this.longOnly ? 0 : qty)), type: 'market', reason: 'cross up' });
      } else if (pos === 0 && qty > 0) {
        ctx.submit({ symbol: bar.symbol, side: 'buy', qty, type: 'market', reason: 'cross up' });
      }
    } else if (pos > 0) {
      ctx.submit({ symbol: bar.symbol, side: 'sell', qty: onGrid(pos + (this.longOnly ? 0 : qty)), type: 'market', reason: 'cross down' });
    } else if (pos === 0 && !this.longOnly && qty > 0) {
      ctx.submit({ symbol: bar.symbol, side: 'sell', qty, type: 'market', reason: 'cross down' });
    }
  }

  private entryQty(bar: BarView, ctx: StrategyContext): number {
    if (this.stakePct === undefined) return this.size;
    const inst = ctx.instrument(bar.symbol);
    const raw = (ctx.equity() * this.stakePct) / 100 / (bar.close * inst.multiplier);
    const lots = Math.floor(raw / inst.lotSize + 1e-9);
    return snapQty(inst, lots * inst.lotSize);
  }

  saveState(): unknown {
    return [...this.states.values()].map((s) => ({ symbol: s.symbol, fast: [...s.fastBuf], slow: [...s.slowBuf], count: s.count, lastSign: s.lastSign }));
  }
}

export const smaCross: StrategyDefinition = {
  name: 'sma-cross',
  summary: 'SMA(fast) / SMA(slow) crossover; fast=1 uses the close itself',
  params: [
    { name: 'fast', type: 'int', default: 10, min: 1, help: 'fast SMA period (1 = the close)' },
    { name: 'slow', type: 'int', default: 30, min: 2, help: 'slow SMA period (> fast)' },
    { name: 'size', type: 'number', default: 1, min: 0, help: 'fixed order quantity' },
    { name: 'stakePct', type: 'number', min: 0, max: 10_000, help: 'size each entry as this % of equity instead of a fixed size' },
    { name: 'longOnly', type: 'boolean', default: true, help: 'close on a down-cross instead of reversing to short' },
  ],
  create(p: ParamValues): Strategy {
    const fast = p.fast as number;
    const slow = p.slow as number;
    if (fast >= slow) throw new BadInputError('--param fast', `must be < slow (${slow}), got ${fast}`);
    return new SmaCross(fast, slow, p.size as number, p.stakePct as number | undefined, p.longOnly as boolean);
  },
  chartLines(p: ParamValues, series: readonly BarSeries[]): ChartLine[] {
    const out: ChartLine[] = [];
    for (const s of series) {
      for (const period of [p.fast as number, p.slow as number]) {
        if (period === 1 || s.length === 0) continue; // SMA(1) is the close the candles already show
        out.push({ symbol: s.symbol, label: `SMA(${period})`, pane: 'price', values: computeBatch(createIndicator('sma', { period }, 'sma-cross'), s)[0].values });
      }
    }
    return out;
  },
};
