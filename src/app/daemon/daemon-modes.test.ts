// Live and dry-live on the one kernel, against a local Hyperliquid-compatible venue standing in for the real one; several bots on one account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fixedToNumber } from '../../core/fixed.js';
import { LiveClock } from '../../core/live-clock.js';
import { readSextantConfig } from '../../config/read-config.js';
import type { SextantConfig } from '../../config/sextant-config.js';
import { defaultVenueOptions, parseSymbols } from '../../localnet/hyperliquid/venue-options.js';
import { createLogger } from '../../live/telemetry/logger.js';
import { openStore } from '../../store/open-store.js';
import { accountFromPrivateKey } from '../../venues/hyperliquid/signing/index.js';
import { startLocalVenue, type StartedVenue } from '../venue-root.js';
import { LIVE_CONFIRM_PHRASE } from './live-opt-in.js';
import { startDaemon, type RunningDaemon } from './daemon-root.js';
import { readStatusToken } from './status-token.js';
import { until } from '../../testkit/poll-until.js';

const KEY = '0x2222222222222222222222222222222222222222222222222222222222222222';
const sma = (id: string, symbols: string[], interval = '1s'): object => ({ id, strategy: 'sma-cross', symbols, interval, params: { fast: 2, slow: 5, size: 0.01 }, capital: { usd: 4000 } });

function config(doc: unknown): SextantConfig {
  const r = readSextantConfig(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

async function withVenue(t: { after(f: () => Promise<void>): void }): Promise<StartedVenue> {
  const v = await startLocalVenue(defaultVenueOptions({ symbols: parseSymbols('BTC,ETH'), market: 'sim', stepMs: 100 }), { port: 0 }, () => {});
  t.after(() => v.close());
  return v;
}

async function daemon(dir: string, mode: 'live' | 'dry-live', doc: object, env: Record<string, string>, lines: string[]): Promise<RunningDaemon> {
  const clock = new LiveClock();
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(...chunk.toString().split('\n').filter((l) => l !== ''));
      done();
    },
  });
  return startDaemon({ mode, config: config(doc), dataDir: dir, cwd: dir, port: 0, market: 'hyperliquid', env, clock, log: createLogger({ clock, destination, level: 'debug' }), say: () => {} });
}


type Order = { status: string; bot: string; symbol: string };
/** The API's open orders, read with the read-only token the daemon writes to its data dir (as `sextant status` does). */
const orders = async (d: RunningDaemon, dir: string): Promise<Order[]> => {
  const r = await fetch(`${d.url}/api/orders`, { headers: { authorization: `Bearer ${readStatusToken(dir) ?? ''}` } });
  assert.equal(r.status, 200, await r.clone().text());
  return (await r.json()) as Order[];
};

test('live: two bots on one account trade through the venue with the dead man’s switch armed; the venue’s positions are ours', { timeout: 240_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-live-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const v = await withVenue(t);
  const lines: string[] = [];
  const doc = { venue: { api_url: v.url, ws_url: v.wsUrl }, bots: [sma('btc', ['BTC']), sma('eth', ['ETH'], '2s')], risk: { global: { max_daily_loss: 500 } } };
  const env = { SEXTANT_LIVE: '1', SEXTANT_LIVE_CONFIRM: LIVE_CONFIRM_PHRASE, SEXTANT_HL_PRIVATE_KEY: KEY };
  const d = await daemon(dir, 'live', doc, env, lines);
  let stopped = false;
  t.after(async () => {
    if (!stopped) await d.stop('test end');
  });
  assert.equal(d.simulated(), false, 'live is never simulated');
  await until('filled orders of both bots', async () => {
    const o = (await orders(d, dir)).filter((x) => x.status === 'filled');
    return o.some((x) => x.bot === 'btc') && o.some((x) => x.bot === 'eth');
  });
  assert.ok(lines.some((l) => l.includes('"event":"dms.armed"')), 'scheduleCancel armed while live');
  await d.stop('test');
  stopped = true;
  // The venue's positions for the account equal the sum of the bots' ledgers.
  const address = accountFromPrivateKey(KEY).address.toLowerCase();
  const state = (await (await fetch(`${v.url}/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'clearinghouseState', user: address }) })).json()) as { assetPositions: { position: { coin: string; szi: string } }[] };
  const venue = new Map(state.assetPositions.map((p) => [p.position.coin, Number(p.position.szi)]));
  const store = openStore(join(dir, 'sextant.db'), { clock: new LiveClock() });
  try {
    for (const [bot, symbol] of [['btc', 'BTC'], ['eth', 'ETH']] as const) {
      let qty = 0;
      for (const e of await store.ledger.readLedger(`bot:${bot}`)) if (e.kind === 'fill') qty += (e.side === 'buy' ? 1 : -1) * fixedToNumber(e.qty);
      assert.ok(Math.abs(qty - (venue.get(symbol) ?? 0)) < 1e-9, `${symbol}: bot ${qty}, venue ${venue.get(symbol)}`);
    }
  } finally {
    await store.close();
  }
  assert.equal(readdirSync(join(dir, 'sessions')).length, 2, 'one session per bot');
});

test('dry-live: reads the account, decides, risk-checks and audits every order, and sends none', { timeout: 240_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-dry-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const v = await withVenue(t);
  const lines: string[] = [];
  const address = accountFromPrivateKey(KEY).address;
  const doc = { venue: { api_url: v.url, ws_url: v.wsUrl, wallet_address: address }, bots: [sma('btc', ['BTC'])] };
  const d = await daemon(dir, 'dry-live', doc, {}, lines);
  t.after(() => d.stop('test end'));
  const session = (): string => readFileSync(join(dir, 'sessions', readdirSync(join(dir, 'sessions'))[0]), 'utf8');
  await until('two decisions', () => (session().match(/"kind":"command"/g) ?? []).length >= 2);
  assert.deepEqual(await orders(d, dir), [], 'no order reached the OMS');
  assert.match(session(), /dry-live: risk-checked and journaled, not sent/);
  const open = (await (await fetch(`${v.url}/info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'userFills', user: address.toLowerCase() }) })).json()) as unknown[];
  assert.deepEqual(open, [], 'the venue saw no order of the account');
});
