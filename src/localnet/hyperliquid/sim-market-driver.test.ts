// The local venue on the market simulator (`--market sim`): its books and trades are the simulator's, its asset contexts carry the simulated funding, and orders fill against them.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BOOK, TRADE, type BookData, type TradeData } from '../../market/market-events.js';
import { PERP_CTX, type PerpCtxData } from '../../market/perp-events.js';
import { MarketSim } from '../../sim/market-sim/market-sim.js';
import { simSymbols } from '../../sim/market-sim/sim-instruments.js';
import { MarketFeed } from './market-feed.js';
import { assetCtxView } from './market-views.js';
import { startHarness } from '../../testkit/localnet/test-support.js';
import { VenueIds } from './venue-ids.js';
import { defaultVenueOptions, parseSymbols } from './venue-options.js';

const START = Date.UTC(2026, 0, 1);

it('each step shows the simulator’s last book, its trades and its context', () => {
  const opts = defaultVenueOptions({ seed: 4, symbols: parseSymbols('BTC,SOL'), historyMinutes: 0, market: 'sim' });
  const feed = new MarketFeed(opts, START, new VenueIds(4));
  const reference = new MarketSim({ symbols: simSymbols('BTC,SOL'), seed: 4, start: START, stepMs: opts.stepMs });
  let trades = 0;
  for (let t = START + opts.stepMs; t <= START + 120_000; t += opts.stepMs) {
    const expected = reference.next(t);
    const seen = new Map<string, { px: number; sz: number; side: string }[]>();
    feed.advanceTo(t, (m, tape) => void seen.set(m.spec.name, tape.map((x) => ({ px: x.px, sz: x.sz, side: x.side }))));
    for (const m of feed.markets) {
      const mine = expected.filter((e) => e.symbol === m.spec.name);
      const book = mine.filter((e) => e.type === BOOK).pop();
      if (book !== undefined) {
        const b = book.data as BookData;
        assert.deepEqual(m.bids.map((l) => l.px), Array.from(b.bids).filter((_, i) => i % 2 === 0));
        assert.deepEqual(m.asks.map((l) => l.sz), Array.from(b.asks).filter((_, i) => i % 2 === 1));
        assert.ok(m.bestBid < m.bestAsk);
      }
      const tape = mine.filter((e) => e.type === TRADE).map((e) => ({ px: (e.data as TradeData).price, sz: (e.data as TradeData).size, side: (e.data as TradeData).side === 'buy' ? 'B' : 'A' }));
      assert.deepEqual(seen.get(m.spec.name), tape);
      trades += tape.length;
      const ctx = mine.filter((e) => e.type === PERP_CTX).pop();
      if (ctx !== undefined) {
        const view = assetCtxView(m, feed.dayStats(m, t));
        assert.equal(Number(view.funding), Number((ctx.data as PerpCtxData).funding.toFixed(12)));
        assert.equal(Number(view.markPx), (ctx.data as PerpCtxData).markPrice);
      }
    }
  }
  assert.ok(trades > 100);
});

it('a venue on the simulator: books on the grid, the simulated funding in asset contexts, an IOC buy fills at the ask', async () => {
  const h = await startHarness({ market: 'sim', historyMinutes: 30 });
  try {
    h.advance(5_000);
    const book = await h.info.l2Book({ coin: 'SOL' });
    assert.ok(book !== null);
    assert.equal(book.levels[0].length, 20);
    assert.ok(Number(book.levels[0][0].px) < Number(book.levels[1][0].px));
    const [, ctxs] = await h.info.metaAndAssetCtxs();
    const sol = h.venue.feed.market('SOL');
    assert.ok(sol?.simContext !== undefined);
    assert.equal(Number(ctxs[2].openInterest), Number(sol.simContext.openInterest.toFixed(2)));
    const { client } = h.exchange('0x0123456789012345678901234567890123456789012345678901234567890123');
    const ask = Number(book.levels[1][0].px);
    const res = await client.order({ orders: [{ a: 2, b: true, p: (ask * 1.01).toFixed(2), s: '0.1', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const s = res.response.data.statuses[0];
    assert.ok(typeof s === 'object' && 'filled' in s, JSON.stringify(s));
    assert.equal(Number(s.filled.avgPx), ask);
  } finally {
    await h.close();
  }
});
