// The SQLite audit log: appends, reads, survives kill -9, and `verifyAuditChain` names each kind of tampering done through a second connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ManualClock } from '../../core/manual-clock.js';
import { auditHash } from '../../ledger/audit-chain.js';
import { verifyAuditChain, type AuditVerdict } from '../../ledger/audit-verify.js';
import type { AuditEntry } from '../../ledger/audit-record.js';
import { auditJsonLines } from '../../ledger/audit-export.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from '../ports.js';

function entry(i: number): AuditEntry {
  const symbol = ['BTC', 'ETH', 'SOL'][i % 3];
  switch (i % 4) {
    case 0:
      return { kind: 'decision', ts: 1000 * i, botId: `bot-${i % 2}`, symbol, data: { indicators: { adx: 20 + i / 8, rsi: null }, gates: { trend: i % 3 === 0 }, action: 'open_long' } };
    case 1:
      return { kind: 'risk.verdict', ts: 1000 * i, botId: `bot-${i % 2}`, symbol, data: { allowed: i % 5 !== 0, rule: 'max_notional', reason: 'within limits', inputs: { notional: 970.5 } } };
    case 2:
      return { kind: 'fill', ts: 1000 * i, botId: `bot-${i % 2}`, symbol, data: { side: 'buy', qty: 0.01, price: 97_250, fee: 0.29, fillId: `f${i}` } };
    default:
      return { kind: 'kill', ts: 1000 * i, data: { from: 'off', to: 'close_only', source: 'cli', reason: `drill ${i}` } };
  }
}

async function withTrail(n: number, f: (store: Store, path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-'));
  const path = join(dir, 'sextant.db');
  const store = openSqliteStore(path, { clock: new ManualClock(0) });
  try {
    await store.audit.appendAudit(Array.from({ length: n }, (_, i) => entry(i + 1)));
    await f(store, path);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tampers through a second connection, as someone with the file would: the append-only triggers go first. */
function tamper(path: string, f: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    f(db);
  } finally {
    db.close();
  }
}

/** Moves rows with seq ≥ from by `by` (through negative seqs: the key is unique at every step). */
function shift(db: Database.Database, from: number, by: number): void {
  db.prepare('UPDATE audit_log SET seq = -(seq + ?) WHERE seq >= ?').run(by, from);
  db.prepare('UPDATE audit_log SET seq = -seq WHERE seq < 0').run();
}

function broken(v: AuditVerdict): Extract<AuditVerdict, { ok: false }>['broken'] {
  assert.equal(v.ok, false, 'expected the chain to be broken');
  return (v as Extract<AuditVerdict, { ok: false }>).broken;
}

test('records append in one chain across calls and reopen; reads filter by time, bot, symbol and kind', async () => {
  await withTrail(10, async (store, path) => {
    const more = await store.audit.appendAudit([entry(11)]);
    assert.deepEqual(more.map((h) => h.seq), [11]);
    const reopened = openSqliteStore(path, { clock: new ManualClock(0) });
    try {
      await reopened.audit.appendAudit([entry(12)]);
      const v = await verifyAuditChain(reopened.audit);
      assert.equal(v.ok, true);
      assert.equal(v.records, 12);
      assert.deepEqual(v.head, await store.audit.auditHead());
    } finally {
      await reopened.close();
    }
    const all = await store.audit.readAudit();
    assert.deepEqual(all.map((r) => r.seq), Array.from({ length: 12 }, (_, i) => i + 1));
    for (let i = 1; i < all.length; i++) assert.equal(all[i].prevHash, all[i - 1].hash);
    const want = (p: (e: AuditEntry, i: number) => boolean): number[] => all.filter((_, i) => p(entry(i + 1), i + 1)).map((r) => r.seq);
    assert.deepEqual((await store.audit.readAudit({ since: 5000 })).map((r) => r.seq), want((_, i) => i >= 5));
    assert.deepEqual((await store.audit.readAudit({ botId: 'bot-1' })).map((r) => r.seq), want((e) => e.botId === 'bot-1'));
    assert.deepEqual((await store.audit.readAudit({ symbol: 'ETH', kind: 'fill' })).map((r) => r.seq), want((e) => e.symbol === 'ETH' && e.kind === 'fill'));
    assert.deepEqual((await store.audit.readAudit({ limit: 3, end: 'last' })).map((r) => r.seq), [10, 11, 12]);
    const lines: string[] = [];
    for await (const l of auditJsonLines(store.audit, {}, 5)) lines.push(l);
    assert.equal(lines.length, 12);
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { hash: string }).hash), all.map((r) => r.hash));
  });
});

test('the table refuses UPDATE and DELETE while its triggers stand', async () => {
  await withTrail(3, async (_store, path) => {
    const db = new Database(path);
    try {
      assert.throws(() => db.prepare("UPDATE audit_log SET data = '{}' WHERE seq = 2").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run(), /append-only/);
    } finally {
      db.close();
    }
  });
});

test('an edited record is named, with its recomputed and stored hashes', async () => {
  await withTrail(12, async (store, path) => {
    const before = (await store.audit.readAudit({ fromSeq: 6, limit: 1 }))[0];
    tamper(path, (db) => db.prepare("UPDATE audit_log SET data = replace(data, '0.29', '0.01') WHERE seq = 6").run());
    const b = broken(await verifyAuditChain(store.audit));
    assert.equal(b.seq, 6);
    assert.equal(b.change, 'edited');
    assert.equal(b.found, before.hash);
    assert.notEqual(b.expected, before.hash);
    assert.match(b.detail, /seq 6 was edited/);
  });
});

test('a record edited and rehashed is named at the link that still points to its old hash', async () => {
  await withTrail(12, async (store, path) => {
    const old = (await store.audit.readAudit({ fromSeq: 5, limit: 1 }))[0];
    tamper(path, (db) => {
      const data = JSON.stringify({ ...(JSON.parse(old.data) as object), allowed: true });
      const hash = auditHash({ kind: old.kind as 'risk.verdict', ts: old.ts, botId: old.botId, symbol: old.symbol, data: JSON.parse(data) as never, seq: 5, prevHash: old.prevHash });
      db.prepare('UPDATE audit_log SET data = ?, hash = ? WHERE seq = 5').run(data, hash);
    });
    const b = broken(await verifyAuditChain(store.audit));
    assert.equal(b.seq, 6);
    assert.equal(b.change, 'edited');
    assert.equal(b.found, old.hash);
    assert.match(b.detail, /seq 5 was edited and its hash recomputed/);
  });
});

test('deleted records are named, whether the gap is left or later records renumbered', async () => {
  await withTrail(12, async (store, path) => {
    tamper(path, (db) => db.prepare('DELETE FROM audit_log WHERE seq IN (4, 5)').run());
    const b = broken(await verifyAuditChain(store.audit));
    assert.deepEqual([b.seq, b.change], [6, 'deleted']);
    assert.match(b.detail, /seq 4\.\.5 are missing/);
  });
  await withTrail(12, async (store, path) => {
    tamper(path, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
      shift(db, 5, -1);
    });
    const b = broken(await verifyAuditChain(store.audit));
    assert.deepEqual([b.seq, b.change], [4, 'deleted']);
    assert.match(b.detail, /written as seq 4 was deleted.*now at seq 4 was written as seq 5/);
  });
  await withTrail(12, async (store, path) => {
    tamper(path, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 1').run());
    const b = broken(await verifyAuditChain(store.audit));
    assert.deepEqual([b.seq, b.change], [2, 'deleted']);
  });
});

test('swapped records are named as reordered', async () => {
  await withTrail(12, async (store, path) => {
    tamper(path, (db) => {
      db.prepare('UPDATE audit_log SET seq = -1 WHERE seq = 4').run();
      db.prepare('UPDATE audit_log SET seq = 4 WHERE seq = 9').run();
      db.prepare('UPDATE audit_log SET seq = 9 WHERE seq = -1').run();
    });
    const b = broken(await verifyAuditChain(store.audit));
    assert.deepEqual([b.seq, b.change], [4, 'reordered']);
    assert.match(b.detail, /seq 4 and 9 swapped/);
  });
});

test('an inserted record is named, forged with a valid hash or not', async () => {
  for (const forgeHash of [true, false]) {
    await withTrail(12, async (store, path) => {
      const prev = (await store.audit.readAudit({ fromSeq: 5, limit: 1 }))[0];
      tamper(path, (db) => {
        shift(db, 6, 1);
        const data = { from: 'off', to: 'off', source: 'cli', reason: 'nothing to see' };
        const hash = forgeHash ? auditHash({ kind: 'kill', ts: prev.ts, data, seq: 6, prevHash: prev.hash }) : 'f'.repeat(64);
        db.prepare('INSERT INTO audit_log (seq, ts, kind, bot_id, symbol, data, prev_hash, hash) VALUES (6, ?, ?, NULL, NULL, ?, ?, ?)').run(prev.ts, 'kill', JSON.stringify(data), prev.hash, hash);
      });
      const b = broken(await verifyAuditChain(store.audit));
      assert.equal(b.seq, forgeHash ? 7 : 6, `forged hash: ${forgeHash}`);
      assert.equal(b.change, 'inserted', b.detail);
    });
  }
});

test('records committed before a kill -9 survive it and the chain stays intact', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-audit-kill-'));
  const path = join(dir, 'sextant.db');
  try {
    const child = spawn(process.execPath, ['--import', fileURLToPath(new URL('../../../bin/register.js', import.meta.url)), fileURLToPath(new URL('../../testkit/audit-append-child.ts', import.meta.url)), path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const exited = new Promise((r) => child.once('exit', r));
    let killed = false;
    const lastSeen = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      const early = (code: number | null): void => reject(new Error(`child exited early with ${String(code)}`));
      child.on('exit', early);
      child.stdout.on('data', (d: Buffer) => {
        // Output already in the pipe keeps arriving after the kill: act on the first 200 lines only.
        if (killed) return;
        out += d.toString();
        const seqs = out.split('\n').filter((s) => s !== '').map(Number);
        if (seqs.length >= 200) {
          killed = true;
          child.removeListener('exit', early);
          child.kill('SIGKILL');
          resolve(seqs[seqs.length - 1]);
        }
      });
    });
    await exited;
    const store = openSqliteStore(path, { clock: new ManualClock(0) });
    try {
      const v = await verifyAuditChain(store.audit);
      assert.equal(v.ok, true);
      assert.ok(v.head.seq >= lastSeen, `committed seq ${lastSeen} lost: head is ${v.head.seq}`);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
