// The value rules every parsed bar must satisfy, shared by all file formats.

/**
 * Why a bar's values are impossible, or undefined when they are fine. Prices must be positive
 * and finite, low ≤ open, close ≤ high; volume is NaN (unknown) or a finite number ≥ 0.
 * Also the store's check of stored bars (`sextant data check`).
 * Called once per row, so the fine case allocates nothing.
 */
export function barProblem(open: number, high: number, low: number, close: number, volume: number): string | undefined {
  // A finite high bounds the other prices (all ≤ high), so one comparison covers their finiteness.
  if (open > 0 && high > 0 && low > 0 && close > 0 && high < Infinity && high >= low && open >= low && open <= high && close >= low && close <= high && !(volume < 0) && volume !== Infinity) {
    return undefined;
  }
  if (!(open > 0)) return `open must be a positive price, got ${open}`;
  if (!(high > 0 && high < Infinity)) return `high must be a positive finite price, got ${high}`;
  if (!(low > 0)) return `low must be a positive price, got ${low}`;
  if (!(close > 0)) return `close must be a positive price, got ${close}`;
  if (high < low) return `high ${high} < low ${low}`;
  if (open < low || open > high) return `open ${open} outside [low ${low}, high ${high}]`;
  if (close < low || close > high) return `close ${close} outside [low ${low}, high ${high}]`;
  return `volume must be ≥ 0 and finite, got ${volume}`;
}
