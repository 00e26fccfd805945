// restRepair: the right /info per channel, snapshot times passed back, stale cache answers refused as repairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError, RetryableError } from '../../../core/errors.js';
import { restRepair } from './rest-repair.js';
import type { Freshness } from './stale-cache.js';
import type { RepairRequest } from './stream-monitor.js';

function reader(answers: Record<string, unknown>, stale = false): { info<T>(body: unknown): Promise<Freshness<T>>; asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    info: <T>(body: unknown) => {
      asked.push(body);
      return Promise.resolve({ value: answers[(body as { type: string }).type] as T, stale, asOf: 5 });
    },
  };
}

const req = (channel: string, coin: string | undefined, subscription: Record<string, unknown>): RepairRequest => ({
  stream: `${channel}:${coin}`,
  channel,
  coin,
  subscription: { type: channel, ...subscription },
  reason: 'disconnected',
});

test('l2Book, trades and orderUpdates fetch their snapshot and report its time', async () => {
  const r = reader({ l2Book: { time: 42 }, recentTrades: [{ time: 40 }], frontendOpenOrders: [] });
  const got: string[] = [];
  const repair = restRepair(r, {
    book: (coin, a) => (got.push(`book ${coin}`), (a as { time: number }).time),
    trades: (coin) => (got.push(`trades ${coin}`), 40),
    openOrders: (user) => void got.push(`orders ${user}`),
  });
  const signal = new AbortController().signal;
  assert.deepEqual(await repair(req('l2Book', 'BTC', { coin: 'BTC' }), signal), { time: 42 });
  assert.deepEqual(await repair(req('trades', 'ETH', { coin: 'ETH' }), signal), { time: 40 });
  assert.deepEqual(await repair(req('orderUpdates', undefined, { user: '0xabc' }), signal), {});
  assert.deepEqual(r.asked, [
    { type: 'l2Book', coin: 'BTC' },
    { type: 'recentTrades', coin: 'ETH' },
    { type: 'frontendOpenOrders', user: '0xabc' },
  ]);
  assert.deepEqual(got, ['book BTC', 'trades ETH', 'orders 0xabc']);
  await assert.rejects(repair(req('bbo', 'BTC', { coin: 'BTC' }), signal), BadInputError);
});

test('a stale cached answer is not a repair', async () => {
  let applied = false;
  const repair = restRepair(reader({ l2Book: { time: 1 } }, true), { book: () => ((applied = true), 1), trades: () => undefined });
  await assert.rejects(repair(req('l2Book', 'BTC', { coin: 'BTC' }), new AbortController().signal), RetryableError);
  assert.equal(applied, false);
});
