// createHyperliquidTransport: one config block wires HTTP, gateway and supervisor to the same endpoints; bad keys are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../../core/errors.js';
import { createRng } from '../../../core/rng.js';
import { createHyperliquidTransport } from './index.js';
import { ManualClock } from '../../../core/manual-clock.js';
import { LocalHttpServer } from '../../../testkit/venues/hyperliquid/local-http-server.js';
import { LocalWsServer } from '../../../testkit/venues/hyperliquid/local-ws-server.js';

test('wires the local venue endpoints and speaks to both', async () => {
  const http = await LocalHttpServer.start(() => ({ json: { BTC: '1' } }));
  const ws = await LocalWsServer.start();
  const clock = new ManualClock(0);
  const t = createHyperliquidTransport({
    config: { network: 'testnet', httpUrl: http.url, wsUrl: ws.url, rateLimits: { address: { initialRequests: 5, exhaustedEveryMs: 10_000 } }, ws: { freshnessMs: { price: 1_500 } } },
    scheduler: clock,
    rng: createRng(1),
    handler: () => undefined,
    onEvent: () => undefined,
    repair: { book: () => undefined, trades: () => undefined },
  });
  try {
    assert.equal(t.endpoints.httpUrl, http.url);
    assert.deepEqual((await t.rest.info({ type: 'allMids' })).value, { BTC: '1' });
    assert.equal(t.addressBudget?.remaining('action'), 5);
    assert.equal(t.ws.config.freshnessMs.price, 1_500);
    assert.equal(t.ws.config.freshnessMs.book, 4_000);
    t.ws.start();
    await t.ws.subscribe({ type: 'allMids' });
    assert.equal(t.ws.state, 'open');
  } finally {
    await t.ws.close();
    await ws.close();
    await http.close();
  }
});

test('config errors name the key', () => {
  const base = { scheduler: new ManualClock(0), rng: createRng(1), handler: () => undefined, onEvent: () => undefined, repair: { book: () => undefined, trades: () => undefined } };
  assert.throws(() => createHyperliquidTransport({ ...base, config: { ws: { heartbeatMs: 70_000 } } }), (e: unknown) => e instanceof BadInputError && e.where === 'hyperliquid.ws.heartbeatMs');
  assert.throws(() => createHyperliquidTransport({ ...base, config: { ws: { freshnessMs: { book: 0 } } } }), /hyperliquid\.ws\.freshnessMs\.book/);
  assert.throws(() => createHyperliquidTransport({ ...base, config: { rateLimits: { ip: { burst: 10, cancelReserve: 20 } } } }), /hyperliquid\.rateLimits\.ip\.burst/);
  assert.throws(() => createHyperliquidTransport({ ...base, config: { httpUrl: 'ftp://x' } }), /hyperliquid\.httpUrl/);
});
