// The execution conformance suite against the simulated venue and the Hyperliquid adapter over the local venue.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hyperliquidConformanceVenue, simConformanceVenue } from './conformance-venues.js';
import { EXPECTED_KINDS, runExecutionConformance, type ConformanceResult } from './execution-conformance.js';

const results = new Map<string, ConformanceResult>();

test('the simulated venue produces the expected kinds of report sequence', async () => {
  const v = simConformanceVenue();
  const r = await runExecutionConformance(v);
  await v.close();
  results.set('sim', r);
  assert.deepEqual(r.kinds, EXPECTED_KINDS);
  assert.deepEqual(r.problems, []);
});

test('the live executor over the Hyperliquid adapter and the local venue produces the same kinds', async () => {
  const v = await hyperliquidConformanceVenue();
  try {
    const r = await runExecutionConformance(v);
    results.set('hl', r);
    assert.deepEqual(r.kinds, EXPECTED_KINDS, JSON.stringify(v.reports, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));
    assert.deepEqual(r.problems, []);
  } finally {
    await v.close();
  }
  const sim = results.get('sim');
  if (sim !== undefined) assert.deepEqual(results.get('hl')?.kinds, sim.kinds);
});
