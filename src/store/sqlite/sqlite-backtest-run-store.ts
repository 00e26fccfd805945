// BacktestRunStore on SQLite: finished runs with their parameters, metrics, spec and output digest as JSON.
import type Database from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import type { BacktestRunRecord, BacktestRunStore } from '../ports.js';

interface RunRow {
  id: number;
  strategy: string;
  params: string;
  data_from: number | null;
  data_to: number | null;
  symbols: string;
  fill_model: string;
  metrics: string;
  created_at: number;
  spec: string | null;
  digest: string | null;
}

function fromRow(r: RunRow): BacktestRunRecord {
  return {
    id: r.id,
    strategy: r.strategy,
    params: JSON.parse(r.params) as Record<string, unknown>,
    symbols: JSON.parse(r.symbols) as string[],
    dataFrom: r.data_from ?? undefined,
    dataTo: r.data_to ?? undefined,
    fillModel: r.fill_model,
    metrics: JSON.parse(r.metrics) as Record<string, unknown>,
    createdAt: r.created_at,
    ...(r.spec === null ? {} : { spec: JSON.parse(r.spec) as unknown }),
    ...(r.digest === null ? {} : { digest: JSON.parse(r.digest) as unknown }),
  };
}

export function sqliteBacktestRunStore(db: Database.Database, clock: Clock): BacktestRunStore {
  const insert = db.prepare(
    'INSERT INTO backtest_runs (strategy, params, data_from, data_to, symbols, fill_model, metrics, created_at, spec, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *',
  );
  const remove = db.prepare('DELETE FROM backtest_runs WHERE id = ?');
  const removeAll = db.transaction((ids: readonly number[]) => ids.filter((id) => remove.run(id).changes > 0));
  const byId = db.prepare('SELECT * FROM backtest_runs WHERE id = ?');
  const all = db.prepare('SELECT * FROM backtest_runs WHERE (@strategy IS NULL OR strategy = @strategy) ORDER BY id DESC LIMIT @limit');
  return {
    async saveRun(run) {
      const row = insert.get(
        run.strategy,
        JSON.stringify(run.params),
        run.dataFrom ?? null,
        run.dataTo ?? null,
        JSON.stringify(run.symbols),
        run.fillModel,
        JSON.stringify(run.metrics),
        clock.now(),
        run.spec === undefined ? null : JSON.stringify(run.spec),
        run.digest === undefined ? null : JSON.stringify(run.digest),
      ) as RunRow;
      return fromRow(row);
    },
    async listRuns(filter = {}) {
      return (all.all({ strategy: filter.strategy ?? null, limit: filter.limit ?? -1 }) as RunRow[]).map(fromRow);
    },
    async getRun(id) {
      const row = byId.get(id) as RunRow | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
    async deleteRuns(ids) {
      return removeAll.immediate(ids);
    },
  };
}
