// The limit price of a market order: an IOC at reference × (1 ± slippage), rounded aggressively onto the venue's grid.
import { BadInputError } from '../../../core/errors.js';
import type { Side } from '../../../core/orders.js';
import { resolveAsset } from './asset-table.js';
import type { AssetTable } from './asset-table.js';
import { addDecimal, decimalToString, mulDecimal, parseDecimal } from './decimal.js';
import { formatPrice } from './wire-number.js';

/** The Python SDK's default market slippage. */
export const DEFAULT_MARKET_SLIPPAGE = 0.05;

/**
 * Hyperliquid has no market order type: send IOC at reference × (1 + slippage) for buys,
 * × (1 − slippage) for sells, re-rounded (the classic "invalid price" bug is sending the raw
 * product). Exact decimal arithmetic; buys round up and sells down so the order stays marketable.
 * Prices more than 80 % from the reference are rejected by the venue, so slippage must be < 0.8.
 */
export function marketLimitPrice(table: AssetTable, symbol: string, side: Side, reference: number | string, slippage: number | string = DEFAULT_MARKET_SLIPPAGE): string {
  const asset = resolveAsset(table, symbol, 'market.symbol');
  const ref = parseDecimal(reference, 'market.reference');
  if (ref.neg || ref.units === 0n) throw new BadInputError('market.reference', `must be > 0, got ${JSON.stringify(reference)}`);
  const slip = parseDecimal(slippage, 'market.slippage');
  if (slip.neg || Number(decimalToString(slip)) >= 0.8) throw new BadInputError('market.slippage', `expected a fraction in [0, 0.8), got ${JSON.stringify(slippage)}`);
  const one = parseDecimal(1, 'one');
  const factor = side === 'buy' ? addDecimal(one, slip) : addDecimal(one, { ...slip, neg: true });
  const raw = decimalToString(mulDecimal(ref, factor));
  return formatPrice(raw, asset.szDecimals, asset.market, side === 'buy' ? 'up' : 'down', 'market.price');
}
