// LiveClock: wall-clock now; a timer fires once, a cleared one never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveClock } from './live-clock.js';

test('a live timer fires once and a cleared one never fires', async () => {
  const clock = new LiveClock({ keepAlive: true });
  const before = Date.now();
  assert.ok(clock.now() >= before);
  const seen: string[] = [];
  const cleared = clock.setTimeout(() => seen.push('cleared'), 0);
  clock.clearTimeout(cleared);
  clock.clearTimeout(cleared);
  await new Promise<void>((resolve) => clock.setTimeout(() => (seen.push('fired'), resolve()), 1));
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.deepEqual(seen, ['fired']);
});
