// The simulator's stream stored as a Hyperliquid recording: its events as the venue's frames through the recorder (same decoder as replay), 1m candles as candle frames, settled funding as funding rows.
import { Buffer } from 'node:buffer';
import { formatInterval } from '../core/bars.js';
import type { Envelope } from '../core/envelope.js';
import { CANDLE_CLOSE_MARGIN_MS } from '../ingest/hyperliquid/candle-close.js';
import { HyperliquidRecorder } from '../ingest/hyperliquid/recorder.js';
import { SimFrameEncoder, candleFrame, type CandleFields, type WsFrame } from '../localnet/hyperliquid/sim-frames.js';
import { CandleBuilder } from '../market/candle-builder.js';
import { TRADE, type TradeData } from '../market/market-events.js';
import { FUNDING_SETTLED, LIQUIDATION, type FundingSettledData } from '../market/perp-events.js';
import type { SimSymbolSpec } from '../sim/market-sim/sim-instruments.js';
import type { FundingPoint, Store } from '../store/ports.js';
import { ManualClock } from '../core/manual-clock.js';

/**
 * The store venue of simulated rows, e.g. `sim-42-20260101T0000Z`: never `hyperliquid`, so
 * simulated bars never mix with real ones, and one per (seed, start), so two simulations over the
 * same hours never write over each other's candles and funding (the same seed and start give the
 * same rows again).
 */
export function simVenue(seed: number, start: number): string {
  const iso = new Date(start).toISOString();
  const compact = iso.slice(0, 16).replace(/[-:]/g, '') + (iso.slice(16, 23) === ':00.000' ? '' : iso.slice(17, 23).replace('.', '')) + 'Z';
  return `sim-${seed}-${compact}`;
}

export interface SimRecordingSummary {
  readonly recording: number;
  readonly frames: number;
  readonly rows: number;
  readonly candles: number;
  readonly fundingRates: number;
  readonly liquidations: number;
  readonly trades: number;
}

export class SimRecording {
  private readonly recorder: HyperliquidRecorder;
  private readonly encoder: SimFrameEncoder;
  private readonly builders = new Map<string, CandleBuilder>();
  private readonly funding = new Map<string, FundingPoint[]>();
  /** Closed bars waiting to be sent: a candle is final only when received its margin after its close. */
  private readonly due: { readonly at: number; readonly candle: CandleFields }[] = [];
  private readonly emit: (f: WsFrame, ts: number) => void;
  private clock = Number.NEGATIVE_INFINITY;
  private candles = 0;
  private liquidations = 0;
  private trades = 0;

  private constructor(
    private readonly store: Store,
    readonly recording: number,
    readonly venue: string,
    specs: readonly SimSymbolSpec[],
    intervalMs: number,
  ) {
    // Batches close on size; the final flush writes the rest (nothing here waits on a timer).
    this.recorder = new HyperliquidRecorder({ store: store.recordings, recording, venue, scheduler: new ManualClock(), batch: { maxRows: 20_000 } });
    const sz = new Map(specs.map((s) => [s.name, s.szDecimals]));
    const emit = (f: WsFrame, ts: number): void => this.recorder.onFrame(f.channel, Buffer.from(f.text), ts);
    this.emit = emit;
    this.encoder = new SimFrameEncoder((s) => sz.get(s) ?? 0, emit);
    const interval = formatInterval(intervalMs);
    for (const s of specs) {
      this.funding.set(s.name, []);
      this.builders.set(
        s.name,
        new CandleBuilder({ symbol: s.name, intervalMs }, (b, symbol) => {
          const candle = { symbol, interval, intervalMs, time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, trades: b.trades };
          this.due.push({ at: b.time + intervalMs + CANDLE_CLOSE_MARGIN_MS, candle });
        }),
      );
    }
  }

  /** Opens a recording whose meta says what made it (symbols, seed, start, channels, candle interval). */
  static async open(store: Store, venue: string, specs: readonly SimSymbolSpec[], meta: Readonly<Record<string, unknown>>, intervalMs = 60_000): Promise<SimRecording> {
    const info = await store.recordings.startRecording(venue, {
      ...meta,
      simulated: true,
      symbols: specs.map((s) => s.name),
      channels: ['l2Book', 'trades', 'activeAssetCtx', 'candle'],
      interval: formatInterval(intervalMs),
    });
    return new SimRecording(store, info.id, venue, specs, intervalMs);
  }

  /** Stores a time-ordered run of simulator envelopes (continuing the previous ones). */
  feed(events: readonly Envelope[]): void {
    for (const e of events) {
      if (e.tsEvent > this.clock) {
        // Bars that closed by this time go out first, stamped with it (received after their close: final).
        this.encoder.flush();
        this.clock = e.tsEvent;
        for (const b of this.builders.values()) b.onClock(e.tsEvent);
        this.sendDue(e.tsEvent);
      }
      this.encoder.push(e);
      if (e.type === TRADE) {
        const t = e.data as TradeData;
        this.builders.get(e.symbol)?.onTrade(t.price, t.size, e.tsEvent);
        this.trades++;
      } else if (e.type === FUNDING_SETTLED) {
        this.funding.get(e.symbol)?.push({ time: e.tsEvent, rate: (e.data as FundingSettledData).rate });
      } else if (e.type === LIQUIDATION) this.liquidations++;
    }
  }

  private sendDue(now: number): void {
    let k = 0;
    while (k < this.due.length && this.due[k].at <= now) {
      this.emit(candleFrame(this.due[k].candle), Math.max(now, this.due[k].at));
      this.candles++;
      k++;
    }
    if (k > 0) this.due.splice(0, k);
  }

  /** Counts so far, for a progress line. */
  progressLine(): string {
    return this.recorder.progressLine();
  }

  /**
   * Ends the stream at `end` (exclusive): bars that closed by then are sent at their due times
   * (a forming bar is left out: it never closed), then everything is written, with the settled funding.
   */
  async finish(end: number): Promise<SimRecordingSummary> {
    this.encoder.flush();
    for (const b of this.builders.values()) b.onClock(end);
    for (const d of this.due) {
      this.emit(candleFrame(d.candle), Math.max(this.clock, d.at));
      this.candles++;
    }
    this.due.length = 0;
    await this.recorder.flush();
    let fundingRates = 0;
    for (const [symbol, points] of this.funding) {
      if (points.length > 0) fundingRates += (await this.store.funding.upsertFunding(this.venue, symbol, points)).inserted;
    }
    const w = this.recorder.stats().written;
    return { recording: this.recording, frames: w.frames, rows: w.rows, candles: this.candles, fundingRates, liquidations: this.liquidations, trades: this.trades };
  }
}
