// sextant.yaml on disk: the first-start template, line and column in every message, paths made absolute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError } from '../core/errors.js';
import { DEFAULT_RISK_LIMITS, resolveRiskLimits } from '../config/risk-overrides.js';
import { findBuiltinStrategy } from '../strategy/registry.js';
import { ConfigInvalidError, createConfigFile, loadConfigFile, loadOrCreateConfigFile, parseConfigText } from './config-file.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('first start writes the commented template: paper, trend-confidence on BTC, ETH, SOL, the default risk limits', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'sextant.yaml');
  const loaded = loadOrCreateConfigFile(file);
  assert.equal(loaded.created, true);
  const c = loaded.config;
  assert.equal(c.mode, 'paper');
  assert.equal(c.bots.length, 1);
  assert.equal(c.bots[0].strategy, 'trend-confidence');
  assert.ok(findBuiltinStrategy(c.bots[0].strategy), 'the template names a built-in strategy');
  assert.deepEqual(c.bots[0].symbols, ['BTC', 'ETH', 'SOL']);
  assert.equal(c.bots[0].intervalMs, 60_000);
  assert.deepEqual(resolveRiskLimits(c.risk, 'paper', 'BTC'), DEFAULT_RISK_LIMITS, 'the global section spells out the defaults');
  assert.equal(resolveRiskLimits(c.risk, 'paper', 'SOL').maxLeverage, 3);
  assert.equal(resolveRiskLimits(c.risk, 'live', 'BTC').maxDailyLoss, 250);
  assert.equal(c.dataDir, join(dir, 'data'), 'data_dir is relative to the file');
  assert.equal(c.kill.file, join(dir, 'data', 'KILL'), 'the kill file is relative to the data dir');
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^# sextant\.yaml/);
  assert.match(text, /SEXTANT_HL_PRIVATE_KEY/);
  assert.ok(text.split('\n').filter((l) => l.trimStart().startsWith('#')).length > 30, 'the template explains itself');
});

test('an existing file is never replaced by the template', (t) => {
  const file = join(tempDir(t), 'sextant.yaml');
  writeFileSync(file, 'mode: live\n');
  assert.equal(createConfigFile(file), false);
  assert.equal(readFileSync(file, 'utf8'), 'mode: live\n');
  const loaded = loadOrCreateConfigFile(file);
  assert.equal(loaded.created, false);
  assert.equal(loaded.config.mode, 'live');
});

test('YAML syntax errors give file:line:col', () => {
  const r = parseConfigText('mode: paper\nbots:\n  - id: a\n    symbols: [BTC, ETH\nport: 1\n', 'sextant.yaml');
  assert.equal(r.ok, false);
  assert.match((r as { errors: readonly string[] }).errors[0], /^sextant\.yaml:5:1: not valid YAML: /);
  const dup = parseConfigText('port: 1\nport: 2\n', 'sextant.yaml');
  assert.deepEqual((dup as { errors: readonly string[] }).errors, ['sextant.yaml:2:1: not valid YAML: Map keys must be unique']);
});

test('a recursive alias (an anchor whose node holds its own alias) is an error at the alias, not a crash', () => {
  for (const [text, at] of [['a: &a [*a]\n', '1:8'], ['mode: paper\nrisk:\n  global: &g { x: *g }\n', '3:19']] as const) {
    const r = parseConfigText(text, 'sextant.yaml');
    assert.equal(r.ok, false, text);
    assert.deepEqual((r as { errors: readonly string[] }).errors, [`sextant.yaml:${at}: not valid for a config: the alias refers to a node that contains it (a recursive alias)`]);
  }
});

test('validation errors carry the line and column of the key, all of them, in file order', () => {
  const text = ['mode: paper', 'risk:', '  per_symbol:', '    BTC:', '      max_leverage: ten', 'bots:', '  - id: a', '    strategy: trend-confidence', '    symbols: [BTC]', '    interval: 1x', 'kil:', '  initial: off', ''].join('\n');
  const r = parseConfigText(text, 'sextant.yaml');
  assert.equal(r.ok, false);
  assert.deepEqual((r as { errors: readonly string[] }).errors, [
    'sextant.yaml:5:7: risk.per_symbol.BTC.max_leverage: expected a number from 1 to 50, got "ten"',
    'sextant.yaml:10:5: bots[0].interval: expected an interval like 1s, 30s, 1m, 15m, 1h or 1d, got "1x"',
    'sextant.yaml:11:1: kil: unknown key; did you mean kill?',
  ]);
});

test('loadConfigFile: an invalid file throws every problem; a missing one says how to get one', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'sextant.yaml');
  writeFileSync(file, 'port: x\nmode: papr\n');
  assert.throws(
    () => loadConfigFile(file),
    (e: unknown) => e instanceof ConfigInvalidError && e.errors.length === 2 && e.errors[0].startsWith('sextant.yaml:1:1: port:') && e.errors[1].startsWith('sextant.yaml:2:1: mode:'),
  );
  assert.throws(() => loadConfigFile(join(dir, 'nope.yaml')), (e: unknown) => e instanceof BadInputError && /config init/.test(e.message));
});

test('a template that cannot be written (under a file, /sys) names the config file, not the temporary file beside it', { skip: process.platform !== 'linux' }, (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'afile'), '');
  assert.throws(
    () => createConfigFile(join(dir, 'afile', 'sextant.yaml')),
    (e: unknown) => e instanceof BadInputError && e.message.startsWith(`${join(dir, 'afile', 'sextant.yaml')}: cannot write the config file: `) && !e.message.includes('.tmp'),
  );
  assert.throws(
    () => createConfigFile('/sys/sextant.yaml'),
    (e: unknown) => e instanceof BadInputError && /^\/sys\/sextant\.yaml: cannot write the config file: /.test(e.message) && !e.message.includes('.tmp'),
  );
});
