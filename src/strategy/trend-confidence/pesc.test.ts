// PESC (doc §6.1) and the entry/exit cooldowns: interpolated window, strict comparison, exemptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT_REASON } from './exit-reasons.js';
import { cooldownActive, pescBlocked, pescCooldownMinutes } from './pesc.js';
import { fixtureConfig } from '../../testkit/strategy/trend-confidence-configs.js';

const t = fixtureConfig().trade; // PESC at its defaults: on, 45…180 minutes

test('PESC cooldown: 45 min at ADX ≥ 40, 180 at ADX ≤ 25, linear between', () => {
  assert.equal(pescCooldownMinutes(t, 40), 45);
  assert.equal(pescCooldownMinutes(t, 55), 45);
  assert.equal(pescCooldownMinutes(t, 25), 180);
  assert.equal(pescCooldownMinutes(t, 10), 180);
  assert.equal(pescCooldownMinutes(t, 30), 180 + (5 / 15) * (45 - 180)); // 135
});

test('PESC blocks a same-side re-entry strictly inside the cooldown; not after a Signal Flip; never the other side', () => {
  const last = { time: 0, side: 1 as const, reason: EXIT_REASON.stopLoss };
  const h = 3_600_000;
  assert.equal(pescBlocked(t, last, 1, 0, 30), true); // the exit bar itself
  assert.equal(pescBlocked(t, last, 1, 2 * h, 30), true); // 120 < 135 min
  assert.equal(pescBlocked(t, last, 1, 135 * 60_000 - 1, 30), true);
  assert.equal(pescBlocked(t, last, 1, 135 * 60_000, 30), false); // strict <
});

test('PESC exemptions and switch', () => {
  const h = 3_600_000;
  const sl = { time: 0, side: 1 as const, reason: EXIT_REASON.stopLoss };
  assert.equal(pescBlocked(t, sl, 1, h, 40), false); // 60 min after, cooldown 45
  assert.equal(pescBlocked(t, sl, -1, 0, 30), false);
  assert.equal(pescBlocked(t, { ...sl, reason: EXIT_REASON.signalFlip }, 1, 0, 30), false);
  assert.equal(pescBlocked(t, undefined, 1, 0, 30), false);
  assert.equal(pescBlocked(fixtureConfig({ trade: { reentry_cooldown_minutes: 0 } }).trade, sl, 1, 0, 30), false);
  // The window is trunc(minutes × 60 000) ms: at ADX 25.1, 180 + (0.1/15)·(−135) = 179.1 min ≈ 10 746 000 ms.
  const ms = Math.trunc(pescCooldownMinutes(t, 25.1) * 60_000);
  assert.ok(Math.abs(ms - 10_746_000) <= 1);
  assert.equal(pescBlocked(t, sl, 1, ms - 1, 25.1), true);
  assert.equal(pescBlocked(t, sl, 1, ms, 25.1), false);
});

test('entry/exit cooldowns: strictly inside `seconds`, off at 0', () => {
  assert.equal(cooldownActive(undefined, 10, 20), false);
  assert.equal(cooldownActive(0, 19_999, 20), true);
  assert.equal(cooldownActive(0, 20_000, 20), false);
  assert.equal(cooldownActive(0, 0, 0), false);
});
