// The venue executor when the venue acts but its answer is lost: order.unknown, then the WebSocket's evidence resolves it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExecutionReport } from '../core/execution.js';
import { KEY_A, startHarness } from '../testkit/localnet/test-support.js';
import { LocalHttpServer } from '../testkit/venues/hyperliquid/local-http-server.js';
import { VenueExecutor } from './venue-executor.js';
import { adapterOnHarness } from '../testkit/conformance-venues.js';

test('an order the venue placed but whose answer was lost is unknown, then accepted on the open-order update; its cancel then reports cancelled', async () => {
  const h = await startHarness();
  // A proxy in front of the local venue: /exchange is forwarded (the venue acts) and answered 502.
  let dropAnswers = true;
  const proxy = await LocalHttpServer.start(async (req) => {
    const res = await fetch(`${h.server.url}${req.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body) });
    const json = (await res.json()) as unknown;
    return req.path === '/exchange' && dropAnswers ? { status: 502, text: 'Bad Gateway' } : { json };
  });
  const venue = adapterOnHarness(h, { key: KEY_A, seed: 3, httpUrl: proxy.url });
  venue.start();
  const reports: ExecutionReport[] = [];
  const exec = new VenueExecutor(venue.adapter, { onExecutionReport: (r) => void reports.push(r) }, h.clock);
  try {
    await exec.start();
    const book = await h.info.l2Book({ coin: 'ETH' });
    assert.ok(book);
    const bid = Number(book.levels[0][0].px);
    exec.submit('lost-1', { symbol: 'ETH', side: 'buy', qty: 0.1, type: 'limit', price: Math.round(bid * 0.9), tif: 'GTC' });
    await exec.idle();
    const kinds = (): string[] => reports.filter((r) => 'clientId' in r && r.clientId === 'lost-1').map((r) => r.type);
    for (let i = 0; i < 100 && !kinds().includes('order.accepted'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(kinds(), ['order.unknown', 'order.accepted']);
    dropAnswers = false;
    exec.cancel('ETH', 'lost-1');
    await exec.idle();
    for (let i = 0; i < 100 && !kinds().includes('order.cancelled'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(kinds(), ['order.unknown', 'order.accepted', 'order.cancelled']);
    const st = await venue.adapter.orderStatus('lost-1');
    assert.ok(st.found && st.update.state === 'canceled');
  } finally {
    await exec.close();
    await venue.close();
    await proxy.close();
    await h.close();
  }
});
