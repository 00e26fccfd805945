// A user's strategy that throws: named as the strategy's error with the hook, Sextant's own errors kept as they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError, InvariantError } from '../core/errors.js';
import type { StrategyContext, StrategyDefinition } from './strategy.js';
import { guardUserStrategy } from './user-strategy.js';

const ctx = {} as StrategyContext;

test('an exception from create or a hook becomes BadInputError naming the file and the hook; Sextant errors pass unchanged', () => {
  const seen: unknown[] = [];
  const def: StrategyDefinition = {
    name: 'bad',
    summary: '',
    params: [],
    create: (params) => {
      if (params.fail === true) throw new RangeError('no such mode');
      return {
        onBar(bar) {
          seen.push(bar);
          if ((bar as unknown) === 'boom') throw new TypeError('oops');
          if ((bar as unknown) === 'bug') throw new InvariantError('ledger broken');
        },
      };
    },
  };
  const guarded = guardUserStrategy(def, '/s/bad.ts');
  assert.throws(() => guarded.create({ fail: true }, {}), (e) => e instanceof BadInputError && e.message === 'strategy /s/bad.ts: create threw RangeError: no such mode' && e.cause instanceof RangeError);
  const s = guarded.create({}, {});
  assert.equal(s.onFill, undefined, 'absent hooks stay absent');
  s.onBar?.('fine' as never, ctx);
  assert.throws(() => s.onBar?.('boom' as never, ctx), (e) => e instanceof BadInputError && e.message === 'strategy /s/bad.ts: onBar threw TypeError: oops');
  assert.throws(() => s.onBar?.('bug' as never, ctx), (e) => e instanceof InvariantError);
  assert.deepEqual(seen, ['fine', 'boom', 'bug']);
});
