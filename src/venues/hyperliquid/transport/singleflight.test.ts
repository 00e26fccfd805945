// Singleflight: shared result and shared failure; the shared call is aborted only when its last caller leaves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Singleflight } from './singleflight.js';

test('joins share one call, its value and its error', async () => {
  const sf = new Singleflight<number>();
  let calls = 0;
  let resolve!: (v: number) => void;
  const fn = (): Promise<number> => {
    calls++;
    return new Promise((r) => (resolve = r));
  };
  const a = sf.run('k', fn);
  const b = sf.run('k', fn);
  await Promise.resolve();
  await Promise.resolve();
  resolve(7);
  assert.deepEqual(await Promise.all([a, b]), [7, 7]);
  assert.equal(calls, 1);
  assert.equal(sf.size, 0);
  const c = sf.run('k', () => Promise.reject(new Error('boom')));
  const d = sf.run('k', () => Promise.resolve(1));
  await assert.rejects(c, /boom/);
  await assert.rejects(d, /boom/);
});

test('the call is aborted when every caller has left', async () => {
  const sf = new Singleflight<number>();
  let inner: AbortSignal | undefined;
  const fn = (signal: AbortSignal): Promise<number> => {
    inner = signal;
    return new Promise(() => undefined);
  };
  const x = new AbortController();
  const y = new AbortController();
  const a = sf.run('k', fn, x.signal);
  const b = sf.run('k', fn, y.signal);
  await Promise.resolve();
  x.abort(new Error('x left'));
  await assert.rejects(a, /x left/);
  assert.equal(inner?.aborted, false);
  y.abort(new Error('y left'));
  await assert.rejects(b, /y left/);
  assert.equal(inner?.aborted, true);
  assert.equal(sf.size, 0);
});
