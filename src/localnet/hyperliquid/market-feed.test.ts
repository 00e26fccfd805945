// The simulated market: deterministic per seed, books on the price grid around the mid, candles with history.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isValidPrice, isValidQty } from '../../core/instrument.js';
import { MarketFeed } from './market-feed.js';
import { VenueIds } from './venue-ids.js';
import { defaultVenueOptions, parseSymbols } from './venue-options.js';

const START = Date.UTC(2025, 0, 1);

function run(seed: number): string[] {
  const feed = new MarketFeed(defaultVenueOptions({ seed, symbols: parseSymbols('BTC,DOGE:0:0.2,kPEPE'), historyMinutes: 60 }), START, new VenueIds(seed));
  const tape: string[] = [];
  feed.advanceTo(START + 60_000, (m, trades) => {
    for (const t of trades) tape.push(`${t.coin} ${t.side} ${t.px} ${t.sz} ${t.tid}`);
    assert.ok(m.bestBid < m.bestAsk, `${m.spec.name} book not crossed`);
    for (const l of [...m.bids, ...m.asks]) {
      assert.ok(isValidPrice(m.inst, l.px), `${m.spec.name} price ${l.px}`);
      assert.ok(isValidQty(m.inst, l.sz), `${m.spec.name} size ${l.sz}`);
    }
  });
  return tape;
}

it('the same seed gives the same tape; another seed another', () => {
  const a = run(5);
  assert.ok(a.length > 50);
  assert.deepEqual(run(5), a);
  assert.notDeepEqual(run(6), a);
});

it('history candles lead up to the start price; 1h candles aggregate the minutes', () => {
  const feed = new MarketFeed(defaultVenueOptions({ seed: 1, historyMinutes: 180 }), START, new VenueIds(1));
  const series = feed.candles.get('ETH');
  assert.ok(series !== undefined);
  const minutes = series.range('1m', START - 180 * 60_000, START);
  assert.equal(minutes.length, 180);
  assert.equal(minutes[minutes.length - 1].c, 3500);
  for (let i = 1; i < minutes.length; i++) assert.equal(minutes[i].t - minutes[i - 1].t, 60_000);
  const hours = series.range('1h', START - 3 * 3_600_000, START);
  assert.equal(hours.length, 3);
  assert.equal(hours[0].o, minutes[0].o);
  assert.equal(hours[2].c, 3500);
  assert.equal(hours[0].T - hours[0].t, 3_600_000 - 1);
});

it('a long pause resumes with a bounded number of steps', () => {
  const feed = new MarketFeed(defaultVenueOptions({ historyMinutes: 0 }), START, new VenueIds(1));
  assert.equal(feed.advanceTo(START + 10 * 86_400_000, () => {}), 1_200);
});
