// /exchange ok bodies: order statuses, cancel statuses, default; anything unexpected is an error (the adapter makes it an unknown outcome).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../../../core/errors.js';
import { parseCancelStatuses, parseDefaultResponse, parsePlaceStatuses, parseTwapCancelStatus, parseTwapOrderStatus } from './exchange-response.js';

const order = (statuses: unknown[]) => ({ status: 'ok', response: { type: 'order', data: { statuses } } });
const CLOID = '0x00000000000000000000000000000001';

test('order statuses: resting, filled, error and the TP/SL waiting words', () => {
  assert.deepEqual(
    parsePlaceStatuses(order([{ resting: { oid: 7, cloid: CLOID } }, { filled: { totalSz: '0.02', avgPx: '1891.4', oid: 8 } }, { error: 'Order must have minimum value of $10. asset=1' }, 'waitingForFill']), 4),
    [
      { kind: 'resting', oid: 7, cloid: CLOID },
      { kind: 'filled', oid: 8, cloid: undefined, totalSize: 0.02, avgPrice: 1891.4 },
      { kind: 'error', message: 'Order must have minimum value of $10. asset=1' },
      { kind: 'waiting', reason: 'waitingForFill' },
    ],
  );
});

test('a status list that cannot be matched to the orders sent, or an unknown shape, is an error', () => {
  assert.throws(() => parsePlaceStatuses(order([]), 1), BadInputError);
  assert.throws(() => parsePlaceStatuses(order([{ nope: 1 }]), 1), /resting, filled, error/);
  assert.throws(() => parsePlaceStatuses({ status: 'ok', response: { type: 'default' } }, 1), /response.type/);
  assert.throws(() => parsePlaceStatuses(order([{ filled: { totalSz: 'NaN', avgPx: '1', oid: 1 } }]), 1), BadInputError);
});

test('cancel statuses and the default answer', () => {
  const cancel = { status: 'ok', response: { type: 'cancel', data: { statuses: ['success', { error: 'Order was never placed, already canceled, or filled. asset=0' }] } } };
  assert.deepEqual(parseCancelStatuses(cancel, 2), [{ kind: 'success' }, { kind: 'error', message: 'Order was never placed, already canceled, or filled. asset=0' }]);
  assert.throws(() => parseCancelStatuses(cancel, 1), BadInputError);
  assert.doesNotThrow(() => parseDefaultResponse({ status: 'ok', response: { type: 'default' } }));
  assert.throws(() => parseDefaultResponse({ status: 'err', response: 'x' }), /status/);
});

test('twapOrder and twapCancel statuses; other shapes are errors', () => {
  const twap = (status: unknown) => ({ status: 'ok', response: { type: 'twapOrder', data: { status } } });
  assert.deepEqual(parseTwapOrderStatus(twap({ running: { twapId: 77738308 } })), { kind: 'running', twapId: 77738308 });
  assert.deepEqual(parseTwapOrderStatus(twap({ error: 'Invalid TWAP duration: 1 min(s)' })), { kind: 'error', message: 'Invalid TWAP duration: 1 min(s)' });
  assert.throws(() => parseTwapOrderStatus(twap({ running: {} })), /twapId/);
  assert.throws(() => parseTwapOrderStatus({ status: 'ok', response: { type: 'default' } }), /response.type/);
  const cancel = (status: unknown) => ({ status: 'ok', response: { type: 'twapCancel', data: { status } } });
  assert.deepEqual(parseTwapCancelStatus(cancel('success')), { kind: 'success' });
  assert.deepEqual(parseTwapCancelStatus(cancel({ error: 'TWAP was never placed, already canceled, or filled.' })), { kind: 'error', message: 'TWAP was never placed, already canceled, or filled.' });
  assert.throws(() => parseTwapCancelStatus(cancel('done')), BadInputError);
});
