// A child process that appends audit records to a store until killed, printing each committed seq (for the kill -9 test).
import { LiveClock } from '../core/live-clock.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: audit-append-child.ts DB');
const store = openSqliteStore(path, { clock: new LiveClock() });
for (let i = 0; ; i++) {
  const batch = i % 3 === 0 ? 3 : 1;
  const entries = Array.from({ length: batch }, (_, k) => ({
    kind: 'fill' as const,
    ts: 1_765_000_000_000 + i,
    botId: 'trend-1',
    symbol: 'BTC',
    data: { n: i, k, price: 97_250.5, qty: 0.01 },
  }));
  const heads = await store.audit.appendAudit(entries);
  process.stdout.write(`${heads[heads.length - 1].seq}\n`);
}
