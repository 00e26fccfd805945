// Venue fee presets: each venue's base-tier (lowest volume, no discounts) maker and taker rates for perpetuals, in bps of notional.
import { BadInputError } from '../core/errors.js';

export interface FeePreset {
  readonly name: string;
  readonly makerBps: number;
  readonly takerBps: number;
  /** Where the numbers come from, for the help text. */
  readonly source: string;
}

// Base tiers as documented by each venue, checked 2026-12-07 (the venues' own pages, and the
// loweef Crypto Futures Fee Index of 2026-10-16, which lists the same base rates):
// - Hyperliquid: perps 0.045 % taker / 0.015 % maker at the lowest 14-day volume tier
//   (hyperliquid.gitbook.io "Fees"; /work/shared/docs/hyperliquid.md §6).
// - Binance USDⓈ-M futures, VIP 0: 0.0500 % taker / 0.0200 % maker (binance.com/en/fee/futureFee).
// - Bybit perpetual and futures contracts, non-VIP: 0.055 % taker / 0.02 % maker
//   (bybit.com help center "Trading Fee Structure").
// - OKX perpetual swaps, regular user Lv1: 0.050 % taker / 0.020 % maker (okx.com/fees).
// Rebates, staking or token discounts and VIP tiers are not modelled: give --maker-bps/--taker-bps.
export const FEE_PRESETS: readonly FeePreset[] = [
  { name: 'hyperliquid', makerBps: 1.5, takerBps: 4.5, source: 'Hyperliquid perps, base tier' },
  { name: 'binance-futures', makerBps: 2, takerBps: 5, source: 'Binance USDⓈ-M futures, VIP 0' },
  { name: 'bybit', makerBps: 2, takerBps: 5.5, source: 'Bybit contracts, non-VIP' },
  { name: 'okx', makerBps: 2, takerBps: 5, source: 'OKX perpetual swaps, Lv1' },
  { name: 'zero', makerBps: 0, takerBps: 0, source: 'no fees' },
];

/** The preset called `name`; an error naming `where` and the known presets otherwise. */
export function feePreset(name: string, where = '--fees'): FeePreset {
  const p = FEE_PRESETS.find((x) => x.name === name);
  if (p === undefined) throw new BadInputError(where, `unknown fee preset ${JSON.stringify(name)}; expected one of ${FEE_PRESETS.map((x) => x.name).join(', ')}`);
  return p;
}

/** The preset a venue's data defaults to (store venue names as `download` and `record` write them), if any. */
export function venueFeePreset(venue: string): FeePreset | undefined {
  return FEE_PRESETS.find((x) => x.name !== 'zero' && x.name === venue);
}
