import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { LiveClock } from '../../core/live-clock.js';
import { readSextantConfig } from '../../config/read-config.js';
import type { SextantConfig } from '../../config/sextant-config.js';
import { Ledger } from '../../ledger/ledger.js';
import { verifyAuditChain } from '../../ledger/audit-verify.js';
import { createLogger } from '../../live/telemetry/logger.js';
import { openStore } from '../../store/open-store.js';
import { openSqliteOmsStore } from '../../store/sqlite/sqlite-oms-store.js';
import { botLedgerAccount } from './bot-runtime.js';
import { startDaemon, type RunningDaemon } from './daemon-root.js';
import { replayCheck } from './replay-check.js';
import { readStatusToken } from './status-token.js';
import { TelegramBotApiServer } from '../../testkit/telegram-bot-api-server.js';
import { DiscordWebhookServer } from '../../testkit/discord-webhook-server.js';
import { until } from '../../testkit/poll-until.js';

function config(doc: unknown): SextantConfig {
  const r = readSextantConfig(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

const SMA_BOT = { bots: [{ id: 'sma', strategy: 'sma-cross', symbols: ['BTC', 'ETH'], interval: '1s', params: { fast: 2, slow: 5, size: 0.01 }, capital: { usd: 5000 } }] };

function logSink(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter((l) => l !== ''));
      done();
    },
  });
}

async function start(dataDir: string, lines: string[], env: Record<string, string> = {}): Promise<RunningDaemon> {
  const clock = new LiveClock();
  return startDaemon({ mode: 'paper', config: config(SMA_BOT), dataDir, cwd: dataDir, port: 0, market: 'sim', env, clock, log: createLogger({ clock, destination: logSink(lines), level: 'debug' }), say: () => {} });
}

/** A GET with the read-scope token the daemon wrote to `dataDir` (the one `sextant status` uses). */
async function getJson<T>(url: string, dataDir: string): Promise<T> {
  const r = await fetch(url, { headers: { authorization: `Bearer ${readStatusToken(dataDir) ?? ''}` } });
  assert.equal(r.status < 400 || r.status === 503, true, `${url} answered ${r.status}`);
  return (await r.json()) as T;
}


test('a paper session trades over the signed order path, obeys the kill file, and replays with zero divergences', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-daemon-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  const d = await start(dir, lines);
  let stopped = false;
  t.after(async () => {
    if (!stopped) await d.stop('test end');
  });
  type Order = { cloid: string; status: string; bot: string };
  await until('two filled orders', async () => (await getJson<Order[]>(`${d.url}/api/orders`, dir)).filter((o) => o.status === 'filled').length >= 2);
  const status = await getJson<{ mode: string; simulated: boolean; readiness: { ready: boolean } }>(`${d.url}/api/status`, dir);
  assert.equal(status.mode, 'paper');
  assert.equal(status.simulated, true);
  assert.equal(status.readiness.ready, true);

  // Metrics: submit → ack latency observed per order, event lag per stream.
  const metrics = await (await fetch(`${d.url}/metrics`)).text();
  const acks = Number(/sextant_order_submit_to_ack_seconds_count\{[^}]*venue="hyperliquid"[^}]*\} (\d+)/.exec(metrics)?.[1]);
  assert.ok(acks >= 2, `submit → ack observed ${acks} times`);
  assert.match(metrics, /sextant_event_lag_seconds_count\{[^}]*stream="trades:BTC"/);

  // The kill file, polled without restart: halt_all blocks new orders.
  writeFileSync(join(dir, 'KILL'), 'halt_all\n');
  await until('the kill level', async () => (await getJson<{ killLevel: string }>(`${d.url}/api/risk`, dir)).killLevel === 'halt_all', 15_000);
  const placedAtKill = (await getJson<Order[]>(`${d.url}/api/orders`, dir)).length;
  await new Promise((r) => setTimeout(r, 4_000));
  assert.equal((await getJson<Order[]>(`${d.url}/api/orders`, dir)).length, placedAtKill, 'no order placed under halt_all');
  await d.stop('test');
  stopped = true;

  // Parity: the recorded session replays through a fresh kernel to the same orders.
  const sessions = readdirSync(join(dir, 'sessions'));
  assert.equal(sessions.length, 1);
  const r = await replayCheck(join(dir, 'sessions', sessions[0]), dir);
  assert.ok(r.recorded >= 2, `only ${r.recorded} decisions recorded`);
  assert.equal(r.divergenceCount, 0, JSON.stringify(r.divergences));
  assert.equal(r.tornTail, false);

  // The ledger, the OMS and the venue agree; the audit chain is intact.
  const clock = new LiveClock();
  const store = openStore(join(dir, 'sextant.db'), { clock });
  const oms = openSqliteOmsStore(join(dir, 'sextant.db'), { venue: 'hyperliquid', now: clock.now() });
  try {
    const ledger = new Ledger();
    ledger.restore(await store.ledger.readLedger(botLedgerAccount('sma')));
    ledger.checkInvariants();
    const fills = await oms.listFills();
    assert.ok(fills.length >= 2);
    const fromFills = new Map<string, number>();
    for (const f of fills) fromFills.set(f.symbol, (fromFills.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
    for (const s of ['BTC', 'ETH']) assert.ok(Math.abs(ledger.position(s).qtyNum - (fromFills.get(s) ?? 0)) < 1e-9, `${s}: ledger ${ledger.position(s).qtyNum}, OMS fills ${fromFills.get(s)}`);
    const verdict = await verifyAuditChain(store.audit);
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
    const kinds = new Set((await store.audit.readAudit()).map((a) => a.kind));
    for (const k of ['session', 'risk.verdict', 'order', 'fill', 'kill', 'reconcile']) assert.ok(kinds.has(k as never), `audit has ${k} records`);
  } finally {
    await oms.close();
    await store.close();
  }
});

const yamlConfig = (size: number, maxOrder: number): string => `bots:
  - id: sma
    strategy: sma-cross
    symbols: [BTC, ETH]
    interval: 1s
    params: { fast: 2, slow: 5, size: ${size} }
    capital: { usd: 5000 }
risk:
  global:
    max_order_notional: ${maxOrder}
`;

test('config edits apply live: a changed bot restarts with its new params, an invalid edit is refused and journaled', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-daemon-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'sextant.yaml');
  writeFileSync(file, yamlConfig(0.01, 5000));
  const { loadConfigFile } = await import('../config-file.js');
  const loaded = loadConfigFile(file);
  const clock = new LiveClock();
  const lines: string[] = [];
  const d = await startDaemon({ mode: 'paper', config: loaded.config, configFile: { path: file, hash: loaded.hash }, dataDir: join(dir, 'data'), cwd: dir, port: 0, market: 'sim', env: {}, clock, log: createLogger({ clock, destination: logSink(lines), level: 'debug' }), say: () => {} });
  t.after(() => d.stop('test end'));
  const journal = join(dir, 'data', 'config-reloads.jsonl');
  const entries = (): { ok: boolean; diff?: { path: string }[]; errors?: string[] }[] => (existsSync(journal) ? readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean }) : []);

  writeFileSync(file, yamlConfig(0.02, 4000));
  await until('the reload', async () => entries().length >= 1, 30_000);
  const first = entries()[0];
  assert.equal(first.ok, true);
  assert.deepEqual(first.diff?.map((c) => c.path).sort(), ['bots[sma].params.size', 'risk.global.max_order_notional']);
  await until('the bot restarted', async () => readdirSync(join(dir, 'data', 'sessions')).some((f) => f.includes('-r1-sma')), 30_000);
  const session = readdirSync(join(dir, 'data', 'sessions')).find((f) => f.includes('-r1-sma')) as string;
  const header = JSON.parse(readFileSync(join(dir, 'data', 'sessions', session), 'utf8').split('\n')[0]) as { params: { size: number } };
  assert.equal(header.params.size, 0.02);
  assert.equal(d.bots.length, 1);

  writeFileSync(file, 'bots: [oops\n');
  await until('the refusal', async () => entries().length >= 2, 30_000);
  assert.equal(entries()[1].ok, false);
  assert.ok((entries()[1].errors ?? []).length > 0);
  assert.equal(d.bots[0].state, 'running');
  assert.ok(lines.some((l) => l.includes('config edit refused')));
});

test('alerts: fills reach Discord; Telegram answers /status and /kill from the authorised chat only, and the daemon obeys', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-daemon-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const token = '123456:' + 'A'.repeat(35);
  const telegram = await TelegramBotApiServer.start(token);
  const discord = await DiscordWebhookServer.start();
  t.after(() => telegram.close());
  t.after(() => discord.close());
  const clock = new LiveClock();
  const lines: string[] = [];
  const doc = { ...SMA_BOT, alerts: { telegram: { enabled: true, chat_ids: [42] }, discord: { enabled: true } } };
  const d = await startDaemon({
    mode: 'paper',
    config: config(doc),
    dataDir: dir,
    cwd: dir,
    port: 0,
    market: 'sim',
    env: { SEXTANT_TELEGRAM_TOKEN: token, SEXTANT_TELEGRAM_CHATS: '42', SEXTANT_DISCORD_WEBHOOK: discord.url },
    telegramApiRoot: telegram.apiRoot,
    clock,
    log: createLogger({ clock, destination: logSink(lines), level: 'debug' }),
    say: () => {},
  });
  t.after(() => d.stop('test end'));
  // A fill is posted to Discord.
  await until('a fill alert', async () => discord.posts.some((p) => /BTC|ETH/.test(JSON.stringify(p.body))), 90_000);

  const before = telegram.sent.length;
  telegram.userSays(7, '/kill hard');
  telegram.userSays(42, '/status');
  await until('both answers', async () => telegram.sent.slice(before).some((m) => m.chat_id === 42 && /paper/.test(m.text)) && telegram.sent.slice(before).some((m) => m.chat_id === 7), 30_000);
  // The stranger hears only the refusal; no state, position or alert goes to it.
  assert.deepEqual(
    telegram.sent.slice(before).filter((m) => m.chat_id === 7).map((m) => m.text),
    ['Not authorised: this chat may not command this bot.'],
  );
  assert.equal(d.killLevel(), 'off', 'an unauthorised chat changes nothing');

  telegram.userSays(42, '/kill halt_all');
  await until('the kill level', async () => d.killLevel() === 'halt_all', 15_000);
  telegram.userSays(42, '/resume');
  await until('the resume', async () => d.killLevel() === 'off', 15_000);
  assert.ok(!lines.join('\n').includes(token), 'the token never reaches the log');
});
