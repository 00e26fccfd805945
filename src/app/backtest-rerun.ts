// Reruns a stored backtest from its spec: detects changed inputs from their hashes before running, then proves (or disproves) byte-for-byte identity of the outputs.
import { existsSync } from 'node:fs';
import type { Clock } from '../core/clock.js';
import { BadInputError } from '../core/errors.js';
import { withStore } from '../store/open-store.js';
import type { BacktestRunRecord } from '../store/ports.js';
import { executeBacktest, prepareBacktest, requestFromSpec, type BacktestOutcome } from './backtest-root.js';
import { parseBacktestSpec, type BacktestSpec, type FileRef } from './backtest-spec.js';
import { fileRef, type OutputDigest } from './run-hashes.js';
import { sextantVersion } from './sextant-version.js';

/** An input that is not what the run used: `was` and `now` are short hashes (or `missing`). */
export interface InputChange {
  readonly what: string;
  readonly was: string;
  readonly now: string;
}

export interface RerunReport {
  readonly run: BacktestRunRecord;
  readonly spec: BacktestSpec;
  /** The output digest stored with the run (checked), which the rerun must match. */
  readonly stored: OutputDigest;
  /** Inputs that changed since the run; a rerun without `force` stops at the first check that finds any. */
  readonly changes: readonly InputChange[];
  /** Differences that do not stop a rerun (the Sextant version, an edited config file: its kept content is used). */
  readonly notes: readonly string[];
  /** Absent when inputs changed and `force` was not given: nothing ran. */
  readonly outcome?: BacktestOutcome;
  /** Output parts whose hash differs from the stored digest (`fills`, `equity`, `ledger`); empty when identical. */
  readonly differences: readonly string[];
  readonly identical: boolean;
}

const short = (h: string): string => h.slice(0, 12);

function fileChange(what: string, f: FileRef): InputChange | undefined {
  if (!existsSync(f.path)) return { what: `${what} ${f.path}`, was: short(f.sha256), now: 'missing' };
  const now = fileRef(f.path, what).sha256;
  return now === f.sha256 ? undefined : { what: `${what} ${f.path}`, was: short(f.sha256), now: short(now) };
}

/** The stored run `id` with its spec and digest checked (BadInputError naming the run otherwise). */
export async function loadRunForRerun(db: string, id: number, clock: Clock): Promise<{ run: BacktestRunRecord; spec: BacktestSpec; digest: OutputDigest }> {
  const run = await withStore(db, { clock }, (store) => store.runs.getRun(id));
  if (run === undefined) throw new BadInputError(`run ${id}`, `no such run in ${db} (see sextant runs list)`);
  if (run.spec === undefined || run.digest === undefined) throw new BadInputError(`run ${id}`, 'was saved before runs kept their spec and output digest, so it cannot be rerun');
  const spec = parseBacktestSpec(run.spec, `run ${id} spec`);
  const digest = run.digest as Partial<OutputDigest> | null;
  if (typeof digest !== 'object' || digest === null || typeof digest.sha256 !== 'string') throw new BadInputError(`run ${id} digest`, `has no sha256 (${JSON.stringify(run.digest)})`);
  return { run, spec, digest: digest as OutputDigest };
}

/**
 * Reruns stored run `id`. Files are checked against their hashes first (strategy source, data,
 * tick and funding files), then the loaded data against the input hash (this catches changed
 * store or recording data); any change stops here unless `force`. The stored spec fixes every
 * setting, so a rerun of unchanged inputs must give the same output digest.
 */
export async function rerunBacktest(db: string, id: number, opts: { readonly force: boolean; readonly cwd: string; readonly clock: Clock; readonly onProgress?: (done: number, total: number) => void }): Promise<RerunReport> {
  const { run, spec, digest } = await loadRunForRerun(db, id, opts.clock);
  const notes: string[] = [];
  const version = sextantVersion();
  if (version !== spec.sextant) notes.push(`the run was made by Sextant ${spec.sextant}, this is ${version}`);
  if (spec.strategyConfig !== null) {
    const f = spec.strategyConfig.file;
    if (!existsSync(f.path)) notes.push(`strategy config ${f.path} is gone; the content kept with the run is used`);
    else if (fileRef(f.path, 'strategy config').sha256 !== f.sha256) notes.push(`strategy config ${f.path} changed since the run; the content kept with the run is used`);
  }
  const changes: InputChange[] = [];
  const add = (c: InputChange | undefined): void => void (c !== undefined && changes.push(c));
  if ('file' in spec.strategy) add(fileChange('strategy file', spec.strategy.file));
  if (spec.data.kind === 'file') add(fileChange('data file', spec.data.file));
  for (const t of spec.ticks) add(fileChange('tick file', t));
  for (const f of spec.funding) add(fileChange(`funding file (${f.symbol})`, f.file));
  const stopped = (): RerunReport => ({ run, spec, stored: digest, changes, notes, differences: [], identical: false });
  if (changes.length > 0 && !opts.force) return stopped();

  const prepared = await prepareBacktest(requestFromSpec(spec, opts.cwd), opts.clock);
  if (prepared.spec.inputs.sha256 !== spec.inputs.sha256) {
    const d = spec.data;
    const what =
      d.kind === 'store'
        ? `stored bars or funding of ${d.symbols.join(', ')} ${d.interval} (venue ${d.venue}) in ${d.db}`
        : d.kind === 'recording'
          ? `recording ${d.recording} or the candles and funding stored beside it in ${d.db}`
          : 'the bars, events or funding read from the files above';
    changes.push({ what, was: short(spec.inputs.sha256), now: short(prepared.spec.inputs.sha256) });
    if (!opts.force) return stopped();
  }
  const outcome = executeBacktest(prepared, opts.onProgress);
  const d = outcome.digest;
  const differences = (['fills', 'equity', 'ledger'] as const).filter((k) => d[k] !== digest[k]);
  const identical = d.sha256 === digest.sha256;
  return { run, spec, stored: digest, changes, notes, outcome, differences, identical };
}
