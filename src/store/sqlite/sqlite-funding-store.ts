// FundingStore on SQLite: funding rates keyed by (venue, symbol, time).
import type Database from 'better-sqlite3';
import { BadInputError } from '../../core/errors.js';
import type { FundingPoint, FundingStore } from '../ports.js';

export function sqliteFundingStore(db: Database.Database): FundingStore {
  const insert = db.prepare('INSERT INTO funding (venue, symbol, time, rate) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const update = db.prepare('UPDATE funding SET rate = ? WHERE venue = ? AND symbol = ? AND time = ? AND rate <> ?');
  const select = db.prepare('SELECT time, rate FROM funding WHERE venue = ? AND symbol = ? AND time >= ? AND time < ? ORDER BY time');
  const upsert = db.transaction((venue: string, symbol: string, points: readonly FundingPoint[]) => {
    let inserted = 0;
    let updated = 0;
    for (const p of points) {
      if (!Number.isInteger(p.time) || !Number.isFinite(p.rate)) throw new BadInputError(`funding ${venue} ${symbol}`, `bad point ${JSON.stringify(p)}`);
      if (insert.run(venue, symbol, p.time, p.rate).changes === 1) inserted++;
      else if (update.run(p.rate, venue, symbol, p.time, p.rate).changes === 1) updated++;
    }
    return { inserted, updated, unchanged: points.length - inserted - updated };
  });
  return {
    upsertFunding: async (venue, symbol, points) => upsert.immediate(venue, symbol, points),
    loadFunding: async (venue, symbol, from = -8.64e15, to = 8.64e15) => select.all(venue, symbol, from, to) as FundingPoint[],
  };
}
