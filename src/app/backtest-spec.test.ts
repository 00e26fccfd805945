// A stored run spec is checked field by field when read back: what a backtest wrote passes, a damaged field is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../core/manual-clock.js';
import { BadInputError } from '../core/errors.js';
import { prepareBacktest } from './backtest-root.js';
import { parseBacktestSpec } from './backtest-spec.js';

test('the spec a backtest writes parses back; damaged fields are named', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sextant-spec-'));
  writeFileSync(join(cwd, 'd.csv'), 'datetime,open,high,low,close,volume\n2024-01-01 00:00:00,1,2,0.5,1.5,10\n2024-01-01 00:01:00,1.5,2,1,1.25,10\n');
  const p = await prepareBacktest({ cwd, strategy: 'sma-cross', params: ['fast=1'], data: { kind: 'file', path: 'd.csv' }, ticks: [], funding: [], cash: 100, fees: { perUnit: 0 }, multiplier: 1 }, new ManualClock(0));
  const json = JSON.parse(JSON.stringify(p.spec)) as Record<string, unknown>;
  assert.deepEqual(parseBacktestSpec(json, 'run 1 spec'), p.spec);
  assert.deepEqual([p.spec.inputs.bars, p.spec.inputs.first, p.spec.inputs.last], [2, Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 1)]);
  const damaged: [Record<string, unknown>, RegExp][] = [
    [{ ...json, version: 2 }, /run 1 spec: unknown run spec version 2/],
    [{ ...json, cash: 'lots' }, /run 1 spec: cash: expected a finite number, got "lots"/],
    [{ ...json, data: { kind: 'file', file: { path: '/d.csv', sha256: 'xyz' } } }, /run 1 spec: data\.file\.sha256: expected 64 hex digits/],
    [{ ...json, data: { kind: 'ftp' } }, /run 1 spec: data\.kind: unknown data kind "ftp"/],
    [{ ...json, params: { fast: null } }, /run 1 spec: params\.fast: expected a number, boolean or string/],
    [{ ...json, fees: { makerBps: 1, takerBps: 2, perUnit: 0 } }, /run 1 spec: fees\.basis: expected a string/],
    [{ ...json, data: { ...(json.data as object), format: 'xls' } }, /run 1 spec: data\.format: expected one of csv, backtrader, freqtrade, aiquant, got "xls"/],
    [{ ...json, data: { ...(json.data as object), format: undefined } }, /run 1 spec: data\.format: expected one of .*, got undefined/],
    [{ ...json, data: { ...(json.data as object), symbol: 5 } }, /run 1 spec: data\.symbol: expected a string, got 5/],
    [{ ...json, data: { kind: 'store', db: '/s.db', venue: 'hyperliquid', interval: '1h', symbols: ['BTC', 7] } }, /run 1 spec: data\.symbols\[1\]: expected a string, got 7/],
    [{ ...json, data: { kind: 'recording', db: '/s.db', recording: 1 } }, /run 1 spec: data\.venue: expected a string, got undefined/],
    [{ ...json, funding: [{ file: (json.data as { file: unknown }).file }] }, /run 1 spec: funding\[0\]\.symbol: expected a string, got undefined/],
    [{ ...json, fees: { ...(json.fees as object), preset: 5 } }, /run 1 spec: fees\.preset: expected a string, got 5/],
  ];
  for (const [v, re] of damaged) assert.throws(() => parseBacktestSpec(v, 'run 1 spec'), (e: unknown) => e instanceof BadInputError && re.test(e.message), re.source);
});
