// SimClock: due timers come out in (time, name) order, replaced or cancelled by name, and time never runs backwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from './errors.js';
import { isoTime, SimClock } from './clock.js';
import { createRng } from './rng.js';

const names = (fired: readonly { name: string; at: number }[]): string[] => fired.map((x) => `${x.at}:${x.name}`);

test('due timers fire in (time, name) order; later ones stay pending', () => {
  const c = new SimClock(0);
  c.setTimer('b', 20);
  c.setTimer('z', 10);
  c.setTimer('a', 20);
  c.setTimer('m', 30);
  c.setTimer('c', 20);
  assert.deepEqual(names(c.advanceTo(20)), ['10:z', '20:a', '20:b', '20:c']);
  assert.equal(c.now(), 20);
  assert.ok(c.hasTimers());
  assert.deepEqual(names(c.advanceTo(29)), []);
  assert.deepEqual(names(c.advanceTo(30)), ['30:m']); // due exactly at its time
  assert.ok(!c.hasTimers());
});

test('fired timers carry their own time, not the time advanced to', () => {
  const c = new SimClock(100);
  c.setTimer('t', 150);
  const fired = c.advanceTo(1000);
  assert.deepEqual(fired, [{ type: 'timer.fired', name: 't', at: 150 }]);
});

test('setting a timer again replaces it; cancelTimer removes it', () => {
  const c = new SimClock(0);
  c.setTimer('x', 50);
  c.setTimer('x', 10);
  c.setTimer('y', 5);
  c.cancelTimer('y');
  c.cancelTimer('never-set');
  assert.deepEqual(names(c.advanceTo(100)), ['10:x']);
});

test('time never runs backwards and timers cannot be set in the past', () => {
  const c = new SimClock(1000);
  assert.throws(() => c.advanceTo(999), InvariantError);
  assert.equal(c.now(), 1000);
  c.advanceTo(1000); // standing still is allowed
  assert.throws(() => c.setTimer('late', 999), InvariantError);
  c.setTimer('now', 1000);
  assert.deepEqual(names(c.advanceTo(1000)), ['1000:now']);
});

test('random schedules: every timer fires once, in (time, name) order, within its step', () => {
  const rng = createRng(99);
  const c = new SimClock(0);
  const expected: string[] = [];
  for (let i = 0; i < 300; i++) {
    const name = `t${rng.int(0, 999).toString().padStart(3, '0')}`;
    const at = rng.int(0, 5000);
    c.setTimer(name, at);
    // Replacing by name: drop the earlier schedule from the expectation.
    const j = expected.findIndex((e) => e.endsWith(`:${name}`));
    if (j >= 0) expected.splice(j, 1);
    expected.push(`${at}:${name}`);
  }
  const fired: { name: string; at: number }[] = [];
  let t = 0;
  while (t < 5000) {
    const prev = t;
    t = Math.min(5000, t + rng.int(0, 200));
    for (const x of c.advanceTo(t)) {
      assert.ok(x.at <= t && (x.at > prev || prev === 0), `${x.name}@${x.at} fired in (${prev}, ${t}]`);
      fired.push(x);
    }
  }
  const byTimeThenName = (a: string, b: string): number => {
    const [ta, na] = a.split(':');
    const [tb, nb] = b.split(':');
    return Number(ta) - Number(tb) || (na < nb ? -1 : na > nb ? 1 : 0);
  };
  assert.deepEqual(names(fired), [...expected].sort(byTimeThenName));
});

test('isoTime formats UTC', () => {
  assert.equal(isoTime(0), '1970-01-01T00:00:00.000Z');
  assert.equal(isoTime(Date.UTC(2024, 1, 29, 12, 30)), '2024-02-29T12:30:00.000Z');
});
