// Live refuses a config without its own risk settings and a daily loss limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liveConfigProblems } from './live-requirements.js';
import { readSextantConfig } from './read-config.js';
import type { SextantConfig } from './sextant-config.js';

function cfg(doc: unknown): SextantConfig {
  const r = readSextantConfig(doc);
  assert.ok(r.ok, JSON.stringify(r));
  return r.config;
}

const BOT = { id: 'a', strategy: 'trend-confidence', symbols: ['BTC', 'ETH'], interval: '1h' };

test('no risk section: two problems, the section and the daily loss limit', () => {
  assert.deepEqual(
    liveConfigProblems(cfg({ bots: [BOT] })).map((p) => p.message),
    [
      'live trading needs explicit risk settings in risk.global or risk.per_mode.live (the built-in defaults are sized for a paper account)',
      'live trading needs a daily loss limit; none applies to (other symbols), BTC, ETH (set risk.per_mode.live.max_daily_loss or risk.global.max_daily_loss)',
    ],
  );
});

test('a live daily loss limit makes it fit; a per-symbol null that removes it does not', () => {
  assert.deepEqual(liveConfigProblems(cfg({ bots: [BOT], risk: { per_mode: { live: { max_daily_loss: 200 } } } })), []);
  const holed = cfg({ bots: [BOT], risk: { global: { max_daily_loss: 200 }, per_symbol: { ETH: { max_daily_loss: null } } } });
  assert.deepEqual(liveConfigProblems(holed).map((p) => p.message), ['live trading needs a daily loss limit; none applies to ETH (set risk.per_mode.live.max_daily_loss or risk.global.max_daily_loss)']);
});
