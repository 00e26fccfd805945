// The simulated venue's rejection reasons: a closed set of codes, each optionally followed by ": detail".

/**
 * A reason reads `code` or `code: detail`; the code never carries numbers or symbols (reports count
 * rejections by it), the detail does (quantities, prices, margin figures).
 */
export const REJECT = {
  lot: 'quantity off the lot grid',
  price: 'price off the tick grid',
  trigger: 'trigger price off the tick grid',
  aloType: 'post-only (ALO) applies to limit orders only',
  noMark: 'no market price yet',
  reduceOnly: 'reduce-only order would increase the position',
  minNotional: 'notional below the minimum',
  margin: 'insufficient margin',
  aloCrossMarket: 'post-only order would have crossed the market',
  aloCrossBook: 'post-only order would have crossed the book',
} as const;

export type RejectCode = (typeof REJECT)[keyof typeof REJECT];

export function rejection(code: RejectCode, detail: string): string {
  return `${code}: ${detail}`;
}
