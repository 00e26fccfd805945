// Named bar fill models and the documented intrabar price path used to trigger resting orders.
import { BadInputError } from '../core/errors.js';
import { quoteJson } from '../core/quote-input.js';

/**
 * `next-open`: an order decided on bar t arrives at bar t+1's open; market orders fill at that
 * open; limits, stops and take-profits trigger along bar t+1's intrabar path.
 * `close`: market orders fill at the deciding bar's close (the AI Quant engine's convention);
 * resting orders trigger along the following bars' paths.
 */
export type FillModel = 'next-open' | 'close';

export const FILL_MODELS: readonly FillModel[] = ['next-open', 'close'];

export function parseFillModel(text: string, where = '--fill-model'): FillModel {
  if ((FILL_MODELS as readonly string[]).includes(text)) return text as FillModel;
  throw new BadInputError(where, `expected one of ${FILL_MODELS.join(', ')}, got ${quoteJson(text)}`);
}

/**
 * Intrabar path: open → nearer-by-direction extreme → other extreme → close. A bar that closes at
 * or above its open is assumed to dip first (O → L → H → C); a bar closing below its open to rally
 * first (O → H → L → C). Writes the four points into `out` (no allocation).
 */
export function intrabarPath(open: number, high: number, low: number, close: number, out: Float64Array): void {
  out[0] = open;
  if (close >= open) {
    out[1] = low;
    out[2] = high;
  } else {
    out[1] = high;
    out[2] = low;
  }
  out[3] = close;
}
