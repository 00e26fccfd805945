// The indicators and longer-interval bars strategies declare: built once per symbol, updated once per bar, shared.
import { formatInterval, type Bar } from '../core/bars.js';
import { BadInputError } from '../core/errors.js';
import { createIndicator, indicatorNames, indicatorSpec } from '../indicators/index.js';
import { BarResampler } from '../market/bar-resampler.js';
import { BarRing, type BarHistory } from '../market/bar-ring.js';
import type { IndicatorRequest, IndicatorValues } from '../strategy/needs.js';
import { IndicatorSlot, IndicatorView } from './indicator-values.js';

const DEFAULT_HISTORY = 2;

interface Declared {
  readonly key: string;
  readonly req: IndicatorRequest;
  readonly where: string;
  history: number;
}

/** One longer interval of one symbol: its resampler, closed-bar history and the indicators computed on it. */
interface Frame {
  readonly ms: number;
  readonly bars: BarRing;
  readonly slots: IndicatorSlot[];
  readonly resampler: BarResampler;
}

/** Everything the hub keeps for one symbol; the kernel holds it beside its own per-symbol state. */
export class SymbolFeed {
  /** Indicators on the run's own bars, updated on every bar. */
  readonly slots: IndicatorSlot[] = [];
  readonly frames: Frame[] = [];
  /** By handle. */
  readonly views: IndicatorView[] = [];

  constructor(
    readonly symbol: string,
    readonly bars: BarRing,
  ) {}

  onBar(bar: Bar): void {
    const { time, open, high, low, close, volume } = bar;
    this.bars.push(time, open, high, low, close, volume);
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) slots[i].update(open, high, low, close, volume);
    const frames = this.frames;
    for (let i = 0; i < frames.length; i++) frames[i].resampler.push(time, open, high, low, close, volume);
  }

  frame(ms: number): Frame | undefined {
    for (const f of this.frames) if (f.ms === ms) return f;
    return undefined;
  }
}

/**
 * Collects indicator and timeframe requests (several strategies may register; equal requests share one
 * instance per symbol), then `build()` creates them for every symbol. Handles are indexes in registration
 * order. Nothing is allocated per bar.
 */
export class IndicatorHub {
  private readonly declared: Declared[] = [];
  /** Handle → index in `declared`. */
  private readonly handles: number[] = [];
  private readonly frameHistory = new Map<number, number>();
  private barHistory = DEFAULT_HISTORY;
  private readonly feeds = new Map<string, SymbolFeed>();
  private built = false;

  /** `intervals`: each symbol's bar interval in ms, when known (timeframes need it). */
  constructor(private readonly intervals: ReadonlyMap<string, number | undefined>) {}

  /** Set when a strategy declared its needs (even none): only then are bars fed (strategies without pay nothing). */
  active = false;

  /** `where` names the declaration (`strategy X: indicator fast`); messages add the indicator's name as createIndicator does. */
  register(req: IndicatorRequest, where: string): number {
    const named = `${where} (${req.name})`;
    if (this.built) throw new BadInputError(where, 'indicators are declared before the run starts');
    if (req.create === undefined && !indicatorNames().includes(req.name)) {
      throw new BadInputError(named, `unknown indicator ${JSON.stringify(req.name)} (catalogue: ${indicatorNames().join(', ')}; or give create() for a custom one)`);
    }
    if (req.create !== undefined && indicatorNames().includes(req.name)) throw new BadInputError(named, `custom indicator id ${JSON.stringify(req.name)} is a catalogue name; choose another`);
    if (req.create === undefined) createIndicator(req.name, req.params ?? {}, where); // parameters checked here, whatever shares it
    const history = checkHistory(req.history ?? DEFAULT_HISTORY, `${named}: history`, 2);
    if (req.timeframeMs !== undefined) this.requireTimeframe(req.timeframeMs, 1, where);
    const key = requestKey(req);
    let i = this.declared.findIndex((d) => d.key === key);
    if (i < 0) i = this.declared.push({ key, req, where, history }) - 1;
    else this.declared[i].history = Math.max(this.declared[i].history, history);
    this.handles.push(i);
    return this.handles.length - 1;
  }

  requireTimeframe(ms: number, history: number, where: string): void {
    if (this.built) throw new BadInputError(where, 'timeframes are declared before the run starts');
    if (!(Number.isInteger(ms) && ms > 0)) throw new BadInputError(where, `timeframe must be a positive whole number of ms, got ${ms}`);
    this.frameHistory.set(ms, Math.max(this.frameHistory.get(ms) ?? 1, checkHistory(history, `${where}: history`)));
  }

  requireBarHistory(n: number, where: string): void {
    this.barHistory = Math.max(this.barHistory, checkHistory(n, where));
  }

  /** Creates every declared indicator and timeframe for every symbol. */
  build(): void {
    this.built = true;
    for (const [symbol, baseMs] of this.intervals) {
      const feed = new SymbolFeed(symbol, new BarRing(this.barHistory));
      for (const [ms, history] of [...this.frameHistory].sort((a, b) => a[0] - b[0])) {
        if (baseMs === undefined) throw new BadInputError(`timeframe ${formatInterval(ms)}`, `the bar interval of ${symbol} is unknown, so longer-interval bars cannot be built from it`);
        const bars = new BarRing(history);
        const slots: IndicatorSlot[] = [];
        const resampler = new BarResampler(baseMs, ms, (t, o, h, l, c, v) => {
          bars.push(t, o, h, l, c, v);
          for (let i = 0; i < slots.length; i++) slots[i].update(o, h, l, c, v);
        });
        feed.frames.push({ ms, bars, slots, resampler });
      }
      const slots = this.declared.map((d) => {
        const ind = d.req.create !== undefined ? d.req.create() : createIndicator(d.req.name, d.req.params ?? {}, d.where);
        const slot = new IndicatorSlot(ind, d.history);
        if (d.req.timeframeMs === undefined) feed.slots.push(slot);
        else (feed.frame(d.req.timeframeMs) as Frame).slots.push(slot);
        return slot;
      });
      const views = slots.map((s, i) => new IndicatorView(s, this.declared[i].req.label ?? this.declared[i].req.name));
      for (const i of this.handles) feed.views.push(views[i]);
      this.feeds.set(symbol, feed);
    }
  }

  feed(symbol: string): SymbolFeed | undefined {
    return this.feeds.get(symbol);
  }

  indicator(handle: number, symbol: string): IndicatorValues {
    const v = this.feedOf(symbol).views[handle];
    if (v === undefined) throw new BadInputError(`indicator handle ${handle}`, `not declared (${this.handles.length} declared)`);
    return v;
  }

  /** Closed bars of `symbol`: the run's own interval, or a declared longer one. */
  bars(symbol: string, timeframeMs?: number): BarHistory {
    if (!this.active) throw new BadInputError(`bars(${symbol})`, 'this strategy declares no `needs`: declare them (defineStrategy does) to keep bar history');
    const feed = this.feedOf(symbol);
    if (timeframeMs === undefined) return feed.bars;
    const f = feed.frame(timeframeMs);
    if (f === undefined) throw new BadInputError(`bars ${symbol} ${formatInterval(timeframeMs)}`, `timeframe not declared (declared: ${[...this.frameHistory.keys()].map(formatInterval).join(', ') || 'none'})`);
    return f.bars;
  }

  private feedOf(symbol: string): SymbolFeed {
    const f = this.feeds.get(symbol);
    if (f === undefined) throw new BadInputError(`symbol ${symbol}`, `not traded in this run (symbols: ${[...this.feeds.keys()].join(', ')})`);
    return f;
  }
}

function checkHistory(n: number, where: string, min = 1): number {
  if (!(Number.isInteger(n) && n >= min && n <= 1_000_000)) throw new BadInputError(where, `must be a whole number in [${min}, 1000000], got ${n}`);
  return n;
}

/**
 * Equal for requests that compute the same values: name, every parameter (catalogue defaults filled in,
 * numeric text read as a number) in the catalogue's order, timeframe. Custom indicators: id and parameters.
 */
function requestKey(req: IndicatorRequest): string {
  const given = req.params ?? {};
  let params: [string, number | string][];
  if (req.create !== undefined) {
    params = Object.entries(given).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  } else {
    params = indicatorSpec(req.name, req.name).params.map((p) => {
      const v = Object.hasOwn(given, p.name) ? given[p.name] : p.default;
      return [p.name, p.kind === 'choice' || typeof v === 'number' || v.trim() === '' ? v : Number(v)];
    });
  }
  return `${req.create !== undefined ? 'custom:' : ''}${req.name}${JSON.stringify(params)}@${req.timeframeMs ?? 0}`;
}
