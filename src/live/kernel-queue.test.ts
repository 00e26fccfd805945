// The live input queue: FIFO by arrival, the clock never goes back, one synchronous loop, reports pushed meanwhile join it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../core/manual-clock.js';
import { envelope, type Envelope } from '../core/envelope.js';
import { BadInputError, InvariantError } from '../core/errors.js';
import type { ExecutionReportSink } from '../core/execution.js';
import { fixedFromNumber } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import type { ExecutionPort } from '../engine/execution-port.js';
import { Kernel } from '../engine/kernel.js';
import { Ledger } from '../ledger/ledger.js';
import type { Strategy } from '../strategy/strategy.js';
import { KernelQueue } from './kernel-queue.js';

const trade = (seq: number, price: number, tsInit: number): Envelope => envelope('market.trade', 'BTC', 'test', seq, tsInit, tsInit, { price, size: 1, side: 'buy', tradeId: `t${seq}` });

/** A kernel whose strategy logs every call, over a port whose accepts come back through the queue. */
function rig(o: { crashOn?: number; schedule?: (f: () => void) => void; onError?: (e: unknown) => void } = {}) {
  const log: string[] = [];
  const strategy: Strategy = {
    onStart: (ctx) => ctx.setTimer('t', 150),
    onEvent: (e, ctx) => {
      log.push(`event #${e.seq} now=${ctx.now()}`);
      if (e.seq === o.crashOn) throw new Error('boom');
      if (e.seq === 1) ctx.submit({ symbol: 'BTC', side: 'buy', qty: 1, type: 'limit', price: 90 });
    },
    onTimer: (name, at, ctx) => log.push(`timer ${name}@${at} now=${ctx.now()}`),
    onOrderRejected: (r, ctx) => log.push(`rejected ${r.reason} now=${ctx.now()}`),
    onFill: (f, ctx) => log.push(`fill ${f.qty}@${f.price} now=${ctx.now()}`),
  };
  const to: { sink?: ExecutionReportSink } = {};
  // Answers within the call, as a venue answering from the same thread: the report joins the running loop.
  const port: ExecutionPort = {
    submit: (clientId, req) => to.sink?.onExecutionReport({ type: 'order.accepted', clientId, symbol: req.symbol, venueOrderId: 'v1', ts: 0 }),
    cancel: () => undefined,
    setLeverage: () => undefined,
  };
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(1_000));
  const kernel = new Kernel('q', strategy, new ManualClock(100), ledger, [makeInstrument({ symbol: 'BTC' })], () => port);
  const steps: number[] = [];
  const queue = new KernelQueue(kernel, { now: () => 0, schedule: o.schedule, onError: o.onError, onStepEnd: (t) => void steps.push(t) });
  to.sink = queue;
  kernel.start();
  return { queue, kernel, log, steps, ledger };
}

test('items run FIFO by arrival; each step at max(item time, previous step); one step per run of equal times', () => {
  const { queue, kernel, log, steps } = rig();
  queue.pushMarket(trade(5, 100, 200));
  queue.pushMarket(trade(6, 101, 200));
  queue.pushMarket(trade(7, 102, 120)); // arrived later, stamped earlier: runs at 200
  queue.pushTimer(260);
  assert.equal(queue.depth, 4);
  assert.equal(queue.drain(), 4);
  assert.deepEqual(log, ['timer t@150 now=200', 'event #5 now=200', 'event #6 now=200', 'event #7 now=200']);
  assert.deepEqual(steps, [200, 260]);
  assert.equal(kernel.now(), 260);
  assert.equal(queue.depth, 0);
  // A later batch in the same millisecond gets a step of its own at that time.
  queue.pushMarket(trade(8, 103, 260));
  queue.drain();
  assert.deepEqual(steps, [200, 260, 260]);
  assert.equal(kernel.lastPrice('BTC'), 103);
});

test('a report the kernel’s own command causes joins the running loop, after the items already queued', () => {
  const { queue, log, ledger } = rig();
  queue.pushMarket(trade(1, 100, 300)); // the strategy submits; the accept is pushed while the loop runs
  queue.onExecutionReport({ type: 'order.filled', fillId: 'f1', orderId: 'v1', clientId: 'q:BTC:buy:300:1', symbol: 'BTC', side: 'buy', qty: 1, price: 90, fee: 0n, liquidity: 'maker', ts: 0, reason: '' });
  queue.drain();
  assert.deepEqual(log, ['timer t@150 now=300', 'event #1 now=300', 'fill 1@90 now=300']);
  assert.equal(ledger.position('BTC').qtyNum, 1);
});

test('a scheduled drain runs once per idle period; a crash stops the queue and is handed to onError', async () => {
  const errors: unknown[] = [];
  const { queue, log } = rig({ crashOn: 2, schedule: queueMicrotask, onError: (e) => void errors.push(e) });
  queue.pushMarket(trade(1, 100, 200));
  queue.pushMarket(trade(3, 100, 201));
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(log, ['timer t@150 now=200', 'event #1 now=200', 'event #3 now=201']);
  queue.pushMarket(trade(2, 100, 202));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(errors.length, 1);
  assert.match(String((errors[0] as Error).message), /onEvent/);
  assert.throws(() => queue.pushTimer(300), InvariantError);
  assert.throws(() => queue.drain(), InvariantError);
});

test('an item time that is not a finite number is refused at the edge', () => {
  const { queue } = rig();
  assert.throws(() => queue.pushTimer(Number.NaN), BadInputError);
  assert.throws(() => queue.pushMarket(trade(1, 100, 200), Number.POSITIVE_INFINITY), BadInputError);
});
