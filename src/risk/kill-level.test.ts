// Kill levels: parsing (file, environment), and the matrix of what each level lets through, cell by cell, through the manager.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KillLevel } from '../config/risk-config.js';
import { BadInputError } from '../core/errors.js';
import { killLevelFromEnv, parseKillLevel } from './kill-level.js';
import type { RiskIntent } from './risk-intent.js';
import { at100, buy, sell, testManager, testView } from './testing/risk-fixtures.js';

test('parseKillLevel reads every level, trimming whitespace and a trailing newline', () => {
  for (const l of ['off', 'close_only', 'halt_all', 'hard', 'flatten']) assert.equal(parseKillLevel(` ${l}\n`, 'x'), l);
});

test('a bad kill level names where, the value and the valid levels', () => {
  assert.throws(
    () => parseKillLevel('halt', 'data/kill'),
    (e: unknown) => e instanceof BadInputError && e.where === 'data/kill' && e.message === 'data/kill: "halt" is not a kill level (expected one of off, close_only, halt_all, hard, flatten)',
  );
  assert.throws(() => parseKillLevel('HALT_ALL', 'x'), BadInputError);
  assert.throws(() => parseKillLevel('', 'x'), /"" is not a kill level/);
});

test('SEXTANT_KILL sets a level; unset or blank sets none; garbage is an error naming the variable', () => {
  assert.equal(killLevelFromEnv({ SEXTANT_KILL: 'halt_all' }), 'halt_all');
  assert.equal(killLevelFromEnv({}), undefined);
  assert.equal(killLevelFromEnv({ SEXTANT_KILL: '  ' }), undefined);
  assert.throws(() => killLevelFromEnv({ SEXTANT_KILL: 'stop' }), (e: unknown) => e instanceof BadInputError && e.where === 'SEXTANT_KILL');
});

// The matrix as README "Kill levels" documents it: a long of 2 BTC is open; each kind of order is tried under each level.
const KINDS: ReadonlyArray<[string, RiskIntent]> = [
  ['open (ETH)', { ...buy(1), symbol: 'ETH' }],
  ['add', buy(1)],
  ['reduce, reduce-only', sell(1, { reduceOnly: true })],
  ['reduce, plain', sell(1)],
  ['close, reduce-only (a protective stop)', sell(2, { reduceOnly: true, type: 'stop-market', price: 95 })],
  ['close, plain', sell(2)],
  ['cancel', { botId: 'b1', symbol: 'BTC', action: 'cancel', clientId: 'c1' }],
];
const Y = true;
const N = false;
const MATRIX: Readonly<Record<KillLevel, readonly boolean[]>> = {
  //          open add  red-ro red  close-ro close cancel
  off: /*    */ [Y, Y, Y, Y, Y, Y, Y],
  close_only: [N, N, Y, Y, Y, Y, Y],
  halt_all: /**/ [N, N, Y, N, Y, N, Y],
  flatten: /* */ [N, N, Y, N, Y, N, Y],
  hard: /*   */ [N, N, N, N, N, N, N],
};

for (const [level, row] of Object.entries(MATRIX) as Array<[KillLevel, readonly boolean[]]>) {
  for (let i = 0; i < KINDS.length; i++) {
    const [kind, intent] = KINDS[i];
    test(`kill ${level}: ${kind} is ${row[i] ? 'allowed' : 'refused'}`, () => {
      const { risk } = testManager();
      const change = risk.setKill('api', level, 'test');
      assert.equal(change.effective, level);
      const v = risk.check(intent, testView({ positions: { BTC: at100(2) } }));
      assert.equal(v.allowed, row[i], `${v.rule}: ${v.reason}`);
      if (!row[i]) {
        assert.equal(v.rule, 'kill_level');
        assert.match(v.reason, new RegExp(`^kill level ${level} \\(set by api: test\\) allows no `));
        assert.equal(v.inputs.level, level);
      }
    });
  }
}

test('the most severe source wins; clearing one source leaves the others in force', () => {
  const { risk } = testManager();
  risk.setKill('env', 'halt_all', 'SEXTANT_KILL');
  const c = risk.setKill('file', 'close_only', 'data/kill');
  assert.equal(c.effective, 'halt_all');
  assert.equal(risk.killStatus().source, 'env');
  assert.equal(risk.setKill('env', 'off', 'cleared').effective, 'close_only');
  assert.equal(risk.setKill('file', 'off', 'cleared').effective, 'off');
});

test('hard outranks flatten: a flatten asked for under hard waits until hard is lifted', () => {
  const { risk } = testManager();
  risk.setKill('file', 'hard', 'operator');
  const c = risk.setKill('api', 'flatten', 'operator');
  assert.equal(c.effective, 'hard');
  assert.equal(c.flatten, false);
  assert.equal(risk.flattenPending, false);
  const lifted = risk.setKill('file', 'off', 'operator');
  assert.equal(lifted.effective, 'flatten');
  assert.equal(lifted.flatten, true);
  assert.equal(risk.flattenPending, true);
});

test('a rule cannot be set as an operator source', () => {
  const { risk } = testManager();
  assert.throws(() => risk.setKill('rule' as 'api', 'halt_all', 'x'), BadInputError);
});
