// When a venue candle is final: its interval closed before the answer carrying it, with a margin for clock skew and late updates.

/**
 * A candle is final when open time + interval ≤ receive time − this margin. The receive time is our
 * clock, not the venue's, so the margin absorbs a clock of ours running ahead of the venue's (NTP
 * keeps it well under a second) and the venue's last update of a candle arriving just after its
 * close (a block is ~0.1–1 s). A candle inside the margin is stored as not final and replaced by a
 * later download; the cost of a too large margin is one more request, of a too small one a wrong bar.
 */
export const CANDLE_CLOSE_MARGIN_MS = 10_000;

/** The latest close time (open + interval) a candle received at `receivedAt` may have and be final. */
export function candlesClosedBy(receivedAt: number): number {
  return receivedAt - CANDLE_CLOSE_MARGIN_MS;
}
