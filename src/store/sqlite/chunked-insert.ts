// Multi-row INSERT in chunks: one statement call per `chunk` rows, since better-sqlite3's per-call cost dominates small rows.
import type Database from 'better-sqlite3';

/**
 * Inserts rows given as one flat array of values (`cols` per row). Full chunks go through a
 * prepared `VALUES (…), (…), …` statement, the rest row by row. Runs inside the caller's
 * transaction; returns the number of rows changed (inserted, for ON CONFLICT DO NOTHING).
 *
 * `shared` puts named parameters at the head of every row (`'@venue, @symbol, '`), bound once per
 * statement from `run`'s `fixed` object: columns equal for every row (venue, symbol) are then not
 * bound again for each row.
 */
export class ChunkedInsert {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly args: unknown[];
  private readonly shared: boolean;

  constructor(
    db: Database.Database,
    /** `INSERT INTO t (a, b, c)` */
    head: string,
    /** Values per row given to `run` (not counting the shared ones). */
    private readonly cols: number,
    /** e.g. `ON CONFLICT DO NOTHING` */
    tail = '',
    private readonly chunk = 64,
    shared = '',
  ) {
    this.shared = shared !== '';
    const row = `(${shared}${new Array<string>(cols).fill('?').join(', ')})`;
    this.many = db.prepare(`${head} VALUES ${new Array<string>(chunk).fill(row).join(', ')} ${tail}`);
    this.one = db.prepare(`${head} VALUES ${row} ${tail}`);
    this.args = new Array<unknown>(cols * chunk);
  }

  /** Inserts the rows in `values[0, length)`; `fixed` holds the shared parameters' values. */
  run(values: readonly unknown[], fixed: Readonly<Record<string, unknown>> = {}, length = values.length): number {
    const per = this.cols * this.chunk;
    const full = length - (length % per);
    let changed = 0;
    const args = this.args;
    for (let i = 0; i < full; i += per) {
      for (let j = 0; j < per; j++) args[j] = values[i + j];
      changed += (this.shared ? this.many.run(args, fixed) : this.many.run(args)).changes;
    }
    const row = new Array<unknown>(this.cols);
    for (let i = full; i < length; i += this.cols) {
      for (let j = 0; j < this.cols; j++) row[j] = values[i + j];
      changed += (this.shared ? this.one.run(row, fixed) : this.one.run(row)).changes;
    }
    return changed;
  }
}
