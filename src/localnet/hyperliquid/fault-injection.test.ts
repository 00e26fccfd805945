import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { WebSocket } from 'ws';
import { BadInputError } from '../../core/errors.js';
import { FaultInjector, parseFaults } from './fault-injection.js';
import { startHarness, type Harness } from '../../testkit/localnet/test-support.js';

test('the --faults grammar: probabilities, request numbers, delays, paths, ws cuts, seed; bad specs name the part', () => {
  const plan = parseFaults('drop-after-act=0.1,5xx:exchange=#2+5,delay=200ms@0.2,429=0.02,ws-cut=30s,seed=7');
  assert.equal(plan.seed, 7);
  assert.equal(plan.wsCutEveryMs, 30_000);
  assert.deepEqual(plan.http.map((r) => [r.kind, r.path, r.delayMs]), [['drop-after-act', undefined, undefined], ['5xx', 'exchange', undefined], ['delay', undefined, 200], ['429', undefined, undefined]]);
  for (const [spec, re] of [['boom=1', /unknown fault "boom"/], ['5xx=2', /probability/], ['5xx=#0', /request numbers/], ['delay=0.2', /DURATION@WHEN/], ['delay=fast@0.2', /duration/], ['ws-cut:info=1s', /path/], ['5xx', /KIND=VALUE/]] as const) {
    assert.throws(() => parseFaults(spec), (e: unknown) => e instanceof BadInputError && re.test(e.message), spec);
  }
});

/** Throws unless every spec is refused as bad input naming its part and matching `re`. */
function refused(cases: readonly (readonly [string, RegExp])[]): void {
  for (const [spec, re] of cases) {
    assert.throws(() => parseFaults(spec), (e: unknown) => e instanceof BadInputError && e.message.startsWith(`--faults ${spec.split(',').at(-1)?.trim()}: `) && re.test(e.message), spec);
  }
}

test('--faults: a seed is decimal digits the generator keeps (0 to 2^32-1): an empty, hex, exponent or larger seed is refused', () => {
  assert.equal(parseFaults('seed=4294967295').seed, 4294967295);
  assert.equal(parseFaults('seed=0').seed, 0);
  refused([['seed=', /seed must be/], ['seed=0x10', /seed must be/], ['seed=1e3', /seed must be/], ['seed= 7', /seed must be/], ['seed=4294967296', /seed must be/], ['seed=99999999999999999999', /seed must be/]]);
});

test('--faults: probabilities are decimals and request numbers whole decimal numbers: hex, exponents, blanks and unreachable numbers are refused', () => {
  assert.deepEqual(parseFaults('5xx=.5,429=1,drop=0.25,drop-after-act=#1+20').http.map((r) => r.when), [{ p: 0.5 }, { p: 1 }, { p: 0.25 }, { on: new Set([1, 20]) }]);
  refused([['5xx=0x1', /probability/], ['5xx=1e-1', /probability/], ['5xx=#1e3', /request numbers/], ['5xx=# 1', /request numbers/], ['5xx=#1.0', /request numbers/], ['5xx=#99999999999999999999', /request numbers/]]);
});

test('--faults: a duration beyond what a timer can wait (about 24.8 days) or under 1 ms is refused, not turned into 1 ms', () => {
  assert.equal(parseFaults('ws-cut=2147483647ms').wsCutEveryMs, 2147483647);
  assert.equal(parseFaults('delay=1ms@0.5').http[0].delayMs, 1);
  refused([['ws-cut=99999999999s', /from 1 ms to 2147483647 ms/], ['delay=2147483648ms@0.1', /from 1 ms to 2147483647 ms/], ['ws-cut=0.0001ms', /from 1 ms to 2147483647 ms/]]);
});

test('--faults: extra parts are refused, not ignored (a second @WHEN, a second :PATH)', () => {
  refused([['delay=200ms@0.2@0.9', /DURATION@WHEN/], ['drop:exchange:info=0.1', /one path/]]);
});

test('decisions are seeded (the same plan repeats exactly) and scheduled numbers count only their path', () => {
  const run = () => {
    const f = new FaultInjector(parseFaults('drop-after-act=0.3,5xx=0.2,delay=5ms@0.5,seed=3'));
    return Array.from({ length: 200 }, (_, i) => f.decide(i % 3 === 0 ? 'info' : 'exchange'));
  };
  const a = run();
  assert.deepEqual(run(), a);
  const fails = a.filter((d) => d.fail !== undefined).length;
  assert.ok(fails > 40 && fails < 140, `${fails} of 200 failed`);
  const f = new FaultInjector(parseFaults('5xx:exchange=#2'));
  assert.deepEqual(['info', 'exchange', 'info', 'exchange', 'exchange'].map((p) => f.decide(p as 'info' | 'exchange').fail), [undefined, undefined, undefined, '5xx', undefined]);
  // A request refused with a 429 is not also dropped after acting.
  const g = new FaultInjector(parseFaults('429=1,drop-after-act=1'));
  assert.equal(g.decide('exchange').fail, '429');
});

describe('the local venue with faults', () => {
  let h: Harness;
  const faults = new FaultInjector(parseFaults('ws-cut=50ms'));
  before(async () => {
    h = await startHarness({}, { faults });
  });
  after(async () => {
    await h.close();
  });

  it('answers 502 and 429 without acting, and drops the answer of a request it acted on', async () => {
    faults.armNext('5xx', 'info');
    const five = await h.post('/info', { type: 'allMids' });
    assert.equal(five.status, 502);
    faults.armNext('429', 'info');
    const res = await fetch(h.server.url + '/info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"allMids"}' });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '1');
    await res.text();
    faults.armNext('drop-after-act', 'info');
    await assert.rejects(h.post('/info', { type: 'allMids' }), /fetch failed/);
    assert.equal((await h.post('/info', { type: 'allMids' })).status, 200);
    assert.deepEqual({ ...faults.stats(), 'ws-cut': undefined }, { '5xx': 1, '429': 1, 'drop-after-act': 1, 'ws-cut': undefined });
  });

  it('cuts WebSockets on its schedule', async () => {
    const ws = new WebSocket(h.server.wsUrl);
    await new Promise((r) => ws.once('open', r));
    const code = await new Promise<number>((r) => ws.once('close', (c) => r(c)));
    assert.equal(code, 1006); // terminated: no close frame
    assert.ok((faults.stats()['ws-cut'] ?? 0) >= 1);
  });
});
