// Reports through the kernel's one entry, as a live venue sends them later: lifecycle, unknown outcomes, leverage refusals, equity from the ledger and market data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../core/manual-clock.js';
import type { ExecutionReport } from '../core/execution.js';
import { fixedFromNumber } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import type { OrderRequest } from '../core/orders.js';
import { Ledger } from '../ledger/ledger.js';
import type { Strategy } from '../strategy/strategy.js';
import type { ExecutionPort } from './execution-port.js';
import { Kernel } from './kernel.js';
import { MutableBar } from './mutable-bar.js';
import { BarSeriesBuilder } from '../core/bars.js';

/** A port that only records commands: every answer is delivered by the test, later. */
function rig(strategy: Strategy = {}) {
  const sent: string[] = [];
  const port: ExecutionPort = {
    submit: (id: string, req: OrderRequest) => void sent.push(`submit ${id} ${req.side} ${req.qty}`),
    cancel: (symbol: string, id: string) => void sent.push(`cancel ${symbol} ${id}`),
    setLeverage: () => undefined,
  };
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromNumber(1_000));
  const observed: string[] = [];
  const kernel = new Kernel('r', strategy, new ManualClock(0), ledger, [makeInstrument({ symbol: 'BTC', lotSize: 0.001 })], () => port, {
    observer: {
      onUnknown: (id, _s, reason) => void observed.push(`unknown ${id}: ${reason}`),
      onLeverageRejected: (s, reason) => void observed.push(`leverage ${s}: ${reason}`),
      onRejected: (id) => void observed.push(`rejected ${id}`),
    },
  });
  kernel.start();
  return { kernel, ledger, sent, observed };
}

const fill = (clientId: string, qty: number, price: number, remaining?: number): ExecutionReport => ({
  type: 'order.filled', fillId: `f-${clientId}-${qty}-${remaining}`, orderId: 'v1', clientId, symbol: 'BTC', side: 'buy', qty, price, fee: 0n, liquidity: 'taker', ts: 5, reason: '', remaining,
});

test('an unknown outcome keeps the order working until evidence (a fill) resolves it; commands never answer', () => {
  const seen: string[] = [];
  const { kernel, ledger, sent, observed } = rig({ onFill: (f) => void seen.push(`fill ${f.qty} rem=${f.remaining}`) });
  kernel.beginStep(1);
  const id = kernel.submit({ symbol: 'BTC', side: 'buy', qty: 1, type: 'market' });
  kernel.endStep();
  assert.deepEqual(sent, [`submit ${id} buy 1`]);
  assert.ok(kernel.hasOpenOrders('BTC'), 'submitted, not yet answered');
  kernel.onExecutionReport({ type: 'order.unknown', clientId: id, symbol: 'BTC', reason: 'timeout', ts: 2 });
  assert.ok(kernel.hasOpenOrders('BTC'), 'unknown is not terminal');
  kernel.onExecutionReport(fill(id, 0.4, 100, 0.6));
  kernel.onExecutionReport(fill(id, 0.6, 100, 0));
  assert.ok(!kernel.hasOpenOrders('BTC'));
  assert.deepEqual(seen, ['fill 0.4 rem=0.6', 'fill 0.6 rem=0']);
  assert.deepEqual(observed, [`unknown ${id}: timeout`]);
  assert.equal(ledger.position('BTC').qtyNum, 1);
});

test('a late rejection and a leverage refusal reach the observer; a cancel is a command only', () => {
  const rejected: string[] = [];
  const { kernel, sent, observed } = rig({ onOrderRejected: (r) => void rejected.push(r.reason) });
  kernel.beginStep(1);
  const id = kernel.submit({ symbol: 'BTC', side: 'buy', qty: 1, type: 'limit', price: 90 });
  kernel.onExecutionReport({ type: 'order.accepted', clientId: id, symbol: 'BTC', venueOrderId: '7', ts: 1 });
  kernel.cancel(id);
  assert.ok(kernel.hasOpenOrders('BTC'), 'a cancel waits for its report');
  kernel.onExecutionReport({ type: 'order.cancelled', clientId: id, symbol: 'BTC', reason: 'by request', ts: 2 });
  assert.ok(!kernel.hasOpenOrders('BTC'));
  const id2 = kernel.submit({ symbol: 'BTC', side: 'buy', qty: 1, type: 'limit', price: 90 });
  kernel.onExecutionReport({ type: 'order.rejected', clientId: id2, symbol: 'BTC', reason: 'Insufficient margin', ts: 3 });
  kernel.onExecutionReport({ type: 'leverage.rejected', symbol: 'BTC', reason: 'too high', ts: 3 });
  kernel.endStep();
  assert.deepEqual(sent, [`submit ${id} buy 1`, `cancel BTC ${id}`, `submit ${id2} buy 1`]);
  assert.deepEqual(rejected, ['Insufficient margin']);
  assert.deepEqual(observed, [`rejected ${id2}`, 'leverage BTC: too high']);
});

test('without a mark source, equity and lastPrice come from the ledger and the bars the kernel saw', () => {
  const { kernel } = rig();
  const b = new BarSeriesBuilder('BTC');
  b.push(10, 100, 100, 100, 100, 1);
  b.push(20, 100, 130, 100, 120, 1);
  const series = b.finish('BTC', 10, 2);
  const bar = new MutableBar('BTC');
  assert.equal(kernel.lastPrice('BTC'), undefined);
  kernel.beginStep(10);
  bar.load(series, 0);
  kernel.bar(bar);
  const id = kernel.submit({ symbol: 'BTC', side: 'buy', qty: 2, type: 'market' });
  kernel.onExecutionReport(fill(id, 2, 100));
  kernel.endStep();
  assert.equal(kernel.equity(), 1_000);
  kernel.beginStep(20);
  bar.load(series, 1);
  kernel.bar(bar);
  kernel.endStep();
  assert.equal(kernel.lastPrice('BTC'), 120);
  assert.equal(kernel.equity(), 1_040);
});
