// The risk manager's edge: intents are the caller's input (BadInputError), the view is our own state (InvariantError).
import { BadInputError, InvariantError } from '../core/errors.js';
import { quoteJson } from '../core/quote-input.js';
import type { RiskIntent } from './risk-intent.js';
import type { RiskBook, RiskDailyPnl, RiskOpenOrders, RiskPosition } from './risk-view.js';

const SIDES = ['buy', 'sell'];
const TYPES = ['market', 'limit', 'stop-market', 'stop-limit', 'take-profit', 'take-profit-limit'];
const ACTIONS = ['open', 'add', 'reduce', 'close'];

/** Throws a BadInputError naming the first bad field of `intent`. */
export function checkIntent(intent: RiskIntent): void {
  const at = 'risk intent';
  if (typeof intent.botId !== 'string' || intent.botId === '') throw new BadInputError(`${at}.botId`, `expected a bot id, got ${quoteJson(intent.botId)}`);
  if (typeof intent.symbol !== 'string' || intent.symbol === '') throw new BadInputError(`${at}.symbol`, `expected a symbol, got ${quoteJson(intent.symbol)}`);
  if (intent.action === 'cancel') return;
  const where = `${at} ${intent.botId}/${intent.symbol}`;
  if (!SIDES.includes(intent.side)) throw new BadInputError(`${where}.side`, `expected buy or sell, got ${quoteJson(intent.side)}`);
  if (!TYPES.includes(intent.type)) throw new BadInputError(`${where}.type`, `expected one of ${TYPES.join(', ')}, got ${quoteJson(intent.type)}`);
  if (intent.action !== undefined && !ACTIONS.includes(intent.action)) throw new BadInputError(`${where}.action`, `expected one of ${ACTIONS.join(', ')} or cancel, got ${quoteJson(intent.action)}`);
  if (typeof intent.reduceOnly !== 'boolean') throw new BadInputError(`${where}.reduceOnly`, `expected true or false, got ${quoteJson(intent.reduceOnly)}`);
  positive(intent.qty, `${where}.qty`);
  positive(intent.price, `${where}.price`);
  if (intent.stopLoss !== undefined) positive(intent.stopLoss, `${where}.stopLoss`);
  if (intent.takeProfit !== undefined) positive(intent.takeProfit, `${where}.takeProfit`);
}

function positive(v: unknown, where: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new BadInputError(where, `expected a finite number > 0, got ${shown(v)}`);
}

function viewNumber(v: unknown, where: string, ok: (n: number) => boolean = () => true, expect = 'a finite number'): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new InvariantError(`risk view: ${where} is ${shown(v)}, expected ${expect}`);
  return v;
}

export function checkEquity(v: number): number {
  return viewNumber(v, 'equity');
}

export function checkPosition(p: RiskPosition, symbol: string): RiskPosition {
  viewNumber(p.qty, `position ${symbol} qty`);
  viewNumber(p.entryPrice, `position ${symbol} entryPrice`, (n) => n >= 0, 'a finite number ≥ 0');
  viewNumber(p.markPrice, `position ${symbol} markPrice`, (n) => n > 0, 'a finite number > 0');
  return p;
}

export function checkOpenOrders(o: RiskOpenOrders, what: string): RiskOpenOrders {
  viewNumber(o.count, `open orders ${what} count`, (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0');
  viewNumber(o.notional, `open orders ${what} notional`, (n) => n >= 0, 'a finite number ≥ 0');
  return o;
}

/** Finite numbers only; whether the prices make a usable book is a rule (`book_invalid`), not an invariant. */
export function checkBook(b: RiskBook | undefined, symbol: string): RiskBook | undefined {
  if (b === undefined) return undefined;
  viewNumber(b.bid, `book ${symbol} bid`);
  viewNumber(b.ask, `book ${symbol} ask`);
  viewNumber(b.ts, `book ${symbol} ts`);
  return b;
}

export function checkDaily(d: RiskDailyPnl): RiskDailyPnl {
  viewNumber(d.dayStartMs, 'dailyPnl dayStartMs');
  viewNumber(d.realisedNet, 'dailyPnl realisedNet');
  return d;
}

/** A value for a message: numbers as JavaScript prints them (NaN, Infinity), anything else as JSON. */
function shown(v: unknown): string {
  return typeof v === 'number' ? String(v) : quoteJson(v);
}
