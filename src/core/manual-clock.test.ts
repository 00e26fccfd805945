// ManualClock: named timers come due in (time, name) order; callbacks fire at their own time in (time, set order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from './errors.js';
import { ManualClock } from './manual-clock.js';
import { createRng } from './rng.js';

const names = (fired: readonly { name: string; at: number }[]): string[] => fired.map((x) => `${x.at}:${x.name}`);

/** The kernel's step: move time, then collect what came due. */
function step(c: ManualClock, t: number): string[] {
  return c.stepTo(t) ? names(c.takeDue()) : [];
}

test('due named timers come out in (time, name) order; later ones stay pending', () => {
  const c = new ManualClock(0);
  c.setTimer('b', 20);
  c.setTimer('z', 10);
  c.setTimer('a', 20);
  c.setTimer('m', 30);
  c.setTimer('c', 20);
  assert.deepEqual(step(c, 20), ['10:z', '20:a', '20:b', '20:c']);
  assert.equal(c.now(), 20);
  assert.ok(c.hasTimers());
  assert.equal(c.stepTo(29), false);
  assert.deepEqual(c.takeDue(), []);
  assert.deepEqual(step(c, 30), ['30:m']); // due exactly at its time
  assert.ok(!c.hasTimers());
});

test('named timers carry their own time, not the time stepped to', () => {
  const c = new ManualClock(100);
  c.setTimer('t', 150);
  assert.equal(c.stepTo(1000), true);
  assert.deepEqual(c.takeDue(), [{ type: 'timer.fired', name: 't', at: 150 }]);
});

test('setting a named timer again replaces it; cancelTimer removes it', () => {
  const c = new ManualClock(0);
  c.setTimer('x', 50);
  c.setTimer('x', 10);
  c.setTimer('y', 5);
  c.cancelTimer('y');
  c.cancelTimer('never-set');
  assert.deepEqual(step(c, 100), ['10:x']);
});

test('time never runs backwards and named timers cannot be set in the past', () => {
  const c = new ManualClock(1000);
  assert.throws(() => c.stepTo(999), InvariantError);
  assert.throws(() => c.advanceTo(999), InvariantError);
  assert.throws(() => c.advance(-1), InvariantError);
  assert.equal(c.now(), 1000);
  c.stepTo(1000); // standing still is allowed
  assert.throws(() => c.setTimer('late', 999), InvariantError);
  c.setTimer('now', 1000);
  assert.deepEqual(step(c, 1000), ['1000:now']);
});

test('random schedules: every named timer comes due once, in (time, name) order, within its step', () => {
  const rng = createRng(99);
  const c = new ManualClock(0);
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
    if (!c.stepTo(t)) continue;
    for (const x of c.takeDue()) {
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

test('callbacks fire in (time, set order) and see their own time', () => {
  const s = new ManualClock(100);
  const seen: string[] = [];
  s.setTimeout(() => seen.push(`b@${s.now()}`), 20);
  s.setTimeout(() => seen.push(`a@${s.now()}`), 10);
  s.setTimeout(() => seen.push(`c@${s.now()}`), 20);
  const h = s.setTimeout(() => seen.push('never'), 15);
  s.clearTimeout(h);
  s.clearTimeout(h); // clearing twice is a no-op
  assert.equal(s.nextAt(), 110);
  assert.equal(s.advance(19), 1);
  assert.deepEqual(seen, ['a@110']);
  s.advance(1);
  assert.deepEqual(seen, ['a@110', 'b@120', 'c@120']);
  assert.equal(s.now(), 120);
  assert.equal(s.nextAt(), undefined);
});

test('a callback scheduled inside the window fires in the same advance', () => {
  const s = new ManualClock(0);
  const seen: number[] = [];
  s.setTimeout(() => {
    seen.push(s.now());
    s.setTimeout(() => seen.push(s.now()), 5);
  }, 10);
  s.advance(100);
  assert.deepEqual(seen, [10, 15]);
  assert.equal(s.now(), 100);
  assert.throws(() => s.advanceTo(50), InvariantError);
});

test('one timeline: a kernel step fires due callbacks; advancing callbacks leaves named timers for the kernel', () => {
  const c = new ManualClock(0);
  const seen: string[] = [];
  c.setTimer('n', 10);
  c.setTimeout(() => seen.push(`cb@${c.now()}`), 5);
  assert.deepEqual(step(c, 20), ['10:n']);
  assert.deepEqual(seen, ['cb@5']);
  c.setTimer('m', 30);
  assert.equal(c.advanceTo(40), 0);
  assert.ok(c.hasTimers()); // never fired by the clock itself
  assert.deepEqual(c.takeDue().map((x) => x.name), ['m']);
});
