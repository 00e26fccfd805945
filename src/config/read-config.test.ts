// Reading sextant.yaml documents: defaults, every error with path, value and expectation, unknown keys, secrets refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIssue, type ConfigIssue } from './config-issues.js';
import { readSextantConfig, type ConfigResult } from './read-config.js';
import type { SextantConfig } from './sextant-config.js';

function ok(r: ConfigResult): SextantConfig {
  if (!r.ok) assert.fail(`expected a valid config, got:\n${r.issues.map((i) => formatIssue('sextant.yaml', i)).join('\n')}`);
  return r.config;
}

function messages(doc: unknown): string[] {
  const r = readSextantConfig(doc);
  assert.equal(r.ok, false, 'expected the document to be refused');
  return (r as { issues: readonly ConfigIssue[] }).issues.map((i) => formatIssue('sextant.yaml', i));
}

const BOT = { id: 'trend-1', strategy: 'trend-confidence', symbols: ['BTC', 'ETH'], interval: '5m' };

test('an empty document is the defaults: paper, port 8080, the venue market, no bots, kill off', () => {
  for (const doc of [null, undefined, {}]) {
    const c = ok(readSextantConfig(doc));
    assert.equal(c.mode, 'paper');
    assert.equal(c.port, 8080);
    assert.equal(c.market, 'hyperliquid');
    assert.deepEqual(c.bots, []);
    assert.equal(c.kill.initial, 'off');
    assert.equal(c.venue.network, 'mainnet');
  }
});

test('snake_case keys in the file become camelCase fields, intervals get their length in ms', () => {
  const c = ok(
    readSextantConfig({
      mode: 'dry-live',
      data_dir: '/var/lib/sextant',
      market: 'replay:rec-7',
      venue: { network: 'testnet', wallet_address: '0x' + 'ab'.repeat(20), local_venue_url: 'http://127.0.0.1:8090' },
      bots: [{ ...BOT, params: { lookback: 150, fast: true, side: 'long' }, capital: { usd: 2500 }, enabled: false }],
      kill: { initial: 'close_only', file: 'STOP', poll_ms: 250 },
      reconcile: { interval_seconds: 12 },
      alerts: { telegram: { enabled: true, chat_ids: [42, -1001] }, discord: { enabled: true } },
      logging: { level: 'debug' },
    }),
  );
  assert.equal(c.dataDir, '/var/lib/sextant');
  assert.equal(c.market, 'replay:rec-7');
  assert.deepEqual(c.venue, { network: 'testnet', walletAddress: '0x' + 'ab'.repeat(20), localVenueUrl: 'http://127.0.0.1:8090' });
  assert.deepEqual(c.bots[0], { id: 'trend-1', strategy: 'trend-confidence', symbols: ['BTC', 'ETH'], interval: '5m', intervalMs: 300_000, params: { lookback: 150, fast: true, side: 'long' }, capital: { kind: 'usd', usd: 2500 }, enabled: false });
  assert.deepEqual(c.kill, { initial: 'close_only', file: 'STOP', pollMs: 250 });
  assert.equal(c.reconcile.intervalSeconds, 12);
  assert.deepEqual(c.alerts, { telegram: { enabled: true, chatIds: [42, -1001] }, discord: { enabled: true } });
  assert.equal(c.logging.level, 'debug');
});

test('every error is reported, each naming the key path, the bad value and what was expected', () => {
  assert.deepEqual(
    messages({
      port: 70_000,
      risk: { per_symbol: { BTC: { max_leverage: 'ten' } }, global: { max_drawdown_pct: 0, rates: { exits_per_min: 1.5 } } },
      bots: [{ ...BOT, interval: '90', symbols: 'BTC' }],
      kill: { initial: 'panic' },
    }).sort(),
    [
      'sextant.yaml: bots[0].interval: expected an interval like 1s, 30s, 1m, 15m, 1h or 1d, got "90"',
      'sextant.yaml: bots[0].symbols: expected a list of symbols like [BTC, ETH, SOL], got "BTC"',
      'sextant.yaml: kill.initial: expected one of off, close_only, halt_all, hard, flatten, got "panic"',
      'sextant.yaml: port: expected an integer from 0 to 65535, got 70000',
      'sextant.yaml: risk.global.max_drawdown_pct: expected a number greater than 0 and at most 100, got 0',
      'sextant.yaml: risk.global.rates.exits_per_min: expected an integer from 1 to 100000, got 1.5',
      'sextant.yaml: risk.per_symbol.BTC.max_leverage: expected a number from 1 to 50, got "ten"',
    ],
  );
});

test('unknown keys are errors with a "did you mean" hint, at every level', () => {
  assert.deepEqual(
    messages({ mdoe: 'paper', risk: { global: { max_levrage: 3 }, per_mode: { dry_live: {} } }, bots: [{ ...BOT, intervall: '1m' }], alerts: { telegram: { chat_id: [1] } }, zzz: 1 }).sort(),
    [
      'sextant.yaml: alerts.telegram.chat_id: unknown key; did you mean chat_ids?',
      'sextant.yaml: bots[0].intervall: unknown key; did you mean interval?',
      'sextant.yaml: mdoe: unknown key; did you mean mode?',
      'sextant.yaml: risk.global.max_levrage: unknown key; did you mean max_leverage?',
      'sextant.yaml: risk.per_mode.dry_live: unknown key; did you mean dry-live?',
      'sextant.yaml: zzz: unknown key (known here: mode, data_dir, port, market, venue, bots, risk, kill, reconcile, alerts, logging)',
    ],
  );
  assert.deepEqual(messages({ mode: 'papr' }), ['sextant.yaml: mode: expected one of paper, dry-live, live, got "papr"; did you mean paper?']);
});

test('secrets are refused wherever they appear and never echoed', () => {
  const key = 'a1'.repeat(32);
  const out = messages({ venue: { private_key: key, wallet_address: key }, alerts: { telegram: { token: 'tg-secret-123' }, discord: { webhook_url: 'https://discord.example/hook' } }, bots: [{ ...BOT, params: { k: '0x' + key } }] });
  for (const line of out) {
    assert.ok(!line.includes(key) && !line.includes('tg-secret-123') && !line.includes('discord.example'), `a secret was echoed: ${line}`);
  }
  const text = out.join('\n');
  assert.match(text, /venue\.private_key: secrets are never read from sextant\.yaml.*SEXTANT_HL_PRIVATE_KEY/);
  assert.match(text, /alerts\.telegram\.token: .*SEXTANT_TELEGRAM_TOKEN/);
  assert.match(text, /alerts\.discord\.webhook_url: .*SEXTANT_DISCORD_WEBHOOK/);
  assert.match(text, /venue\.wallet_address: this looks like a private key/);
  assert.match(text, /bots\[0\]\.params\.k: this looks like a private key/);
});

test('bots: ids unique, symbols unique, required keys named, capital fractions of enabled bots at most 1', () => {
  assert.deepEqual(
    messages({ bots: [{ ...BOT, symbols: ['BTC', 'BTC'] }, { id: 'trend-1' }, { ...BOT, id: 'x', capital: { fraction: 0.5, usd: 10 } }] }).sort(),
    [
      'sextant.yaml: bots[0].symbols[1]: BTC is listed twice',
      'sextant.yaml: bots[1].id: bot id "trend-1" is already used by bots[0]; ids must be unique',
      'sextant.yaml: bots[1].interval: missing (every bot needs id, strategy, symbols and interval)',
      'sextant.yaml: bots[1].strategy: missing (every bot needs id, strategy, symbols and interval)',
      'sextant.yaml: bots[1].symbols: missing (every bot needs id, strategy, symbols and interval)',
      'sextant.yaml: bots[2].capital: expected either fraction: (of equity, more than 0 and at most 1) or usd: (an amount), got {"fraction":0.5,"usd":10}',
    ],
  );
  assert.deepEqual(messages({ bots: [{ ...BOT, capital: { fraction: 0.7 } }, { ...BOT, id: 'b', capital: { fraction: 0.6 } }, { ...BOT, id: 'c', enabled: false }] }), [
    'sextant.yaml: bots: the capital fractions of the enabled bots add up to 1.3 (trend-1 0.7, b 0.6); expected at most 1',
  ]);
});

test('NaN and infinities are refused like any other bad number', () => {
  assert.deepEqual(messages({ risk: { global: { max_order_notional: Number.NaN, max_symbol_notional: Number.POSITIVE_INFINITY } } }).sort(), [
    'sextant.yaml: risk.global.max_order_notional: expected a number greater than 0, got NaN',
    'sextant.yaml: risk.global.max_symbol_notional: expected a number greater than 0, got Infinity',
  ]);
});

test('risk layers that contradict each other once merged are refused, naming the modes and symbols', () => {
  const out = messages({ risk: { global: { stop_loss_pct: { max: 3 } }, per_symbol: { BTC: { stop_loss_pct: { min: 5 } } } } });
  assert.deepEqual(out, ['sextant.yaml: risk: after merging (defaults ← global ← per_symbol ← per_mode), stop_loss_pct.min 5 is above stop_loss_pct.max 3, for paper BTC, dry-live BTC, live BTC']);
  // The same layers, with live lifting the cap: only paper and dry-live remain contradictory.
  const lifted = messages({ risk: { global: { stop_loss_pct: { max: 3 } }, per_symbol: { BTC: { stop_loss_pct: { min: 5 } } }, per_mode: { live: { stop_loss_pct: { max: null } } } } });
  assert.match(lifted[0], /for paper BTC, dry-live BTC$/);
});

test('telegram enabled with no chat ids is refused (nobody could be alerted or authorised)', () => {
  assert.deepEqual(messages({ alerts: { telegram: { enabled: true } } }), [
    'sextant.yaml: alerts.telegram.chat_ids: expected at least one chat id when telegram is enabled (only these chats get alerts and may send commands)',
  ]);
});

test('paths with a NUL or another control character are refused (the OS cannot open them; check said ok and start crashed)', () => {
  const m = messages({ data_dir: 'a\u0000b', kill: { file: 'K\u001b[31m' }, bots: [{ ...BOT, strategy: './s\u0000.ts', strategy_config: 'c\n.json' }] });
  assert.equal(m.length, 4, m.join('\n'));
  for (const key of ['data_dir', 'bots[0].strategy', 'bots[0].strategy_config', 'kill.file']) assert.ok(m.some((line) => line.startsWith(`sextant.yaml: ${key}: expected `) && line.includes('no control characters')), `${key}: ${m.join('\n')}`);
});
