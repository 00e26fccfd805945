// Tests of the event driver: one step per distinct time, venue before strategy, bars at their close, merge order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BarSeriesBuilder } from '../core/bars.js';
import { ManualClock } from '../core/manual-clock.js';
import { envelope, type Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';
import { fixedFromNumber } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import { Ledger } from '../ledger/ledger.js';
import type { Strategy } from '../strategy/strategy.js';
import { driveEvents as driveKernel, mergeEvents, type EventDriveOptions } from './event-driver.js';
import type { ExecutionPort } from './execution-port.js';
import { Kernel } from './kernel.js';
import { SimulatedMarket, type SimulatedVenue } from './simulated-market.js';

const ev = (symbol: string, t: number, seq: number, source = 'a'): Envelope => envelope('market.trade', symbol, source, seq, t, t, { seq });

/** A kernel over a recording execution port and strategy; `log` gets one line per call, in order. */
function rig(timerAt?: number) {
  const log: string[] = [];
  const strategy: Strategy = {
    onStart: (ctx) => {
      log.push('start');
      if (timerAt !== undefined) ctx.setTimer('t', timerAt);
    },
    onEvent: (e, ctx) => log.push(`strategy ${e.symbol}#${e.seq} now=${ctx.now()}`),
    onBar: (b, ctx) => log.push(`bar ${b.symbol} open=${b.time} now=${ctx.now()}`),
    onTimer: (name, at) => log.push(`timer ${name}@${at}`),
    onStop: () => log.push('stop'),
  };
  const exec: ExecutionPort = {
    submit: () => undefined,
    cancel: () => undefined,
    setLeverage: () => undefined,
  };
  const simulated: SimulatedVenue = {
    onMarketEvent: (e) => void log.push(`venue ${e.symbol}#${e.seq}`),
    onBar: (bar) => void log.push(`venue-bar ${bar.symbol} ${bar.time}`),
    fundingPayment: () => undefined,
    checkLiquidation: () => false,
    mark: () => undefined,
  };
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(1));
  const insts = [makeInstrument({ symbol: 'A' }), makeInstrument({ symbol: 'B' })];
  const kernel = new Kernel('t', strategy, new ManualClock(0), ledger, insts, () => exec);
  const sim = new SimulatedMarket(simulated, kernel, ledger);
  const drive = (events: readonly Envelope[], opts: EventDriveOptions = {}): number => driveKernel(kernel, events, { ...opts, sim, onStepEnd: (t) => void log.push(`end ${t}`) });
  return { kernel, log, drive };
}

test('one step per distinct time; each event goes to the venue, then to the strategy; timers first', () => {
  const { log, drive } = rig(15);
  const steps = drive([ev('A', 10, 1), ev('B', 10, 1), ev('A', 20.5, 2)]);
  assert.equal(steps, 2);
  assert.deepEqual(log, [
    'start',
    'venue A#1',
    'strategy A#1 now=10',
    'venue B#1',
    'strategy B#1 now=10',
    'end 10',
    'timer t@15',
    'venue A#2',
    'strategy A#2 now=20.5',
    'end 20.5',
    'stop',
  ]);
});

test('bars are delivered at their close, before the events of that time', () => {
  const { log, drive } = rig();
  const b = new BarSeriesBuilder('B');
  b.push(0, 1, 2, 0.5, 1.5, 10);
  b.push(60_000, 1.5, 2, 1, 1.2, 10);
  const series = b.finish('mem', 60_000);
  drive([ev('A', 30_000, 1), ev('A', 60_000, 2)], { bars: [series] });
  assert.deepEqual(log, [
    'start',
    'venue A#1',
    'strategy A#1 now=30000',
    'end 30000',
    'venue-bar B 0',
    'bar B open=0 now=60000',
    'venue A#2',
    'strategy A#2 now=60000',
    'end 60000',
    'venue-bar B 60000',
    'bar B open=60000 now=120000',
    'end 120000',
    'stop',
  ]);
});

test('unsorted events are rejected; bars without an interval are rejected', () => {
  assert.throws(() => rig().drive([ev('A', 10, 1), ev('A', 9, 2)]), BadInputError);
  const b = new BarSeriesBuilder('B');
  b.push(0, 1, 1, 1, 1, 1);
  const s = { ...b.finish('mem', 60_000), intervalMs: undefined };
  assert.throws(() => rig().drive([], { bars: [s] }), /interval is unknown/);
});

test('mergeEvents: time order, ties by list then position', () => {
  const a = [ev('A', 1, 1, 'a'), ev('A', 3, 2, 'a'), ev('A', 3, 3, 'a')];
  const b = [ev('B', 0, 1, 'b'), ev('B', 3, 2, 'b'), ev('B', 4, 3, 'b')];
  const m = mergeEvents([a, b]);
  assert.deepEqual(
    m.map((e) => `${e.source}${e.seq}@${e.tsEvent}`),
    ['b1@0', 'a1@1', 'a2@3', 'a3@3', 'b2@3', 'b3@4'],
  );
  assert.throws(() => mergeEvents([[ev('A', 2, 1), ev('A', 1, 2)]]), BadInputError);
});
