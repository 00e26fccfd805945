// An order intent: what a bot decided, keyed by a unique dedupe key, with the Hyperliquid cloid derived from that key.
import { createHash } from 'node:crypto';
import { BadInputError } from '../core/errors.js';
import type { OrderRequest, OrderType, Side, TimeInForce } from '../core/orders.js';

/**
 * One decision to place one order. Persisted before anything is sent; the dedupe key is unique,
 * so replaying the same decision (a restart, a retried step) finds the stored intent instead of
 * making a second one, and the cloid (the client id the venue knows) is a function of the key.
 */
export interface OrderIntent {
  /** Equal to the cloid: one id for the intent, our order and the venue's client id. */
  readonly intentId: string;
  readonly dedupeKey: string;
  /** "0x" + 32 lowercase hex digits (Hyperliquid's cloid format). */
  readonly cloid: string;
  readonly botId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly type: OrderType;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly tif: TimeInForce;
  readonly reduceOnly: boolean;
  /** Why the bot wants it (e.g. "entry", "Stop Loss"), carried to fills and reports. */
  readonly reason: string;
  /** The time of the decision, ms UTC (the bar or event time the strategy acted on). */
  readonly decisionTs: number;
}

/** An order request (core/orders.ts) with the decision it belongs to. */
export interface IntentInput extends OrderRequest {
  readonly botId: string;
  readonly reason: string;
  /** The time of the decision, ms UTC (the bar or event time the strategy acted on). */
  readonly decisionTs: number;
  /** The order's number among the bot's orders for this symbol and side at this decision time (0, 1, …). */
  readonly n: number;
}

const SAFE_PART = /^[A-Za-z0-9._-]+$/;

/** The dedupe key: bot, symbol, side, decision time and number; unique per intended order. */
export function dedupeKeyOf(botId: string, symbol: string, side: Side, decisionTs: number, n: number): string {
  for (const [k, v] of [['botId', botId], ['symbol', symbol]] as const) {
    if (!SAFE_PART.test(v)) throw new BadInputError(`intent.${k}`, `must be letters, digits, ".", "_" or "-", got ${JSON.stringify(v)}`);
  }
  if (!Number.isSafeInteger(decisionTs) || decisionTs < 0) throw new BadInputError('intent.decisionTs', `must be an integer ms timestamp ≥ 0, got ${decisionTs}`);
  if (!Number.isSafeInteger(n) || n < 0) throw new BadInputError('intent.n', `must be an integer ≥ 0, got ${n}`);
  return `${botId}:${symbol}:${side}:${decisionTs}:${n}`;
}

/** The cloid of a dedupe key: "0x" and the first 16 bytes of sha256(key), lowercase hex. */
export function cloidOf(dedupeKey: string): string {
  if (dedupeKey === '') throw new BadInputError('intent.dedupeKey', 'must not be empty');
  return '0x' + createHash('sha256').update(dedupeKey, 'utf8').digest('hex').slice(0, 32);
}

const CLOID_RE = /^0x[0-9a-f]{32}$/;

export function isCloid(raw: string): boolean {
  return CLOID_RE.test(raw);
}

function positive(v: number, where: string): number {
  if (!Number.isFinite(v) || v <= 0) throw new BadInputError(where, `must be a finite number > 0, got ${v}`);
  return v;
}

/** Builds a validated intent; NaN, Infinity, zero sizes and missing prices are refused here, at the edge. */
export function makeIntent(input: IntentInput): OrderIntent {
  const dedupeKey = dedupeKeyOf(input.botId, input.symbol, input.side, input.decisionTs, input.n);
  const cloid = cloidOf(dedupeKey);
  positive(input.qty, 'intent.qty');
  if (input.price !== undefined) positive(input.price, 'intent.price');
  if (input.triggerPrice !== undefined) positive(input.triggerPrice, 'intent.triggerPrice');
  const needsPrice = input.type === 'limit' || input.type === 'stop-limit' || input.type === 'take-profit-limit';
  if (needsPrice && input.price === undefined) throw new BadInputError('intent.price', `a ${input.type} order needs a price`);
  const needsTrigger = input.type !== 'market' && input.type !== 'limit';
  if (needsTrigger && input.triggerPrice === undefined) throw new BadInputError('intent.triggerPrice', `a ${input.type} order needs a trigger price`);
  return Object.freeze({
    intentId: cloid,
    dedupeKey,
    cloid,
    botId: input.botId,
    symbol: input.symbol,
    side: input.side,
    qty: input.qty,
    type: input.type,
    ...(input.price !== undefined ? { price: input.price } : {}),
    ...(input.triggerPrice !== undefined ? { triggerPrice: input.triggerPrice } : {}),
    tif: input.tif ?? (input.type === 'market' ? 'IOC' : 'GTC'),
    reduceOnly: input.reduceOnly ?? false,
    reason: input.reason,
    decisionTs: input.decisionTs,
  });
}
