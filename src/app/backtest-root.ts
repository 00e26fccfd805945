// The backtest composition root: a request (from the CLI or a stored run spec) → loaded inputs and a full run spec → the run, its metrics and output digest → the store.
import { resolve } from 'node:path';
import { sliceBars, type BarSeries } from '../core/bars.js';
import type { Clock } from '../core/clock.js';
import { LiveClock } from '../core/live-clock.js';
import type { Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';
import { mergeEvents } from '../engine/event-driver.js';
import type { BacktestResult } from '../research/backtest-result.js';
import { runBacktest } from '../research/backtest-runner.js';
import { computeMetrics, type BacktestMetrics } from '../research/metrics.js';
import { parseFillModel } from '../sim/fill-model.js';
import type { BarFileFormat } from '../store/formats/read-bar-file.js';
import { readFundingFile, type FundingRates } from '../store/formats/funding-file.js';
import { readTickFile } from '../store/formats/read-tick-file.js';
import { withStore } from '../store/open-store.js';
import { resolveParams, type ParamValues } from '../strategy/params.js';
import type { StrategyDefinition, StrategyOptions } from '../strategy/strategy.js';
import { loadFileData, loadRecordingData, loadStoredData, type LoadedData } from './backtest-data.js';
import type { BacktestSpec, FileRef } from './backtest-spec.js';
import { chooseFees, type FeeRequest } from './fee-choice.js';
import { loadStrategy, loadStrategyConfig, parseStrategyConfig, type LoadedConfig } from './load-strategy.js';
import { fileRef, inputDigest, outputDigest, type OutputDigest } from './run-hashes.js';
import { sextantVersion } from './sextant-version.js';

export type DataRequest =
  | { readonly kind: 'file'; readonly path: string; readonly format?: BarFileFormat; readonly symbol?: string; readonly interval?: string }
  | { readonly kind: 'store'; readonly db: string; readonly venue: string; readonly symbols: readonly string[]; readonly interval: string }
  | { readonly kind: 'recording'; readonly db: string; readonly recording: number }
  | { readonly kind: 'ticks-only' };

/** A backtest as asked for: paths absolute or relative to `cwd`; settings left out take the strategy's or the data's defaults. */
export interface BacktestRequest {
  readonly cwd: string;
  /** Built-in name or path of a strategy module. */
  readonly strategy: string;
  /** `name=value` texts, checked against the strategy's declared parameters. */
  readonly params: readonly string[];
  /** A config file, or a config's content as kept in a run spec. */
  readonly strategyConfig?: { readonly path: string; readonly content?: string };
  readonly data: DataRequest;
  readonly ticks: readonly string[];
  /** `[SYMBOL=]FILE`: without a symbol the file belongs to the run's only symbol. */
  readonly funding: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly cash: number;
  readonly fees: FeeRequest;
  readonly slippageBps?: number;
  /** Undefined: the strategy's default, unless `slippageBps` is given; null: none. */
  readonly exitSlippageBps?: number | null;
  readonly fillModel?: string;
  readonly leverage?: number;
  readonly tick?: number;
  readonly lot?: number;
  readonly multiplier: number;
  /** Type-check a TypeScript strategy before loading it (default true). */
  readonly typecheck?: boolean;
}

/** Inputs loaded and checked, and the spec that names them. Nothing has run yet. */
export interface PreparedBacktest {
  readonly spec: BacktestSpec;
  readonly strategy: StrategyDefinition;
  readonly params: ParamValues;
  readonly strategyOptions: StrategyOptions;
  readonly series: readonly BarSeries[];
  readonly events: readonly Envelope[];
  readonly stepBy: 'tsEvent' | 'tsInit';
  readonly funding: ReadonlyMap<string, FundingRates>;
  /** Where the data came from, for summaries. */
  readonly source: string;
  /** What the data loading had to say (forming bars left out, …), for warnings. */
  readonly dataNotes: readonly string[];
}

export interface BacktestOutcome {
  readonly spec: BacktestSpec;
  readonly result: BacktestResult;
  readonly metrics: BacktestMetrics;
  readonly digest: OutputDigest;
  readonly source: string;
}

/**
 * Loads the strategy, its config and every input, hashing each, and resolves every setting into the
 * spec. The clock (store timestamps) is the wall clock unless a test gives its own.
 */
export async function prepareBacktest(req: BacktestRequest, clock: Clock = new LiveClock()): Promise<PreparedBacktest> {
  const { definition: strategy, ref: strategyRef } = await loadStrategy(req.strategy, req.cwd, { typecheck: req.typecheck });
  const params = resolveParams(strategy.name, strategy.params, req.params);
  const config: LoadedConfig | undefined =
    req.strategyConfig === undefined
      ? undefined
      : req.strategyConfig.content !== undefined
        ? parseStrategyConfig(req.strategyConfig.content, resolve(req.cwd, req.strategyConfig.path))
        : loadStrategyConfig(req.strategyConfig.path, req.cwd);
  const strategyOptions = config?.options ?? {};
  const defaults = strategy.simDefaultsFor?.(strategyOptions) ?? strategy.simDefaults ?? {};
  const fillModel = parseFillModel(req.fillModel ?? defaults.fillModel ?? 'next-open');
  if (!(req.cash > 0)) throw new BadInputError('--cash', `must be > 0, got ${req.cash}`);
  const { from, to } = req;
  if (from !== undefined && to !== undefined && to <= from) throw new BadInputError('--to', 'must be after --from');

  const data = await loadData(req.data, req.cwd, clock);
  const inRange = (t: number): boolean => (from === undefined || t >= from) && (to === undefined || t < to);
  const series = data.series.map((s) => sliceBars(s, from, to));
  const tickFiles: FileRef[] = [];
  const tickLists = req.ticks.map((f) => {
    const path = resolve(req.cwd, f);
    tickFiles.push(fileRef(path, 'tick file'));
    return readTickFile(path).events.filter((e) => inRange(e.tsEvent));
  });
  const ownEvents = data.stepBy === 'tsInit' ? data.events.filter((e) => inRange(e.tsInit)) : data.events.filter((e) => inRange(e.tsEvent));
  if (tickLists.length > 0 && data.stepBy === 'tsInit') throw new BadInputError('--ticks', 'cannot be mixed with --recording (a recording steps by receive time, tick files by venue time)');
  const events = tickLists.length > 0 ? mergeEvents(tickLists) : ownEvents;
  if (series.reduce((n, s) => n + s.length, 0) + events.length === 0) throw new BadInputError(data.source, `no bars${from !== undefined || to !== undefined ? ' in the --from/--to range' : ''}`);
  const funding = new Map(data.funding);
  const fundingFiles: { symbol: string; file: FileRef }[] = [];
  for (const [symbol, file, rates] of loadFundingFiles(req.funding, series, req.cwd)) {
    funding.set(symbol, rates);
    fundingFiles.push({ symbol, file });
  }

  const fees = chooseFees(req.fees, { name: strategy.name, takerFeeBps: defaults.takerFeeBps }, data.venue);
  const definedParams = Object.fromEntries(Object.entries(params).filter((e): e is [string, number | boolean | string] => e[1] !== undefined));
  const spec: BacktestSpec = {
    version: 1,
    sextant: sextantVersion(),
    strategy: strategyRef,
    params: definedParams,
    strategyConfig: config === undefined ? null : { file: config.file, content: config.content },
    data: data.ref,
    ticks: tickFiles,
    funding: fundingFiles,
    from: from ?? null,
    to: to ?? null,
    cash: req.cash,
    fees,
    slippageBps: req.slippageBps ?? defaults.slippageBps ?? 0,
    exitSlippageBps: req.exitSlippageBps !== undefined ? req.exitSlippageBps : req.slippageBps !== undefined ? null : (defaults.exitSlippageBps ?? null),
    fillModel,
    leverage: req.leverage ?? null,
    tick: req.tick ?? defaults.tick ?? null,
    lot: req.lot ?? defaults.lot ?? null,
    multiplier: req.multiplier,
    inputs: inputDigest(series, events, funding),
  };
  return { spec, strategy, params, strategyOptions, series, events, stepBy: data.stepBy, funding, source: data.source, dataNotes: data.notes ?? [] };
}

function loadData(d: DataRequest, cwd: string, clock: Clock): Promise<LoadedData> {
  switch (d.kind) {
    case 'file':
      return loadFileData(resolve(cwd, d.path), { format: d.format, symbol: d.symbol, interval: d.interval });
    case 'store':
      return loadStoredData(resolve(cwd, d.db), d.venue, d.symbols, d.interval, clock);
    case 'recording':
      return loadRecordingData(resolve(cwd, d.db), d.recording, clock);
    case 'ticks-only':
      return Promise.resolve({ series: [], events: [], stepBy: 'tsEvent', funding: new Map(), venue: undefined, source: 'tick files', ref: { kind: 'ticks-only' } });
  }
}

/** `--funding [SYMBOL=]FILE` → (symbol, file, rates); without a symbol the file belongs to the run's only symbol. */
function loadFundingFiles(specs: readonly string[], series: readonly BarSeries[], cwd: string): [string, FileRef, FundingRates][] {
  const out: [string, FileRef, FundingRates][] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    let symbol: string;
    if (eq > 0) symbol = spec.slice(0, eq);
    else if (series.length === 1) symbol = series[0].symbol;
    else throw new BadInputError(`--funding ${spec}`, `this run has several symbols (${series.map((s) => s.symbol).join(', ')}): write SYMBOL=FILE`);
    if (!series.some((s) => s.symbol === symbol)) throw new BadInputError(`--funding ${spec}`, `symbol ${symbol} is not in this run`);
    if (out.some((o) => o[0] === symbol)) throw new BadInputError(`--funding ${spec}`, `funding for ${symbol} given twice`);
    const path = resolve(cwd, eq > 0 ? spec.slice(eq + 1) : spec);
    const rates = readFundingFile(path);
    out.push([symbol, fileRef(path, 'funding file'), rates]);
  }
  return out;
}

/** Runs a prepared backtest: the result, its metrics and the digest a rerun must match. */
export function executeBacktest(p: PreparedBacktest, onProgress?: (done: number, total: number) => void): BacktestOutcome {
  const s = p.spec;
  const result = runBacktest({
    strategy: p.strategy,
    params: p.params,
    strategyOptions: p.strategyOptions,
    series: p.series,
    events: p.events,
    stepBy: p.stepBy,
    cash: s.cash,
    fillModel: parseFillModel(s.fillModel),
    makerFeeBps: s.fees.makerBps,
    takerFeeBps: s.fees.takerBps,
    feePerUnit: s.fees.perUnit,
    multiplier: s.multiplier,
    slippageBps: s.slippageBps,
    exitSlippageBps: s.exitSlippageBps ?? undefined,
    leverage: s.leverage ?? undefined,
    tick: s.tick ?? undefined,
    lotSize: s.lot ?? undefined,
    funding: p.funding,
    onProgress,
  });
  return { spec: s, result, metrics: computeMetrics(result), digest: outputDigest(result), source: p.source };
}

/** Records a run with its spec, metrics and output digest in the store at `db`; returns its id. */
export async function saveBacktestRun(db: string, o: BacktestOutcome, clock: Clock = new LiveClock()): Promise<number> {
  const t = o.result.equityTime;
  const rec = await withStore(db, { clock }, (store) =>
    store.runs.saveRun({
      strategy: o.result.strategy,
      params: o.result.params,
      symbols: o.result.symbols,
      dataFrom: t.length > 0 ? t[0] : undefined,
      dataTo: t.length > 0 ? t[t.length - 1] : undefined,
      fillModel: o.result.fillModel,
      metrics: { ...o.metrics },
      spec: o.spec,
      digest: o.digest,
    }),
  );
  return rec.id;
}

/** The request that repeats a stored spec: every setting explicit, the config from its kept content. */
export function requestFromSpec(spec: BacktestSpec, cwd: string): BacktestRequest {
  const d = spec.data;
  const data: DataRequest =
    d.kind === 'file'
      ? { kind: 'file', path: d.file.path, format: d.format as BarFileFormat, symbol: d.symbol ?? undefined, interval: d.interval ?? undefined }
      : d.kind === 'store'
        ? { kind: 'store', db: d.db, venue: d.venue, symbols: d.symbols, interval: d.interval }
        : d.kind === 'recording'
          ? { kind: 'recording', db: d.db, recording: d.recording }
          : { kind: 'ticks-only' };
  return {
    cwd,
    strategy: 'builtin' in spec.strategy ? spec.strategy.builtin : spec.strategy.file.path,
    // String(number) round-trips a double exactly, so the parsed parameters are the stored ones.
    params: Object.entries(spec.params).map(([k, v]) => `${k}=${String(v)}`),
    strategyConfig: spec.strategyConfig === null ? undefined : { path: spec.strategyConfig.file.path, content: spec.strategyConfig.content },
    data,
    ticks: spec.ticks.map((t) => t.path),
    funding: spec.funding.map((f) => `${f.symbol}=${f.file.path}`),
    from: spec.from ?? undefined,
    to: spec.to ?? undefined,
    cash: spec.cash,
    fees: { perUnit: spec.fees.perUnit, chosen: spec.fees },
    slippageBps: spec.slippageBps,
    exitSlippageBps: spec.exitSlippageBps,
    fillModel: spec.fillModel,
    leverage: spec.leverage ?? undefined,
    tick: spec.tick ?? undefined,
    lot: spec.lot ?? undefined,
    multiplier: spec.multiplier,
  };
}
