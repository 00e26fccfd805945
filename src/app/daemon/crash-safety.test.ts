// Crash safety of the paper daemon: SIGKILLed at seeded random times and at each named crash point, restarted on the same data dir and venue; nothing doubled, lost or forgotten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../core/rng.js';
import { LiveClock } from '../../core/live-clock.js';
import { defaultVenueOptions, parseSymbols } from '../../localnet/hyperliquid/venue-options.js';
import { runCli } from '../../testkit/cli/test-process.js';
import {
  FLIPPER_STRATEGY,
  isReady,
  omsPositions,
  paperWalletAddress,
  pollUntil,
  readBotState,
  readStored,
  restoredLedger,
  sessionFiles,
  sessionHeader,
  startDaemonChild,
  venueState,
  within,
  type DaemonChild,
  type FlipperState,
} from '../../testkit/live/crash-harness.js';
import { startLocalVenue } from '../venue-root.js';
import { CRASH_POINTS, type CrashPoint } from './crash-points.js';
import { replayCheck } from './replay-check.js';

const SEED = 20_261_207;
/** Random-time kills (SEXTANT_CRASH_TRIALS overrides, e.g. for a longer soak). */
const RANDOM_TRIALS = Number(process.env.SEXTANT_CRASH_TRIALS ?? 50);
const SYMBOLS = ['BTC', 'ETH'];
const BOT = 'crash-flipper-1';
/** Generous: a start on a loaded 2-core machine takes 10-40 s. */
const START_MS = 180_000;

type Trial = { readonly kind: 'random'; readonly delayMs: number } | { readonly kind: 'point'; readonly point: CrashPoint; readonly n: number };

/** The seeded plan: the random kills, with one run per crash point spread among them. */
function plan(): Trial[] {
  const rng = createRng(SEED);
  const trials: Trial[] = [];
  for (let i = 0; i < RANDOM_TRIALS; i++) trials.push({ kind: 'random', delayMs: 500 + Math.floor(rng.next() * 3_500) });
  const points = CRASH_POINTS.map((point): Trial => ({ kind: 'point', point, n: rng.int(1, 2) }));
  points.forEach((p, i) => trials.splice(Math.floor(((i + 1) * trials.length) / (points.length + 1)) + i, 0, p));
  return trials;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

test('crash safety: SIGKILL at random times and at each crash point doubles no order, loses no fill and no strategy state', { timeout: 60 * 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-crash-'));
  const dataDir = join(dir, 'data');
  writeFileSync(join(dir, 'crash-flipper.mjs'), FLIPPER_STRATEGY);
  const venue = await startLocalVenue(defaultVenueOptions({ symbols: parseSymbols(SYMBOLS.join(',')), market: 'sim', seed: 7, stepMs: 100 }), { port: 0 }, () => undefined, new LiveClock());
  let running: DaemonChild | undefined;
  t.after(async () => {
    running?.child.kill('SIGKILL');
    await venue.close();
    if (process.env.SEXTANT_CRASH_KEEP === undefined) rmSync(dir, { recursive: true, force: true });
    else t.diagnostic(`kept ${dir}`);
  });
  const start = (env: Record<string, string> = {}): DaemonChild => {
    running = startDaemonChild({ cwd: dir, dataDir, venueUrl: venue.url, strategy: './crash-flipper.mjs', symbols: SYMBOLS.join(','), interval: '1s', env, logFile: join(dir, 'daemon.log') });
    return running;
  };

  // The state each process left behind when it died (read once it is dead: the last it wrote), and
  // the state each start loaded (its session header's), which must be the one left just before it.
  const leftBehind: (FlipperState | undefined)[] = [];
  const loaded: { readonly start: number; readonly expected: FlipperState | undefined; readonly got: unknown }[] = [];
  const startupMs: number[] = [];
  const trials = plan();
  const t0 = Date.now();
  const noteSession = (k: number, known: number): void => {
    const files = sessionFiles(dataDir);
    // A process killed before its bot started (a crash point passed while it resumed orders) made none.
    if (files.length > known) loaded.push({ start: k, expected: k === 0 ? undefined : leftBehind[k - 1], got: sessionHeader(files[known]).state });
  };
  for (const [i, trial] of trials.entries()) {
    const known = sessionFiles(dataDir).length;
    const d = start(trial.kind === 'point' ? { SEXTANT_CRASH_AT: `${trial.point}:${trial.n}` } : {});
    if (trial.kind === 'random') {
      await within(d.url, START_MS, `trial ${i}: the daemon's start`);
      startupMs.push(Date.now() - d.startedAt);
      await new Promise((r) => setTimeout(r, trial.delayMs));
      d.child.kill('SIGKILL');
    }
    // A crash point kills the daemon itself once an order gets that far.
    const end = await within(d.exit, START_MS, `trial ${i} (${trial.kind === 'point' ? `SEXTANT_CRASH_AT=${trial.point}:${trial.n}` : `kill after ${trial.delayMs} ms`})`);
    assert.equal(end.signal, 'SIGKILL', `trial ${i}: the daemon ended by ${end.signal ?? `exit ${end.code}`}, not SIGKILL; stderr: ${d.stderr()}`);
    leftBehind.push(readBotState(dataDir, BOT));
    noteSession(i, known);
  }
  const killsMs = Date.now() - t0;

  // A clean run: it must reconcile and trade, then stop on SIGTERM with exit 0.
  const known = sessionFiles(dataDir).length;
  const last = start();
  const url = await within(last.url, START_MS, 'the final start');
  let why = '';
  await pollUntil(
    async () => {
      const r = await isReady(url);
      why = r.body;
      return r.ready;
    },
    120_000,
    `the final daemon's /ready after ${trials.length} kills (last answer: ${why})`,
  );
  const before = readBotState(dataDir, BOT)?.orders ?? 0;
  await pollUntil(() => (readBotState(dataDir, BOT)?.orders ?? 0) >= before + 2, 120_000, 'two more orders after the restarts');
  last.child.kill('SIGTERM');
  const end = await within(last.exit, 60_000, 'the final stop');
  assert.deepEqual(end, { code: 0, signal: null }, `the final stop: ${last.stderr()}`);
  running = undefined;
  noteSession(trials.length, known);
  leftBehind.push(readBotState(dataDir, BOT));

  const address = paperWalletAddress(dataDir);
  const atVenue = venueState(venue.venue, address, SYMBOLS);
  const stored = await readStored(dataDir, BOT);
  t.diagnostic(`${trials.length} kills in ${Math.round(killsMs / 1000)} s; start to banner ${Math.min(...startupMs)}-${Math.max(...startupMs)} ms (median ${startupMs.sort((a, b) => a - b)[startupMs.length >> 1]}); venue orders ${atVenue.cloids.length}, fills ${atVenue.fills.length}; stored intents ${stored.orders.length}, OMS fills ${stored.fills.length}, ledger entries ${stored.ledger.length}`);
  assert.ok(atVenue.fills.length >= 10, `the bot traded too little to test anything: ${atVenue.fills.length} fills`);

  // (1) No duplicate order: every venue order carries a stored cloid, none twice; one intent per decision.
  const storedCloids = new Set(stored.orders.map((o) => o.intent.cloid));
  assert.equal(atVenue.withoutCloid, 0, 'orders without a cloid at the venue');
  assert.equal(new Set(atVenue.cloids).size, atVenue.cloids.length, 'a cloid twice at the venue');
  assert.deepEqual(atVenue.cloids.filter((c) => !storedCloids.has(c)), [], 'venue orders the OMS never stored');
  // The flipper sends at most one order per symbol and bar: two intents of one bar are one decision sent twice.
  const decisions = new Map<string, string[]>();
  for (const o of stored.orders) {
    const k = `${o.intent.botId} ${o.intent.symbol} ${o.intent.decisionTs}`;
    decisions.set(k, [...(decisions.get(k) ?? []), o.intent.dedupeKey]);
  }
  assert.deepEqual([...decisions].filter(([, keys]) => keys.length > 1), [], 'two intents of one decision');

  // (2) No lost fill: every venue fill is in the OMS and in the bot's ledger, once.
  const omsFillIds = stored.fills.map((f) => f.fillId);
  assert.equal(new Set(omsFillIds).size, omsFillIds.length, 'an OMS fill twice');
  const ledgerFillIds = stored.ledger.flatMap((e) => (e.kind === 'fill' ? [e.fillId] : []));
  assert.equal(new Set(ledgerFillIds).size, ledgerFillIds.length, 'a ledger fill twice');
  const venueFillIds = atVenue.fills.map((f) => String(f.tid));
  assert.deepEqual(venueFillIds.filter((id) => !omsFillIds.includes(id)), [], 'venue fills missing from the OMS');
  assert.deepEqual(venueFillIds.filter((id) => !ledgerFillIds.includes(id)), [], "venue fills missing from the bot's ledger");
  assert.deepEqual(ledgerFillIds.filter((id) => !venueFillIds.includes(id)), [], "ledger fills the venue never made");

  // (3) The stored ledger restores into a fresh ledger whose invariants hold.
  const ledger = restoredLedger(stored.ledger);

  // (4) Positions agree: venue, OMS, bot ledger.
  const oms = omsPositions(stored, SYMBOLS);
  for (const s of SYMBOLS) {
    const v = atVenue.positions.get(s) ?? 0;
    assert.ok(close(v, oms.get(s) ?? 0), `${s}: venue ${v}, OMS ${oms.get(s)}`);
    assert.ok(close(v, ledger.position(s).qtyNum), `${s}: venue ${v}, bot ledger ${ledger.position(s).qtyNum}`);
  }

  // (5) No strategy state lost: each start loaded what the previous process left; counters never go back.
  assert.ok(loaded.length >= trials.length / 2, `only ${loaded.length} of ${trials.length + 1} starts made a session`);
  for (const l of loaded) assert.deepEqual(l.got, l.expected, `start ${l.start} loaded ${JSON.stringify(l.got)}, the process before it left ${JSON.stringify(l.expected)}`);
  const seq = leftBehind.filter((s): s is FlipperState => s !== undefined);
  for (let i = 1; i < seq.length; i++) {
    assert.ok(seq[i].bars >= seq[i - 1].bars && seq[i].orders >= seq[i - 1].orders, `the strategy state went back: ${JSON.stringify(seq[i - 1])} then ${JSON.stringify(seq[i])}`);
  }
  // Each order the venue has was counted by the strategy before it went out (the state is saved after the step that sent it).
  assert.ok((seq.at(-1)?.orders ?? 0) >= atVenue.cloids.length, `the state counts ${seq.at(-1)?.orders} orders, the venue has ${atVenue.cloids.length}`);

  const sessions = sessionFiles(dataDir);
  // (6) The audit chain is intact.
  const audit = await runCli(['audit', 'verify', '--db', join(dataDir, 'sextant.db')], { cwd: dir, timeoutMs: 120_000, env: { SEXTANT_FROM_SOURCE: process.env.SEXTANT_FROM_SOURCE === '1' ? '1' : '' } });
  assert.equal(audit.code, 0, `sextant audit verify: ${audit.stdout}${audit.stderr}`);

  // (7) Every session replays without divergence (a crash's torn last line is left out); the CLI on the clean one.
  for (const s of sessions) {
    const r = await replayCheck(s, dir, { typecheck: false });
    assert.equal(r.divergenceCount, 0, `${s}: ${JSON.stringify(r.divergences.slice(0, 3))}`);
  }
  const cli = await runCli(['replay-check', sessions.at(-1) as string], { cwd: dir, timeoutMs: 120_000, env: { SEXTANT_FROM_SOURCE: process.env.SEXTANT_FROM_SOURCE === '1' ? '1' : '' } });
  assert.equal(cli.code, 0, `sextant replay-check: ${cli.stdout}${cli.stderr}`);
});
