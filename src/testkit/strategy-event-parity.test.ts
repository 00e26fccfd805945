// One small strategy through the kernel, in a backtest on the simulated venue and live on the local Hyperliquid venue: the same strategy-visible event kinds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BarSeriesBuilder } from '../core/bars.js';
import { ManualClock } from '../core/manual-clock.js';
import type { ExecutionReportSink } from '../core/execution.js';
import { fixedFromNumber } from '../core/fixed.js';
import { makeInstrument, roundPrice, roundQty, type Instrument } from '../core/instrument.js';
import { Kernel } from '../engine/kernel.js';
import { Ledger } from '../ledger/ledger.js';
import { KernelQueue } from '../live/kernel-queue.js';
import { VenueExecutor } from '../live/venue-executor.js';
import type { Strategy } from '../strategy/strategy.js';
import { settleLocal, startLocalHyperliquid } from './conformance-venues.js';
import { collapseFills } from './execution-conformance.js';
import { simKernel } from './sim-kernel.js';

const MIN = 60_000;
const EXPECTED = ['rejected', 'fill buy', 'fill sell', 'rejected'];

/**
 * On its timer: a post-only buy above the market (rejected); then a market buy; once filled, a
 * protective sell stop above the market (it triggers at once); once flat, a reduce-only sell (rejected).
 * Each step waits for the event of the one before, so the sequence is the same wherever it runs.
 */
function scripted(inst: Instrument, qty: number, ref: () => number): Strategy & { readonly seen: string[]; done: boolean } {
  const symbol = inst.symbol;
  let phase = 0;
  const s = {
    seen: [] as string[],
    done: false as boolean,
    onStart(ctx) {
      ctx.setTimer('go', ctx.now() + 1);
    },
    onTimer(_name, _at, ctx) {
      ctx.submit({ symbol, side: 'buy', qty, type: 'limit', tif: 'ALO', price: roundPrice(inst, ref() * 1.05) });
    },
    onOrderRejected(_r, ctx) {
      s.seen.push('rejected');
      if (phase === 0) {
        phase = 1;
        ctx.submit({ symbol, side: 'buy', qty, type: 'market' });
      } else s.done = true;
    },
    onFill(f, ctx) {
      s.seen.push(`fill ${f.side}`);
      if (f.remaining !== undefined && f.remaining > 0) return;
      if (phase === 1) {
        phase = 2;
        ctx.submit({ symbol, side: 'sell', qty, type: 'stop-market', triggerPrice: roundPrice(inst, ref() * 1.05), reduceOnly: true, reason: 'Stop Loss' });
      } else if (phase === 2 && ctx.position(symbol) === 0) {
        phase = 3;
        ctx.submit({ symbol, side: 'sell', qty, type: 'market', reduceOnly: true });
      }
    },
  } satisfies Strategy & { seen: string[]; done: boolean };
  return s;
}

test('a strategy sees the same kinds of event sequence in a backtest and live', async () => {
  // Backtest: the simulated venue beside the kernel, flat bars at 50 000.
  const inst = makeInstrument({ symbol: 'BTC', priceRule: { kind: 'tick', tick: 0.5 }, lotSize: 0.001 });
  const simStrategy = scripted(inst, 0.01, () => 50_000);
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(100_000));
  const b = new BarSeriesBuilder('BTC');
  for (let i = 1; i <= 5; i++) b.push(i * MIN, 50_000, 50_000, 50_000, 50_000, 1);
  // The clock starts at the first bar, so the timer fires in the second step, once the venue has a mark.
  simKernel({ strategy: simStrategy, instruments: [inst], ledger, clock: new ManualClock(MIN), venue: { fillModel: 'close', slippageBps: 0, defaultLeverage: 10 } }).driveBars([b.finish('BTC', MIN, 1)]);
  assert.deepEqual(collapseFills(simStrategy.seen), EXPECTED);

  // Live: the kernel fed by its input queue; commands through the executor to the adapter and the local venue.
  const { harness: h, venue } = await startLocalHyperliquid();
  try {
    const { table } = await venue.adapter.requestInstruments();
    const eth = table.require('ETH').instrument;
    const book = await h.info.l2Book({ coin: 'ETH' });
    assert.ok(book);
    const mid = (Number(book.levels[0][0].px) + Number(book.levels[1][0].px)) / 2;
    const liveStrategy = scripted(eth, roundQty(eth, 50 / mid, 'up'), () => mid);
    const to: { sink?: ExecutionReportSink } = {};
    const exec = new VenueExecutor(venue.adapter, { onExecutionReport: (r) => (to.sink as ExecutionReportSink).onExecutionReport(r) }, h.clock);
    const liveLedger = new Ledger();
    liveLedger.deposit(h.clock.now(), fixedFromNumber(100_000));
    const kernel = new Kernel('parity', liveStrategy, new ManualClock(h.clock.now()), liveLedger, [eth], () => exec);
    const errors: unknown[] = [];
    const queue = new KernelQueue(kernel, { now: () => h.clock.now(), schedule: queueMicrotask, onError: (e) => void errors.push(e) });
    to.sink = queue;
    await exec.start();
    kernel.start();
    queue.pushTimer(h.clock.now() + 1);
    await settleLocal(h, () => liveStrategy.done || errors.length > 0);
    await exec.close();
    assert.deepEqual(errors, []);
    assert.deepEqual(collapseFills(liveStrategy.seen), EXPECTED);
    assert.deepEqual(collapseFills(liveStrategy.seen), collapseFills(simStrategy.seen));
    assert.equal(liveLedger.position('ETH').qtyNum, 0);
    liveLedger.checkInvariants();
  } finally {
    await venue.close();
    await h.close();
  }
});
