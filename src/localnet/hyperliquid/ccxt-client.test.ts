// A second unmodified third-party client, ccxt's `hyperliquid`, against the local venue: markets, book, orders, balance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { privateKeyToAccount } from 'viem/accounts';
import { KEY_B, startHarness } from '../../testkit/localnet/test-support.js';

test('ccxt hyperliquid: loads markets, reads the book, places, lists and cancels an order, fills an IOC, sees the balance', async () => {
  const h = await startHarness();
  const wallet = privateKeyToAccount(KEY_B as `0x${string}`);
  const ex = new ccxt.hyperliquid({ walletAddress: wallet.address, privateKey: KEY_B, options: { fetchMarkets: { types: ['swap'] } } });
  ex.urls.api = { public: h.server.url, private: h.server.url };
  try {
    const markets = await ex.loadMarkets();
    const btc = markets['BTC/USDC:USDC'];
    assert.ok(btc, `markets: ${Object.keys(markets).join(', ')}`);
    assert.equal(btc.baseId, '0', 'the asset id is the universe index');

    const book = await ex.fetchOrderBook('BTC/USDC:USDC');
    assert.ok(book.bids.length > 0 && book.asks.length > 0);
    const bid = book.bids[0][0] as number;
    const ask = book.asks[0][0] as number;
    assert.ok(bid < ask);

    // A resting buy well under the market (5 significant figures, as the venue requires).
    const restPx = Number((bid * 0.95).toPrecision(5));
    const order = await ex.createOrder('BTC/USDC:USDC', 'limit', 'buy', 0.001, restPx);
    assert.ok(order.id, 'the venue returned an oid');
    const open = await ex.fetchOpenOrders('BTC/USDC:USDC');
    assert.deepEqual(open.map((o) => o.id), [order.id]);
    assert.equal(open[0].price, restPx);
    await ex.cancelOrder(order.id, 'BTC/USDC:USDC');
    assert.deepEqual(await ex.fetchOpenOrders('BTC/USDC:USDC'), []);

    // A marketable IOC (ccxt's "market" order is an IOC limit at the given price ± slippage).
    const filled = await ex.createOrder('BTC/USDC:USDC', 'market', 'buy', 0.001, ask);
    // The venue answers {"filled": {totalSz, avgPx, oid}}; ccxt reads the amount and price from it.
    assert.equal(filled.filled, 0.001);
    assert.ok((filled.average as number) >= bid && (filled.average as number) <= ask * 1.01, `avg ${filled.average}`);
    const positions = await ex.fetchPositions(['BTC/USDC:USDC']);
    assert.equal(positions.length, 1);
    assert.equal(positions[0].contracts, 0.001);
    assert.equal(positions[0].side, 'long');
    const balance = await ex.fetchBalance();
    assert.ok((balance.total as unknown as Record<string, number>).USDC > 9_000, JSON.stringify(balance.total));
  } finally {
    await ex.close();
    await h.close();
  }
});
