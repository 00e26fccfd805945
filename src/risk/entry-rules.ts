// The rules an entry (open or add) must pass, in order; each refusal names its rule and the numbers it used.
import type { RiskLimits } from '../config/risk-config.js';
import type { UnixMs } from '../core/clock.js';
import type { OrderIntent } from './risk-intent.js';
import { DEFAULT_MAX_BOOK_AGE_MS } from './risk-limits.js';
import type { RiskBook, RiskPosition } from './risk-view.js';
import type { RuleCode, VerdictInputs } from './verdict.js';
import { over, under } from './limit-compare.js';

export interface Refusal {
  readonly rule: RuleCode;
  readonly reason: string;
  readonly inputs: VerdictInputs;
}

export interface EntryContext {
  readonly intent: OrderIntent;
  readonly action: 'open' | 'add';
  readonly now: UnixMs;
  /** Limits of the intent's symbol, and the account-wide ones. */
  readonly limits: RiskLimits;
  readonly account: RiskLimits;
  readonly equity: number;
  readonly positions: ReadonlyMap<string, RiskPosition>;
  readonly symbolOpenNotional: number;
  readonly accountOpenNotional: number;
  readonly book: RiskBook | undefined;
}

/** The first rule `ctx` breaks, or undefined when it passes them all. Limits are inclusive: equal passes. */
export function entryRefusal(ctx: EntryContext): Refusal | undefined {
  return protection(ctx) ?? exposure(ctx) ?? bookRules(ctx);
}

/** Figures of an entry, for the verdict of a pass and for the rules. */
export function entryFigures(ctx: EntryContext): { notional: number; symbolExposure: number; accountExposure: number; positionsAfter: number; positionsBefore: number } {
  const { intent } = ctx;
  const notional = intent.qty * intent.price;
  const before = ctx.positions.get(intent.symbol)?.qty ?? 0;
  const after = before + (intent.side === 'buy' ? intent.qty : -intent.qty);
  const symbolExposure = Math.abs(after) * intent.price + ctx.symbolOpenNotional;
  let others = 0;
  let positionsBefore = 0;
  for (const [symbol, p] of ctx.positions) {
    if (p.qty !== 0) positionsBefore++;
    if (symbol !== intent.symbol) others += Math.abs(p.qty) * p.markPrice;
  }
  const positionsAfter = positionsBefore - (before !== 0 && after === 0 ? 1 : 0) + (before === 0 && after !== 0 ? 1 : 0);
  // Open orders of the other symbols are in the account figure; the symbol's own are in symbolExposure.
  const accountExposure = others + symbolExposure + (ctx.accountOpenNotional - ctx.symbolOpenNotional);
  return { notional, symbolExposure, accountExposure, positionsAfter, positionsBefore };
}

function protection(ctx: EntryContext): Refusal | undefined {
  const { intent, limits } = ctx;
  const long = intent.side === 'buy';
  const price = intent.price;
  let slPct: number | undefined;
  if (intent.stopLoss === undefined) {
    if (limits.requireStopLoss) return { rule: 'stop_loss_required', reason: `an entry needs a stop-loss (${intent.symbol} requireStopLoss)`, inputs: { requireStopLoss: true } };
  } else {
    const sl = intent.stopLoss;
    if (long ? sl >= price : sl <= price) return { rule: 'stop_loss_side', reason: `the stop-loss ${sl} of a ${long ? 'long' : 'short'} must be ${long ? 'below' : 'above'} the entry ${price}`, inputs: { stopLoss: sl, price } };
    slPct = (Math.abs(price - sl) / price) * 100;
    const r = outside(slPct, limits.stopLossPct.min, limits.stopLossPct.max);
    if (r !== undefined) return { rule: 'stop_loss_distance', reason: `the stop-loss is ${fmt(slPct)} % from the entry, ${r}`, inputs: { stopLoss: sl, price, stopLossPct: slPct, ...range('stopLossPct', limits.stopLossPct) } };
  }
  if (intent.takeProfit === undefined) return undefined;
  const tp = intent.takeProfit;
  if (long ? tp <= price : tp >= price) return { rule: 'take_profit_side', reason: `the take-profit ${tp} of a ${long ? 'long' : 'short'} must be ${long ? 'above' : 'below'} the entry ${price}`, inputs: { takeProfit: tp, price } };
  const tpPct = (Math.abs(tp - price) / price) * 100;
  const r = outside(tpPct, limits.takeProfitPct.min, limits.takeProfitPct.max);
  if (r !== undefined) return { rule: 'take_profit_distance', reason: `the take-profit is ${fmt(tpPct)} % from the entry, ${r}`, inputs: { takeProfit: tp, price, takeProfitPct: tpPct, ...range('takeProfitPct', limits.takeProfitPct) } };
  if (limits.minRewardRisk !== undefined && slPct !== undefined) {
    const rr = tpPct / slPct;
    if (under(rr, limits.minRewardRisk)) return { rule: 'reward_risk', reason: `reward:risk ${fmt(rr)} (take-profit ${fmt(tpPct)} % / stop ${fmt(slPct)} %) is below the floor ${limits.minRewardRisk}`, inputs: { rewardRisk: rr, minRewardRisk: limits.minRewardRisk, stopLossPct: slPct, takeProfitPct: tpPct } };
  }
  return undefined;
}

function exposure(ctx: EntryContext): Refusal | undefined {
  const { intent, limits, account, equity } = ctx;
  const f = entryFigures(ctx);
  if (under(f.notional, limits.minOrderNotional)) return { rule: 'min_notional', reason: `order value ${fmt(f.notional)} is below the venue minimum ${limits.minOrderNotional}`, inputs: { notional: f.notional, minOrderNotional: limits.minOrderNotional } };
  if (over(f.notional, limits.maxOrderNotional)) return { rule: 'max_order_notional', reason: `order value ${fmt(f.notional)} is above the limit ${limits.maxOrderNotional} per order`, inputs: { notional: f.notional, maxOrderNotional: limits.maxOrderNotional } };
  if (over(f.symbolExposure, limits.maxSymbolNotional))
    return { rule: 'max_symbol_notional', reason: `${intent.symbol} exposure after the order (position + open orders) ${fmt(f.symbolExposure)} is above the limit ${limits.maxSymbolNotional}`, inputs: { symbolExposure: f.symbolExposure, openOrdersNotional: ctx.symbolOpenNotional, maxSymbolNotional: limits.maxSymbolNotional } };
  if (over(f.accountExposure, account.maxAccountNotional))
    return { rule: 'max_account_notional', reason: `account exposure after the order ${fmt(f.accountExposure)} is above the limit ${account.maxAccountNotional}`, inputs: { accountExposure: f.accountExposure, openOrdersNotional: ctx.accountOpenNotional, maxAccountNotional: account.maxAccountNotional } };
  if (equity <= 0) return { rule: 'no_equity', reason: `equity is ${equity}: no entries`, inputs: { equity } };
  const lev = f.accountExposure / equity;
  if (over(lev, account.maxLeverage)) return { rule: 'max_leverage', reason: `account leverage after the order ${fmt(lev)}× is above the limit ${account.maxLeverage}×`, inputs: { leverage: lev, accountExposure: f.accountExposure, equity, maxLeverage: account.maxLeverage } };
  const symLev = f.symbolExposure / equity;
  if (over(symLev, limits.maxLeverage)) return { rule: 'max_symbol_leverage', reason: `${intent.symbol} leverage after the order ${fmt(symLev)}× is above the limit ${limits.maxLeverage}×`, inputs: { leverage: symLev, symbolExposure: f.symbolExposure, equity, maxLeverage: limits.maxLeverage } };
  if (f.positionsAfter > f.positionsBefore && f.positionsAfter > account.maxOpenPositions)
    return { rule: 'max_open_positions', reason: `${f.positionsBefore} positions are open; a new one would exceed the limit ${account.maxOpenPositions}`, inputs: { openPositions: f.positionsBefore, maxOpenPositions: account.maxOpenPositions } };
  return undefined;
}

function bookRules(ctx: EntryContext): Refusal | undefined {
  const { intent, limits, book, now } = ctx;
  if (book === undefined) return { rule: 'book_missing', reason: `no live book for ${intent.symbol}: entries need one`, inputs: {} };
  const maxAge = limits.maxBookAgeMs ?? DEFAULT_MAX_BOOK_AGE_MS;
  const age = now - book.ts;
  if (age > maxAge) return { rule: 'book_stale', reason: `the ${intent.symbol} book is ${age} ms old (limit ${maxAge} ms): entries need a fresh one`, inputs: { bookAgeMs: age, maxBookAgeMs: maxAge } };
  if (!(book.bid > 0 && book.ask > 0 && book.bid <= book.ask)) return { rule: 'book_invalid', reason: `the ${intent.symbol} book is unusable (bid ${book.bid}, ask ${book.ask})`, inputs: { bid: book.bid, ask: book.ask } };
  if (intent.type !== 'market' && intent.type !== 'limit') return undefined;
  const long = intent.side === 'buy';
  const touch = long ? book.ask : book.bid;
  // A limit order pays up to its price; a market order pays the touch where the caller expected its reference price.
  const worse = intent.type === 'limit' ? (long ? intent.price - touch : touch - intent.price) : long ? touch - intent.price : intent.price - touch;
  const bps = (worse / (intent.type === 'limit' ? touch : intent.price)) * 10_000;
  if (over(bps, limits.maxSlippageBps))
    return { rule: 'slippage', reason: `a ${intent.type} ${intent.side} at ${intent.price} is ${fmt(bps)} bp worse than the ${long ? 'ask' : 'bid'} ${touch} (limit ${limits.maxSlippageBps} bp)`, inputs: { price: intent.price, touch, slippageBps: bps, maxSlippageBps: limits.maxSlippageBps } };
  return undefined;
}

function outside(v: number, min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && under(v, min)) return `below the minimum ${min} %`;
  if (max !== undefined && over(v, max)) return `above the maximum ${max} %`;
  return undefined;
}

function range(key: string, r: { readonly min?: number; readonly max?: number }): VerdictInputs {
  const out: Record<string, number> = {};
  if (r.min !== undefined) out[`${key}Min`] = r.min;
  if (r.max !== undefined) out[`${key}Max`] = r.max;
  return out;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}
