// `sextant simulate` wired: the market simulator as fast as possible into the store (a recording plus 1m candles and funding), or live-paced with a line per symbol per second.
import type { Clock } from '../core/clock.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';
import { TRADE, type TradeData } from '../market/market-events.js';
import { LIQUIDATION } from '../market/perp-events.js';
import { MarketSim } from '../sim/market-sim/market-sim.js';
import type { SimSymbolSpec } from '../sim/market-sim/sim-instruments.js';
import { openStore } from '../store/open-store.js';
import { sleep, type Scheduler } from '../core/clock.js';
import { SimRecording, simVenue, type SimRecordingSummary } from './sim-recording.js';

/** Where a stored simulation starts unless told: fixed, so `--seed N --duration D` alone is reproducible. */
export const DEFAULT_STORED_START = Date.UTC(2026, 0, 1);
/** Simulated time generated per slice of a fast run (between progress checks and Ctrl-C checks). */
const SLICE_MS = 60_000;

export interface SimulateRequest {
  readonly symbols: readonly SimSymbolSpec[];
  readonly seed: number;
  /** ms UTC. */
  readonly start: number;
  /** Simulated time to run; undefined: until stopped (live only). */
  readonly durationMs: number | undefined;
  /** Simulated seconds per wall second; undefined: as fast as possible (needs a db and a duration). */
  readonly speed: number | undefined;
  /** SQLite store to write the recording to (absolute path), if any. */
  readonly db: string | undefined;
}

export interface SimulateDeps {
  /** The wall clock: pacing and progress. */
  readonly clock: Clock;
  /** Sleeps of the live pace, and the yields that let Ctrl-C through a fast run. */
  readonly scheduler: Scheduler;
  readonly signal: AbortSignal;
  /** Results and the live lines (stdout). */
  readonly out: (line: string) => void;
  /** Progress and notes (stderr). */
  readonly progress: (line: string) => void;
}

export interface SimulateResult {
  readonly interrupted: boolean;
  readonly events: number;
  readonly stored: SimRecordingSummary | undefined;
}

export async function runSimulate(req: SimulateRequest, deps: SimulateDeps): Promise<SimulateResult> {
  if (req.speed === undefined && (req.db === undefined || req.durationMs === undefined)) {
    throw new BadInputError('simulate', 'as fast as possible needs both --db and --duration; give --speed X to run live-paced');
  }
  if (req.speed !== undefined && !(Number.isFinite(req.speed) && req.speed > 0)) throw new BadInputError('--speed', `must be a positive number, got ${req.speed}`);
  if (req.durationMs !== undefined && !(Number.isFinite(req.durationMs) && req.durationMs > 0)) throw new BadInputError('--duration', `must be positive, got ${req.durationMs}`);
  const sim = new MarketSim({ symbols: req.symbols, seed: req.seed, start: req.start });
  const store = req.db === undefined ? undefined : openStore(req.db, { clock: deps.clock });
  try {
    const venue = simVenue(req.seed, req.start);
    const recording =
      store === undefined ? undefined : await SimRecording.open(store, venue, req.symbols, { source: 'sextant simulate', seed: req.seed, start: new Date(req.start).toISOString(), durationMs: req.durationMs ?? null, speed: req.speed ?? null });
    if (recording !== undefined) deps.progress(`simulate: recording ${recording.recording} in ${req.db} (venue ${venue})`);
    const run = req.speed === undefined ? fast(sim, req, deps, recording) : live(sim, req, req.speed, deps, recording);
    const { interrupted, events, end } = await run;
    const stored = recording === undefined ? undefined : await recording.finish(end);
    if (stored !== undefined) {
      const symbols = req.symbols.map((s) => s.name).join(',');
      deps.out(
        `recording ${stored.recording} (venue ${venue}): ${group(events)} events, ${group(stored.frames)} frames, ${group(stored.rows)} rows, ${group(stored.candles)} 1m candles, ${stored.fundingRates} funding rates, ${stored.liquidations} liquidations${interrupted ? ' (interrupted)' : ''}\n` +
          `  sextant backtest --db ${req.db} --recording ${stored.recording} --strategy NAME\n` +
          `  sextant backtest --db ${req.db} --venue ${venue} --symbols ${symbols} --interval 1m --strategy NAME\n`,
      );
    }
    return { interrupted, events, stored };
  } finally {
    await store?.close();
  }
}

async function fast(sim: MarketSim, req: SimulateRequest, deps: SimulateDeps, rec: SimRecording | undefined): Promise<{ interrupted: boolean; events: number; end: number }> {
  const end = req.start + (req.durationMs as number);
  const wall0 = deps.clock.now();
  let lastShown = wall0;
  let events = 0;
  for (let t = req.start; t < end; ) {
    t = Math.min(end, t + SLICE_MS);
    const batch = sim.next(t);
    events += batch.length;
    rec?.feed(batch);
    // Lets a Ctrl-C (a signal handler) run between slices.
    await sleep(deps.scheduler, 0);
    if (deps.signal.aborted) return { interrupted: true, events, end: t };
    const now = deps.clock.now();
    if (now - lastShown >= 1_000) {
      lastShown = now;
      const pct = Math.floor(((t - req.start) / (end - req.start)) * 100);
      deps.progress(`simulate: ${clockTime(t - req.start)} of ${clockTime(end - req.start)} simulated (${pct} %), ${group(events)} events, ${((now - wall0) / 1000).toFixed(1)} s`);
    }
  }
  return { interrupted: false, events, end };
}

interface Window {
  trades: number;
  volume: number;
  liquidations: number;
}

async function live(sim: MarketSim, req: SimulateRequest, speed: number, deps: SimulateDeps, rec: SimRecording | undefined): Promise<{ interrupted: boolean; events: number; end: number }> {
  const end = req.durationMs === undefined ? Number.POSITIVE_INFINITY : req.start + req.durationMs;
  const wall0 = deps.clock.now();
  const windows = new Map<string, Window>(sim.symbols().map((s) => [s, { trades: 0, volume: 0, liquidations: 0 }]));
  let events = 0;
  deps.progress(`simulate: ${sim.symbols().join(',')} seed ${req.seed} from ${new Date(req.start).toISOString()} at ${speed}× real time${req.durationMs === undefined ? '; Ctrl-C stops' : ''}`);
  for (let tick = 1; ; tick++) {
    try {
      await sleep(deps.scheduler, Math.max(0, wall0 + tick * 1_000 - deps.clock.now()), deps.signal);
    } catch (e) {
      if (deps.signal.aborted) return { interrupted: true, events, end: sim.time };
      throw e;
    }
    const simNow = Math.min(end, req.start + (deps.clock.now() - wall0) * speed);
    const batch = sim.next(simNow);
    events += batch.length;
    rec?.feed(batch);
    tally(batch, windows);
    for (const symbol of sim.symbols()) {
      deps.out(statusLine(sim, symbol, simNow, windows.get(symbol) as Window) + '\n');
      windows.set(symbol, { trades: 0, volume: 0, liquidations: 0 });
    }
    if (simNow >= end) return { interrupted: false, events, end };
  }
}

function tally(batch: readonly Envelope[], windows: Map<string, Window>): void {
  for (const e of batch) {
    const w = windows.get(e.symbol);
    if (w === undefined) continue;
    if (e.type === TRADE) {
      w.trades++;
      w.volume += (e.data as TradeData).size;
    } else if (e.type === LIQUIDATION) w.liquidations++;
  }
}

/** `00:00:05Z BTC 100012 mid 100011.5 mark 100012 | 12 trades 0.532 | funding 0.0013 %/h OI 20012 | calm vol×1.3` */
function statusLine(sim: MarketSim, symbol: string, t: number, w: Window): string {
  const s = sim.status(symbol);
  const liq = w.liquidations > 0 ? ` | ${w.liquidations} liquidations` : '';
  return (
    `${new Date(t).toISOString().slice(11, 19)}Z ${symbol.padEnd(4)} ${String(s.lastPrice).padStart(9)} mark ${s.mark ?? '?'} | ${String(w.trades).padStart(3)} trades ${Number(w.volume.toPrecision(6))} | ` +
    `funding ${(s.funding * 100).toFixed(4)} %/h OI ${Math.round(s.openInterest)} | ${s.regime} vol×${s.volRatio.toFixed(1)}${liq}`
  );
}

function clockTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
