// Multi-row INSERT in chunks: one statement call per `chunk` rows, since better-sqlite3's per-call cost dominates small rows.
import type Database from 'better-sqlite3';

/**
 * Inserts rows given as one flat array of values (`cols` per row). Full chunks go through a
 * prepared `VALUES (…), (…), …` statement, the rest row by row. Runs inside the caller's
 * transaction; returns the number of rows changed (inserted, for ON CONFLICT DO NOTHING).
 */
export class ChunkedInsert {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly args: unknown[];

  constructor(
    db: Database.Database,
    /** `INSERT INTO t (a, b, c)` */
    head: string,
    private readonly cols: number,
    /** e.g. `ON CONFLICT DO NOTHING` */
    tail = '',
    private readonly chunk = 64,
  ) {
    const row = `(${new Array<string>(cols).fill('?').join(', ')})`;
    this.many = db.prepare(`${head} VALUES ${new Array<string>(chunk).fill(row).join(', ')} ${tail}`);
    this.one = db.prepare(`${head} VALUES ${row} ${tail}`);
    this.args = new Array<unknown>(cols * chunk);
  }

  run(values: readonly unknown[]): number {
    const per = this.cols * this.chunk;
    const full = values.length - (values.length % per);
    let changed = 0;
    const args = this.args;
    for (let i = 0; i < full; i += per) {
      for (let j = 0; j < per; j++) args[j] = values[i + j];
      changed += this.many.run(args).changes;
    }
    const row = new Array<unknown>(this.cols);
    for (let i = full; i < values.length; i += this.cols) {
      for (let j = 0; j < this.cols; j++) row[j] = values[i + j];
      changed += this.one.run(row).changes;
    }
    return changed;
  }
}
