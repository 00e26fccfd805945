// Hyperliquid side letters: "B" = bid/buy, "A" = ask/sell (in trades, the aggressor; in fills and orders, the user's side).
import type { Side } from '../../../core/orders.js';
import { fieldError } from '../wire/json-fields.js';

export function parseSide(v: unknown, where: string, path: string): Side {
  if (v === 'B') return 'buy';
  if (v === 'A') return 'sell';
  return fieldError(where, path, '"B" or "A"', v);
}
