// diffConfig: changes named by their YAML paths, bots matched by id, each marked live or restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyLiveChanges, describeChanges, diffConfig } from './config-diff.js';
import { readSextantConfig } from './read-config.js';
import type { SextantConfig } from './sextant-config.js';

function cfg(doc: Record<string, unknown>): SextantConfig {
  const r = readSextantConfig(doc);
  assert.ok(r.ok, JSON.stringify(r));
  return r.config;
}

const BASE = {
  port: 8080,
  bots: [
    { id: 'a', strategy: 'trend-confidence', symbols: ['BTC'], interval: '1m', params: { lookback: 200 }, capital: { fraction: 0.5 } },
    { id: 'b', strategy: 'sma-cross', symbols: ['ETH'], interval: '1h', capital: { fraction: 0.5 } },
  ],
  risk: { global: { max_leverage: 3 } },
};

test('identical configs have no changes', () => {
  assert.deepEqual(diffConfig(cfg(BASE), cfg(structuredClone(BASE))), []);
});

test('live changes: params, risk limits, bots added and removed, kill file, alerts', () => {
  const next = {
    ...BASE,
    bots: [{ ...BASE.bots[0], params: { lookback: 150 } }, { id: 'c', strategy: 'sma-cross', symbols: ['SOL'], interval: '5m', capital: { fraction: 0.5 } }],
    risk: { global: { max_leverage: 4 }, per_symbol: { BTC: { max_order_notional: 900 } } },
    kill: { file: 'STOP' },
    alerts: { discord: { enabled: true } },
  };
  const changes = diffConfig(cfg(BASE), cfg(next));
  assert.deepEqual(
    changes.map((c) => [c.path, c.old, c.new, c.applies]),
    [
      ['bots[a].params.lookback', 200, 150, 'live'],
      ['bots[b]', { id: 'b', strategy: 'sma-cross', symbols: ['ETH'], interval: '1h', params: {}, capital: { fraction: 0.5 }, enabled: true }, undefined, 'live'],
      ['bots[c]', undefined, { id: 'c', strategy: 'sma-cross', symbols: ['SOL'], interval: '5m', params: {}, capital: { fraction: 0.5 }, enabled: true }, 'live'],
      ['risk.global.max_leverage', 3, 4, 'live'],
      ['risk.per_symbol.BTC', undefined, { max_order_notional: 900 }, 'live'],
      ['kill.file', 'KILL', 'STOP', 'live'],
      ['alerts.discord.enabled', false, true, 'live'],
    ],
  );
});

test('restart changes: mode, data_dir, port, market, venue, kill.initial; applyLiveChanges keeps their running values', () => {
  const running = cfg(BASE);
  const next = cfg({ ...BASE, mode: 'live', data_dir: 'elsewhere', port: 9090, market: 'sim', venue: { network: 'testnet' }, kill: { initial: 'halt_all' }, risk: { global: { max_leverage: 2 } } });
  const changes = diffConfig(running, next);
  assert.deepEqual(
    changes.map((c) => [c.path, c.applies]),
    [
      ['mode', 'restart'],
      ['data_dir', 'restart'],
      ['port', 'restart'],
      ['market', 'restart'],
      ['venue.network', 'restart'],
      ['risk.global.max_leverage', 'live'],
      ['kill.initial', 'restart'],
    ],
  );
  const applied = applyLiveChanges(running, next);
  assert.equal(applied.port, 8080);
  assert.equal(applied.mode, 'paper');
  assert.equal(applied.venue.network, 'mainnet');
  assert.equal(applied.kill.initial, 'off');
  assert.equal(applied.risk.global.maxLeverage, 2);
  // What is still pending is exactly the restart part.
  assert.deepEqual(diffConfig(applied, next).map((c) => c.path), ['mode', 'data_dir', 'port', 'market', 'venue.network', 'kill.initial']);
  assert.deepEqual(describeChanges(changes.filter((c) => c.path === 'port' || c.path.startsWith('risk'))), [
    'port: 8080 → 9090 (needs a restart; the running daemon keeps the old value)',
    'risk.global.max_leverage: 3 → 2 (applied live)',
  ]);
});
